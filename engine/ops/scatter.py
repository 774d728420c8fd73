"""Ops that write values into a copy of a tensor at an index: scatter, scatter_add, index_add.

Each reads `index` as gather does (scatter, scatter_add) or as index_select does (index_add);
the backward of the written values is the matching read of the gradient.
"""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import NO_EDGE, Node
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    grad_state,
    scalar,
    wrap,
    wrap_dim,
)
from engine.ops.indexing import _add_at, _embed
from engine.ops.selection import open_grid


def _check_index(fn: str, x: Tensor, d: int, index, size: int):
    if not isinstance(index, Tensor) or index._data.dtype != np.int64:
        raise RuntimeError(f"{fn}(): Expected dtype int64 for index")
    idx = index._data
    bad = (idx < 0) | (idx >= size)
    if idx.size and bad.any():
        raise RuntimeError(f"index {int(idx[bad][0])} is out of bounds for dimension {d} with "
                           f"size {size}")
    return idx


def _scatter_key(fn: str, x: Tensor, dim: int, index, src) -> tuple:
    """(dim, key into x, key into src) for the positions index names, as gather reads them."""
    d = wrap_dim(dim, x._data.ndim)
    idx = _check_index(fn, x, d, index, x._data.shape[d] if x._data.ndim else 1)
    if idx.ndim != max(x._data.ndim, 1) and idx.size:
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    if isinstance(src, Tensor) and src._data.dtype != x._data.dtype:
        raise RuntimeError(f"{fn}(): Expected self.dtype to be equal to src.dtype")
    grid = open_grid(x._device.xp, idx.shape)
    src_key = tuple(grid)
    grid[d] = idx
    return d, tuple(grid), src_key


def _read(g, key, shape, m, t):
    """g[key] placed in zeros of `shape` (the gradient of the values that were written)."""
    if t:
        picked = g[key]
        if tuple(picked.shape) == tuple(shape):
            return picked
        return _embed(picked, shape, tuple(np.indices(picked.shape, sparse=True)), False)
    picked = g[key]
    if picked.shape == tuple(shape):
        return picked
    out = m.zeros(shape, dtype=g.dtype)
    out[tuple(np.indices(picked.shape, sparse=True))] = picked
    return out


def _record(op, node, x, other, out, args) -> Tensor:
    needs_other = isinstance(other, Tensor) and other._requires_grad
    if grad_state.enabled and (x._requires_grad or needs_other):
        edges = (edge(x) if x._requires_grad else NO_EDGE,)
        if isinstance(other, Tensor):
            edges += (edge(other) if needs_other else NO_EDGE,)
        node._edges = edges
        attach(out, node)
    if _listeners:
        emit(op, (x, *args), out)
    return out


class ScatterBackward0(Node):
    """The overwritten elements get no gradient; src gets the gradient where it was written."""

    __slots__ = ("_key", "_saved_dim", "_src_key", "_src_shape")

    def __init__(self) -> None:
        super().__init__(())

    def _apply(self, g, m, t):
        mask = np.ones(g.shape, dtype=bool)
        mask[self._key] = False
        grad_self = g * (m.tensor(mask) if t else mask) if self._needs(0) else None
        if len(self._edges) == 1:
            return (grad_self,)
        grad_src = _read(g, self._key, self._src_shape, m, t) if self._needs(1) else None
        return grad_self, grad_src


class ScatterBackward1(ScatterBackward0):
    __slots__ = ()


def scatter(x: Tensor, dim: int, index: Tensor, src=None, *, value=None, reduce=None) -> Tensor:
    """A copy of x with src (a tensor, or one value) written at the positions index names."""
    x = as_tensor_input(x, "scatter")
    if reduce is not None:
        raise NotImplementedError("scatter(reduce=...) is not supported; use scatter_add")
    src = value if src is None else src
    d, key, src_key = _scatter_key("scatter", x, dim, index, src)
    data = x._data.copy()
    if isinstance(src, Tensor):
        data[key] = src._data[src_key]
        node = ScatterBackward0()
        node._src_shape = src._data.shape
    else:
        data[key] = scalar(src)
        node = ScatterBackward1()
    node._key, node._src_key, node._saved_dim = key, src_key, d
    return _record("scatter", node, x, src, wrap(data, x._device), (dim, index, src))


class ScatterAddBackward0(Node):
    __slots__ = ("_key", "_saved_dim", "_src_key", "_src_shape")

    def __init__(self) -> None:
        super().__init__(())

    def _apply(self, g, m, t):
        grad_src = _read(g, self._key, self._src_shape, m, t) if self._needs(1) else None
        return (g if self._needs(0) else None), grad_src


