"""Ops along one dimension whose every output depends on a run of inputs: cumprod,
logcumsumexp and roll."""
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
    quiet,
    records,
    wrap,
    wrap_dim,
)
from engine.ops.reduction import scan_input


def _sum_keep(x, d: int, t: bool):
    return x.sum(d, keepdim=True) if t else x.sum(axis=d, keepdims=True)


def _reverse_cumsum(x, d: int, m, t: bool):
    if t:
        return x.flip(d).cumsum(d).flip(d)
    return m.flip(m.cumsum(m.flip(x, d), axis=d), d)


class CumprodBackward0(Node):
    """d out_j / d x_k = prod_{i <= j, i != k} x_i: reverse running sums of g * out / x where no
    input is zero; otherwise, for each k, the running product with x_k set to 1."""

    __slots__ = ("_saved_dim",)
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, out = self._unpack(t)
        d = self._saved_dim
        if not g.ndim:
            return (g,)
        data = x._data if t else x
        if data.all():
            with quiet():
                return (_reverse_cumsum(g * out, d, m, t) / x,)
        n = data.shape[d]
        positions = np.arange(n).reshape((n,) + (1,) * (data.ndim - d - 1))
        columns = []
        for k in range(n):
            ones_at_k = positions == k
            without_k = m.where(m.tensor(ones_at_k) if t else ones_at_k, 1, x)
            running = without_k.cumprod(d) if t else m.cumprod(without_k, axis=d)
            after_k = positions >= k
            weight = g * running * (m.tensor(after_k) if t else after_k)
            columns.append(_sum_keep(weight, d, t))
        return (m.cat(columns, d) if t else m.concatenate(columns, axis=d),)


def cumprod(x: Tensor, dim=None, *, dtype=None, axis=None) -> Tensor:
    """Running products along `dim` (integers multiply as int64, as in PyTorch)."""
    x, data, d = scan_input("cumprod", x, dim, dtype, axis)
    out = wrap(x._device.xp.cumprod(data, axis=d) if data.ndim else data.copy(), x._device)
    if records(x):
        node = CumprodBackward0((edge(x),), (x, out))
        node._saved_dim = d
        attach(out, node)
    if _listeners:
        emit("cumprod", (x,), out)
    return out


class LogcumsumexpBackward0(Node):
    """d out_i / d x_j = exp(x_j - out_i) for j <= i: PyTorch's formula, the positive and the
    negative parts of g summed apart in log space (no overflow)."""

    __slots__ = ("_saved_dim",)
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, out = self._unpack(t)
        d = self._saved_dim
        if not g.ndim:
            return (g,)
        if t:  # (differentiable again: the direct formula)
            return (_reverse_cumsum(g * (-out).exp(), d, m, t) * x.exp(),)
        with quiet():
            log_g = np.log(np.abs(g))
            lowest = np.finfo(g.dtype).min
            parts = []
            for keep in (g > 0, g < 0):
                logs = np.where(keep, log_g, lowest) - out
                reverse = np.flip(np.logaddexp.accumulate(np.flip(logs, d), axis=d), d)
                parts.append(np.exp(reverse + x))
        return ((parts[0] - parts[1]).astype(g.dtype),)


def logcumsumexp(x: Tensor, dim: int) -> Tensor:
    """log(cumsum(exp(x))) along dim, without overflow."""
    x, data, d = scan_input("logcumsumexp", x, dim, None, None)
    with quiet():
        result = np.logaddexp.accumulate(data, axis=d) if data.ndim else data.copy()
    out = wrap(result.astype(data.dtype, copy=False), x._device)
    if records(x):
        node = LogcumsumexpBackward0((edge(x),), (x, out))
        node._saved_dim = d
        attach(out, node)
    if _listeners:
        emit("logcumsumexp", (x, dim), out)
    return out


class RollBackward0(Node):
    __slots__ = ("_saved_dims", "_saved_shifts")

    def _apply(self, g, m, t):
        back = tuple(-s for s in self._saved_shifts)
        if t:
            return (g.roll(back, self._saved_dims or None),)
        return (m.roll(g, back, axis=self._saved_dims or None),)


def roll(x: Tensor, shifts, dims=None) -> Tensor:
    """Elements shifted along dims, those pushed off the end coming back at the start."""
    x = as_tensor_input(x, "roll")
    shifts = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    if dims is None:  # the flattened tensor rolled, its shape kept
        if len(shifts) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                               "dims:0")
        dims = ()
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    if dims and len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                           f"dims:{len(dims)}")
    dims = tuple(wrap_dim(d, x._data.ndim) for d in dims)
    out = wrap(x._device.xp.roll(x._data, shifts, axis=dims or None), x._device)
    if records(x):
        node = RollBackward0((edge(x),))
        node._saved_dims, node._saved_shifts = dims, shifts
        attach(out, node)
    if _listeners:
        emit("roll", (x, shifts, dims), out)
    return out
