"""Ops that normalise along a dimension: softmax, log_softmax, logsumexp, var, std."""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    quiet,
    record,
    records,
    to_floating,
    wrap,
    wrap_dim,
)
from engine.ops.reduction import keepdim_shape, normalize_dims


def _record(op: str, x: Tensor, data, node_cls, saved: tuple, **attrs) -> Tensor:
    out = wrap(data, x._device)
    if records(x):
        node = node_cls((edge(x),), tuple(out if s == "result" else x for s in saved))
        for name, value in attrs.items():
            setattr(node, name, value)
        attach(out, node)
    # (the dim in the event: the code of a traced graph calls softmax(x, 1) again)
    dim = attrs.get("_saved_dim")
    return record(op, (x, dim) if isinstance(dim, int) else (x,), out)


def _dim_input(name: str, x, dim, axis) -> tuple[Tensor, object]:
    """The input of an op that needs a dim, given as dim or NumPy's axis: (tensor, dim)."""
    if axis is not None:
        dim = axis
    if dim is None:
        raise TypeError(f"{name}() missing 1 required positional argument: 'dim'")
    return as_tensor_input(x, name), dim


# --------------------------------------------------------------------------- softmax family
class SoftmaxBackward0(Node):
    __slots__ = ("_saved_dim",)
    _saved_fields = ("result",)

    def _apply(self, g, m, t):
        (y,) = self._unpack(t)
        d = self._saved_dim
        gy = g * y
        return (gy - y * (gy.sum(d, keepdim=True) if t else gy.sum(axis=d, keepdims=True)),)


def softmax(x: Tensor, dim: int | None = None, dtype=None, *, axis=None) -> Tensor:
    x, dim = _dim_input("softmax", x, dim, axis)
    d = wrap_dim(dim, x._data.ndim)
    xp = x._device.xp
    data = to_floating(x)
    with quiet():
        e = xp.exp(data - data.max(axis=d, keepdims=True))
        y = e / e.sum(axis=d, keepdims=True)
    return _record("softmax", x, y, SoftmaxBackward0, ("result",), _saved_dim=d)


class LogSoftmaxBackward0(Node):
    __slots__ = ("_saved_dim",)
    _saved_fields = ("result",)

    def _apply(self, g, m, t):
        (y,) = self._unpack(t)
        d = self._saved_dim
        total = g.sum(d, keepdim=True) if t else g.sum(axis=d, keepdims=True)
        return (g - m.exp(y) * total,)


def log_softmax(x: Tensor, dim: int | None = None, dtype=None, *, axis=None) -> Tensor:
    x, dim = _dim_input("log_softmax", x, dim, axis)
    d = wrap_dim(dim, x._data.ndim)
    xp = x._device.xp
    data = to_floating(x)
    with quiet():
        shifted = data - data.max(axis=d, keepdims=True)
        y = shifted - xp.log(xp.exp(shifted).sum(axis=d, keepdims=True))
    return _record("log_softmax", x, y, LogSoftmaxBackward0, ("result",), _saved_dim=d)


class LogsumexpBackward0(Node):
    __slots__ = ("_saved_dim", "_saved_keepdim")
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        dims, keepdim = self._saved_dim, self._saved_keepdim
        if not keepdim:
            shape = keepdim_shape(tuple(x.shape), dims)
            g, r = g.reshape(shape), r.reshape(shape)
        with quiet():
            return (g * m.exp(x - r),)


def logsumexp(x: Tensor, dim=None, keepdim: bool = False, *, axis=None) -> Tensor:
    x, dim = _dim_input("logsumexp", x, dim, axis)
    dims = normalize_dims(dim, x._data.ndim)
    xp = x._device.xp
    data = to_floating(x)
    with quiet():
        peak = data.max(axis=dims, keepdims=True)
        peak = xp.where(xp.isfinite(peak), peak, 0)
        r = xp.log(xp.exp(data - peak).sum(axis=dims, keepdims=True)) + peak
    if not keepdim:
        r = r.reshape([s for i, s in enumerate(r.shape) if i not in dims])
    return _record(
        "logsumexp", x, r.astype(data.dtype, copy=False), LogsumexpBackward0, ("self", "result"),
        _saved_dim=dims, _saved_keepdim=keepdim,
    )


# --------------------------------------------------------------------------- var / std
def _correction(unbiased, correction) -> float:
    if correction is not None:
        return float(correction)
    return 0.0 if unbiased is False else 1.0


class VarBackward0(Node):
    __slots__ = ("_saved_correction", "_saved_dim", "_saved_keepdim")
    _saved_fields = ("self",)

    def _scale(self, g, x, m, t):
        """g (already in keepdim form) times d var / d x = 2 (x - mean) / (N - correction)."""
        dims = self._saved_dim
        axes = dims if dims is not None else tuple(range(x.ndim))
        n = int(np.prod([x.shape[a] for a in axes]))
        mean = x.mean(axes, keepdim=True) if t else x.mean(axis=axes, keepdims=True)
        dof = n - self._saved_correction
        with quiet():
            return g * (x - mean) * (2.0 / dof if dof > 0 else float("inf"))

    def _keepdim(self, v, x):
        dims = self._saved_dim
        if dims is not None and not self._saved_keepdim:
            return v.reshape(keepdim_shape(tuple(x.shape), dims))
        return v

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        return (self._scale(self._keepdim(g, x), x, m, t),)


class StdBackward0(VarBackward0):
    __slots__ = ()
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        g, r = self._keepdim(g, x), self._keepdim(r, x)
        with quiet():
            # PyTorch masks the 0/0 of a zero deviation to a zero gradient.
            return (self._scale(m.where(r == 0, 0.0, g / (2 * r)), x, m, t),)


def _moment(op: str, x: Tensor, dim, unbiased, keepdim: bool, correction, axis, node_cls,
            root: bool):
    if axis is not None:
        dim = axis
    if isinstance(dim, bool):  # the old var(unbiased) / std(unbiased) form
        dim, unbiased = None, dim
    x = as_tensor_input(x, op)
    if x._data.dtype.kind not in "fc":
        raise RuntimeError("std and var only support floating point and complex dtypes")
    data = x._data
    dims = None if dim is None else normalize_dims(dim, data.ndim)
    c = _correction(unbiased, correction)
    axes = dims if dims is not None else tuple(range(data.ndim))
    n = int(np.prod([data.shape[a] for a in axes]))
    with quiet():
        if n - c > 0:
            r = data.var(axis=dims, ddof=c, keepdims=keepdim)
        else:  # no degrees of freedom left: nan, as PyTorch gives
            r = data.sum(axis=dims, keepdims=keepdim) * np.nan
        if root:
            r = x._device.xp.sqrt(r)
    saved = ("self", "result") if root else ("self",)
    return _record(
        op, x, x._device.xp.asarray(r).astype(data.dtype, copy=False), node_cls, saved,
        _saved_dim=dims, _saved_keepdim=keepdim, _saved_correction=c,
    )


def var(
    x: Tensor, dim=None, unbiased=None, keepdim: bool = False, *, correction=None, axis=None
) -> Tensor:
    """Variance over `dim` (all elements by default), Bessel-corrected unless told otherwise."""
    return _moment("var", x, dim, unbiased, keepdim, correction, axis, VarBackward0, False)


def std(
    x: Tensor, dim=None, unbiased=None, keepdim: bool = False, *, correction=None, axis=None
) -> Tensor:
    """Standard deviation over `dim`, Bessel-corrected unless told otherwise."""
    return _moment("std", x, dim, unbiased, keepdim, correction, axis, StdBackward0, True)
