"""nn.functional helpers built from engine ops: dropout, dropout2d, normalize, one_hot."""
from __future__ import annotations

import warnings

import numpy as np

from engine import factories, generator
from engine.ops.dispatch import Tensor, as_tensor_input


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the rest by 1/(1-p) (training only).

    The mask is PyTorch's CPU bernoulli_(1 - p) without MKL (as on AMD processors): one double
    from a 64-bit draw of the generator per element, kept where it is below 1 - p. (PyTorch on
    an Intel processor uses MKL's own stream instead, which the engine does not replay.)
    """
    x = as_tensor_input(input, "dropout")
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x * 0.0
    return _masked(x, p, x._data.shape, inplace)


def _masked(x: Tensor, p: float, noise_shape: tuple, inplace: bool) -> Tensor:
    """``x * noise``, noise of ``noise_shape`` (broadcast over x) drawn as bernoulli_(1 - p)."""
    dtype = x._data.dtype
    keep = generator.default._unit(int(np.prod(noise_shape)), np.float64) < 1 - p
    # PyTorch fills empty_like(input), which keeps the input's strides: the draws follow memory
    # order, so a transposed input gets the transposed mask of its contiguous original
    order = _memory_order(x._data) if tuple(noise_shape) == x._data.shape else None
    if order is None:
        keep = keep.reshape(noise_shape)
    else:
        keep = keep.reshape([noise_shape[d] for d in order]).transpose(np.argsort(order))
    scale = dtype.type(1) / dtype.type(1 - p) if dtype.kind == "f" else 1 / (1 - p)
    mask = factories.tensor((keep * scale).astype(dtype), device=x.device)
    return x.mul_(mask) if inplace else x * mask


def _memory_order(data) -> list[int]:
    """The dims from the largest stride to the smallest (a flipped view counts as its copy)."""
    return sorted(range(data.ndim), key=lambda d: -abs(data.strides[d]))


def dropout2d(
    input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False
) -> Tensor:
    """Zero whole channels: one draw per (sample, channel), PyTorch's feature_dropout.

    As in PyTorch, a 3-D input is taken as (N, C, L) and anything but 3-D or 4-D is deprecated
    (warned about); a 2-D input then drops single elements, like dropout.
    """
    x = as_tensor_input(input, "dropout2d")
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if x.dim() not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {x.dim()}-D input to dropout2d, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            "warning, please use dropout instead. Note that dropout2d exists to provide "
            "channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and "
            "an optional batch dimension (i.e. 3D or 4D inputs).", stacklevel=2)
    if x.dim() == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C is "
            "the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2)
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x * 0.0
    shape = tuple(x._data.shape)
    return _masked(x, p, shape[:2] + (1,) * (len(shape) - 2), inplace)


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out=None) -> Tensor:
    """input / max(||input||_p along dim, eps)."""
    x = as_tensor_input(input, "normalize")
    norm = x.norm(p=p, dim=dim, keepdim=True).clamp_min(eps).expand_as(x)
    return x / norm


def one_hot(tensor: Tensor, num_classes: int = -1) -> Tensor:
    """Class indices (int64) as rows of zeros with a one at the index."""
    if not isinstance(tensor, Tensor) or tensor.dtype.name != "int64":
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    data = tensor._data
    if num_classes == -1:
        num_classes = int(data.max()) + 1 if data.size else 0
    if data.size and (data.min() < 0 or data.max() >= num_classes):
        raise RuntimeError("Class values must be smaller than num_classes.")
    xp = tensor._device.xp
    out = (data[..., None] == xp.arange(num_classes)).astype(xp.int64)
    return Tensor._wrap(out, tensor._device)
