"""The multi-class hinge losses, one op and one backward node each, as in PyTorch:
multi_margin_loss (MultiMarginLossBackward0) and multilabel_margin_loss
(MultilabelMarginLossBackward0).

Both compare the score of each target class with the others': a margin violated by class k adds
its excess (squared for p = 2) to the loss, averaged over the C classes. The gradient is a
constant per element times the upstream gradient, computed once in the forward pass.
"""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import FREED_MESSAGE, Node
from engine.nn.reduction import reduced, reduction_enum
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    records,
    wrap,
)
from engine.ops.elementwise import _not_differentiable


class _MarginNode(Node):
    """d loss / d input = `_local` (per sample and class) times the sample's upstream gradient.
    PyTorch has no derivative of this gradient: under create_graph it records NotImplemented."""

    __slots__ = ("_local", "_saved_reduction", "_single")
    _saved_fields = ("self", "target")
    _backward_op = ""

    def _apply(self, g, m, t):
        upstream = g._data if t else g
        if self._saved_reduction == 0 and not self._single:
            upstream = upstream.reshape(upstream.shape + (1,))  # one value per sample
        elif self._saved_reduction == 1 and not self._single:
            upstream = upstream / self._local.shape[0]
        grad = self._local * upstream
        if self._single:
            grad = grad[0]
        if not t:
            return (grad,)
        return (_not_differentiable(self._backward_op, (self._saved[0],), wrap(grad, g._device)),)


class MultiMarginLossBackward0(_MarginNode):
    __slots__ = ("_saved_margin", "_saved_p", "_saved_weight")
    _backward_op = "multi_margin_loss_backward"


class MultilabelMarginLossBackward0(_MarginNode):
    __slots__ = ("_is_target",)
    _backward_op = "multilabel_margin_loss_backward"

    @property
    def _saved_is_target(self):
        if self._saved is None:  # (freed by backward with the other saved tensors)
            raise RuntimeError(FREED_MESSAGE)
        return wrap(self._is_target)


def _rows(op: str, input: Tensor):
    """The scores as (N, C) rows, and whether the input was one sample (C,)."""
    x = input._data
    if x.ndim > 2:
        raise RuntimeError(f"{op}: Expected non-empty vector or matrix with optional 0-dim "
                           f"batch size, but got: {list(x.shape)}")
    return x.reshape(1, -1) if x.ndim < 2 else x, x.ndim < 2


def _finish(op: str, node_cls, input: Tensor, target: Tensor, per_sample, local, single: bool,
            red: int, **saved) -> Tensor:
    """The reduced loss, with its node (its constant local gradient and saved values)."""
    xp = input._device.xp
    dtype = input._data.dtype
    values = per_sample.reshape(()) if single else per_sample
    out = wrap(reduced(xp, xp.asarray(values, dtype=dtype), red), input._device)
    if records(input):
        node = node_cls((edge(input),), (input, target))
        node._local, node._single, node._saved_reduction = local.astype(dtype), single, red
        for name, value in saved.items():
            setattr(node, name, value)
        attach(out, node)
    if _listeners:
        emit(op, (input, target), out)
    return out


def multi_margin_loss(input: Tensor, target: Tensor, p: int = 1, margin: float = 1.0,
                      weight=None, size_average=None, reduce=None,
                      reduction: str = "mean") -> Tensor:
    """sum over k != y of max(0, margin - x[y] + x[k])^p (times weight[y]), over C."""
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None and weight.dim() != 1:
        raise ValueError("weight must be one-dimensional")
    input = as_tensor_input(input, "multi_margin_loss")
    red = reduction_enum(reduction)
    rows, single = _rows("multi_margin_loss", input)
    n, classes = rows.shape
    labels = np.asarray(target._data).reshape(-1).astype(np.int64)
    if labels.shape[0] != n:
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of size: "
                           f"{list(input.shape)}")
    if ((labels < 0) | (labels >= classes)).any():
        raise IndexError("target out of range")
    picked = np.arange(n), labels
    excess = margin - rows[picked][:, None] + rows
    violated = excess > 0
    violated[picked] = False
    scale = np.ones(n, dtype=rows.dtype) if weight is None else weight._data[labels]
    excess = np.where(violated, excess, 0)
    per_sample = (excess ** p * scale[:, None]).sum(axis=1) / classes
    local = (excess if p == 2 else violated) * (p * scale[:, None] / classes)
    local[picked] = -local.sum(axis=1)
    return _finish("multi_margin_loss", MultiMarginLossBackward0, input, target, per_sample,
                   local, single, red, _saved_p=p, _saved_margin=margin, _saved_weight=weight)


def multilabel_margin_loss(input: Tensor, target: Tensor, size_average=None, reduce=None,
                           reduction: str = "mean") -> Tensor:
    """sum over listed classes j and unlisted classes k of max(0, 1 - (x[j] - x[k])), over C;
    each row of target lists its classes and ends at the first -1."""
    input = as_tensor_input(input, "multilabel_margin_loss")
    red = reduction_enum(reduction)
    rows, single = _rows("multilabel_margin_loss", input)
    n, classes = rows.shape
    labels = np.asarray(target._data).reshape(n, -1).astype(np.int64)
    if labels.shape[1] != classes:
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of size: "
                           f"{list(input.shape)}")
    # how often each class is listed (PyTorch counts a repeated label again), up to the -1
    listed = np.zeros((n, classes), dtype=np.int64)
    for i, row in enumerate(labels):
        for label in row:
            if label < 0:
                break
            listed[i, label] += 1
    is_target = listed > 0
    # pairs (j, k): j a listed class, k not; margin 1 between their scores
    excess = 1 - rows[:, :, None] + rows[:, None, :]
    active = (~is_target[:, None, :] & (excess > 0)) * listed[:, :, None]
    per_sample = (np.where(active > 0, excess, 0) * active).sum(axis=(1, 2)) / classes
    local = (active.sum(axis=1) - active.sum(axis=2)) / classes
    return _finish("multilabel_margin_loss", MultilabelMarginLossBackward0, input, target,
                   per_sample, local, single, red,
                   _is_target=is_target.astype(rows.dtype).reshape(input._data.shape))
