"""ConvLayer: what nn.Conv1d and nn.Conv2d share (checks, parameters, init and repr)."""

from __future__ import annotations

from typing import Any

from engine.nn.init import reset_layer_
from engine.nn.module import Module
from engine.nn.parameter import register_weight_and_bias


class ConvLayer(Module):
    """A convolution layer over len(kernel_size) spatial dims; weight of shape
    (out, in / groups, *kernel_size). Subclasses normalise the sizes to tuples and convolve."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: tuple, stride: tuple,
                 padding: tuple | str, dilation: tuple, groups: int, bias: bool,
                 padding_mode: str, device: Any, dtype: Any) -> None:
        super().__init__()
        if in_channels % groups:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups:
            raise ValueError("out_channels must be divisible by groups")
        if padding_mode != "zeros":
            raise NotImplementedError("only padding_mode='zeros' is supported by this engine")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.padding_mode = padding_mode
        shape = (out_channels, in_channels // groups, *kernel_size)
        register_weight_and_bias(self, shape, bias, device, dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's init (`engine.nn.init.reset_layer_`), as Linear's."""
        reset_layer_(self.weight, self.bias)

    def extra_repr(self) -> str:
        text = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}")
        dims = len(self.kernel_size)
        if self.padding != (0,) * dims:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * dims:
            text += f", dilation={self.dilation}"
        output_padding = getattr(self, "output_padding", (0,) * dims)  # (transposed layers)
        if output_padding != (0,) * dims:
            text += f", output_padding={output_padding}"
        if self.groups != 1:
            text += f", groups={self.groups}"
        if self.bias is None:
            text += ", bias=False"
        return text
