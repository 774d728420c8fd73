"""More elementwise functions: tan, atan, asin, acos, sinh, cosh, log2, log10, exp2, erf, frac,
lerp.

The unary ones are entries of elementwise.py's op table (`_unary_table_op`): forward, backward
and formula text in one call each; lerp, a binary op, is its node and its forward."""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.graph import NO_EDGE, Node
from engine.broadcast import broadcast_shapes, sum_to
from engine.ops.dispatch import Tensor, attach, edge, record, records, to_floating, wrap
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


class LerpBackward1(Node):
    """start + weight (end - start) with a tensor weight: (1 - weight), weight, end - start."""

    __slots__ = ("_shapes",)
    _saved_fields = ("end", "self", "weight")

    def _apply(self, g, m, t):
        end, start, weight = self._unpack(t)
        shape_start, shape_end, shape_weight = self._shapes
        return (sum_to(g * (1 - weight), shape_start) if self._needs(0) else None,
                sum_to(g * weight, shape_end) if self._needs(1) else None,
                sum_to(g * (end - start), shape_weight) if self._needs(2) else None)


def _lerp(a, b, w, xp):
    """PyTorch's kernel: from the nearer end, so a weight of 1 gives `end` exactly."""
    return xp.where(xp.abs(w) < 0.5, a + w * (b - a), b - (b - a) * (1 - w))


def lerp(start: Tensor, end: Tensor, weight) -> Tensor:
    """Linear interpolation from start to end by `weight`, a number or a tensor."""
    if isinstance(weight, Tensor):
        xp = start._device.xp
        shape = broadcast_shapes(start._data.shape, end._data.shape, weight._data.shape)
        out = wrap(_lerp(start._data, end._data, weight._data, xp).astype(start._data.dtype)
                   .reshape(shape), start._device)
        if records(start, end, weight):
            node = LerpBackward1(tuple(edge(v) if v._requires_grad else NO_EDGE
                                       for v in (start, end, weight)), (end, start, weight))
            node._shapes = (start._data.shape, end._data.shape, weight._data.shape)
            attach(out, node)
        return record("lerp", (start, end, weight), out)
    out = binary("lerp", start, end, lambda a, b: a + weight * (b - a), LerpBackward0)
    if out._grad_fn is not None:
        out._grad_fn._saved_weight = weight
    return out


# --------------------------------------------------------------------------- fmax, fmin
class FmaxBackward0(BinaryNode):
    """The input chosen takes the gradient: the larger (fmin: smaller), the number over a NaN."""

    __slots__ = ()
    _saved_fields = ("other", "self")
    _larger = True

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b, a)

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        takes = ((this >= other) if self._larger else (this <= other)) | m.isnan(other)
        return m.where(takes, g, 0.0), m.where(takes, 0.0, g)


class FminBackward0(FmaxBackward0):
    __slots__ = ()
    _larger = False


def fmax(a: Tensor, b: Tensor) -> Tensor:
    """The elementwise maximum, a number winning over a NaN."""
    return binary("fmax", a, b, a._device.xp.fmax, FmaxBackward0)


def fmin(a: Tensor, b: Tensor) -> Tensor:
    """The elementwise minimum, a number winning over a NaN."""
    return binary("fmin", a, b, a._device.xp.fmin, FminBackward0)


def heaviside(x: Tensor, values: Tensor) -> Tensor:
    """0 below zero, 1 above, `values` at zero; no derivative (PyTorch's NotImplemented node)."""
    from engine.ops.elementwise import _not_differentiable

    if x._data.dtype != values._data.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes.")
    out = wrap(x._device.xp.heaviside(x._data, values._data), x._device)
    record("heaviside", (x, values), out)
    return _not_differentiable("heaviside", (x, values), out)
