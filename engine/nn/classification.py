"""Classification losses: nll_loss, cross_entropy, binary_cross_entropy(_with_logits),
soft_margin_loss.

Each loss is one op with PyTorch's backward node (NllLossBackward0 under cross_entropy's
LogSoftmaxBackward0, BinaryCrossEntropyWithLogitsBackward0, BinaryCrossEntropyBackward0).
Backward formulas use only arithmetic, so they run on arrays and, for create_graph, on Tensors.
"""

from __future__ import annotations

import numpy as np

from engine.autograd.graph import NO_EDGE, Node
from engine.nn.reduction import reduced, reduction_enum
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
from engine.ops.elementwise import with_scalar
from engine.ops.normalization import log_softmax

_IGNORE_INDEX = -100


def _edge_if_grad(x) -> tuple:
    return edge(x) if isinstance(x, Tensor) and x._requires_grad else NO_EDGE


# --------------------------------------------------------------------------- nll_loss
class NllLossBackward0(Node):
    """-input[i, target_i] averaged over the counted rows: the gradient is a scaled one-hot."""

    __slots__ = ("_onehot", "_saved_ignore_index", "_saved_reduction", "_total")
    _saved_fields = ("self", "target")

    def _apply(self, g, m, t):
        onehot = self._onehot if not t else wrap(self._onehot, g._device)
        if self._saved_reduction == 0 and onehot.ndim > 1:  # the class axis is 1
            g = g.reshape(g.shape[:1] + (1,) + g.shape[1:])
        elif self._saved_reduction == 1:
            g = g / self._total
        if t:
            return (onehot * -g,)
        # PyTorch writes -g only at the targets: every other entry is +0, not 0 * -g = -0
        return (onehot * -g + 0.0,)


class NllLoss2DBackward0(NllLossBackward0):
    """nll_loss over (N, C, H, W) log-probabilities: the same scaled one-hot, class axis 1."""

    __slots__ = ()


def nll_loss(input: Tensor, target: Tensor, weight=None, size_average=None,
             ignore_index: int = _IGNORE_INDEX, reduce=None, reduction: str = "mean") -> Tensor:
    """The negative log-likelihood of the target classes, given log-probabilities (N, C) or
    (N, C, d1, ...) (as PyTorch: 4-D directly, other dims viewed as (N, C, 1, -1))."""
    input = as_tensor_input(input, "nll_loss")
    red = reduction_enum(reduction)
    if target._data.dtype.kind not in "iu":
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {target.dtype._legacy}"
        )
    x = input._data
    if x.ndim == 3 or x.ndim > 4:
        n, c, out_size = x.shape[0], x.shape[1], (x.shape[0], *x.shape[2:])
        if tuple(target.shape[1:]) != x.shape[2:]:
            raise ValueError(f"Expected target size {list(out_size)}, got {list(target.shape)}")
        out = nll_loss(input.contiguous().view(n, c, 1, -1), target.contiguous().view(n, 1, -1),
                       weight, None, ignore_index, None, reduction)
        return out.view(out_size) if red == 0 else out
    if x.ndim == 0:
        raise ValueError("Expected 1 or more dimensions (got 0)")
    batched = x.ndim >= 2
    if x.ndim == 4 and target._data.shape != (x.shape[0], *x.shape[2:]):
        raise RuntimeError(
            f"size mismatch (got input: {list(x.shape)} , target: {list(target.shape)}"
        )
    t_shape = target._data.shape
    if x.ndim == 2 and (not t_shape or t_shape[0] != x.shape[0]):
        raise ValueError(
            f"Expected input batch_size ({x.shape[0]}) to match target batch_size "
            f"({t_shape[0] if t_shape else 0})."
        )
    if x.ndim <= 2 and len(t_shape) > 1:  # e.g. labels.unsqueeze(1), or one-hot labels
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    xp = input._device.xp
    labels = xp.reshape(target._data, (-1,)).astype(np.int64)
    if x.ndim == 4:  # rows in the target's order: the class axis last
        x = xp.moveaxis(x, 1, -1)
    classes = x.shape[-1]
    kept = labels != ignore_index
    bad = labels[kept & ((labels < 0) | (labels >= classes))]
    if bad.size:
        raise IndexError(f"Target {int(bad[0])} is out of bounds.")
    rows = x.reshape(-1, classes)
    onehot = xp.zeros(rows.shape, dtype=x.dtype)
    if weight is None:
        onehot[xp.arange(rows.shape[0])[kept], labels[kept]] = 1
        count = int(kept.sum())
    else:  # each row weighs its class's weight; 'mean' divides by the weights' sum
        w = xp.asarray(weight._data, dtype=x.dtype)[labels[kept]]
        onehot[xp.arange(rows.shape[0])[kept], labels[kept]] = w
        count = w.sum()
    picked = -(onehot * rows).sum(axis=1)
    if not batched:
        onehot, picked = onehot[0], picked[0]
    elif x.ndim == 4:
        onehot = xp.moveaxis(onehot.reshape(x.shape), -1, 1)
        picked = picked.reshape(x.shape[:-1])
    data = reduced(xp, xp.asarray(picked, dtype=x.dtype), red, count)
    out = wrap(data, input._device)
    if records(input):
        node_type = NllLoss2DBackward0 if x.ndim == 4 else NllLossBackward0
        node = node_type((edge(input),), (input, target))
        node._onehot, node._total = onehot, count
        node._saved_reduction, node._saved_ignore_index = red, ignore_index
        attach(out, node)
    if _listeners:
        emit("nll_loss", (input, target), out)
    return out


