"""`engine.linalg`: vector norms (torch.linalg.norm / vector_norm for vectors and flattened
input)."""
from __future__ import annotations

from engine.ops.decompositions import inv, solve, svdvals
from engine.ops.decompositions import linalg_cross as cross
from engine.ops.decompositions import linalg_svd as svd
from engine.ops.linalg import matmul, vector_norm
from engine.tensor import Tensor

__all__ = ["cross", "inv", "matmul", "norm", "solve", "svd", "svdvals", "vector_norm"]


def norm(x: Tensor, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """The 2-norm of all elements by default; a vector `ord`-norm over `dim` otherwise."""
    if ord is None or ord == "fro":
        ord = 2
    elif (isinstance(ord, str) or (dim is not None and not isinstance(dim, int) and len(dim) == 2)
          or dim is None and x.dim() == 2):
        raise RuntimeError(f"linalg.norm: matrix norms (ord={ord!r}) are not supported by this "
                           "engine")
    return vector_norm(x, ord, dim, keepdim, dtype=dtype)
