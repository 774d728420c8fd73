"""Special functions: lgamma, digamma, polygamma, erfc, erfinv, logit, sinc and xlog1py's kin,
with PyTorch's nodes. NumPy has none of them: lgamma and erfc take math's per element, digamma
and polygamma a recurrence and their asymptotic series, erfinv Newton's method on erf (all in
float64, rounded to the input's dtype). On CuPy, cupyx.scipy.special computes them."""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.graph import Node
from engine.ops.dispatch import Tensor, as_tensor_input, to_floating
from engine.ops.elementwise import _unary_table_op, unary
from engine.ops.elementwise_more import _erf_array

_ERFC = np.frompyfunc(math.erfc, 1, 1)
# B_2k / (2k)! ... the Bernoulli numbers of the asymptotic series, B_2 .. B_14
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6)
_SHIFT = 12.0  # the series is used from here on (terms below 1e-16 relative)


def _cupy_special(name: str):
    import cupyx.scipy.special

    return getattr(cupyx.scipy.special, name)


def _as_float64(data):
    return np.asarray(data, dtype=np.float64)


def _lgamma_array(xp, data):
    if xp is not np:
        return _cupy_special("gammaln")(data)
    with np.errstate(all="ignore"):
        out = np.asarray(_LGAMMA(_as_float64(data)), dtype=np.float64)
    # math.lgamma raises at the poles, which frompyfunc turns into errors: PyTorch gives inf
    return out.astype(data.dtype)


def _lgamma_safe(x: float) -> float:
    try:
        return math.lgamma(x)
    except ValueError:  # a pole: 0, -1, -2 ...
        return math.inf


_LGAMMA = np.frompyfunc(_lgamma_safe, 1, 1)


def _digamma_array(xp, data):
    """psi(x) = psi(x + k) - sum 1/(x + j), then ln x - 1/2x - sum B_2k / (2k x^2k)."""
    if xp is not np:
        return _cupy_special("digamma")(data)
    x = _as_float64(data)
    with np.errstate(all="ignore"):
        shifted, correction = x.copy(), np.zeros_like(x)
        low = shifted < _SHIFT
        while low.any():
            correction -= np.where(low, 1.0 / shifted, 0.0)
            shifted = np.where(low, shifted + 1.0, shifted)
            low = shifted < _SHIFT
        inv2 = 1.0 / (shifted * shifted)
        series = sum(b / (2 * k + 2) * inv2 ** (k + 1) for k, b in enumerate(_BERNOULLI))
        psi = np.log(shifted) - 0.5 / shifted - series + correction
        # PyTorch's values at the poles: -inf at 0 (+inf at -0.0), nan at negative integers
        psi = np.where(x == 0, np.copysign(np.inf, -np.copysign(1.0, x)), psi)
        psi = np.where((x < 0) & (x == np.floor(x)), np.nan, psi)
    return psi.astype(data.dtype)


def _polygamma_array(xp, n: int, data):
    """psi^(n)(x) = (-1)^(n+1) n! sum 1/(x + k)^(n+1): the first terms, then the series."""
    if n == 0:
        return _digamma_array(xp, data)
    if xp is not np:
        return _cupy_special("polygamma")(n, data)
    x = _as_float64(data)
    with np.errstate(all="ignore"):
        shifted, head = x.copy(), np.zeros_like(x)
        low = shifted < _SHIFT
        while low.any():
            head += np.where(low, shifted ** -(n + 1), 0.0)
            shifted = np.where(low, shifted + 1.0, shifted)
            low = shifted < _SHIFT
        tail = math.factorial(n - 1) / shifted**n + math.factorial(n) / (2 * shifted ** (n + 1))
        for k, b in enumerate(_BERNOULLI, start=1):
            tail = tail + b * math.factorial(2 * k + n - 1) / math.factorial(2 * k) \
                / shifted ** (2 * k + n)
        value = (-1) ** (n + 1) * (math.factorial(n) * head + tail)
        value = np.where((x <= 0) & (x == np.floor(x)), np.inf if n % 2 else -np.inf, value)
    return value.astype(data.dtype)


def _erfc_array(xp, data):
    if xp is not np:
        return _cupy_special("erfc")(data)
    return np.asarray(_ERFC(_as_float64(data)), dtype=np.float64).astype(data.dtype)