def cross_entropy(input: Tensor, target: Tensor, weight=None, size_average=None,
                  ignore_index: int = _IGNORE_INDEX, reduce=None, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """log_softmax over the classes, then nll_loss: PyTorch's composition and nodes."""
    input = as_tensor_input(input, "cross_entropy")
    dim = 1 if input.dim() >= 2 else 0
    classes = input.shape[dim]
    weight_ = None if weight is None else weight.view([classes] + [1] * (input.dim() - dim - 1))
    log_probs = log_softmax(input, dim)
    if target.shape == input.shape and not target.dtype.is_floating_point:
        raise RuntimeError("Expected floating point type for target with class probabilities, "
                           f"got {target.dtype._legacy}")
    if target.dtype.is_floating_point:
        if target.shape != input.shape:
            raise RuntimeError(
                f"expected target dtype to be Long or Byte, but got {target.dtype._legacy}"
            )
        return _cross_entropy_probabilities(log_probs, target, weight_, dim, reduction,
                                            label_smoothing)
    loss = nll_loss(log_probs, target, weight, None, ignore_index, None, reduction)
    if not label_smoothing:
        return loss
    # PyTorch's composition: (1 - eps) * nll + eps / C * (-sum of log p over the classes,
    # weighted, zero where ignored; 'mean' divides by the kept rows' weights or count)
    ignored = target == ignore_index
    smooth = -(log_probs if weight_ is None else log_probs * weight_).sum(dim)
    smooth = smooth.masked_fill(ignored, 0.0)
    if reduction == "mean":
        if weight is None:
            smooth = smooth.sum() / (~ignored).sum()
        else:
            smooth = smooth.sum() / weight.gather(0, target.masked_select(~ignored).flatten()).sum()
    elif reduction == "sum":
        smooth = smooth.sum()
    # (ATen's doubles: MulBackward1, the Scalar overload)
    return (with_scalar("mul", loss, 1 - label_smoothing)
            + with_scalar("mul", smooth, label_smoothing / classes))


def _cross_entropy_probabilities(log_probs: Tensor, target: Tensor, weight_, dim: int,
                                 reduction: str, label_smoothing: float) -> Tensor:
    """Class-probability targets: -(sum over classes of target * log p), as PyTorch composes it
    (smoothing mixes the targets with the uniform distribution first)."""
    classes = log_probs.shape[dim]
    if label_smoothing:
        target = target * (1 - label_smoothing) + label_smoothing / classes
    terms = log_probs * target if weight_ is None else log_probs * target * weight_
    if reduction == "mean":
        return with_scalar("div", -terms.sum(), log_probs.numel() / classes)  # DivBackward1
    if reduction == "sum":
        return -terms.sum()
    return -terms.sum(dim)


# --------------------------------------------------------------------------- binary cross entropy
class _BinaryEntropyNode(Node):
    """A binary cross-entropy's node: saves input and target; 'mean' divides g by numel."""

    __slots__ = ("_saved_reduction",)
    _saved_fields = ("self", "target")

    def _saved_and_grad(self, g, t):
        """(input, target, the upstream gradient divided by numel for 'mean')."""
        x, y = self._unpack(t)
        if self._saved_reduction == 1:
            g = g / x.size if not t else g / x.numel()
        return x, y, g


class BinaryCrossEntropyWithLogitsBackward0(_BinaryEntropyNode):
    """d/dx = (sigmoid(x) - target) g, d/dtarget = -x g (divided by numel for 'mean'); with
    pos_weight p: d/dx = ((p y + 1 - y) sigmoid(x) - p y) g, d/dtarget = (log_sigmoid(-x) -
    p log_sigmoid(x)) g; each times weight."""

    __slots__ = ("_saved_pos_weight", "_saved_weight")

    def _apply(self, g, m, t):
        x, y, g = self._saved_and_grad(g, t)
        weight, pos_weight = self._saved_weight, self._saved_pos_weight
        if weight is not None:
            g = g * (weight if t else weight._data)
        if pos_weight is None:
            gx = (1 / (1 + m.exp(-x)) - y) * g if self._needs(0) else None
            gy = -x * g if self._needs(1) else None
            return gx, gy
        p = (pos_weight if t else pos_weight._data) * y
        gx = ((p + 1 - y) / (1 + m.exp(-x)) - p) * g if self._needs(0) else None
        if not self._needs(1):
            return gx, None
        pw = pos_weight if t else pos_weight._data
        gy = (_log_sigmoid(m, -x) - _log_sigmoid(m, x) * pw) * g
        return gx, gy


def _log_sigmoid(m, x):
    """log(sigmoid(x)) without overflow, on arrays or Tensors (m: their namespace)."""
    return m.minimum(x, 0 * x) - m.log1p(m.exp(-abs(x)))


def binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight=None,
                                     size_average=None, reduce=None, reduction: str = "mean",
                                     pos_weight=None) -> Tensor:
    """Sigmoid and binary cross-entropy in one numerically stable op."""
    input = as_tensor_input(input, "binary_cross_entropy_with_logits")
    red = reduction_enum(reduction)
    if target._data.shape != input._data.shape:
        raise ValueError(
            f"Target size ({target.size()}) must be the same as input size ({input.size()})"
        )
    xp = input._device.xp
    x, y = input._data, target._data.astype(input._data.dtype)
    with quiet():
        if pos_weight is None:
            values = xp.maximum(x, 0) - x * y + xp.log1p(xp.exp(-xp.abs(x)))
        else:  # PyTorch's: (1 - y) x - log_sigmoid(x) ((pos_weight - 1) y + 1)
            log_weight = (pos_weight._data.astype(x.dtype) - 1) * y + 1
            values = (1 - y) * x - _log_sigmoid(xp, x) * log_weight
        if weight is not None:
            values = values * weight._data.astype(x.dtype)
    out = wrap(reduced(xp, values.astype(x.dtype), red), input._device)
    if records(input, target):
        node = BinaryCrossEntropyWithLogitsBackward0(
            (_edge_if_grad(input), _edge_if_grad(target)), (input, target)
        )
        node._saved_reduction = red
        node._saved_weight = None if weight is None else weight.to(input.dtype)
        node._saved_pos_weight = None if pos_weight is None else pos_weight.to(input.dtype)
        attach(out, node)
    if _listeners:
        emit("binary_cross_entropy_with_logits", (input, target), out)
    return out