def scatter_add(x: Tensor, dim: int, index: Tensor, src: Tensor) -> Tensor:
    """A copy of x with src added at the positions index names (repeats add up)."""
    x = as_tensor_input(x, "scatter_add")
    d, key, src_key = _scatter_key("scatter_add", x, dim, index, src)
    data = x._data.copy()
    _add_at(x._device.xp, data, key, src._data[src_key])
    node = ScatterAddBackward0()
    node._key, node._src_key, node._saved_dim, node._src_shape = key, src_key, d, src._data.shape
    return _record("scatter_add", node, x, src, wrap(data, x._device), (dim, index, src))


class IndexAddBackward0(Node):
    __slots__ = ("_saved_alpha", "_saved_dim", "_saved_index", "_source_scalar")

    def __init__(self) -> None:
        super().__init__(())

    def _apply(self, g, m, t):
        grad_source = None
        if self._needs(1):
            d, index = self._saved_dim, self._saved_index
            grad_source = g.index_select(d, index) if t else m.take(g, index._data, axis=d)
            if self._source_scalar:
                grad_source = grad_source.reshape(())
            if self._saved_alpha != 1:
                grad_source = grad_source * self._saved_alpha
        return (g if self._needs(0) else None), grad_source


def index_add(x: Tensor, dim: int, index: Tensor, source: Tensor, *, alpha=1) -> Tensor:
    """A copy of x with alpha * source's slices added at the rows (along dim) index names."""
    x = as_tensor_input(x, "index_add")
    d = wrap_dim(dim, x._data.ndim)
    size = x._data.shape[d] if x._data.ndim else 1
    idx = _check_index("index_add", x, d, index, size)
    if idx.ndim > 1:
        raise IndexError("index_add_(): Index is supposed to be a vector")
    if source._data.dtype != x._data.dtype:
        raise RuntimeError("index_add_(): self (" + x.dtype._legacy + ") and source ("
                           + source.dtype._legacy + ") must have the same scalar type")
    data = x._data.copy()
    added = source._data if alpha == 1 else source._data * alpha
    if x._data.ndim:
        key = (slice(None),) * d + (idx.reshape(-1),)
        _add_at(x._device.xp, data, key, added.reshape(data[key].shape))
    else:
        data = data + added.reshape(())
    node = IndexAddBackward0()
    node._saved_alpha, node._saved_dim, node._saved_index = alpha, d, index.reshape(-1)
    node._source_scalar = not source._data.ndim
    return _record("index_add", node, x, source, wrap(data, x._device), (dim, index, source))


class IndexFillBackward0(Node):
    """The filled rows get no gradient; the rest pass it on."""

    __slots__ = ("_saved_dim", "_saved_index")

    def _apply(self, g, m, t):
        if t:
            return (g.index_fill(self._saved_dim, self._saved_index, 0),)
        g = g.copy()
        if g.ndim:
            g[(slice(None),) * self._saved_dim + (self._saved_index._data,)] = 0
        else:
            g[...] = 0
        return (g,)


def index_fill(x: Tensor, dim: int, index: Tensor, value) -> Tensor:
    """A copy of x with the rows (along dim) that index names set to `value`."""
    x = as_tensor_input(x, "index_fill")
    d = wrap_dim(dim, max(x._data.ndim, 1))
    if not isinstance(index, Tensor) or index._data.dtype != np.int64:
        raise IndexError("index_fill_(): Expected dtype int64 for index.")
    size = x._data.shape[d] if x._data.ndim else 1
    idx = _check_index("index_fill_", x, d, index, size).reshape(-1)
    if isinstance(value, Tensor):
        value = value.item()
    data = x._data.copy()
    if data.ndim:
        data[(slice(None),) * d + (idx,)] = value
    elif idx.size:
        data[...] = value
    node = IndexFillBackward0(())
    node._saved_dim, node._saved_index = d, index.reshape(-1)
    return _record("index_fill", node, x, None, wrap(data, x._device), (dim, index, value))


def _in_place(name: str, out_of_place):
    def run(x: Tensor, *args, **kwargs) -> Tensor:
        from engine.ops.inplace import _unary_inplace

        return _unary_inplace(name, x, out_of_place, *args, **kwargs)

    run.__name__ = name
    return run


scatter_ = _in_place("scatter_", scatter)
scatter_add_ = _in_place("scatter_add_", scatter_add)
index_add_ = _in_place("index_add_", index_add)
index_fill_ = _in_place("index_fill_", index_fill)
