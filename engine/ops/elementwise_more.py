"""More elementwise functions: tan, atan, asin, acos, sinh, cosh, log2, log10, exp2, erf, lerp.

Same pattern as engine/ops/elementwise.py: each forward, then its node right below."""
from __future__ import annotations

import math

import numpy as np

from engine.ops.dispatch import Tensor, as_tensor_input, quiet, to_floating
from engine.ops.elementwise import BinaryNode, UnaryNode, binary, unary

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _apply(op: str, x: Tensor, fn, node_cls, save: str) -> Tensor:
    x = as_tensor_input(x, op)
    with quiet():
        data = fn(x._device.xp, to_floating(x))
    return unary(op, x, data, node_cls, save)


class TanBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        return (g * (1 + r * r),)


def tan(x: Tensor) -> Tensor:
    return _apply("tan", x, lambda xp, d: xp.tan(d), TanBackward0, "result")


class AtanBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (g / (1 + x * x),)


def atan(x: Tensor) -> Tensor:
    return _apply("atan", x, lambda xp, d: xp.arctan(d), AtanBackward0, "self")


class AsinBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        with quiet():
            return (g / m.sqrt(1 - x * x),)


def asin(x: Tensor) -> Tensor:
    return _apply("asin", x, lambda xp, d: xp.arcsin(d), AsinBackward0, "self")


class AcosBackward0(AsinBackward0):
    __slots__ = ()

    def _grads(self, g, m, t):
        return (-AsinBackward0._grads(self, g, m, t)[0],)


def acos(x: Tensor) -> Tensor:
    return _apply("acos", x, lambda xp, d: xp.arccos(d), AcosBackward0, "self")


class SinhBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (g * m.cosh(x),)


def sinh(x: Tensor) -> Tensor:
    return _apply("sinh", x, lambda xp, d: xp.sinh(d), SinhBackward0, "self")


class CoshBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (g * m.sinh(x),)


def cosh(x: Tensor) -> Tensor:
    return _apply("cosh", x, lambda xp, d: xp.cosh(d), CoshBackward0, "self")


class Log2Backward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        with quiet():
            return (g / (x * _LN2),)


def log2(x: Tensor) -> Tensor:
    return _apply("log2", x, lambda xp, d: xp.log2(d), Log2Backward0, "self")


class Log10Backward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        with quiet():
            return (g / (x * _LN10),)


def log10(x: Tensor) -> Tensor:
    return _apply("log10", x, lambda xp, d: xp.log10(d), Log10Backward0, "self")


class Exp2Backward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        return (g * r * _LN2,)


def exp2(x: Tensor) -> Tensor:
    return _apply("exp2", x, lambda xp, d: xp.exp2(d), Exp2Backward0, "result")


_ERF = np.frompyfunc(math.erf, 1, 1)


def _erf_array(xp, data):
    """erf elementwise (NumPy has none; math.erf per element, exact to the last bit)."""
    if xp is np:
        return np.asarray(_ERF(data), dtype=data.dtype)
    from cupyx.scipy.special import erf as cupy_erf

    return cupy_erf(data)


class ErfBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (g * _TWO_OVER_SQRT_PI * m.exp(-(x * x)),)


def erf(x: Tensor) -> Tensor:
    return _apply("erf", x, _erf_array, ErfBackward0, "self")


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


class FracBackward0(UnaryNode):
    """frac(x) = x - trunc(x): the gradient passes unchanged."""

    __slots__ = ()

    def _grads(self, g, m, t):
        return (g,)


def frac(x: Tensor) -> Tensor:
    return _apply("frac", x, lambda xp, d: d - xp.trunc(d), FracBackward0, None)