class BinaryCrossEntropyBackward0(_BinaryEntropyNode):
    """d/dx = (x - target) / max(x (1 - x), 1e-12) g, d/dtarget = -logit(x) g (each times weight,
    divided by numel for 'mean')."""

    __slots__ = ("_saved_weight",)

    def _apply(self, g, m, t):
        x, y, g = self._saved_and_grad(g, t)
        weight = self._saved_weight
        if weight is not None:
            g = g * (weight if t else weight._data)
        gx = gy = None
        if self._needs(0):
            denominator = x * (1 - x)
            denominator = denominator.clamp(min=_EPS) if t else m.maximum(denominator, _EPS)
            gx = (x - y) / denominator * g
        if self._needs(1):
            with quiet():
                gy = -m.log(x / (1 - x)) * g
        return gx, gy


_EPS = 1e-12


def binary_cross_entropy(input: Tensor, target: Tensor, weight=None, size_average=None,
                         reduce=None, reduction: str = "mean") -> Tensor:
    """-(target log(x) + (1 - target) log(1 - x)), each log clamped at -100 as in PyTorch."""
    input = as_tensor_input(input, "binary_cross_entropy")
    red = reduction_enum(reduction)
    if target._data.shape != input._data.shape:
        raise ValueError(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}) is deprecated. Please ensure they have the same size."
        )
    if target._data.dtype != input._data.dtype:
        raise RuntimeError(
            f"Found dtype {target.dtype._legacy} but expected {input.dtype._legacy}")
    xp = input._device.xp
    x, y = input._data, target._data
    if ((x < 0) | (x > 1)).any():
        raise RuntimeError("all elements of input should be between 0 and 1")
    with quiet():
        values = -(y * xp.maximum(xp.log(x), -100) + (1 - y) * xp.maximum(xp.log1p(-x), -100))
    if weight is not None:  # (broadcast to the target's shape, as PyTorch's expand)
        weight = weight.expand(np.broadcast_shapes(y.shape, tuple(weight.shape)))
        values = values * weight._data.astype(x.dtype)
    out = wrap(reduced(xp, values.astype(x.dtype), red), input._device)
    if records(input, target):
        node = BinaryCrossEntropyBackward0(
            (_edge_if_grad(input), _edge_if_grad(target)), (input, target)
        )
        node._saved_reduction = red
        node._saved_weight = weight
        attach(out, node)
    if _listeners:
        emit("binary_cross_entropy", (input, target), out)
    return out


