"""What every op does around its arithmetic: type promotion, devices, graph recording, events.

Kept small and flat on purpose: this code runs once per op, so each line is per-op overhead.
An op ends with `record(op, inputs, out, node)` (engine.autograd.graph): the one place its
output gets its backward node and the observer its event.
"""
from __future__ import annotations

import warnings

import numpy as np

from engine import dtypes
from engine.autograd.grad_mode import records
from engine.autograd.grad_mode import state as grad_state
from engine.autograd.graph import NO_EDGE, edge, record
from engine.broadcast import broadcast_shapes
from engine.observer import _listeners
from engine.tensor import Tensor, _wrap_dim, bump_version

# PyTorch returns inf/nan without a word on overflow, 0/0 or log(0); NumPy warns. Its
# floating-point warnings raised from engine code (and only those) are ignored, at no cost per op.
warnings.filterwarnings(
    "ignore",
    message=r"(overflow|invalid value|divide by zero|underflow) encountered",
    category=RuntimeWarning,
    module=r"engine(\.|$)",
)

wrap = Tensor._wrap
_FLOAT_KINDS = "fc"
__all__ = [
    "NO_EDGE",
    "Tensor",
    "_listeners",
    "as_tensor_input",
    "attach",
    "edge",
    "emit",
    "grad_state",
    "operands",
    "quiet",
    "record",
    "records",
    "scalar",
    "to_floating",
    "wrap",
    "wrap_dim",
]

wrap_dim = _wrap_dim


def quiet():
    """NumPy warns where PyTorch silently returns inf/nan (log(0), 0/0 ...)."""
    return np.errstate(all="ignore")


def scalar(value):
    """A Python scalar operand (NumPy scalars become Python ones); TypeError otherwise."""
    tp = type(value)
    if tp is float or tp is int or tp is bool:
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (int, float)):
        return value
    raise TypeError(f"unsupported operand type for a tensor operation: '{tp.__name__}'")


def operands(a, b):
    """(array_a, array_b, device): PyTorch's result dtype applied; scalars stay Python scalars."""
    if isinstance(a, Tensor):
        xa = a._data
        if isinstance(b, Tensor):
            xb = b._data
            dev = a._device
            if xa.dtype is not xb.dtype:
                dt = dtypes.result_type(a, b).np
                if xa.dtype is not dt:
                    xa = xa.astype(dt)
                if xb.dtype is not dt:
                    xb = xb.astype(dt)
            if dev is not b._device:
                dev = _common_device(a, b)
            return xa, xb, dev
        if type(b) is float and xa.dtype.kind == "f":  # the most common case: no cast at all
            return xa, b, a._device
        xb = scalar(b)
        return _scalar_cast(xa, xb), xb, a._device
    xb = b._data
    if type(a) is float and xb.dtype.kind == "f":
        return a, xb, b._device
    xa = scalar(a)
    return xa, _scalar_cast(xb, xa), b._device


def _scalar_cast(arr, value):
    # NumPy 2 already keeps a Python scalar "weak"; only a category change needs a cast.
    kind = arr.dtype.kind
    if type(value) is float and kind not in _FLOAT_KINDS:
        return arr.astype(dtypes._default_float[0].np)
    if type(value) is int and kind == "b":
        return arr.astype(np.int64)
    return arr


def _common_device(a: Tensor, b: Tensor):
    # A 0-dim CPU tensor may join a tensor on another device, as in PyTorch.
    if a._device == b._device:
        return a._device
    if not b._data.ndim and b._device.type == "cpu":
        return a._device
    if not a._data.ndim and a._device.type == "cpu":
        return b._device
    raise RuntimeError(
        "Expected all tensors to be on the same device, but found at least two devices, "
        f"{a._device} and {b._device}!"
    )


def broadcast_error(xa, xb) -> RuntimeError:
    """PyTorch's message for operands whose shapes do not broadcast."""
    try:
        broadcast_shapes(tuple(np.shape(xa)), tuple(np.shape(xb)))
    except RuntimeError as exc:
        return exc
    return RuntimeError("operands could not be broadcast together")


def to_floating(x: Tensor):
    """The data of `x`, cast to the default float dtype if it is an integer or bool tensor."""
    data = x._data
    if data.dtype.kind in _FLOAT_KINDS:
        return data
    return data.astype(dtypes._default_float[0].np)


def as_tensor_input(x, fn: str) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(f"{fn}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(x).__name__}")
    return x


def attach(out: Tensor, node) -> Tensor:
    """record() without an event: a node for a tensor whose op has reported itself already."""
    return record(None, (), out, node)


def emit(op: str, inputs: tuple, out):
    """record() without a node (the name the ops in engine/nn use)."""
    return record(op, inputs, out)


def write_out(op: str, result: Tensor, out: Tensor, inputs: tuple) -> Tensor:
    """`torch.op(..., out=t)`: the result written into `t` (resized if needed), as PyTorch does."""
    from engine.ops.inplace import _check_cast

    if not isinstance(out, Tensor):
        raise TypeError(f"{op}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if grad_state.enabled and (
        out._requires_grad or any(isinstance(v, Tensor) and v._requires_grad for v in inputs)
    ):
        raise RuntimeError(
            f"{op}(): functions with out=... arguments don't support automatic differentiation, "
            "but one of the arguments requires grad."
        )
    _check_cast(result.dtype, out.dtype)
    if out._data.shape == result._data.shape:
        out._data[...] = result._data
    else:
        if out._data.size:
            warnings.warn(
                "An output with one or more elements was resized since it had shape "
                f"{list(out._data.shape)}, which does not match the required output shape "
                f"{list(result._data.shape)}. This behavior is deprecated, and in a future PyTorch "
                "release outputs will not be resized unless they have zero elements. You can "
                "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
                "t.resize_(0). (Triggered internally at "
                "/__w/pytorch/pytorch/aten/src/ATen/native/Resize.cpp:30.)",
                UserWarning,
                stacklevel=3,
            )
        out._data = result._data.astype(out._data.dtype)
    bump_version(out)
    return out
