"""nn.Conv2d: a 2-d convolution layer, initialised as PyTorch does."""

from __future__ import annotations

from typing import Any

from engine.nn import functional as F
from engine.nn.conv_functions import _pair
from engine.nn.conv_layer import ConvLayer


class Conv2d(ConvLayer):
    """``Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
    groups=1, bias=True)``; weight of shape (out, in / groups, kh, kw)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 dilation=1, groups: int = 1, bias: bool = True, padding_mode: str = "zeros",
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__(
            in_channels, out_channels, _pair(kernel_size, "kernel_size"), _pair(stride, "stride"),
            padding if isinstance(padding, str) else _pair(padding, "padding"),
            _pair(dilation, "dilation"), groups, bias, padding_mode, device, dtype,
        )

    def forward(self, input: Any) -> Any:
        return F.conv2d(input, self.weight, self.bias, self.stride, self.padding, self.dilation,
                        self.groups)
