"""sort, argsort, topk: values with their indices; the gradient goes back to where each came
from."""
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
from engine.ops.reduction import _return_type
from engine.ops.selection import TakeAlongBackward, open_grid, take_along_node

sort_result = _return_type("sort")
topk_result = _return_type("topk")


def _node(node_cls, x: Tensor, idx, d: int):
    """The backward node of values picked at idx along d (the whole of a 0-d x)."""
    grid = open_grid(x._device.xp, idx.shape)
    if grid:
        grid[d] = idx
    return take_along_node(node_cls, x, tuple(grid), d)


class SortBackward0(TakeAlongBackward):
    __slots__ = ()


class TopkBackward0(TakeAlongBackward):
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
    if records(x):
        attach(values, _node(node_cls, x, idx, d))
    indices = wrap(idx.astype(np.int64, copy=False), x._device)
    record(op, inputs, values)
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


median_result = _return_type("median")
kthvalue_result = _return_type("kthvalue")


class MedianBackward0(Node):
    """Full median: the gradient is shared evenly among the elements equal to it, as PyTorch."""

    __slots__ = ("_mask",)

    def _apply(self, g, m, t):
        share = self._mask / self._mask.sum()
        if t:
            share = wrap(share, g._device)
        return (g * share,)


class _KthBackward(TakeAlongBackward):
    """As TakeAlongBackward, for a result whose dim was squeezed away (keepdim=False)."""

    __slots__ = ("_keep_shape",)

    def _apply(self, g, m, t):
        return super()._apply(g.reshape(self._keep_shape), m, t)


class MedianBackward1(_KthBackward):
    __slots__ = ()


class KthvalueBackward0(_KthBackward):
    __slots__ = ()


def _kth(op: str, x: Tensor, k: int, dim: int, keepdim: bool, node_cls, result_cls):
    ndim = x._data.ndim
    d = wrap_dim(dim, ndim) if ndim else 0
    size = x._data.shape[d] if ndim else 1
    if not 1 <= k <= size:
        raise RuntimeError(f"{op}(): selected number k out of range for dimension {d}")
    xp = x._device.xp
    if ndim:
        idx = _order(x, d, False)[(slice(None),) * d + (slice(k - 1, k),)]
        values_data = xp.take_along_axis(x._data, idx, axis=d)
    else:
        idx, values_data = xp.zeros((), np.int64), x._data.copy()
    keep_shape = values_data.shape
    if ndim and not keepdim:
        values_data, idx_out = values_data.squeeze(d), idx.squeeze(d)
    else:
        idx_out = idx
    values = wrap(values_data, x._device)
    if records(x):
        node = _node(node_cls, x, idx, d)
        node._keep_shape = keep_shape
        attach(values, node)
    record(op, (x, dim), values)
    return result_cls(values, wrap(idx_out.astype(np.int64), x._device))


