"""Ops that pick or overwrite elements by a mask or an index tensor: masked_fill, gather,
index_select."""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    record,
    records,
    wrap,
    wrap_dim,
)
from engine.ops.indexing import _add_at, _embed


def open_grid(xp, shape: tuple) -> list:
    """Broadcastable index arrays for every position of `shape` (np.indices(sparse=True),
    written with arange so that every array namespace has it)."""
    n = len(shape)
    return [xp.arange(size).reshape((1,) * i + (size,) + (1,) * (n - i - 1))
            for i, size in enumerate(shape)]


class MaskedFillBackward0(Node):
    """The gradient passes where the mask is False and is zero where the value was written."""

    __slots__ = ("_keep",)

    def _apply(self, g, m, t):
        keep = self._keep if not t else wrap(self._keep, g._device)
        return (g * keep,)


def masked_fill(x: Tensor, mask: Tensor, value) -> Tensor:
    """x with `value` wherever the boolean `mask` (broadcast to x's shape) is True."""
    x = as_tensor_input(x, "masked_fill")
    if not isinstance(mask, Tensor) or mask._data.dtype.kind != "b":
        dtype = getattr(getattr(mask, "dtype", None), "_legacy", type(mask).__name__)
        raise RuntimeError("masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{dtype}")
    if isinstance(value, Tensor):
        if value._data.ndim:
            raise RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value._data.ndim} dimension(s)."
            )
        value = value.item()
    xp = x._device.xp
    cond = xp.broadcast_to(mask._data, x._data.shape)
    out = wrap(xp.where(cond, xp.asarray(value, dtype=x._data.dtype), x._data), x._device)
    if records(x):
        node = MaskedFillBackward0((edge(x),))
        node._keep = (~cond).astype(x._data.dtype)
        attach(out, node)
    return record("masked_fill", (x, mask, value), out)


class TakeAlongBackward(Node):
    """Each element taken at `_key` (an index tuple) sends its gradient back to where it was
    read, summed if read twice (gather, index_select, sort, topk, kthvalue)."""

    __slots__ = ("_key", "_saved_dim", "_saved_self_sym_sizes")

    def _apply(self, g, m, t):
        shape = self._saved_self_sym_sizes
        if t:
            return (_embed(g, shape, self._key, True),)
        out = m.zeros(shape, dtype=g.dtype)
        _add_at(m, out, self._key, g)
        return (out,)


def take_along_node(node_cls, x: Tensor, key: tuple, d: int) -> Node:
    """The backward node of values taken from x at `key` along dim d."""
    node = node_cls((edge(x),))
    node._key, node._saved_dim, node._saved_self_sym_sizes = key, d, x._data.shape
    return node


class GatherBackward0(TakeAlongBackward):
    __slots__ = ()


def gather(x: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    """out[i][j] = x[index[i][j]][j] for dim 0, x[i][index[i][j]] for dim 1, and so on."""
    x = as_tensor_input(x, "gather")
    if not isinstance(index, Tensor) or index._data.dtype != np.int64:
        raise RuntimeError("gather(): Expected dtype int64 for index")
    data, idx = x._data, index._data
    d = wrap_dim(dim, data.ndim)
    if idx.ndim != data.ndim:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    if idx.size and ((idx < 0) | (idx >= data.shape[d])).any():
        bad = int(idx[(idx < 0) | (idx >= data.shape[d])][0])
        raise RuntimeError(f"index {bad} is out of bounds for dimension {d} with size "
                           f"{data.shape[d]}")
    xp = x._device.xp
    grid = open_grid(xp, idx.shape)
    grid[d] = idx
    key = tuple(grid)
    out = wrap(data[key], x._device)
    if records(x):
        attach(out, take_along_node(GatherBackward0, x, key, d))
    return record("gather", (x, dim, index), out)


class IndexSelectBackward0(GatherBackward0):
    __slots__ = ()


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    """The slices of x at `index` (a 1-D integer tensor) along dim."""
    x = as_tensor_input(x, "index_select")
    if not isinstance(index, Tensor) or index._data.dtype.kind not in "iu" or index._data.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    data = x._data
    d = wrap_dim(dim, data.ndim) if data.ndim else 0
    idx = index._data.reshape(-1)
    size = data.shape[d] if data.ndim else 1
    bad = idx[(idx < 0) | (idx >= size)] if idx.size else idx
    if bad.size:
        raise RuntimeError(
            f"INDICES element is out of DATA bounds, id={int(bad[0])} axis_dim={size}"
        )
    key = (slice(None),) * d + (idx,)
    out = wrap(data[key], x._device)
    if records(x):
        attach(out, take_along_node(IndexSelectBackward0, x, key, d))
    return record("index_select", (x, dim, index), out)


class _PickBackward(Node):
    """The gradient of elements picked at `_key` (an index tuple) goes back to those places."""

    __slots__ = ("_key", "_shape")

    def _apply(self, g, m, t):
        if t:
            return (_embed(g, self._shape, self._key, True),)
        out = m.zeros(self._shape, dtype=g.dtype)
        _add_at(m, out, self._key, g)
        return (out,)


class MaskedSelectBackward0(_PickBackward):
    __slots__ = ()


class TakeBackward0(_PickBackward):
    __slots__ = ()


def _pick(op: str, x: Tensor, key: tuple, node_cls, inputs: tuple) -> Tensor:
    out = wrap(x._data[key], x._device)
    if records(x):
        node = node_cls((edge(x),))
        node._key, node._shape = key, x._data.shape
        attach(out, node)
    return record(op, inputs, out)


def masked_select(x: Tensor, mask: Tensor) -> Tensor:
    """The elements of x where the boolean mask (broadcast with x) is True, as a 1-d tensor."""
    x = as_tensor_input(x, "masked_select")
    if not isinstance(mask, Tensor) or mask._data.dtype.kind != "b":
        raise RuntimeError(
            "masked_select: expected BoolTensor for mask"
        )
    xp = x._device.xp
    shape = xp.broadcast_shapes(x._data.shape, mask._data.shape)
    if tuple(shape) != x._data.shape:
        x = x.expand(*shape)  # the expand's backward sums the gradient back to x's shape
    key = xp.nonzero(xp.broadcast_to(mask._data, shape))
    return _pick("masked_select", x, key, MaskedSelectBackward0, (x, mask))


def take(x: Tensor, index: Tensor) -> Tensor:
    """x read as 1-d at `index` (negative counts from the end); the result has index's shape."""
    x = as_tensor_input(x, "take")
    xp = x._device.xp
    n = x._data.size
    flat = index._data.astype(np.int64)
    if flat.size and (flat.max() >= n or flat.min() < -n):
        bad = int(flat.max() if flat.max() >= n else flat.min())
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} elements.")
    key = xp.unravel_index(flat % max(n, 1), x._data.shape) if x._data.ndim else ()
    if not x._data.ndim:
        return _pick("take", x.reshape(1), (flat % 1,), TakeBackward0, (x, index)).reshape(
            flat.shape)
    return _pick("take", x, key, TakeBackward0, (x, index))
