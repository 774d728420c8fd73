"""torch functions that PyTorch itself writes with other ops (CompositeImplicitAutograd): here
too they are compositions of the engine's differentiable ops, so their graphs and gradients
come from those ops."""
from __future__ import annotations

import os

import numpy as np

from engine import blas_threads
from engine.ops.dispatch import Tensor


def _engine():
    import engine

    return engine


def hstack(tensors) -> Tensor:
    """Concatenate along dim 1 (dim 0 for 1-D tensors)."""
    torch = _engine()
    tensors = [t if t.dim() else t.reshape(1) for t in tensors]
    return torch.cat(tensors, 0 if tensors[0].dim() == 1 else 1)


def vstack(tensors) -> Tensor:
    """Concatenate along dim 0, 1-D tensors becoming rows."""
    torch = _engine()
    return torch.cat([t.reshape(1, -1) if t.dim() < 2 else t for t in tensors], 0)


def dstack(tensors) -> Tensor:
    """Concatenate along dim 2, lower-dimensional tensors made 3-D first (as atleast_3d)."""
    torch = _engine()

    def at_least_3d(t):
        if t.dim() == 0:
            return t.reshape(1, 1, 1)
        if t.dim() == 1:
            return t.reshape(1, -1, 1)
        return t.unsqueeze(-1) if t.dim() == 2 else t

    return torch.cat([at_least_3d(t) for t in tensors], 2)


def cartesian_prod(*tensors) -> Tensor:
    """Every combination of the 1-D inputs' elements, one per row."""
    torch = _engine()
    if len(tensors) == 1:
        return tensors[0]
    grids = torch.meshgrid(*tensors, indexing="ij")
    return torch.stack([g.reshape(-1) for g in grids], 1)


def tile(x: Tensor, dims) -> Tensor:
    """x repeated along each dim; fewer dims than x.dim() are padded with ones in front."""
    dims = tuple(dims)
    if len(dims) < x.dim():
        dims = (1,) * (x.dim() - len(dims)) + dims
    return x.repeat(*dims)


def repeat_interleave(x, repeats=None, dim=None, *, output_size=None) -> Tensor:
    """Each element (or slice along dim) repeated `repeats` times in place."""
    torch = _engine()
    if repeats is None:  # torch.repeat_interleave(counts): indices repeated by their count
        counts = x.numpy()
        return torch.tensor(np.repeat(np.arange(len(counts)), counts))
    if isinstance(repeats, int) and not isinstance(repeats, bool):
        # PyTorch's composition for a number: unsqueeze, expand, clone, flatten (its nodes)
        d = (0 if dim is None else dim) % max(x.dim(), 1)
        wide = (x if dim is not None else x.flatten()).unsqueeze(d + 1)
        shape = list(wide.shape)
        shape[d + 1] = repeats
        return wide.expand(shape).clone().flatten(d, d + 1)
    if dim is None:
        x, dim = x.reshape(-1), 0
    dim %= max(x.dim(), 1)
    counts = repeats.numpy() if isinstance(repeats, Tensor) else repeats
    index = np.repeat(np.arange(x.shape[dim]), counts)
    return x.index_select(dim, torch.tensor(index))


def movedim(x: Tensor, source, destination) -> Tensor:
    """x with the dims at `source` moved to `destination` (the others keep their order)."""
    source = [source] if isinstance(source, int) else list(source)
    destination = [destination] if isinstance(destination, int) else list(destination)
    n = x.dim()
    source = [s % n for s in source]
    destination = [d % n for d in destination]
    order = [d for d in range(n) if d not in source]
    for dst, src in sorted(zip(destination, source)):
        order.insert(dst, src)
    return x.permute(order)


