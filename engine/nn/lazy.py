"""nn.LazyLinear: a Linear layer whose in_features come from its first input (d2l's layers).

Until then its weight and bias are UninitializedParameters; the first call gives them their
shapes, initialises them as Linear does (the same random draws) and the module becomes a Linear,
as in PyTorch. Parameters keep their identity, so an optimizer made before the call still
holds them.
"""

from __future__ import annotations

from typing import Any

from engine.nn.linear import Linear
from engine.nn.module import Module
from engine.nn.parameter import Parameter


class UninitializedParameter(Parameter):
    """A Parameter without a shape yet; materialize(shape) turns it into a Parameter."""

    def materialize(self, shape: tuple, device: Any = None, dtype: Any = None) -> None:
        import engine

        self._data = engine.empty(shape, device=device or self.device,
                                  dtype=dtype or self.dtype)._data
        self.__class__ = Parameter

    def __repr__(self) -> str:
        return "<UninitializedParameter>"


class LazyLinear(Linear):
    """``LazyLinear(out_features, bias=True)``: in_features is inferred from the first input."""

    def __init__(self, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        Module.__init__(self)
        self.in_features = 0
        self.out_features = out_features
        self.weight = UninitializedParameter()
        if bias:
            self.bias = UninitializedParameter()
        else:
            self.register_parameter("bias", None)

    def has_uninitialized_params(self) -> bool:
        return any(isinstance(p, UninitializedParameter) for p in self._parameters.values())

    def initialize_parameters(self, input: Any) -> None:
        import engine

        if self.has_uninitialized_params():
            with engine.no_grad():
                self.in_features = input.shape[-1]
                self.weight.materialize((self.out_features, self.in_features))
                if self.bias is not None:
                    self.bias.materialize((self.out_features,))
                self.reset_parameters()

    def forward(self, input: Any) -> Any:
        self.initialize_parameters(input)
        self.__class__ = Linear
        return Linear.forward(self, input)
