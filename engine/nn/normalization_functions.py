"""F.batch_norm, F.layer_norm and F.group_norm: one op each, shown as PyTorch shows them
(NativeBatchNormBackward0, NativeLayerNormBackward0, NativeGroupNormBackward0).

Both normalise x over some axes, `(x - mean) / sqrt(var + eps)` with the biased variance, then
scale and shift. The backward is written once for both; under create_graph it is rebuilt from
the engine's own ops so that it can be differentiated again.
"""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import NO_EDGE, Node
from engine.nn.conv_functions import _differentiated
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
)


def _normalise(m, x, axes, eps, stats=None):
    """(x - mean) * rstd over axes, with the batch's statistics or the given (mean, var)."""
    if stats is None:
        mean = x.mean(axes, keepdim=True) if m is not np else x.mean(axis=axes, keepdims=True)
        centred = x - mean
        sq = centred * centred
        var = sq.mean(axes, keepdim=True) if m is not np else sq.mean(axis=axes, keepdims=True)
    else:
        mean, var = stats
        centred = x - mean
    return centred * (var + eps) ** -0.5


class _NormBackward(Node):
    """Gradients of y = xhat * w + b where xhat is x normalised over `_axes`."""

    # `_grouped`: the shape x is normalised in (group norm's (N, groups, C / groups, rest)), or
    # None: x's own
    __slots__ = ("_axes", "_eps", "_grouped", "_param_axes", "_param_shape", "_stats",
                 "_xhat_rstd")
    _saved_fields = ("input", "weight")

    def _apply(self, g, m, t):
        x, w = self._unpack(t)
        grouped = self._grouped
        if grouped is not None and not t:  # (create_graph's reference works in x's own shape)
            gx, gw, gb = self._gradients(g.reshape(grouped), x, w, m, t)
            channels = x.shape[1]
            return (None if gx is None else gx.reshape(x.shape),
                    None if gw is None else gw.reshape(channels),
                    None if gb is None else gb.reshape(channels))
        return self._gradients(g, x, w, m, t)

    def _gradients(self, g, x, w, m, t):
        needs = tuple(self._needs(i) for i in range(3))
        axes, shape, grouped = self._axes, self._param_shape, self._grouped
        if t:
            def reference(x_, w_, b_):
                xg = x_ if grouped is None else x_.reshape(grouped)
                y = _normalise(m, xg, axes, self._eps, self._stats_as(m, x_))
                if w_ is not None:
                    y = y * w_.reshape(shape)
                y = y if b_ is None else y + b_.reshape(shape)
                return y if grouped is None else y.reshape(x_.shape)

            bias = None
            if needs[2]:
                import engine

                bias = engine.zeros(int(np.prod(shape)), dtype=x.dtype, requires_grad=True)
            return _differentiated(reference, (x, w, bias), needs, g)
        xhat, rstd = self._xhat_rstd
        param_axes = self._param_axes
        param_shape = tuple(s for i, s in enumerate(shape) if i not in param_axes)
        gx = gw = gb = None
        if needs[0]:
            gxhat = g if w is None else g * w.reshape(shape)
            if self._stats is None:
                gx = rstd * (gxhat - gxhat.mean(axis=axes, keepdims=True)
                             - xhat * (gxhat * xhat).mean(axis=axes, keepdims=True))
            else:
                gx = gxhat * rstd
        if needs[1]:
            gw = (g * xhat).sum(axis=param_axes).reshape(param_shape)
        if needs[2]:
            gb = g.sum(axis=param_axes).reshape(param_shape)
        return gx, gw, gb

    def _stats_as(self, m, x):
        if self._stats is None:
            return None
        import engine

        return tuple(engine.tensor(s, dtype=x.dtype) for s in self._stats)


class NativeBatchNormBackward0(_NormBackward):
    __slots__ = ()


class NativeLayerNormBackward0(_NormBackward):
    __slots__ = ()


