"""nn.ReflectionPad1d/2d, ReplicationPad2d, ZeroPad2d: F.pad with a fixed padding as a layer."""

from __future__ import annotations

from typing import Any

from engine.nn import padding_functions
from engine.nn.module import Module


class _PadNd(Module):
    """``F.pad(input, padding, mode)``; an int pads every side of the last ``sides // 2`` dims."""

    mode = "constant"
    sides = 4

    def __init__(self, padding: int | tuple[int, ...]) -> None:
        super().__init__()
        self.padding = (padding,) * self.sides if isinstance(padding, int) else tuple(padding)

    def forward(self, input: Any) -> Any:
        if self.mode == "constant":
            return padding_functions.pad(input, self.padding, "constant", 0.0)
        return padding_functions.pad(input, self.padding, self.mode)

    def extra_repr(self) -> str:
        return f"{self.padding}"


class ReflectionPad1d(_PadNd):
    mode, sides = "reflect", 2


class ReflectionPad2d(_PadNd):
    mode, sides = "reflect", 4


class ReplicationPad2d(_PadNd):
    mode, sides = "replicate", 4


class ZeroPad2d(_PadNd):
    mode, sides = "constant", 4
