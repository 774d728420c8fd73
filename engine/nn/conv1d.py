"""1-d convolution and pooling over (N, C, L) or (C, L) input: the 2-d ops on a height of one.

F.conv1d / F.max_pool1d / F.avg_pool1d and nn.Conv1d / nn.MaxPool1d / nn.AvgPool1d; Conv1d is
initialised as PyTorch initialises it (kaiming_uniform_(a=sqrt(5)), then a uniform bias).
"""

from __future__ import annotations

from typing import Any

from engine.autograd.graph import NO_EDGE, Node, edge
from engine.nn.conv_functions import adaptive_avg_pool2d, avg_pool2d, conv2d, max_pool2d
from engine.nn.conv_layer import ConvLayer
from engine.nn.module import Module
from engine.observer import muted
from engine.ops.dispatch import record, records, wrap


def _single(value) -> int:
    return value[0] if isinstance(value, (tuple, list)) else value


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups: int = 1):
    pad = padding if isinstance(padding, str) else (0, _single(padding))

    def on_a_height_of_one():
        return conv2d(input.unsqueeze(-2), weight.unsqueeze(-2), bias, (1, _single(stride)), pad,
                      (1, _single(dilation)), groups).squeeze(-2)

    if input.dim() != 3 or not records(input, weight, bias):
        return on_a_height_of_one()  # (unbatched, PyTorch too squeezes a batched convolution)
    # batched, PyTorch records one ConvolutionBackward0 on the 1-d tensors, not unsqueeze/squeeze
    # around a 2-d one: the 2-d node runs inside it, and the observer hears of one op
    with muted():
        out = on_a_height_of_one()
    needs_bias = bias is not None and bias.requires_grad
    node = ConvolutionBackward0((edge(input), edge(weight), edge(bias) if needs_bias else NO_EDGE),
                                (input, weight))
    node._conv2d = out.grad_fn._edges[0][0]
    return record("conv1d", (input, weight, bias), wrap(out._data, out._device), node)


class ConvolutionBackward0(Node):
    """conv1d's node: the 2-d convolution's node on a height of one, its gradients reshaped to
    the 1-d input's and weight's shapes."""

    __slots__ = ("_conv2d",)
    _saved_fields = ("input", "weight")

    def _apply(self, g, m, t):
        x, w = self._unpack(t)  # (raises once the graph is freed or an input was modified)
        shape = tuple(g.shape)
        gx, gw, gb = self._conv2d._apply(g.reshape(shape[:-1] + (1, shape[-1])), m, t)
        if gx is not None:
            gx = gx.reshape(tuple(x.shape))
        if gw is not None:
            gw = gw.reshape(tuple(w.shape))
        return gx, gw, gb


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,
               return_indices: bool = False):
    stride = kernel_size if stride is None or stride == [] else stride
    out = max_pool2d(input.unsqueeze(-2), (1, _single(kernel_size)), (1, _single(stride)),
                     (0, _single(padding)), (1, _single(dilation)), ceil_mode, return_indices)
    if return_indices:
        return out[0].squeeze(-2), out[1].squeeze(-2)
    return out.squeeze(-2)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
               count_include_pad: bool = True):
    stride = kernel_size if stride is None or stride == [] else stride
    out = avg_pool2d(input.unsqueeze(-2), (1, _single(kernel_size)), (1, _single(stride)),
                     (0, _single(padding)), ceil_mode, count_include_pad)
    return out.squeeze(-2)


def adaptive_avg_pool1d(input, output_size):
    """PyTorch's way: the 2-d adaptive pool over (1, L), squeezed back (SqueezeBackward1)."""
    size = output_size[0] if isinstance(output_size, (tuple, list)) else output_size
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, size)).squeeze(-2)


class Conv1d(ConvLayer):
    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 dilation=1, groups: int = 1, bias: bool = True, padding_mode: str = "zeros",
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__(
            in_channels, out_channels, (_single(kernel_size),), (_single(stride),),
            padding if isinstance(padding, str) else (_single(padding),), (_single(dilation),),
            groups, bias, padding_mode, device, dtype,
        )

    def forward(self, input):
        return conv1d(input, self.weight, self.bias, self.stride, self.padding, self.dilation,
                      self.groups)


class MaxPool1d(Module):
    def __init__(self, kernel_size, stride=None, padding=0, dilation=1,
                 return_indices: bool = False, ceil_mode: bool = False) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding = padding
        self.dilation = dilation
        self.return_indices = return_indices
        self.ceil_mode = ceil_mode

    def forward(self, input):
        return max_pool1d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                          self.ceil_mode, self.return_indices)

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")


class AvgPool1d(Module):
    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
                 count_include_pad: bool = True) -> None:
        super().__init__()
        self.kernel_size = (_single(kernel_size),)
        self.stride = (_single(stride if stride is not None else kernel_size),)
        self.padding = (_single(padding),)
        self.ceil_mode = ceil_mode
        self.count_include_pad = count_include_pad

    def forward(self, input):
        return avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                          self.count_include_pad)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AdaptiveAvgPool1d(Module):
    """Average over ``output_size`` adaptive windows of the last dim (d2l's TextCNN pools to 1)."""

    def __init__(self, output_size) -> None:
        super().__init__()
        self.output_size = output_size

    def forward(self, input: Any) -> Any:
        return adaptive_avg_pool1d(input, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"
