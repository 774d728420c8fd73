"""Comparisons and logic: results are bool tensors, outside any graph (not differentiable)."""
from __future__ import annotations

import numpy as np

from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    broadcast_error,
    operands,
    record,
    wrap,
)


def _compare(op: str, a, b, compute):
    try:
        xa, xb, dev = operands(a, b)
    except TypeError:
        return NotImplemented
    try:
        r = compute(xa, xb)
    except ValueError:
        raise broadcast_error(xa, xb) from None
    out = wrap(r, dev)
    return record(op, (a, b), out)


def _named(op: str, run):
    run.__name__ = run.__qualname__ = op
    return run


def _comparison(op: str, compute):
    """The op `op`: `compute(x, y)` on the operands' arrays, a bool tensor outside any graph."""
    return _named(op, lambda a, b: _compare(op, a, b, compute))


def _ufunc(op: str, a, b, ufunc: str):
    """`op` computed by the device namespace's `ufunc` (logical and bitwise ops)."""

    def compute(x, y):
        dev_xp = (a if isinstance(a, Tensor) else b)._device.xp
        return getattr(dev_xp, ufunc)(x, y)

    return _compare(op, a, b, compute)


def _logical(op: str):
    """The op `op`, computed by the device namespace's function of the same name."""
    return _named(op, lambda a, b: _ufunc(op, a, b, op))


def _bitwise(op: str, ufunc: str):
    """The op `op` on integer or bool operands, by the namespace's `ufunc`; floats refused."""

    def run(a, b):
        for v in (a, b):
            if isinstance(v, Tensor) and v._data.dtype.kind == "f" or isinstance(v, float):
                raise RuntimeError(f'"{op}_cpu" not implemented for \'Float\'')
        return _ufunc(op, a, b, ufunc)

    return _named(op, run)


eq = _comparison("eq", lambda x, y: x == y)
ne = _comparison("ne", lambda x, y: x != y)
lt = _comparison("lt", lambda x, y: x < y)
le = _comparison("le", lambda x, y: x <= y)
gt = _comparison("gt", lambda x, y: x > y)
ge = _comparison("ge", lambda x, y: x >= y)

logical_and = _logical("logical_and")
logical_or = _logical("logical_or")
logical_xor = _logical("logical_xor")

bitwise_and = _bitwise("bitwise_and", "bitwise_and")
bitwise_or = _bitwise("bitwise_or", "bitwise_or")
bitwise_xor = _bitwise("bitwise_xor", "bitwise_xor")
bitwise_left_shift = _bitwise("bitwise_left_shift", "left_shift")
bitwise_right_shift = _bitwise("bitwise_right_shift", "right_shift")


def logical_not(x: Tensor):
    x = as_tensor_input(x, "logical_not")
    return wrap(x._device.xp.logical_not(x._data), x._device)


def bitwise_not(x: Tensor):
    if x._data.dtype.kind == "f":
        raise RuntimeError("\"bitwise_not_cpu\" not implemented for 'Float'")
    return wrap(x._device.xp.invert(x._data), x._device)


def isclose(a: Tensor, b: Tensor, rtol: float = 1e-05, atol: float = 1e-08,
            equal_nan: bool = False):
    xa, xb, dev = operands(a, b)
    return wrap(dev.xp.isclose(xa, xb, rtol=rtol, atol=atol, equal_nan=equal_nan), dev)


def allclose(a: Tensor, b: Tensor, rtol: float = 1e-05, atol: float = 1e-08,
             equal_nan: bool = False) -> bool:
    return bool(isclose(a, b, rtol, atol, equal_nan)._data.all())


def equal(a: Tensor, b: Tensor) -> bool:
    return a._data.shape == b._data.shape and bool((a._data == b._data).all())


def isnan(x: Tensor):
    return wrap(x._device.xp.isnan(x._data), x._device)


def isinf(x: Tensor):
    return wrap(x._device.xp.isinf(x._data), x._device)


def isfinite(x: Tensor):
    return wrap(x._device.xp.isfinite(x._data), x._device)


def nonzero(x: Tensor, *, as_tuple: bool = False):
    idx = x._device.xp.nonzero(x._data)
    if as_tuple:
        return tuple(wrap(i.astype(np.int64, copy=False), x._device) for i in idx)
    return wrap(x._device.xp.stack(idx, axis=-1).astype(np.int64, copy=False), x._device)
