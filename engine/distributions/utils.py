"""Helpers shared by the distributions, as torch/distributions/utils.py has them."""
from __future__ import annotations

from numbers import Number

import engine
from engine.tensor import Size, Tensor

euler_constant = 0.5772156649015329


def broadcast_all(*values):
    """Tensors of one broadcast shape; Python numbers become tensors of the first tensor's dtype
    (the default dtype when there is none)."""
    if not all(isinstance(v, (Tensor, Number)) for v in values):
        raise ValueError("Input arguments must all be instances of Number, torch.Tensor or "
                         "objects implementing __torch_function__.")
    dtype = next((v.dtype for v in values if isinstance(v, Tensor)), engine.get_default_dtype())
    tensors = [v if isinstance(v, Tensor) else engine.tensor(float(v), dtype=dtype)
               for v in values]
    shape = engine.broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t if t.shape == shape else t.expand(shape) for t in tensors)


def batch_shape_of(parameters: tuple, broadcast: Tensor) -> Size:
    """() when every parameter was a Python number, else the shape they broadcast to."""
    return Size() if all(isinstance(p, Number) for p in parameters) else broadcast.size()


def _standard_normal(shape, dtype, device) -> Tensor:
    return engine.empty(shape, dtype=dtype, device=device).normal_()


def _sum_rightmost(value: Tensor, dim: int) -> Tensor:
    if dim == 0:
        return value
    return value.reshape(value.shape[:-dim] + (-1,)).sum(-1)


def logits_to_probs(logits: Tensor, is_binary: bool = False) -> Tensor:
    if is_binary:
        return engine.sigmoid(logits)
    return engine.softmax(logits, dim=-1)


def clamp_probs(probs: Tensor) -> Tensor:
    eps = engine.finfo(probs.dtype).eps
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs: Tensor, is_binary: bool = False) -> Tensor:
    ps_clamped = clamp_probs(probs)
    if is_binary:
        return engine.log(ps_clamped) - engine.log1p(-ps_clamped)
    return engine.log(ps_clamped)


class lazy_property:
    """Computed on first access (with grad enabled) and then stored on the instance."""

    def __init__(self, wrapped) -> None:
        self.wrapped = wrapped
        self.__doc__ = wrapped.__doc__

    def __get__(self, instance, obj_type=None):
        if instance is None:
            return self
        with engine.enable_grad():
            value = self.wrapped(instance)
        setattr(instance, self.wrapped.__name__, value)
        return value
