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
        """PyTorch's init: kaiming_uniform_(a=sqrt(5)) for the weight, which bounds it by
        1/sqrt(in_features), and the same uniform bound for the bias."""
        import engine

        bound = 1 / math.sqrt(self.in_features) if self.in_features > 0 else 0.0
        with engine.no_grad():
            self.weight.uniform_(-bound, bound)
            if self.bias is not None:
                self.bias.uniform_(-bound, bound)

    def forward(self, input: Any) -> Any:
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )
