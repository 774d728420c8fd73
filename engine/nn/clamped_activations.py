"""Activations made of clamps and simple formulas: relu6, hardtanh, hardsigmoid, hardswish,
softsign, selu, celu, mish, glu, threshold, hardshrink, softshrink, tanhshrink (functions and
modules), each recorded as PyTorch records it."""

from __future__ import annotations

from engine.nn.activation_functions import CeluBackward0, elu_op
from engine.nn.module import Module
from engine.ops.dispatch import quiet
from engine.ops.elementwise import UnaryNode

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class HardtanhBackward0(UnaryNode):
    """Gradient 1 strictly inside (min_val, max_val), 0 elsewhere (hardtanh_backward; clamp's
    own gradient is 1 at the edges too). relu6 is hardtanh(0, 6) with this node in PyTorch."""

    __slots__ = ("_saved_max_val", "_saved_min_val")
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        inside = (x > self._saved_min_val) & (x < self._saved_max_val)
        return (m.where(inside, g, 0.0),)


class HardsigmoidBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (m.where((x > -3.0) & (x < 3.0), g * (1.0 / 6.0), 0.0),)


class HardswishBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        # (torch 2.13 CPU: 0 at -3, 1 at 3)
        return (m.where(x <= -3.0, 0.0, m.where(x < 3.0, g * (x / 3.0 + 0.5), g)),)


def _one_node(op: str, input, values, node_cls):
    """`values` (computed from input's data) as op(input), recording node_cls, which saves it."""
    from engine.ops.dispatch import as_tensor_input
    from engine.ops.elementwise import unary

    x = as_tensor_input(input, op)
    return unary(op, x, values(x._device.xp, x._data), node_cls, "self")


def hardtanh(input, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False):
    if inplace:
        return input.clamp_(min_val, max_val)
    out = _one_node("hardtanh", input, lambda xp, d: xp.clip(d, min_val, max_val).astype(d.dtype),
                    HardtanhBackward0)
    if out._grad_fn is not None:
        out._grad_fn._saved_min_val = min_val
        out._grad_fn._saved_max_val = max_val
    return out


def relu6(input, inplace: bool = False):
    return hardtanh(input, 0.0, 6.0, inplace)


def hardsigmoid(input, inplace: bool = False):
    """min(max(x + 3, 0), 6) / 6, as PyTorch's kernel computes it."""
    return _one_node("hardsigmoid", input, _hardsigmoid_values, HardsigmoidBackward0)


def _hardsigmoid_values(xp, d):
    return (xp.minimum(xp.maximum(d + 3, 0), 6) / 6).astype(d.dtype)


def hardswish(input, inplace: bool = False):
    """x * min(max(x + 3, 0), 6) / 6, as PyTorch's kernel computes it."""
    return _one_node("hardswish", input, _hardswish_values, HardswishBackward0)


def _hardswish_values(xp, d):
    return (d * xp.minimum(xp.maximum(d + 3, 0), 6) / 6).astype(d.dtype)


def softsign(input):
    return input / (1 + input.abs())


def selu(input, inplace: bool = False):
    """elu with SELU's alpha and scale: one EluBackward0, as in PyTorch."""
    return elu_op("selu", input, _SELU_ALPHA, _SELU_SCALE, 1.0)


def celu(input, alpha: float = 1.0, inplace: bool = False):
    """elu with input scale 1 / alpha, recorded as CeluBackward0."""
    return elu_op("celu", input, alpha, 1.0, 1.0 / alpha, CeluBackward0)


class MishBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        with quiet():
            sigmoid = 1.0 / (1.0 + m.exp(-x))
            tanh_softplus = m.tanh(m.log1p(m.exp(x)))
            return (g * (tanh_softplus + x * sigmoid * (1.0 - tanh_softplus * tanh_softplus)),)


def mish(input, inplace: bool = False):
    """x * tanh(log1p(exp(x))), one op (MishBackward0) as in PyTorch."""
    return _one_node("mish", input, _mish_values, MishBackward0)


def _mish_values(xp, d):
    with quiet():
        return (d * xp.tanh(xp.log1p(xp.exp(d)))).astype(d.dtype)


class GluBackward0(UnaryNode):
    """glu: a * sigmoid(b) of the two halves of self along dim."""

    __slots__ = ("_saved_dim",)
    _saved_fields = ("self",)
    _elementwise = False

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        dim = self._saved_dim
        if t:
            a, b = x.chunk(2, dim)
        else:
            a, b = m.split(x, 2, axis=dim)
        with quiet():
            sig = 1.0 / (1.0 + m.exp(-b))
        first, second = sig * g, (1.0 - sig) * sig * a * g
        return (m.cat((first, second), dim) if t else m.concatenate((first, second), dim),)


