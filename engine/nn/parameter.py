"""nn.Parameter: a Tensor that a Module registers as one of its trainable weights."""

from __future__ import annotations

from typing import Any

from engine.tensor import Tensor, own_vc
from engine.torch_names import TorchNamed


class Parameter(Tensor, metaclass=TorchNamed):
    """``Parameter(data=None, requires_grad=True)``: shares ``data``'s values, as a new leaf.

    Ops on a Parameter return plain Tensors; only the Parameter object itself is registered.
    """

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True):
        if data is None:
            from engine import empty  # deferred: engine imports nn while it initialises

            data = empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(
                f"Parameter data must be a Tensor, but got {type(data).__name__}; "
                "wrap it with torch.tensor(...) first"
            )
        self = Tensor._wrap(data._data, data._device, None, cls)
        self._vc = own_vc(data)  # an alias of data, like PyTorch's: in-place changes count for both
        if requires_grad and data._data.dtype.kind not in "fc":
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        self._requires_grad = bool(requires_grad)
        return self

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        pass  # everything happens in __new__

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    def __reduce_ex__(self, protocol: int) -> tuple:
        # copy.deepcopy(model) and pickling must give Parameters back, not plain Tensors
        return (Parameter, (self.detach().clone(), self._requires_grad))


def typename(obj: Any) -> str:
    """``torch.typename``: 'torch.FloatTensor' for a float32 tensor, else the qualified type."""
    if isinstance(obj, Tensor):
        kind = "cuda." if obj.device.type == "cuda" else ""
        return f"torch.{kind}{obj.dtype._legacy}Tensor"
    cls = type(obj)
    module = cls.__module__
    if module in ("builtins", "__builtin__"):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


def register_affine(module: Any, affine: bool, bias: bool, shape: Any, device: Any,
                    dtype: Any) -> None:
    """A normalization layer's `weight` and `bias` of `shape`, uninitialised (the layer's
    reset_parameters fills them); each None where the layer has none, as PyTorch registers it."""
    from engine import empty  # deferred: engine imports nn while it initialises

    if affine:
        module.weight = Parameter(empty(shape, device=device, dtype=dtype))
        if bias:
            module.bias = Parameter(empty(shape, device=device, dtype=dtype))
        else:
            module.register_parameter("bias", None)
    else:
        module.register_parameter("weight", None)
        module.register_parameter("bias", None)


def register_weight_and_bias(module: Any, weight_shape: tuple, bias: bool, device: Any,
                             dtype: Any) -> None:
    """A layer's `weight` of `weight_shape` and, if `bias`, a `bias` of its first size (the
    outputs), uninitialised (the layer's reset_parameters fills them); else bias is None."""
    from engine import empty  # deferred: engine imports nn while it initialises

    module.weight = Parameter(empty(weight_shape, device=device, dtype=dtype))
    if bias:
        module.bias = Parameter(empty(weight_shape[0], device=device, dtype=dtype))
    else:
        module.register_parameter("bias", None)


def reset_affine(module: Any) -> None:
    """Ones in a normalization layer's weight and zeros in its bias, where it has them."""
    from engine.nn import init

    if module.weight is not None:
        init.ones_(module.weight)
    if module.bias is not None:
        init.zeros_(module.bias)
