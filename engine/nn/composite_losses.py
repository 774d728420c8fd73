"""Losses PyTorch composes of other ops rather than giving each its own node: margin ranking,
hinge embedding, cosine embedding, triplet margin (with a distance function too), Poisson and
Gaussian negative log-likelihood and multi-label soft margin. Each is written as PyTorch's ATen
(or torch.nn.functional) code writes it, so values, gradients and the grad_fn names a program
prints are PyTorch's: where ATen adds a C++ double to a tensor, its Scalar overload
(`with_scalar`: AddBackward1, one edge); where it subtracts a tensor from a double
(`margin - input`), a wrapped number (`sub_tensor`: SubBackward0 whose first edge is None), not
Python's `__rsub__` (RsubBackward1)."""
from __future__ import annotations

import math

from engine.nn.activation_functions import logsigmoid
from engine.nn.distance import pairwise_distance
from engine.nn.reduction import apply_reduction
from engine.ops.dispatch import Tensor
from engine.ops.elementwise import sub_tensor, where, with_scalar

_EPSILON = 1e-12  # cosine_embedding_loss's guard on the squared magnitudes


def margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                        size_average=None, reduce=None, reduction: str = "mean") -> Tensor:
    """max(0, -target * (input1 - input2) + margin)."""
    loss = with_scalar("add", -target * (input1 - input2), margin)
    return apply_reduction(loss.clamp_min(0), reduction)


def hinge_embedding_loss(input: Tensor, target: Tensor, margin: float = 1.0, size_average=None,
                         reduce=None, reduction: str = "mean") -> Tensor:
    """input where target is 1, max(0, margin - input) where target is -1."""
    zeros = input.new_zeros(input.shape)
    margin_clamp = sub_tensor(margin, input).clamp_min(0)
    output_margin = where(target != 1, margin_clamp, zeros)
    output_self = where(target != -1, input, zeros)
    return apply_reduction(output_margin + output_self, reduction)


def cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: float = 0.0,
                          size_average=None, reduce=None, reduction: str = "mean") -> Tensor:
    """1 - cos(x1, x2) where target is 1, max(0, cos(x1, x2) - margin) where it is -1."""
    dim = input1.dim() - 1
    prod_sum = (input1 * input2).sum(dim)
    mag_square1 = with_scalar("add", (input1 * input1).sum(dim), _EPSILON)
    mag_square2 = with_scalar("add", (input2 * input2).sum(dim), _EPSILON)
    cos = prod_sum / (mag_square1 * mag_square2).sqrt()
    zeros = cos.new_zeros(cos.shape)
    output_pos = where(target == 1, sub_tensor(1, cos), zeros)
    output_neg = where(target == -1, with_scalar("sub", cos, margin).clamp_min(0), zeros)
    return apply_reduction(output_pos + output_neg, reduction)


def triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, margin: float = 1.0,
                        p: float = 2, eps: float = 1e-6, swap: bool = False, size_average=None,
                        reduce=None, reduction: str = "mean") -> Tensor:
    """max(0, margin + d(anchor, positive) - d(anchor, negative)), d the p-norm distance."""
    dist_pos = pairwise_distance(anchor, positive, p, eps)
    dist_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        from engine import min as minimum

        dist_neg = minimum(dist_neg, pairwise_distance(positive, negative, p, eps))
    loss = with_scalar("add", dist_pos, margin) - dist_neg
    return apply_reduction(loss.clamp_min(0), reduction)


def triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, *,
                                      distance_function=None, margin: float = 1.0,
                                      swap: bool = False, reduction: str = "mean") -> Tensor:
    """triplet_margin_loss with any distance (pairwise_distance by default), composed in Python
    as torch.nn.functional does (`margin + d`: AddBackward0)."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    dims = (anchor.dim(), positive.dim(), negative.dim())
    if len(set(dims)) != 1:
        raise RuntimeError(
            "The anchor, positive, and negative tensors are expected to have the same number of "
            f"dimensions, but got: anchor {dims[0]}D, positive {dims[1]}D, and negative "
            f"{dims[2]}D inputs"
        )
    distance = pairwise_distance if distance_function is None else distance_function
    dist_pos = distance(anchor, positive)
    dist_neg = distance(anchor, negative)
    if swap:
        from engine import minimum

        dist_neg = minimum(dist_neg, distance(positive, negative))
    return apply_reduction((margin + dist_pos - dist_neg).clamp_min(0), reduction)


def poisson_nll_loss(input: Tensor, target: Tensor, log_input: bool = True, full: bool = False,
                     size_average=None, eps: float = 1e-8, reduce=None,
                     reduction: str = "mean") -> Tensor:
    """exp(input) - target * input (log_input), else input - target * log(input + eps); full
    adds Stirling's term where target > 1."""
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * with_scalar("add", input, eps).log()
    if full:
        two_pi_target = with_scalar("mul", target, 2 * math.pi)
        stirling = target * target.log() - target + with_scalar("mul", two_pi_target.log(), 0.5)
        loss = loss + stirling.masked_fill(target <= 1, 0)
    return apply_reduction(loss, reduction)


def gaussian_nll_loss(input: Tensor, target: Tensor, var, full: bool = False, eps: float = 1e-6,
                      reduction: str = "mean") -> Tensor:
    """0.5 * (log(var) + (input - target)^2 / var), var clamped at eps outside the graph."""
    from engine.autograd.grad_mode import no_grad

    if isinstance(var, float):
        if var < 0:
            raise ValueError("var has negative entry/entries")
        var = var * input.new_ones(input.shape)
    elif bool((var < 0).any()):
        raise ValueError("var has negative entry/entries")
    if var.shape != input.shape:
        if tuple(input.shape[:-1]) == tuple(var.shape):
            var = var.unsqueeze(-1)
        elif not (input.dim() == var.dim() and sum(
                y for x, y in zip(input.shape, var.shape) if x != y) == 1):
            raise ValueError("var is of incorrect size")
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    var = var.clone()
    with no_grad():
        var.clamp_(min=eps)
    loss = 0.5 * (var.log() + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return apply_reduction(loss, reduction)


def multilabel_soft_margin_loss(input: Tensor, target: Tensor, weight=None, size_average=None,
                                reduce=None, reduction: str = "mean") -> Tensor:
    """-(target log sigmoid(x) + (1 - target) log sigmoid(-x)), averaged over the classes."""
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    class_dim = input.dim() - 1
    loss = loss.sum(dim=class_dim) / input.shape[class_dim]
    if reduction not in ("none", "mean", "sum"):
        raise ValueError(reduction + " is not valid")
    return apply_reduction(loss, reduction)