class NativeGroupNormBackward0(_NormBackward):
    __slots__ = ()


def _normalised(op, node_cls, x, weight, bias, axes, param_axes, shape, eps, stats,
                grouped=None):
    """The op's output (and the statistics): x normalised over `axes` (of x reshaped to
    `grouped`, if given), scaled by the weight and shifted by the bias reshaped to `shape`."""
    data = x._data if grouped is None else x._data.reshape(grouped)
    with quiet():
        if stats is None:
            mean = data.mean(axis=axes, keepdims=True)
            var = ((data - mean) ** 2).mean(axis=axes, keepdims=True)
        else:
            mean, var = stats
        rstd = (1 / np.sqrt(var + eps)).astype(data.dtype)
        xhat = (data - mean) * rstd
    y = xhat
    if weight is not None:
        y = y * weight._data.reshape(shape)
    if bias is not None:
        y = y + bias._data.reshape(shape)
    out = wrap(y.astype(data.dtype, copy=False).reshape(x._data.shape), x._device)
    inputs = (x, weight, bias)
    if records(*inputs):
        edges = tuple(edge(t) if t is not None and t._requires_grad else NO_EDGE for t in inputs)
        node = node_cls(edges, (x, weight))
        node._axes, node._eps, node._param_shape = axes, eps, shape
        node._param_axes = param_axes
        node._grouped = grouped
        node._stats = None if stats is None else tuple(np.asarray(s) for s in stats)
        node._xhat_rstd = (xhat, rstd)
        attach(out, node)
    if _listeners:
        emit(op, tuple(t for t in inputs if t is not None), out)
    return out, mean, var


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5) -> Tensor:
    """Normalise each channel (dim 1) over the batch and the other dims. Training: with the
    batch's statistics, and running_mean / running_var moved towards them (the variance
    unbiased); evaluation: with the running statistics."""
    x = as_tensor_input(input, "batch_norm")
    if x.dim() < 2:
        raise ValueError(f"expected 2D or 3D input (got {x.dim()}D input)")
    axes = (0, *range(2, x.dim()))
    shape = tuple(x.shape[1] if i == 1 else 1 for i in range(x.dim()))
    count = x._data.size // x.shape[1]
    if training and count <= 1:
        raise ValueError("Expected more than 1 value per channel when training, got input size "
                         f"{list(x.shape)}")
    if training or running_mean is None:
        out, mean, var = _normalised("batch_norm", NativeBatchNormBackward0, x, weight, bias,
                                     axes, axes, shape, eps, None)
        if training and running_mean is not None:
            rm, rv = running_mean._data, running_var._data
            unbiased = var.reshape(-1) * (count / (count - 1))
            rm[...] = (1 - momentum) * rm + momentum * mean.reshape(-1)
            rv[...] = (1 - momentum) * rv + momentum * unbiased
        return out
    stats = (running_mean._data.reshape(shape), running_var._data.reshape(shape))
    return _normalised("batch_norm", NativeBatchNormBackward0, x, weight, bias, axes, axes,
                       shape, eps, stats)[0]


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5) -> Tensor:
    """Normalise over the last len(normalized_shape) dims of each sample."""
    x = as_tensor_input(input, "layer_norm")
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    normalized_shape = tuple(normalized_shape)
    k = len(normalized_shape)
    if tuple(x.shape[x.dim() - k:]) != normalized_shape or k > x.dim():
        raise RuntimeError(
            f"Given normalized_shape={list(normalized_shape)}, expected input with shape "
            f"[*, {', '.join(str(s) for s in normalized_shape)}], but got input of size"
            f"{list(x.shape)}"
        )
    axes = tuple(range(x.dim() - k, x.dim()))
    shape = (1,) * (x.dim() - k) + normalized_shape
    leading = tuple(range(x.dim() - k))
    return _normalised("layer_norm", NativeLayerNormBackward0, x, weight, bias, axes, leading,
                       shape, eps, None)[0]
