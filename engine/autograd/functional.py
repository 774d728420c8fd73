"""`engine.autograd.functional`: jacobian, hessian, vjp, jvp, vhp, hvp of Python functions.

Built on autograd.grad like PyTorch's (reverse mode, one output element at a time); results
are detached unless create_graph=True. Inputs and outputs may be a Tensor or a tuple of them,
and results follow the same structure.
"""
from __future__ import annotations

from engine.autograd import grad as _grad
from engine.autograd.grad_mode import enable_grad
from engine.tensor import Tensor

__all__ = ["hessian", "hvp", "jacobian", "jvp", "vhp", "vjp"]


def _as_tuple(value, what: str, fn: str) -> tuple[bool, tuple]:
    is_tuple = isinstance(value, (tuple, list))
    items = tuple(value) if is_tuple else (value,)
    for i, t in enumerate(items):
        if not isinstance(t, Tensor):
            kind = f"The {what} given to {fn} must be either a Tensor or a tuple of Tensors but"
            raise TypeError(f"{kind} the value at index {i} has type {type(t)}.")
    return is_tuple, items


def _prepare(inputs: tuple, create_graph: bool) -> tuple:
    """Fresh leaves that require grad (kept connected to the caller's graph for create_graph)."""
    out = []
    for t in inputs:
        if create_graph and t.requires_grad:
            out.append(t.view_as(t))
        else:
            out.append(t.detach().requires_grad_(True))
    return tuple(out)


def _finish(values, create_graph: bool):
    if isinstance(values, tuple):
        return tuple(_finish(v, create_graph) for v in values)
    if values is None or create_graph:
        return values
    return values.detach()


def _grads(outputs: tuple, inputs: tuple, grad_outputs, create_graph: bool) -> tuple:
    """grad of sum(outputs * grad_outputs) w.r.t. inputs; zeros for unused inputs."""
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o.requires_grad]
    if not pairs:
        return tuple(t.new_zeros(t.shape) for t in inputs)
    found = _grad(
        [o for o, _ in pairs], inputs, [g for _, g in pairs],
        retain_graph=True, create_graph=create_graph, allow_unused=True,
    )
    return tuple(t.new_zeros(t.shape) if g is None else g for g, t in zip(found, inputs))


def _call(func, inputs: tuple, fn: str) -> tuple[bool, tuple]:
    with enable_grad():
        result = func(*inputs)
    return _as_tuple(result, "outputs of the user-provided function", fn)


def _vector(v, tensors: tuple, fn: str, which: str) -> tuple:
    """`v` as a tuple; left out, ones, which only a single one-element tensor allows (`which`
    says whose: the function's output or its input, in PyTorch's words)."""
    if v is not None:
        return _as_tuple(v, "v", fn)[1]
    if len(tensors) != 1 or tensors[0].numel() != 1:
        raise RuntimeError(
            f"The vector v can only be None if {which} a single Tensor with a single element."
        )
    return (tensors[0].new_ones(tensors[0].shape),)


_INPUT = "the input to the user-provided function is"


def vjp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), v^T J): the vector-Jacobian product."""
    in_tuple, ins = _as_tuple(inputs, "inputs", "vjp")
    ins = _prepare(ins, create_graph)
    out_tuple, outs = _call(func, ins, "vjp")
    vs = _vector(v, outs, "vjp", "the user-provided function returns")
    result = _grads(outs, ins, vs, create_graph)
    out = outs if out_tuple else outs[0]
    return _finish(out, create_graph), _finish(result if in_tuple else result[0], create_graph)


def jvp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), J v): the Jacobian-vector product (by the double-backward trick)."""
    _, ins = _as_tuple(inputs, "inputs", "jvp")
    ins = _prepare(ins, create_graph)
    vs = _vector(v, ins, "jvp", _INPUT)
    out_tuple, outs = _call(func, ins, "jvp")
    with enable_grad():
        dummies = tuple(o.new_zeros(o.shape).requires_grad_(True) for o in outs)
        backward = _grads(outs, ins, dummies, True)
        result = _grads(backward, dummies, vs, create_graph)
    out = outs if out_tuple else outs[0]
    return _finish(out, create_graph), _finish(result if out_tuple else result[0], create_graph)


