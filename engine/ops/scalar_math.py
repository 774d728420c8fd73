"""Arithmetic on 0-dim float arrays done with Python floats: the same bits, a fraction of the time.

A NumPy ufunc on a 0-dim array costs about as much as on a thousand elements; an optimizer
step on scalar parameters (`p -= lr * p.grad`) is nothing but such calls. For +, - and * the
result is identical: two float32 operands are exact in a double, and rounding their sum or
product to double and then to float32 equals rounding it to float32 once (double rounding is
innocuous when the wider format has at least 2p + 2 bits: 53 >= 2 * 24 + 2). float64 is
Python's own float. Division is left to NumPy (a zero divisor raises in Python).
"""
from __future__ import annotations

import numpy as np

_ndarray = np.ndarray
_F32 = np.dtype(np.float32)
_F64 = np.dtype(np.float64)
_float32 = np.float32
_array = np.array


def applies(xa, xb) -> bool:
    """Whether `xa op xb` may go through scalar_result: a 0-dim float32/float64 NumPy array,
    with a 0-dim array of the same dtype or a Python float. The callers on the hot path
    (binary ops, `x -= t`) test this inline and scalar_result checks the dtypes again."""
    return (
        xa.__class__ is _ndarray and not xa.ndim
        and (xa.dtype is _F32 or xa.dtype is _F64)
        and (xb.__class__ is float
             or (xb.__class__ is _ndarray and not xb.ndim and xb.dtype is xa.dtype))
    )


_as_float32: dict[float, float] = {}  # the same few numbers (a learning rate) come back every step


def scalar_result(op, xa, xb):
    """`op(xa, xb)` (operator.add, sub or mul) as a new 0-dim array of xa's dtype, or None
    where `applies` does not hold. (float(a): a 0-dim array's value, in half .item()'s time)"""
    dt = xa.dtype
    if (dt is not _F32 and dt is not _F64) or (xb.__class__ is not float and xb.dtype is not dt):
        return None
    if xb.__class__ is not float:
        yb = float(xb)
    elif dt is _F32 and xb:  # (0.0 == -0.0 as a dict key; both are float32 already)
        # NumPy (NEP 50) and PyTorch both take a Python number at the tensor's precision
        yb = _as_float32.get(xb)
        if yb is None:
            if len(_as_float32) > 64:
                _as_float32.clear()
            yb = _as_float32[xb] = float(_float32(xb))
    else:
        yb = xb
    return _array(op(float(xa), yb), dt)
