"""nn.functional helpers built from engine ops: dropout, normalize, one_hot."""
from __future__ import annotations

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
    dtype = x._data.dtype
    keep = generator.default._unit(x._data.size, np.float64) < 1 - p
    scale = dtype.type(1) / dtype.type(1 - p) if dtype.kind == "f" else 1 / (1 - p)
    mask = factories.tensor((keep * scale).astype(dtype).reshape(x._data.shape), device=x.device)
    return x.mul_(mask) if inplace else x * mask


def normalize(input: Tensor, p: float = 2.0, dim: int = 1, eps: float = 1e-12, out=None) -> Tensor:
    """input / max(||input||_p along dim, eps)."""
    x = as_tensor_input(input, "normalize")
    norm = x.norm(p=p, dim=dim, keepdim=True).clamp(min=eps).expand_as(x)
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