def kron(a: Tensor, b: Tensor) -> Tensor:
    """The Kronecker product, as ATen's KronImpl: each input viewed with a 1 beside each of its
    dims, multiplied by broadcasting, the product viewed back (UnsafeViewBackward0, Mul ...)."""
    from engine.ops.shape import _unsafe_view

    n = max(a.dim(), b.dim())
    sa = (1,) * (n - a.dim()) + tuple(a.shape)
    sb = (1,) * (n - b.dim()) + tuple(b.shape)
    a_view = _unsafe_view(a, tuple(x for s in sa for x in (s, 1)))
    b_view = _unsafe_view(b, tuple(x for s in sb for x in (1, s)))
    return _unsafe_view(a_view * b_view, tuple(p * q for p, q in zip(sa, sb)))


def inner(a: Tensor, b: Tensor) -> Tensor:
    """The sum of products over the last dims (a number times a tensor for a 0-dim input)."""
    if a.dim() == 0 or b.dim() == 0:
        return a * b
    return tensordot(a, b, ([-1], [-1]))


def tensordot(a: Tensor, b: Tensor, dims=2) -> Tensor:
    """Sum of products over the last `dims` dims of a and the first of b (or the listed ones)."""
    if isinstance(dims, int):
        dims = (list(range(a.dim() - dims, a.dim())), list(range(dims)))
    dims_a, dims_b = ([d] if isinstance(d, int) else list(d) for d in dims)
    letters = iter("abcdefghijklmnopqrstuvwxyz")
    la = [next(letters) for _ in range(a.dim())]
    lb = [next(letters) for _ in range(b.dim())]
    for i, j in zip(dims_a, dims_b):
        lb[j % b.dim()] = la[i % a.dim()]
    shared = {la[i % a.dim()] for i in dims_a}
    out = [c for c in la if c not in shared] + [c for c in lb if c not in shared]
    return _engine().einsum(f"{''.join(la)},{''.join(lb)}->{''.join(out)}", a, b)


def diff(x: Tensor, n: int = 1, dim: int = -1, prepend=None, append=None) -> Tensor:
    """The n-th forward difference along dim."""
    torch = _engine()
    if prepend is not None or append is not None:
        parts = [p for p in (prepend, x, append) if p is not None]
        x = torch.cat(parts, dim)
    for _ in range(n):
        length = x.shape[dim]
        x = x.narrow(dim, 1, length - 1) - x.narrow(dim, 0, length - 1)
    return x


def var_mean(x: Tensor, dim=None, *, correction=1, keepdim: bool = False, unbiased=None):
    if unbiased is not None:
        correction = int(unbiased)
    return (x.var(dim, correction=correction, keepdim=keepdim),
            x.mean() if dim is None else x.mean(dim, keepdim=keepdim))


def std_mean(x: Tensor, dim=None, *, correction=1, keepdim: bool = False, unbiased=None):
    if unbiased is not None:
        correction = int(unbiased)
    return (x.std(dim, correction=correction, keepdim=keepdim),
            x.mean() if dim is None else x.mean(dim, keepdim=keepdim))


def _triangle_indices(row: int, col: int, offset: int, lower: bool):
    torch = _engine()
    r, c = np.indices((row, col))
    keep = (c - r <= offset) if lower else (c - r >= offset)
    return torch.tensor(np.stack([r[keep], c[keep]]).astype(np.int64))


def tril_indices(row: int, col: int, offset: int = 0, **_) -> Tensor:
    """The (row, col) coordinates of a row x col matrix's lower triangle, row by row."""
    return _triangle_indices(row, col, offset, True)


def triu_indices(row: int, col: int, offset: int = 0, **_) -> Tensor:
    """The (row, col) coordinates of the upper triangle, row by row."""
    return _triangle_indices(row, col, offset, False)


_threads = [max(1, (os.cpu_count() or 1))]


def get_num_threads() -> int:
    """The thread count set_num_threads recorded (the engine's own ops run on NumPy's)."""
    return _threads[0]


def set_num_threads(n: int) -> None:
    """As in PyTorch: the threads an op may use (here NumPy's matrix products, see
    engine/blas_threads.py)."""
    if int(n) < 1:
        raise RuntimeError("set_num_threads expects a positive integer")
    _threads[0] = int(n)
    blas_threads.limit(int(n))
