"""Regression losses besides MSE: l1_loss (composite, like PyTorch's), smooth_l1_loss and
huber_loss (one op each, SmoothL1LossBackward0 / HuberLossBackward0)."""
from __future__ import annotations

from engine.autograd.graph import NO_EDGE, Node
from engine.nn.reduction import apply_reduction, reduction_enum
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    grad_state,
    operands,
    wrap,
)


def l1_loss(input: Tensor, target: Tensor, size_average=None, reduce=None,
            reduction: str = "mean") -> Tensor:
    """|input - target|, averaged, summed or kept (PyTorch composes it the same way)."""
    return apply_reduction((as_tensor_input(input, "l1_loss") - target).abs(), reduction)


class _PiecewiseLossNode(Node):
    """Quadratic near zero, linear beyond `limit`: the gradient is the difference, clipped."""

    __slots__ = ("_limit", "_numel", "_outside", "_saved_reduction", "_scale")
    _saved_fields = ("self", "target")

    def _apply(self, g, m, t):
        x, y = self._unpack(t)
        d = x - y
        clipped = m.where(m.abs(d) < self._limit, d * self._scale, m.sign(d) * self._outside)
        if self._saved_reduction == 1:
            g = g / self._numel
        grad = clipped * g
        return (grad if self._needs(0) else None, -grad if self._needs(1) else None)


class SmoothL1LossBackward0(_PiecewiseLossNode):
    __slots__ = ()


class HuberLossBackward0(_PiecewiseLossNode):
    __slots__ = ()


def _piecewise(op: str, input: Tensor, target: Tensor, reduction: str, limit: float,
               smooth_l1: bool, node_cls) -> Tensor:
    input = as_tensor_input(input, op)
    red = reduction_enum(reduction)
    xa, xb, device = operands(input, target)
    xp = device.xp
    d = xa - xb
    a = xp.abs(d)
    if smooth_l1:
        values = xp.where(a < limit, 0.5 * d * d / limit, a - 0.5 * limit) if limit else a
    else:
        values = xp.where(a < limit, 0.5 * d * d, limit * (a - 0.5 * limit))
    values = values.astype(d.dtype)
    if red:
        values = xp.asarray(values.mean() if red == 1 else values.sum(), dtype=d.dtype)
    out = wrap(values, device)
    needs = [isinstance(v, Tensor) and v._requires_grad for v in (input, target)]
    if grad_state.enabled and any(needs):
        node = node_cls(
            tuple(edge(v) if n else NO_EDGE for v, n in zip((input, target), needs)),
            (input, target),
        )
        node._limit, node._saved_reduction, node._numel = limit, red, d.size
        # Inside |d| < limit the gradient is d * scale; beyond it, sign(d) * outside.
        node._scale = 1 / limit if smooth_l1 and limit else 1
        node._outside = 1 if smooth_l1 else limit
        attach(out, node)
    if _listeners:
        emit(op, (input, target), out)
    return out


def smooth_l1_loss(input: Tensor, target: Tensor, size_average=None, reduce=None,
                   reduction: str = "mean", beta: float = 1.0) -> Tensor:
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (d = input - target); beta 0 is
    l1_loss, which PyTorch then calls (its graph, not SmoothL1LossBackward0)."""
    if beta == 0:
        return l1_loss(input, target, reduction=reduction)
    return _piecewise("smooth_l1_loss", input, target, reduction, beta, True, SmoothL1LossBackward0)


def huber_loss(input: Tensor, target: Tensor, reduction: str = "mean", delta: float = 1.0,
               weight=None) -> Tensor:
    """0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta) (d = input - target); `weight`
    scales each element's loss before the reduction (PyTorch's Python code does the same)."""
    if weight is None:
        return _piecewise("huber_loss", input, target, reduction, delta, False, HuberLossBackward0)
    if tuple(weight.shape) != tuple(as_tensor_input(input, "huber_loss").shape):
        raise ValueError("Weights and input must have the same size.")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(
            f"Invalid reduction mode: {reduction}. Expected one of 'none', 'mean', 'sum'."
        )
    loss = _piecewise("huber_loss", input, target, "none", delta, False, HuberLossBackward0)
    return apply_reduction(loss * weight, reduction)
