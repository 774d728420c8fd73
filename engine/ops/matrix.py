"""Ops on a matrix's structure: tril, triu (keep a triangle), diag, trace."""
from __future__ import annotations

from engine.autograd.graph import Node
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    record,
    records,
    wrap,
)


class TrilBackward0(Node):
    """The gradient passes inside the kept triangle only."""

    __slots__ = ("_keep", "_saved_diagonal")

    def _apply(self, g, m, t):
        return (g * (wrap(self._keep, g._device) if t else self._keep),)


class TriuBackward0(TrilBackward0):
    __slots__ = ()


def _triangle(op: str, x: Tensor, diagonal: int, node_cls) -> Tensor:
    x = as_tensor_input(x, op)
    data = x._data
    if data.ndim < 2:
        raise RuntimeError(f"{op}: input tensor must have at least 2 dimensions")
    xp = x._device.xp
    rows, cols = data.shape[-2:]
    ones = xp.ones((rows, cols), dtype=bool)
    keep = xp.tril(ones, diagonal) if op == "tril" else xp.triu(ones, diagonal)
    out = wrap(xp.where(keep, data, xp.zeros((), dtype=data.dtype)), x._device)
    if records(x):
        node = node_cls((edge(x),))
        node._keep, node._saved_diagonal = keep.astype(data.dtype), diagonal
        attach(out, node)
    return record(op, (x, diagonal), out)


def tril(x: Tensor, diagonal: int = 0) -> Tensor:
    """The lower triangle (on and below the `diagonal`-th diagonal); zeros elsewhere."""
    return _triangle("tril", x, diagonal, TrilBackward0)


def triu(x: Tensor, diagonal: int = 0) -> Tensor:
    """The upper triangle (on and above the `diagonal`-th diagonal); zeros elsewhere."""
    return _triangle("triu", x, diagonal, TriuBackward0)


class DiagEmbedBackward0(Node):
    """vector -> diagonal matrix: the gradient is the matrix gradient's diagonal."""

    __slots__ = ("_saved_offset",)

    def _apply(self, g, m, t):
        return (diag(g, self._saved_offset) if t else m.diagonal(g, self._saved_offset).copy(),)


class DiagonalBackward0_copy(Node):
    """matrix -> its diagonal: the gradient lands on the diagonal of a zero matrix."""

    __slots__ = ("_saved_offset", "_saved_self_sym_sizes")

    def _apply(self, g, m, t):
        if t:
            from engine.ops.indexing import _embed

            key = self._index(g._device.xp)
            return (_embed(g, self._saved_self_sym_sizes, key, False),)
        out = m.zeros(self._saved_self_sym_sizes, dtype=g.dtype)
        out[self._index(m)] = g
        return (out,)

    def _index(self, xp) -> tuple:
        """(rows, cols) of the diagonal's elements."""
        rows, cols = self._saved_self_sym_sizes
        k = self._saved_offset
        start_r, start_c = (0, k) if k >= 0 else (-k, 0)
        i = xp.arange(max(0, min(rows - start_r, cols - start_c)))
        return (i + start_r, i + start_c)


def diag(x: Tensor, diagonal: int = 0) -> Tensor:
    """A 1-D tensor becomes a diagonal matrix; a 2-D tensor gives its `diagonal`-th diagonal."""
    x = as_tensor_input(x, "diag")
    data = x._data
    xp = x._device.xp
    if data.ndim == 1:
        out = wrap(xp.diag(data, diagonal), x._device)
        node_cls = DiagEmbedBackward0
    elif data.ndim == 2:
        out = wrap(xp.diagonal(data, diagonal).copy(), x._device)
        node_cls = DiagonalBackward0_copy
    else:
        raise RuntimeError("diag(): Supports 1D or 2D tensors. Got " f"{data.ndim}D")
    if records(x):
        node = node_cls((edge(x),))
        node._saved_offset = diagonal
        if node_cls is DiagonalBackward0_copy:
            node._saved_self_sym_sizes = data.shape
        attach(out, node)
    return record("diag", (x, diagonal), out)


class TraceBackward0(Node):
    """d trace / d x is the identity matrix (times the incoming gradient)."""

    __slots__ = ("_saved_self_sym_sizes",)

    def _apply(self, g, m, t):
        rows, cols = self._saved_self_sym_sizes
        if t:
            from engine import factories

            return (g * factories.eye(rows, cols, dtype=g.dtype, device=g.device),)
        return (g * m.eye(rows, cols, dtype=g.dtype),)


def trace(x: Tensor) -> Tensor:
    """The sum of the main diagonal of a matrix."""
    x = as_tensor_input(x, "trace")
    data = x._data
    if data.ndim != 2:
        raise RuntimeError("trace: expected a matrix, but got tensor with dim " f"{data.ndim}")
    total = data.trace() if data.dtype.kind == "f" else data.trace().astype("int64")
    out = wrap(x._device.xp.asarray(total), x._device)
    if records(x):
        node = TraceBackward0((edge(x),))
        node._saved_self_sym_sizes = data.shape
        attach(out, node)
    return record("trace", (x,), out)


class DiagonalBackward0(DiagonalBackward0_copy):
    """x.diagonal(): PyTorch's view form of diag (here a copy: writing to it leaves x alone)."""

    __slots__ = ()


def diagonal(x: Tensor, offset: int = 0, dim1: int = 0, dim2: int = 1) -> Tensor:
    """The diagonal of a matrix (offset above it when positive)."""
    if x.dim() != 2 or {dim1 % 2, dim2 % 2} != {0, 1}:
        raise NotImplementedError("diagonal of a matrix only, in this engine")
    out = diag(x if dim1 % 2 == 0 else x.t(), offset)
    if out.grad_fn is not None and out.grad_fn.__class__ is DiagonalBackward0_copy:
        out.grad_fn.__class__ = DiagonalBackward0
    return out
