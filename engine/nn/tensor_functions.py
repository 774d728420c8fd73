"""nn.functional helpers built from engine ops: dropout, normalize, one_hot."""
from __future__ import annotations

from engine import factories, generator
from engine.ops.dispatch import Tensor, as_tensor_input


def dropout(input: Tensor, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Zero each element with probability p and scale the rest by 1/(1-p) (training only).

    The mask comes from the engine's generator: the same statistics as PyTorch, not the same
    draws (PyTorch's CPU bernoulli uses MKL's own random stream).
    """
    x = as_tensor_input(input, "dropout")
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        return x * 0.0
    keep = generator.default.uniform(tuple(x.shape), x._data.dtype) >= p
    mask = factories.tensor(keep.astype(x._data.dtype) / (1 - p), device=x.device)
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
