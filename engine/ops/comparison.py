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


def eq(a, b):
    return _compare("eq", a, b, lambda x, y: x == y)


def ne(a, b):
    return _compare("ne", a, b, lambda x, y: x != y)


def lt(a, b):
    return _compare("lt", a, b, lambda x, y: x < y)


def le(a, b):
    return _compare("le", a, b, lambda x, y: x <= y)


def gt(a, b):
    return _compare("gt", a, b, lambda x, y: x > y)


def ge(a, b):
    return _compare("ge", a, b, lambda x, y: x >= y)


def _logical(op: str, a, b, ufunc: str):
    """A comparison computed by the device namespace's `ufunc` (logical and bitwise ops)."""

    def compute(x, y):
        dev_xp = (a if isinstance(a, Tensor) else b)._device.xp
        return getattr(dev_xp, ufunc)(x, y)

    return _compare(op, a, b, compute)


def logical_and(a, b):
    return _logical("logical_and", a, b, "logical_and")


def logical_or(a, b):
    return _logical("logical_or", a, b, "logical_or")


def logical_xor(a, b):
    return _logical("logical_xor", a, b, "logical_xor")


def logical_not(x: Tensor):
    x = as_tensor_input(x, "logical_not")
    return wrap(x._device.xp.logical_not(x._data), x._device)


def _bitwise(op: str, a, b, ufunc: str):
    for v in (a, b):
        if isinstance(v, Tensor) and v._data.dtype.kind == "f" or isinstance(v, float):
            raise RuntimeError(f'"{op}_cpu" not implemented for \'Float\'')
    return _logical(op, a, b, ufunc)


def bitwise_and(a, b):
    return _bitwise("bitwise_and", a, b, "bitwise_and")


def bitwise_or(a, b):
    return _bitwise("bitwise_or", a, b, "bitwise_or")


def bitwise_xor(a, b):
    return _bitwise("bitwise_xor", a, b, "bitwise_xor")


def bitwise_left_shift(a, b):
    return _bitwise("bitwise_left_shift", a, b, "left_shift")


def bitwise_right_shift(a, b):
    return _bitwise("bitwise_right_shift", a, b, "right_shift")


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
