"""nn.GroupNorm and F.group_norm: channels split into groups, each normalised over its channels
and positions, then scaled and shifted per channel."""

from __future__ import annotations

from typing import Any

from engine.nn.module import Module
from engine.nn.normalization_functions import NativeGroupNormBackward0, _normalised
from engine.nn.parameter import register_affine, reset_affine
from engine.ops.dispatch import as_tensor_input


def group_norm(input, num_groups: int, weight=None, bias=None, eps: float = 1e-5):
    """One op, NativeGroupNormBackward0, as in PyTorch: x seen as (N, groups, C / groups,
    positions), each (sample, group) normalised, then each channel scaled and shifted."""
    x = as_tensor_input(input, "group_norm")
    if x.dim() < 2:
        raise RuntimeError(
            f"Expected at least 2 dimensions for input tensor but received {x.dim()}"
        )
    n, c = x.shape[0], x.shape[1]
    positions = 1
    for size in x.shape[2:]:
        positions *= size
    if (n * c // num_groups) * positions == 1:
        raise ValueError(
            "Expected more than 1 value per channel when training, got input size "
            f"{[n * c // num_groups, num_groups, *x.shape[2:]]}"
        )
    if c % num_groups:
        raise RuntimeError(f"Expected number of channels in input to be divisible by num_groups, "
                           f"but got input of shape {list(x.shape)} and num_groups="
                           f"{num_groups}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and (t.dim() != 1 or t.numel() != c):
            raise RuntimeError(
                f"Expected {name} to be a vector of size equal to the number of channels in "
                f"input, but got {name} of shape {list(t.shape)} and input of shape "
                f"{list(x.shape)}"
            )
    grouped = (n, num_groups, c // num_groups, positions)
    return _normalised("group_norm", NativeGroupNormBackward0, x, weight, bias, (2, 3), (0, 3),
                       (1, num_groups, c // num_groups, 1), eps, None, grouped)[0]


class GroupNorm(Module):
    def __init__(self, num_groups: int, num_channels: int, eps: float = 1e-5,
                 affine: bool = True, device: Any = None, dtype: Any = None, *,
                 bias: bool = True) -> None:
        super().__init__()
        if num_channels % num_groups:
            raise ValueError("num_channels must be divisible by num_groups")
        self.num_groups = num_groups
        self.num_channels = num_channels
        self.eps = eps
        self.affine = affine
        register_affine(self, affine, bias, num_channels, device, dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        reset_affine(self)

    def forward(self, input):
        return group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self) -> str:
        return (f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, "
                f"bias={self.bias is not None}")
