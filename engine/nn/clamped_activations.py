"""Activations made of clamps and simple formulas: relu6, hardtanh, hardsigmoid, hardswish,
softsign, selu, celu, mish, glu, threshold (functions and modules)."""

from __future__ import annotations

from engine.nn.module import Module

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _clamp_flat_at_edges(input, low: float, high: float):
    """input clamped to [low, high], with gradient 1 strictly inside only (hardtanh_backward's
    rule; clamp's own gradient is 1 at the edges too)."""
    import engine

    inside = (input > low).logical_and(input < high)
    return engine.where(inside, input, input.clamp(low, high).detach())


def hardtanh(input, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False):
    if inplace:
        return input.clamp_(min_val, max_val)
    return _clamp_flat_at_edges(input, min_val, max_val)


def relu6(input, inplace: bool = False):
    return hardtanh(input, 0.0, 6.0, inplace)


def hardsigmoid(input, inplace: bool = False):
    return _clamp_flat_at_edges(input / 6 + 0.5, 0.0, 1.0)


def hardswish(input, inplace: bool = False):
    """0 up to -3, x (x + 3) / 6 below 3, x from there (PyTorch's pieces, edges included)."""
    import engine

    return engine.where(input <= -3, input * 0,
                        engine.where(input < 3, input * (input + 3) / 6, input))


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

