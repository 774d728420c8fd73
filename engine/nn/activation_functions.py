"""More activations, each one op with PyTorch's node: leaky_relu, rrelu, elu, silu, gelu, softplus,
logsigmoid, prelu (its slope learned: a second input). Backward formulas use
arithmetic and engine functions, so they also run on Tensors for create_graph."""
from __future__ import annotations

import math

import numpy as np

from engine.ops.dispatch import Tensor, as_tensor_input, quiet, to_floating
from engine.ops.elementwise import BinaryNode, UnaryNode, _rounded, binary, unary
from engine.ops.elementwise_more import _erf_array

_INV_SQRT2 = 1 / math.sqrt(2.0)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)


def _sigmoid(m, x):
    return 1 / (1 + m.exp(-x))


class LeakyReluBackward0(UnaryNode):
    __slots__ = ("_saved_negative_slope",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (m.where(x > 0, g, g * self._saved_negative_slope),)


def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    x = as_tensor_input(input, "leaky_relu")
    data = to_floating(x)
    xp = x._device.xp
    out = unary("leaky_relu", x, xp.where(data > 0, data, data * negative_slope),
                LeakyReluBackward0, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_negative_slope = negative_slope
    return out


class RreluWithNoiseBackward0(UnaryNode):
    """rrelu: the gradient times each element's drawn slope (training), or leaky_relu's with
    the mean slope (lower + upper) / 2."""

    __slots__ = ("_lower", "_noise", "_training", "_upper")
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        lower, upper = self._lower, self._upper
        if self._training and upper - lower > 1e-6:
            noise = self._noise if not t else as_tensor_input(self._noise, "rrelu")
            return (g * noise,)
        return (m.where(x > 0, g, g * ((lower + upper) / 2)),)

    @property
    def _saved_lower(self):
        return self._lower

    @property
    def _saved_upper(self):
        return self._upper

    @property
    def _saved_training(self):
        return self._training

    @property
    def _saved_noise(self):
        return as_tensor_input(self._noise, "rrelu")


def rrelu(input: Tensor, lower: float = 1.0 / 8, upper: float = 1.0 / 3, training: bool = False,
          inplace: bool = False) -> Tensor:
    """x where x > 0; x times a slope drawn from U(lower, upper) for each other element
    (training: one draw each, in order, as PyTorch's CPU kernel draws them, so a seed gives
    PyTorch's slopes), or the mean slope (lower + upper) / 2."""
    from engine import generator

    x = as_tensor_input(input, "rrelu")
    data = to_floating(x)
    xp = x._device.xp
    if training:
        low, high = (float(np.float32(lower)), float(np.float32(upper))) if (
            data.dtype.itemsize < 8) else (float(lower), float(upper))
        # (the draws are made on the CPU, as PyTorch's; a CuPy array comes over with .get())
        flat = (data if data.__class__ is np.ndarray else data.get()).reshape(-1)
        drawn = flat <= 0
        noise = np.ones(flat.shape, data.dtype)
        raw = generator.default._u64(int(drawn.sum()))
        unit = (raw & np.uint64((1 << 53) - 1)).astype(np.float64) * 2.0**-53
        noise[drawn] = (unit * (high - low) + low).astype(data.dtype)
        noise = xp.asarray(noise.reshape(data.shape))
        values = xp.where(data <= 0, data * noise, data)
    else:
        noise = xp.empty(data.shape, data.dtype)  # (unused, as PyTorch's)
        values = xp.where(data > 0, data, data * ((lower + upper) / 2))
    out = unary("rrelu", x, values.astype(data.dtype), RreluWithNoiseBackward0, "self")
    node = out._grad_fn
    if node is not None:
        node._lower, node._upper, node._training, node._noise = lower, upper, training, noise
    return out


def _elu_coefficients(dtype, alpha: float, scale: float, input_scale: float) -> tuple:
    """PyTorch's elu kernel coefficients (input scale, negative, positive) at the precision it
    computes them: float for a float32 or float16 tensor (alpha * scale rounded there)."""
    if dtype.itemsize >= 8:
        return float(input_scale), float(alpha) * float(scale), float(scale)
    f = np.float32
    return float(f(input_scale)), float(f(alpha) * f(scale)), float(f(scale))


def _elu_gradient(g, m, t, x, alpha: float, scale: float, input_scale: float):
    """elu_backward (is_result=False): grad * input_scale * alpha * scale * exp(x * input_scale)
    where x <= 0, grad * scale elsewhere, multiplied in the kernel's order (exp correctly
    rounded, as PyTorch's float exp nearly always is)."""
    neg_in, neg, pos = _elu_coefficients(x.dtype, alpha, scale, input_scale)
    with quiet():
        e = m.exp(x * neg_in) if t else _rounded(m.exp, x * neg_in)
        return m.where(x > 0, g * pos, g * neg_in * neg * e)


class EluBackward0(UnaryNode):
    """elu, and selu (elu with its alpha and scale), as in PyTorch."""

    __slots__ = ("_saved_alpha", "_saved_input_scale", "_saved_scale")
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (_elu_gradient(g, m, t, x, self._saved_alpha, self._saved_scale,
                              self._saved_input_scale),)


class CeluBackward0(UnaryNode):
    """celu(x, alpha): elu with input scale 1 / alpha."""

    __slots__ = ("_saved_alpha",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        alpha = self._saved_alpha
        return (_elu_gradient(g, m, t, x, alpha, 1.0, 1.0 / alpha),)


def elu_op(op: str, input, alpha: float, scale: float, input_scale: float, node_cls=EluBackward0):
    """x * scale where x > 0, expm1(x * input_scale) * alpha * scale elsewhere: ATen's one elu
    kernel, which elu, selu and celu call."""
    x = as_tensor_input(input, op)
    data = to_floating(x)
    xp = x._device.xp
    neg_in, neg, pos = _elu_coefficients(data.dtype, alpha, scale, input_scale)
    with quiet():
        values = xp.where(data > 0, data * pos, _rounded(xp.expm1, data * neg_in) * neg)
    out = unary(op, x, values.astype(data.dtype), node_cls, "self")
    node = out._grad_fn
    if node is not None:
        node._saved_alpha = alpha
        if node_cls is EluBackward0:
            node._saved_scale = scale
            node._saved_input_scale = input_scale
    return out


def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    return elu_op("elu", input, alpha, 1.0, 1.0)


class SiluBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        s = _sigmoid(m, x)
        return (g * s * (1 + x * (1 - s)),)


def silu(input: Tensor, inplace: bool = False) -> Tensor:
    x = as_tensor_input(input, "silu")
    data = to_floating(x)
    with quiet():
        values = data / (1 + x._device.xp.exp(-data))
    return unary("silu", x, values, SiluBackward0, "self")


class GeluBackward0(UnaryNode):
    __slots__ = ("_saved_approximate",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        if t:
            from engine.ops.elementwise_more import erf

            cdf = 0.5 * (1 + erf(x * _INV_SQRT2))
        else:
            cdf = 0.5 * (1 + _erf_array(m, x * _INV_SQRT2))
        return (g * (cdf + x * _INV_SQRT_2PI * m.exp(-0.5 * x * x)),)


def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    x = as_tensor_input(input, "gelu")
    if approximate != "none":
        raise NotImplementedError("gelu(approximate='tanh') is not supported by this engine")
    data = to_floating(x)
    values = data * 0.5 * (1 + _erf_array(x._device.xp, data * _INV_SQRT2))
    out = unary("gelu", x, values.astype(data.dtype), GeluBackward0, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_approximate = approximate
    return out


class SoftplusBackward0(UnaryNode):
    __slots__ = ("_saved_beta", "_saved_threshold")
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        bx = x * self._saved_beta
        return (m.where(bx > self._saved_threshold, g, g * _sigmoid(m, bx)),)


def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    x = as_tensor_input(input, "softplus")
    data = to_floating(x)
    xp = x._device.xp
    with quiet():
        values = xp.where(data * beta > threshold, data, xp.log1p(xp.exp(data * beta)) / beta)
    out = unary("softplus", x, values.astype(data.dtype), SoftplusBackward0, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_beta, out._grad_fn._saved_threshold = beta, threshold
    return out


class LogSigmoidBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        return (g * _sigmoid(m, -x),)


def logsigmoid(input: Tensor) -> Tensor:
    x = as_tensor_input(input, "logsigmoid")
    data = to_floating(x)
    xp = x._device.xp
    with quiet():
        values = xp.minimum(data, 0) - xp.log1p(xp.exp(-xp.abs(data)))
    return unary("logsigmoid", x, values.astype(data.dtype), LogSigmoidBackward0, "self")


class PreluKernelBackward0(BinaryNode):
    """prelu: x where x > 0, weight * x elsewhere; the weight's gradient summed to its shape."""

    __slots__ = ()
    _saved_fields = ("self", "weight")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (a, b)

    def _grads(self, g, m, t):
        x, w = self._unpack(t)
        positive = x > 0
        ga = m.where(positive, g, w * g) if self._needs(0) else None
        gb = m.where(positive, 0.0, x * g) if self._needs(1) else None
        return ga, gb


def prelu(input: Tensor, weight: Tensor) -> Tensor:
    """``x`` for x > 0, else ``weight * x``: one slope, or one per channel (dim 1), one node
    (PreluKernelBackward0) as in PyTorch; for an input of 2 or more dims the weight is viewed
    as (C, 1, ...) first."""
    x = as_tensor_input(input, "prelu")
    count = weight.numel()
    channels = x.shape[1] if x.dim() >= 2 else 1  # (fewer dims: no channel dim, one channel)
    if count != 1 and count != channels:
        raise RuntimeError(
            "Mismatch of parameter numbers and input channel size. Found parameter numbers "
            f"= {count} and channel size = {channels}."
        )
    if x.dim() >= 2:
        weight = weight.view([count] + [1] * (x.dim() - 2))
    elif x.dim() == 0:
        weight = weight.view(())
    xp = x._device.xp

    def kernel(xa, xw):
        return xp.where(xa > 0, xa, xw * xa)

    return binary("prelu", x, weight, kernel, PreluKernelBackward0)