def median(x: Tensor, dim=None, keepdim: bool = False):
    """The lower median of all elements, or (values, indices) along dim."""
    x = as_tensor_input(x, "median")
    if dim is not None:
        size = x._data.shape[wrap_dim(dim, x._data.ndim)] if x._data.ndim else 1
        return _kth("median", x, (size + 1) // 2, dim, keepdim, MedianBackward1, median_result)
    data = x._data.reshape(-1)
    if not data.size:
        return wrap(x._device.xp.asarray(np.nan, dtype=data.dtype), x._device)
    value = x._device.xp.sort(data)[(data.size - 1) // 2]
    if data.dtype.kind == "f" and x._device.xp.isnan(data).any():
        value = data.dtype.type(np.nan)
    out = wrap(x._device.xp.asarray(value, dtype=data.dtype), x._device)
    if records(x):
        node = MedianBackward0((edge(x),))
        node._mask = (x._data == value).astype(data.dtype)
        attach(out, node)
    return record("median", (x,), out)


def kthvalue(x: Tensor, k: int, dim: int = -1, keepdim: bool = False):
    """(values, indices) of the k-th smallest element along dim."""
    x = as_tensor_input(x, "kthvalue")
    return _kth("kthvalue", x, k, dim, keepdim, KthvalueBackward0, kthvalue_result)


def bincount(input: Tensor, weights=None, minlength: int = 0) -> Tensor:
    """How often each value 0, 1, ... occurs in a 1-d tensor of non-negative integers (or the sum
    of its weights)."""
    x = as_tensor_input(input, "bincount")
    data = x._data
    if data.dtype.kind == "f":
        name = {2: "Half", 4: "Float", 8: "Double"}[data.dtype.itemsize]
        raise NotImplementedError(f'"bincount_cpu" not implemented for \'{name}\'')
    if data.ndim != 1 or (data.size and data.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    xp = x._device.xp
    if weights is None:
        return wrap(xp.bincount(data, minlength=minlength).astype(np.int64), x._device)
    w = weights._data
    counts = xp.bincount(data, weights=w, minlength=minlength)
    return wrap(counts.astype(w.dtype if w.dtype.kind == "f" else np.float64), x._device)


def unique(x: Tensor, sorted: bool = True, return_inverse: bool = False,
           return_counts: bool = False, dim=None):
    """The distinct elements (sorted), with the inverse indices and counts when asked for."""
    x = as_tensor_input(x, "unique")
    xp = x._device.xp
    axis = None if dim is None else wrap_dim(dim, x._data.ndim)
    values, inverse, counts = xp.unique(
        x._data, return_inverse=True, return_counts=True, axis=axis
    )
    inverse = inverse.reshape(x._data.shape if axis is None else -1).astype(np.int64)
    out = [wrap(values, x._device)]
    if return_inverse:
        out.append(wrap(inverse, x._device))
    if return_counts:
        out.append(wrap(counts.astype(np.int64), x._device))
    return out[0] if len(out) == 1 else tuple(out)


def msort(x: Tensor) -> Tensor:
    """x sorted along its first dim (SortBackward0)."""
    return sort(x, 0).values


# --------------------------------------------------------------------------- quantile
_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(name: str, x: Tensor, q, dim, keepdim: bool, interpolation: str,
              ignore_nan: bool) -> Tensor:
    """ATen's quantile: sort, view each row, gather the values below (and above) each rank and
    interpolate; its nodes (SortBackward0, ViewBackward0, GatherBackward0, LerpBackward1 ...)."""
    import engine

    x = as_tensor_input(x, name)
    if interpolation not in _INTERPOLATIONS:
        raise RuntimeError(f"{name}() interpolation must be one of linear, lower, higher, "
                           f"midpoint or nearest, but got {interpolation}")
    qt = q if isinstance(q, Tensor) else engine.tensor(q, dtype=x.dtype)
    values = qt._data
    if values.ndim == 0 and not 0 <= float(values) <= 1:
        raise RuntimeError(f"{name}() q must be in the range [0, 1] but got {float(values):g}")
    if values.ndim and not ((values >= 0) & (values <= 1)).all():
        raise RuntimeError(f"{name}() q values must be in the range [0, 1]")
    shape = x._data.shape
    if dim is None:
        sorted_ = x.flatten().sort().values
        reduced = [1] * len(shape) if keepdim else []
    else:
        d = wrap_dim(dim, max(len(shape), 1))
        sorted_ = (x.sort().values if d == len(shape) - 1
                   else x.unsqueeze(-1).transpose(d, -1).sort().values)
        reduced = [1 if i == d else s for i, s in enumerate(shape) if keepdim or i != d]
    n = sorted_.shape[-1]
    sorted_ = sorted_.view(*reduced, n)
    k = values.size
    q_row = engine.tensor(values.reshape(-1), dtype=x.dtype).expand(*reduced, k)
    nan = sorted_.isnan()
    if ignore_nan:
        count = nan.logical_not().sum(-1, keepdim=True)
        ranks = q_row * (count - 1)
        ranks = engine.where(ranks < 0, 0.0, ranks)  # (a row all NaN: rank 0, a NaN value)
    else:
        ranks = q_row * (n - 1)
        ranks = engine.where(nan.any(-1, keepdim=True), float(n - 1), ranks)
    if interpolation == "lower":
        ranks = ranks.floor()
    elif interpolation == "higher":
        ranks = ranks.ceil()
    elif interpolation == "nearest":
        ranks = ranks.round()
    below = ranks.long()
    out = sorted_.gather(-1, below)
    if interpolation in ("linear", "midpoint"):
        weights = (engine.full_like(ranks, 0.5) if interpolation == "midpoint"
                   else ranks - below)
        out = out.lerp(sorted_.gather(-1, ranks.ceil().long()), weights)
    if values.ndim == 0:
        return out.squeeze_(-1)
    return out.unsqueeze_(0).transpose_(0, -1).squeeze_(-1)


def quantile(x: Tensor, q, dim=None, keepdim: bool = False, *,
             interpolation: str = "linear") -> Tensor:
    """The q-th quantiles of x (over dim, or of all elements); NaN where a row has a NaN."""
    return _quantile("quantile", x, q, dim, keepdim, interpolation, False)


def nanquantile(x: Tensor, q, dim=None, keepdim: bool = False, *,
                interpolation: str = "linear") -> Tensor:
    """quantile of the numbers, NaN left out."""
    return _quantile("nanquantile", x, q, dim, keepdim, interpolation, True)


def histc(x: Tensor, bins: int = 100, min=0, max=0) -> Tensor:
    """Counts in `bins` equal bins over [min, max] (the data's own range when both are 0);
    values outside are left out. No gradient, as in PyTorch."""
    from engine.ops.elementwise import _not_differentiable

    x = as_tensor_input(x, "histc")
    data = x._data
    lo, hi = float(min), float(max)
    if lo == hi and data.size:
        lo, hi = float(data.min()), float(data.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    counts, _ = np.histogram(data, bins=bins, range=(lo, hi))
    out = wrap(counts.astype(data.dtype), x._device)
    record("histc", (x,), out)
    return _not_differentiable("histc", (x,), out)
