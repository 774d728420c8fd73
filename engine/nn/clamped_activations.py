"""Activations made of clamps and simple formulas: relu6, hardtanh, hardsigmoid, hardswish,
softsign, selu, celu, mish, glu, threshold (functions and modules)."""

from __future__ import annotations

from engine.nn.module import Module
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
    import engine

    return _SELU_SCALE * engine.where(input > 0, input, _SELU_ALPHA * input.expm1())


def celu(input, alpha: float = 1.0, inplace: bool = False):
    import engine

    return engine.where(input > 0, input, alpha * (input / alpha).expm1())


def mish(input, inplace: bool = False):
    import engine

    return input * engine.nn.functional.softplus(input).tanh()


def glu(input, dim: int = -1):
    a, b = input.chunk(2, dim)
    return a * b.sigmoid()


def threshold(input, threshold: float, value: float, inplace: bool = False):
    import engine

    return engine.where(input > threshold, input, engine.full_like(input, value))


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