def _erfinv_array(xp, data):
    """Newton's method on erf from a rational first guess (three steps reach float64)."""
    if xp is not np:
        return _cupy_special("erfinv")(data)
    y = _as_float64(data)
    with np.errstate(all="ignore"):
        w = -np.log((1.0 - y) * (1.0 + y))  # -ln(1 - y²)
        t = 2 / (math.pi * 0.147) - w / 2  # (Winitzki's approximation, a = 0.147)
        guess = np.sign(y) * np.sqrt(np.sqrt(t * t + w / 0.147) - t)
        x = np.where(np.abs(y) < 1, guess, 0.0)
        for _ in range(3):
            x = x - (_erf_array(np, x) - y) / (2 / math.sqrt(math.pi) * np.exp(-x * x))
        x = np.where(y == 1, np.inf, np.where(y == -1, -np.inf, x))
        x = np.where(np.abs(y) > 1, np.nan, x)
    return x.astype(data.dtype)


def _on(m, name: str, array_function, *args):
    """`name` of the engine under create_graph (m is the engine), the array function else."""
    if m is np:
        return array_function(np, *args)
    return getattr(m, name)(*args)


LgammaBackward0, lgamma = _unary_table_op(
    "lgamma", "LgammaBackward0", "self", lambda xp, x: _lgamma_array(xp, to_floating(x)),
    lambda g, x, m: g * _on(m, "digamma", _digamma_array, x), "y = ln|Γ(x)|", "ψ(x)",
    True, False)
DigammaBackward0, digamma = _unary_table_op(
    "digamma", "DigammaBackward0", "self", lambda xp, x: _digamma_array(xp, to_floating(x)),
    lambda g, x, m: g * (_polygamma_array(np, 1, x) if m is np else m.polygamma(1, x)),
    "y = ψ(x) = Γ'(x) / Γ(x)", "ψ'(x)", True, False)
ErfcBackward0, erfc = _unary_table_op(
    "erfc", "ErfcBackward0", "self", lambda xp, x: _erfc_array(xp, to_floating(x)),
    lambda g, x, m: g * (-2 / math.sqrt(math.pi)) * m.exp(-(x * x)), "y = erfc(x)",
    "-2 / sqrt(π) × exp(-x²)", True, False)
ErfinvBackward0, erfinv = _unary_table_op(
    "erfinv", "ErfinvBackward0", "self", lambda xp, x: _erfinv_array(xp, to_floating(x)),
    lambda g, x, m: g * (math.sqrt(math.pi) / 2)
    * m.exp(_on(m, "erfinv", _erfinv_array, x) ** 2), "y = erfinv(x)",
    "sqrt(π) / 2 × exp(erfinv(x)²)", True, False)


def _sinc_array(xp, data):
    with np.errstate(all="ignore"):
        z = math.pi * data
        return xp.where(data == 0, data.dtype.type(1), xp.sin(z) / z).astype(data.dtype)


SincBackward0, sinc = _unary_table_op(
    "sinc", "SincBackward0", "self", lambda xp, x: _sinc_array(xp, to_floating(x)),
    lambda g, x, m: m.where(
        x == 0, 0.0, g * ((math.pi * x * m.cos(math.pi * x) - m.sin(math.pi * x))
                          / (math.pi * x * x))), "y = sin(πx) / (πx)",
    "(πx cos(πx) - sin(πx)) / (πx²)",
    True, True)


class PolygammaBackward0(Node):
    """d psi^(n)(x) / dx = psi^(n+1)(x)."""

    __slots__ = ("_saved_n",)
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        n = self._saved_n + 1
        return (g * (m.polygamma(n, x) if t else _polygamma_array(np, n, x)),)


def polygamma(n: int, x) -> Tensor:
    """torch.polygamma: the n-th derivative of digamma."""
    x = as_tensor_input(x, "polygamma")
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    data = _polygamma_array(x._device.xp, n, to_floating(x))

    def node(edges, saved):
        made = PolygammaBackward0(edges, saved)
        made._saved_n = n
        return made

    return unary("polygamma", x, data, node, "self")


class LogitBackward0(Node):
    """1 / (x (1 - x)); with eps, 0 outside [eps, 1 - eps] (there the input was clamped)."""

    __slots__ = ("_saved_eps",)
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        eps = self._saved_eps
        grad = g / (x * (1 - x))
        if eps is None:
            return (m.where((x < 0) | (x > 1), math.nan, grad),)
        return (m.where((x < eps) | (x > 1 - eps), 0.0, grad),)


def logit(x, eps=None) -> Tensor:
    """torch.logit: ln(x / (1 - x)), x clamped to [eps, 1 - eps] first when eps is given."""
    x = as_tensor_input(x, "logit")
    data = to_floating(x)
    if eps is not None:
        data = np.clip(data, eps, 1 - eps)
    with np.errstate(all="ignore"):
        out = np.log(data / (1 - data)).astype(data.dtype)

    def node(edges, saved):
        made = LogitBackward0(edges, saved)
        made._saved_eps = eps
        return made

    return unary("logit", x, out, node, "self")
