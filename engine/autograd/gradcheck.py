"""`gradcheck` / `gradgradcheck`: compare autograd's Jacobians with central differences.

As PyTorch's (slow mode): for every input that requires grad and every output, the numerical
Jacobian (input elements x output elements) from perturbing each input element by +-eps must
match the analytical one from backward, within atol + rtol * |numerical|.
"""
from __future__ import annotations

import warnings

import numpy as np

from engine.autograd import grad as _grad
from engine.autograd.grad_mode import enable_grad
from engine.tensor import Tensor

__all__ = ["GradcheckError", "gradcheck", "gradgradcheck", "numerical_gradient"]


class GradcheckError(RuntimeError):
    """Raised by gradcheck when an analytical and a numerical Jacobian differ."""


def _tuple(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def _outputs(func, inputs: tuple) -> tuple:
    return tuple(o for o in _tuple(func(*inputs)) if isinstance(o, Tensor))


def _central_differences(output, x: Tensor, elements, eps: float) -> np.ndarray:
    """Rows (one per flat element of `x` in `elements`) of (output(x + eps) - output(x - eps))
    / 2eps, float64: `x`'s storage is nudged in place and restored; `output()` reads it."""
    with enable_grad():
        n_out = output().numel()
    flat = x.detach()._data.reshape(-1)
    rows = np.zeros((len(elements), n_out))
    for row, i in enumerate(elements):
        original = flat[i].item()
        values = []
        for delta in (eps, -eps):
            flat[i] = original + delta
            with enable_grad():  # output may itself differentiate (gradgradcheck)
                values.append(output().detach()._host().astype(np.float64))
        flat[i] = original
        rows[row] = ((values[0] - values[1]) / (2 * eps)).reshape(-1)
    return rows


def _numerical(func, inputs: tuple, k: int, out_index: int, eps: float) -> np.ndarray:
    return _central_differences(lambda: _outputs(func, inputs)[out_index], inputs[k],
                                range(inputs[k].numel()), eps)


def numerical_gradient(func, inputs, k: int = 0, *, eps: float = 1e-6,
                       elements=None) -> np.ndarray:
    """The central-difference gradient of the scalar func(*inputs) with respect to inputs[k],
    float64 and flat, at the flat indices `elements` (all by default): the numbers gradcheck
    compares autograd's gradient with."""
    inputs = _tuple(inputs)
    x = inputs[k]
    elements = range(x.numel()) if elements is None else list(elements)
    return _central_differences(lambda: _outputs(func, inputs)[0], x, elements, eps)[:, 0]


def _analytical(func, inputs: tuple, k: int, out_index: int) -> np.ndarray:
    with enable_grad():
        out = _outputs(func, inputs)[out_index]
    x = inputs[k]
    jac = np.zeros((x.numel(), out.numel()))
    if not out.requires_grad:
        return jac
    flat = out.reshape(-1)
    for j in range(out.numel()):
        (g,) = _grad(flat[j], x, retain_graph=True, allow_unused=True)
        if g is not None:
            jac[:, j] = g.detach()._host().astype(np.float64).reshape(-1)
    return jac


def _as_tensor(array: np.ndarray, like: Tensor) -> Tensor:
    from engine import factories

    return factories.tensor(array, dtype=like.dtype)


def gradcheck(func, inputs, *, eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
              raise_exception: bool = True, nondet_tol: float = 0.0,
              check_undefined_grad: bool = True, check_grad_dtypes: bool = False,
              check_batched_grad: bool = False, check_batched_forward_grad: bool = False,
              check_forward_ad: bool = False, check_backward_ad: bool = True,
              fast_mode: bool = False, masked: bool | None = None) -> bool:
    """True when every analytical Jacobian matches its finite-difference estimate."""
    inputs = _tuple(inputs)
    for i, x in enumerate(inputs):
        if isinstance(x, Tensor) and x.requires_grad and x.dtype.name != "float64":
            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ",
                UserWarning,
                stacklevel=2,
            )
    checked = [k for k, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not checked:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of the "
            "them have requires_grad=True."
        )
    with enable_grad():
        count = len(_outputs(func, inputs))
    for out_index in range(count):
        for k in checked:
            numerical = _numerical(func, inputs, k, out_index, eps)
            analytical = _analytical(func, inputs, k, out_index)
            if not np.all(np.abs(analytical - numerical) <= atol + rtol * np.abs(numerical)):
                if not raise_exception:
                    return False
                like = inputs[k]
                raise GradcheckError(
                    f"Jacobian mismatch for output {out_index} with respect to input {k},\n"
                    f"numerical:{_as_tensor(numerical, like)!r}\n"
                    f"analytical:{_as_tensor(analytical, like)!r}\n"
                )
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps: float = 1e-6, atol: float = 1e-5,
                  rtol: float = 1e-3, gen_non_contig_grad_outputs: bool = False,
                  raise_exception: bool = True, **kwargs) -> bool:
    """gradcheck of the first derivatives: checks the second derivatives of func."""
    from engine import factories

    inputs = _tuple(inputs)
    with enable_grad():
        outputs = _outputs(func, inputs)
    if grad_outputs is None:
        grad_outputs = tuple(
            factories.randn(tuple(o.shape), dtype=o.dtype).requires_grad_() for o in outputs
        )
    grad_outputs = _tuple(grad_outputs)
    n = len(inputs)
    differentiable = [k for k, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]

    def first_derivatives(*args):
        ins, gos = args[:n], args[n:]
        outs = _outputs(func, ins)
        return _grad(outs, [ins[k] for k in differentiable], gos, create_graph=True,
                     allow_unused=True)

    return gradcheck(first_derivatives, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)
