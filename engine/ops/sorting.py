"""sort, argsort, topk: values with their indices; the gradient goes back to where each came
from."""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    grad_state,
    wrap,
    wrap_dim,
)
from engine.ops.indexing import _add_at, _embed
from engine.ops.reduction import _return_type
from engine.ops.selection import open_grid

sort_result = _return_type("sort")
topk_result = _return_type("topk")


class _TakeAlongBackward(Node):
    """Scatter the gradient of values picked along a dim back to their source positions."""

    __slots__ = ("_key", "_saved_dim", "_saved_self_sym_sizes")

    def _apply(self, g, m, t):
        shape = self._saved_self_sym_sizes
        if t:
            return (_embed(g, shape, self._key, True),)
        out = m.zeros(shape, dtype=g.dtype)
        _add_at(m, out, self._key, g)
        return (out,)


class SortBackward0(_TakeAlongBackward):
    __slots__ = ()


class TopkBackward0(_TakeAlongBackward):
    __slots__ = ()


def _order(x: Tensor, d: int, descending: bool):
    data = x._data
    xp = x._device.xp
    if descending:
        # A stable descending order: sort the negated keys (NaN first, as PyTorch puts it last
        # ascending and first descending).
        keys = -data if data.dtype.kind != "b" else ~data
        return xp.argsort(keys, axis=d, kind="stable")
    return xp.argsort(data, axis=d, kind="stable")


def _picked(op: str, x: Tensor, idx, d: int, node_cls, result_cls, inputs: tuple):
    xp = x._device.xp
    values_data = xp.take_along_axis(x._data, idx, axis=d) if x._data.ndim else x._data.copy()
    values = wrap(values_data, x._device)
    if grad_state.enabled and x._requires_grad:
        grid = open_grid(xp, idx.shape)
        if grid:
            grid[d] = idx
        node = node_cls((edge(x),))
        node._key, node._saved_dim, node._saved_self_sym_sizes = tuple(grid), d, x._data.shape
        attach(values, node)
    indices = wrap(idx.astype(np.int64, copy=False), x._device)
    if _listeners:
        emit(op, inputs, values)
    return result_cls(values, indices)


def sort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool = False):
    """(values, indices) sorted along dim."""
    x = as_tensor_input(x, "sort")
    d = wrap_dim(dim, x._data.ndim) if x._data.ndim else 0
    idx = _order(x, d, descending) if x._data.ndim else x._device.xp.zeros((), np.int64)
    return _picked("sort", x, idx, d, SortBackward0, sort_result, (x, dim, descending))


def argsort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    """The indices that sort x along dim."""
    return sort(x, dim, descending, stable).indices


def topk(x: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True):
    """(values, indices) of the k largest (or smallest) elements along dim."""
    x = as_tensor_input(x, "topk")
    d = wrap_dim(dim, x._data.ndim) if x._data.ndim else 0
    size = x._data.shape[d] if x._data.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError("selected index k out of range")
    idx = _order(x, d, largest) if x._data.ndim else x._device.xp.zeros((), np.int64)
    if x._data.ndim:
        idx = idx[(slice(None),) * d + (slice(0, k),)]
    return _picked("topk", x, idx, d, TopkBackward0, topk_result, (x, k, dim))
