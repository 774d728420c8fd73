"""`engine.linalg`: norms, products, decompositions and functions of matrices (a subset of
torch.linalg)."""
from __future__ import annotations

from engine.ops.decompositions import inv, solve, svdvals
from engine.ops.decompositions import linalg_cross as cross
from engine.ops.decompositions import linalg_svd as svd
from engine.ops.linalg import matmul, vector_norm
from engine.ops.matrix_functions import (
    cholesky,
    det,
    eigh,
    eigvalsh,
    lstsq,
    matrix_norm,
    matrix_power,
    slogdet,
)
from engine.ops.triangular_solve import solve_triangular
from engine.tensor import Tensor

__all__ = [
    "cholesky", "cross", "det", "eigh", "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm",
    "matrix_power", "norm", "slogdet", "solve", "solve_triangular", "svd", "svdvals",
    "vector_norm",
]


def norm(x: Tensor, ord=None, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """torch.linalg.norm: the 2-norm of all elements by default; a matrix norm over two dims
    (`dim` a pair, or a matrix with `ord` given), a vector norm otherwise."""
    if dim is not None and not isinstance(dim, int) and len(dim) == 2 \
            or dim is None and ord is not None and x.dim() == 2:
        return matrix_norm(x, "fro" if ord is None else ord, (-2, -1) if dim is None else dim,
                           keepdim, dtype=dtype)
    if isinstance(ord, str) and dim is not None:  # ('fro' over one dim: PyTorch's message)
        dims = (dim,) if isinstance(dim, int) else tuple(dim)
        got = " ".join(map(str, dims))
        raise RuntimeError(f"linalg.matrix_norm: dim must be a 2-tuple. Got {got}")
    if ord is not None and dim is None and x.dim() > 2:
        raise RuntimeError("linalg.norm: If dim is not specified but ord is, the input must be "
                           f"1D or 2D. Got {x.dim()}D.")
    return vector_norm(x, 2 if ord is None else ord, dim, keepdim, dtype=dtype)
