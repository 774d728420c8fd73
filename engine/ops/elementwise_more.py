"""More elementwise functions: tan, atan, asin, acos, sinh, cosh, log2, log10, exp2, erf, frac,
lerp.

The unary ones are entries of elementwise.py's op table (`_unary_table_op`): forward, backward
and formula text in one call each; lerp, a binary op, is its node and its forward."""
from __future__ import annotations

import math

import numpy as np

from engine.ops.dispatch import Tensor, to_floating
from engine.ops.elementwise import BinaryNode, _unary_table_op, binary

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_ERF = np.frompyfunc(math.erf, 1, 1)


def _erf_array(xp, data):
    """erf elementwise (NumPy has none; math.erf per element, exact to the last bit)."""
    if xp is np:
        return np.asarray(_ERF(data), dtype=data.dtype)
    from cupyx.scipy.special import erf as cupy_erf

    return cupy_erf(data)


def _frac(xp, x):
    data = to_floating(x)
    return data - xp.trunc(data)


# The columns of elementwise.py's _UNARY_OPS: op, node name, saved ("self", "result" or None),
# forward (xp, x), backward (g, saved value, m), formula, local derivative, quiet forward,
# quiet backward. Every forward here is quiet: NumPy warns where PyTorch gives nan or inf.
TanBackward0, tan = _unary_table_op(
    "tan", "TanBackward0", "result", lambda xp, x: xp.tan(to_floating(x)),
    lambda g, r, m: g * (1 + r * r), "y = tan(x)", "1 + tan(x)²", True, False)
AtanBackward0, atan = _unary_table_op(
    "atan", "AtanBackward0", "self", lambda xp, x: xp.arctan(to_floating(x)),
    lambda g, x, m: g / (1 + x * x), "y = atan(x)", "1 / (1 + x²)", True, False)
AsinBackward0, asin = _unary_table_op(
    "asin", "AsinBackward0", "self", lambda xp, x: xp.arcsin(to_floating(x)),
    lambda g, x, m: g / m.sqrt(1 - x * x), "y = asin(x)", "1 / sqrt(1 - x²)", True, True)
AcosBackward0, acos = _unary_table_op(
    "acos", "AcosBackward0", "self", lambda xp, x: xp.arccos(to_floating(x)),
    lambda g, x, m: -(g / m.sqrt(1 - x * x)), "y = acos(x)", "-1 / sqrt(1 - x²)", True, True)
SinhBackward0, sinh = _unary_table_op(
    "sinh", "SinhBackward0", "self", lambda xp, x: xp.sinh(to_floating(x)),
    lambda g, x, m: g * m.cosh(x), "y = sinh(x)", "cosh(x)", True, False)
CoshBackward0, cosh = _unary_table_op(
    "cosh", "CoshBackward0", "self", lambda xp, x: xp.cosh(to_floating(x)),
    lambda g, x, m: g * m.sinh(x), "y = cosh(x)", "sinh(x)", True, False)
Log2Backward0, log2 = _unary_table_op(
    "log2", "Log2Backward0", "self", lambda xp, x: xp.log2(to_floating(x)),
    lambda g, x, m: g / (x * _LN2), "y = log2(x)", "1 / (x × ln(2))", True, True)
Log10Backward0, log10 = _unary_table_op(
    "log10", "Log10Backward0", "self", lambda xp, x: xp.log10(to_floating(x)),
    lambda g, x, m: g / (x * _LN10), "y = log10(x)", "1 / (x × ln(10))", True, True)
Exp2Backward0, exp2 = _unary_table_op(
    "exp2", "Exp2Backward0", "result", lambda xp, x: xp.exp2(to_floating(x)),
    lambda g, r, m: g * r * _LN2, "y = 2^x", "2^x × ln(2)", True, False)
ErfBackward0, erf = _unary_table_op(
    "erf", "ErfBackward0", "self", lambda xp, x: _erf_array(xp, to_floating(x)),
    lambda g, x, m: g * _TWO_OVER_SQRT_PI * m.exp(-(x * x)), "y = erf(x)",
    "2 / sqrt(π) × exp(-x²)", True, False)
# frac(x) = x - trunc(x): the gradient passes unchanged.
FracBackward0, frac = _unary_table_op(
    "frac", "FracBackward0", None, _frac, lambda g, _, m: g, "y = x - trunc(x)", "1", True,
    False)


class LerpBackward0(BinaryNode):
    """start + weight (end - start) with a number weight: gradients (1 - weight) and weight."""

    __slots__ = ("_saved_weight",)

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return ()

    def _grads(self, g, m, t):
        w = self._saved_weight
        return (g * (1 - w) if self._needs(0) else None, g * w if self._needs(1) else None)


def lerp(start: Tensor, end: Tensor, weight) -> Tensor:
    """Linear interpolation from start to end by a number `weight`."""
    if isinstance(weight, Tensor):
        weight = weight.item()
    out = binary("lerp", start, end, lambda a, b: a + weight * (b - a), LerpBackward0)
    if out._grad_fn is not None:
        out._grad_fn._saved_weight = weight
    return out