def glu(input, dim: int = -1):
    from engine.ops.dispatch import as_tensor_input
    from engine.ops.elementwise import unary

    x = as_tensor_input(input, "glu")
    if x.dim() == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    axis = dim + x.dim() if dim < 0 else dim
    size = x.shape[axis]
    if size % 2:
        raise RuntimeError(
            f"Halving dimension must be even, but dimension {axis} is size {size}"
        )
    xp = x._device.xp
    a, b = xp.split(x._data, 2, axis=axis)
    with quiet():
        values = (a * (1.0 / (1.0 + xp.exp(-b)))).astype(a.dtype)
    out = unary("glu", x, values, GluBackward0, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_dim = axis
    return out


class ThresholdBackward0(UnaryNode):
    __slots__ = ("_saved_threshold",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (m.where(x <= self._saved_threshold, 0.0, g),)


def threshold(input, threshold: float, value: float, inplace: bool = False):
    """value where x <= threshold, else x (ThresholdBackward0)."""
    out = _one_node("threshold", input,
                    lambda xp, d: xp.where(d <= threshold, value, d).astype(d.dtype),
                    ThresholdBackward0)
    if out._grad_fn is not None:
        out._grad_fn._saved_threshold = threshold
    return out


class HardshrinkBackward0(UnaryNode):
    """Gradient 0 inside [-lambd, lambd], as the output; hardshrink and softshrink both."""

    __slots__ = ("_saved_lambd",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        lambd = self._saved_lambd
        return (m.where((x >= -lambd) & (x <= lambd), 0.0, g),)


class SoftshrinkBackward0(HardshrinkBackward0):
    __slots__ = ()


def _shrink(op: str, input, lambd: float, values, node_cls):
    out = _one_node(op, input, values, node_cls)
    if out._grad_fn is not None:
        out._grad_fn._saved_lambd = lambd
    return out


def hardshrink(input, lambd: float = 0.5):
    """0 inside [-lambd, lambd], x outside."""
    return _shrink("hardshrink", input, lambd,
                   lambda xp, d: xp.where((d >= -lambd) & (d <= lambd), 0, d).astype(d.dtype),
                   HardshrinkBackward0)


def softshrink(input, lambd: float = 0.5):
    """x - lambd above lambd, x + lambd below -lambd, 0 between."""
    if lambd < 0:
        raise RuntimeError(
            f"lambda must be greater or equal to 0, but found to be {float(lambd)}."
        )

    def values(xp, d):
        return xp.where(d > lambd, d - lambd, xp.where(d < -lambd, d + lambd, 0)).astype(d.dtype)

    return _shrink("softshrink", input, lambd, values, SoftshrinkBackward0)


def tanhshrink(input):
    """x - tanh(x), composed as in PyTorch (SubBackward0, TanhBackward0)."""
    return input - input.tanh()


class _Elementwise(Module):
    _fn = staticmethod(relu6)

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return type(self)._fn(input)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class ReLU6(_Elementwise):
    _fn = staticmethod(relu6)


class Hardsigmoid(_Elementwise):
    _fn = staticmethod(hardsigmoid)


class Hardswish(_Elementwise):
    _fn = staticmethod(hardswish)


class SELU(_Elementwise):
    _fn = staticmethod(selu)


class Mish(_Elementwise):
    _fn = staticmethod(mish)


class Softsign(Module):
    def forward(self, input):
        return softsign(input)


class Hardtanh(Module):
    def __init__(self, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.min_val = min_val
        self.max_val = max_val
        self.inplace = inplace

    def forward(self, input):
        return hardtanh(input, self.min_val, self.max_val)

    def extra_repr(self) -> str:
        return f"min_val={self.min_val}, max_val={self.max_val}"


class CELU(Module):
    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, input):
        return celu(input, self.alpha)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}"


class GLU(Module):
    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Threshold(Module):
    def __init__(self, threshold: float, value: float, inplace: bool = False) -> None:
        super().__init__()
        self.threshold = threshold
        self.value = value

    def forward(self, input):
        return threshold(input, self.threshold, self.value)

    def extra_repr(self) -> str:
        return f"threshold={self.threshold}, value={self.value}"



class _Shrink(Module):
    _fn = staticmethod(hardshrink)

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, input):
        return type(self)._fn(input, self.lambd)

    def extra_repr(self) -> str:
        return str(self.lambd)


class Hardshrink(_Shrink):
    _fn = staticmethod(hardshrink)


class Softshrink(_Shrink):
    _fn = staticmethod(softshrink)


class Tanhshrink(Module):
    def forward(self, input):
        return tanhshrink(input)