def jacobian(func, inputs, create_graph: bool = False, strict: bool = False,
             vectorize: bool = False, strategy: str = "reverse-mode"):
    """d func(inputs) / d inputs, shaped output.shape + input.shape (per output and input)."""
    in_tuple, ins = _as_tuple(inputs, "inputs", "jacobian")
    ins = _prepare(ins, create_graph)
    out_tuple, outs = _call(func, ins, "jacobian")
    per_output = []
    for out in outs:
        flat = out.reshape(-1)
        rows = [[] for _ in ins]
        for j in range(flat.numel()):
            if out.requires_grad:
                found = _grad(flat[j], ins, retain_graph=True, create_graph=create_graph,
                              allow_unused=True)
            else:
                found = (None,) * len(ins)
            for k, (g, t) in enumerate(zip(found, ins)):
                rows[k].append(t.new_zeros(t.shape) if g is None else g)
        blocks = []
        for k, t in enumerate(ins):
            if rows[k]:
                from engine.ops.shape import stack

                block = stack(rows[k]).reshape(tuple(out.shape) + tuple(t.shape))
            else:
                block = t.new_zeros(tuple(out.shape) + tuple(t.shape))
            blocks.append(_finish(block, create_graph))
        per_output.append(tuple(blocks) if in_tuple else blocks[0])
    return tuple(per_output) if out_tuple else per_output[0]


def _scalar_function(func, fn: str, squeeze: bool = True):
    """func, checked to return one single-element Tensor; squeezed as hessian's (vhp and hvp
    return it as it is)."""

    def wrapped(*inputs):
        out_tuple, outs = _call(func, inputs, fn)
        if out_tuple or len(outs) != 1:
            raise RuntimeError(f"The function given to {fn} should return a single Tensor")
        if outs[0].numel() != 1:
            raise RuntimeError(
                f"The Tensor returned by the function given to {fn} should contain a single "
                "element"
            )
        return outs[0].squeeze() if squeeze else outs[0]

    return wrapped


def hessian(func, inputs, create_graph: bool = False, strict: bool = False,
            vectorize: bool = False, outer_jacobian_strategy: str = "reverse-mode"):
    """The matrix of second derivatives of a scalar function (blocks for tuple inputs)."""
    scalar = _scalar_function(func, "hessian")
    in_tuple, _ = _as_tuple(inputs, "inputs", "hessian")

    def gradient(*inp):
        result = jacobian(scalar, inp, create_graph=True)
        return result if in_tuple else (result[0] if isinstance(result, tuple) else result)

    return jacobian(gradient, inputs, create_graph=create_graph)


def vhp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), v^T H) for a scalar function."""
    return _vhp(func, inputs, v, create_graph, "vhp")


def _vhp(func, inputs, v, create_graph: bool, fn: str):
    in_tuple, ins = _as_tuple(inputs, "inputs", fn)
    ins = _prepare(ins, create_graph)
    vs = _vector(v, ins, fn, _INPUT)
    value = _scalar_function(func, fn, squeeze=False)(*ins)
    with enable_grad():
        first = _grads((value,), ins, (value.new_ones(value.shape),), True)
        result = _grads(first, ins, vs, create_graph)
    return _finish(value, create_graph), _finish(result if in_tuple else result[0], create_graph)


def hvp(func, inputs, v=None, create_graph: bool = False, strict: bool = False):
    """(func(inputs), H v) for a scalar function (H is symmetric, so this is v^T H)."""
    return _vhp(func, inputs, v, create_graph, "hvp")
