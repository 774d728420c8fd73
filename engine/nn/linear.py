"""nn.Linear: ``y = x @ weight.T + bias``, initialised as PyTorch does."""

from __future__ import annotations

import math
from typing import Any

from engine.nn import functional as F
from engine.nn.module import Module
from engine.nn.parameter import Parameter


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
        import engine  # deferred: engine imports nn while it initialises

        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(
            engine.empty((out_features, in_features), device=device, dtype=dtype)
        )
        if bias:
            self.bias = Parameter(engine.empty(out_features, device=device, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's init: kaiming_uniform_(a=sqrt(5)) for the weight, a uniform bound of
        sqrt(3) * gain / sqrt(in_features) with gain = sqrt(2 / (1 + a^2)) (about
        1/sqrt(in_features)), and uniform(+-1/sqrt(in_features)) for the bias. The bounds are
        computed in PyTorch's order so that the same random stream gives the same weights."""
        import engine

        fan_in = self.in_features
        with engine.no_grad():
            if fan_in > 0:  # a weight with no elements is left alone, as in PyTorch
                gain = math.sqrt(2.0 / (1 + math.sqrt(5) ** 2))
                weight_bound = math.sqrt(3.0) * (gain / math.sqrt(fan_in))
                self.weight.uniform_(-weight_bound, weight_bound)
            if self.bias is not None:
                bias_bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
                self.bias.uniform_(-bias_bound, bias_bound)

    def forward(self, input: Any) -> Any:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )
