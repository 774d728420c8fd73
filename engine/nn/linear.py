"""nn.Linear: ``y = x @ weight.T + bias``, initialised as PyTorch does."""

from __future__ import annotations

from typing import Any

from engine.nn import functional as F
from engine.nn.init import reset_layer_
from engine.nn.module import Module
from engine.nn.parameter import register_weight_and_bias


class Linear(Module):
    """``Linear(in_features, out_features, bias=True)``; weight has shape (out, in)."""

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        register_weight_and_bias(self, (out_features, in_features), bias, device, dtype)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's init (`engine.nn.init.reset_layer_`), fan_in = in_features."""
        reset_layer_(self.weight, self.bias)

    def forward(self, input: Any) -> Any:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )


class NonDynamicallyQuantizableLinear(Linear):
    """MultiheadAttention's out_proj: a Linear under PyTorch's name for it (kept apart so that
    quantisation tools leave it alone), which its printed form shows."""