# --------------------------------------------------------------------------- soft margin
class SoftMarginLossBackward0(Node):
    """d/dx = -target e^(-target x) / (1 + e^(-target x)) g (divided by numel for 'mean')."""

    __slots__ = ("_saved_reduction",)
    _saved_fields = ("self", "target")

    def _apply(self, g, m, t):
        x, y = self._unpack(t)
        with quiet():
            z = m.exp(-y * x)
            grad = -y * z / (1 + z) * g
        if self._saved_reduction == 1:
            grad = grad / (x.numel() if t else x.size)
        return (grad,)


def soft_margin_loss(input: Tensor, target: Tensor, size_average=None, reduce=None,
                     reduction: str = "mean") -> Tensor:
    """log(1 + exp(-target * input)): the two-class logistic loss, targets 1 or -1."""
    input = as_tensor_input(input, "soft_margin_loss")
    red = reduction_enum(reduction)
    if isinstance(target, Tensor) and target._requires_grad:
        raise RuntimeError(
            "The function 'soft_margin_loss' is not differentiable with respect to argument "
            "'target'. This input cannot have requires_grad True."
        )
    xp = input._device.xp
    x, y = input._data, target._data.astype(input._data.dtype)
    with quiet():
        values = xp.log1p(xp.exp(-y * x))
    out = wrap(reduced(xp, values.astype(x.dtype), red), input._device)
    if records(input):
        node = SoftMarginLossBackward0((edge(input),), (input, target))
        node._saved_reduction = red
        attach(out, node)
    if _listeners:
        emit("soft_margin_loss", (input, target), out)
    return out
