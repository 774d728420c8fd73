"""clamp_min and clamp_max: clamp with one bound, recorded as PyTorch records them
(ClampMinBackward0, ClampMaxBackward0), with clamp's own forward and gradient."""
from __future__ import annotations

from engine.ops.dispatch import Tensor, as_tensor_input, to_floating
from engine.ops.elementwise import ClampBackward1, unary


class ClampMinBackward0(ClampBackward1):
    __slots__ = ()


class ClampMaxBackward0(ClampBackward1):
    __slots__ = ()


def _clamp_one_side(op: str, x: Tensor, bound, node_cls, is_min: bool) -> Tensor:
    x = as_tensor_input(x, op)
    xp = x._device.xp
    data = to_floating(x) if isinstance(bound, float) else x._data
    data = xp.maximum(data, bound) if is_min else xp.minimum(data, bound)
    out = unary(op, x, data, node_cls, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_min = bound if is_min else None
        out._grad_fn._saved_max = None if is_min else bound
    return out


def clamp_min(x: Tensor, min) -> Tensor:
    """max(x, min) elementwise."""
    return _clamp_one_side("clamp_min", x, min, ClampMinBackward0, True)


def clamp_max(x: Tensor, max) -> Tensor:
    """min(x, max) elementwise."""
    return _clamp_one_side("clamp_max", x, max, ClampMaxBackward0, False)
