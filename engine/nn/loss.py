"""Loss modules: MSELoss, L1Loss, SmoothL1Loss, HuberLoss, CrossEntropyLoss, NLLLoss, BCELoss,
BCEWithLogitsLoss, SoftMarginLoss and the margin, triplet and likelihood losses."""

from __future__ import annotations

import warnings
from typing import Any

from engine.nn import functional as F
from engine.nn.module import Module


def _reduction(size_average: Any, reduce: Any, reduction: str) -> str:
    """The reduction the deprecated `size_average=` / `reduce=` ask for, with PyTorch's warning."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    legacy = ("mean" if size_average else "sum") if reduce else "none"
    warnings.warn(
        "size_average and reduce args will be deprecated, please use "
        f"reduction='{legacy}' instead.",
        UserWarning,
        stacklevel=3,
    )
    return legacy


class MSELoss(Module):
    """``MSELoss(reduction='mean' | 'sum' | 'none')``; ``loss_fn(input, target)``."""

    def __init__(self, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        return F.mse_loss(input, target, reduction=self.reduction)


class _ClassLoss(Module):
    """A loss module that calls its functional form with the stored reduction."""

    _function = staticmethod(F.nll_loss)

    def __init__(self, weight: Any = None, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__()
        self.register_buffer("weight", weight)  # the class weights, a buffer as in PyTorch
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        if self.weight is None:  # (L1Loss's function takes no weight)
            return type(self)._function(input, target, reduction=self.reduction)
        return type(self)._function(input, target, weight=self.weight, reduction=self.reduction)


class NLLLoss(_ClassLoss):
    """``NLLLoss()(log_probabilities, classes)``: the negative log-likelihood."""

    def __init__(self, weight: Any = None, size_average: Any = None, ignore_index: int = -100,
                 reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index = ignore_index

    def forward(self, input: Any, target: Any) -> Any:
        return F.nll_loss(input, target, weight=self.weight, ignore_index=self.ignore_index,
                          reduction=self.reduction)


class CrossEntropyLoss(_ClassLoss):
    """``CrossEntropyLoss()(logits, classes)``: log_softmax then NLLLoss."""

    _function = staticmethod(F.cross_entropy)

    def __init__(self, weight: Any = None, size_average: Any = None, ignore_index: int = -100,
                 reduce: Any = None, reduction: str = "mean",
                 label_smoothing: float = 0.0) -> None:
        super().__init__(weight, size_average, reduce, reduction)
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing

    def forward(self, input: Any, target: Any) -> Any:
        return F.cross_entropy(input, target, weight=self.weight, ignore_index=self.ignore_index,
                               reduction=self.reduction, label_smoothing=self.label_smoothing)


class BCELoss(_ClassLoss):
    """``BCELoss()(probabilities, targets)``: binary cross-entropy."""

    _function = staticmethod(F.binary_cross_entropy)


class BCEWithLogitsLoss(Module):
    """``BCEWithLogitsLoss()(logits, targets)``: sigmoid and binary cross-entropy in one; weight
    scales each element's loss, pos_weight the positive targets' (buffers, as in PyTorch)."""

    def __init__(self, weight: Any = None, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean", pos_weight: Any = None) -> None:
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        return F.binary_cross_entropy_with_logits(input, target, self.weight,
                                                  pos_weight=self.pos_weight,
                                                  reduction=self.reduction)


class L1Loss(_ClassLoss):
    """``L1Loss()(input, target)``: the mean absolute error."""

    _function = staticmethod(F.l1_loss)


class SmoothL1Loss(Module):
    """``SmoothL1Loss(beta=1.0)``: quadratic below beta, linear above."""

    def __init__(self, size_average: Any = None, reduce: Any = None, reduction: str = "mean",
                 beta: float = 1.0) -> None:
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)
        self.beta = beta

    def forward(self, input: Any, target: Any) -> Any:
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)


class HuberLoss(Module):
    """``HuberLoss(delta=1.0)``: quadratic below delta, delta-scaled linear above."""

    def __init__(self, reduction: str = "mean", delta: float = 1.0) -> None:
        super().__init__()
        self.reduction = reduction
        self.delta = delta

    def forward(self, input: Any, target: Any) -> Any:
        return F.huber_loss(input, target, reduction=self.reduction, delta=self.delta)


class _MarginLoss(Module):
    """A loss with a margin that calls its functional form: MarginRankingLoss (margin 0),
    HingeEmbeddingLoss (margin 1), CosineEmbeddingLoss (margin 0)."""

    _function = staticmethod(F.margin_ranking_loss)
    _default_margin = 0.0

    def __init__(self, margin: float | None = None, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__()
        self.margin = self._default_margin if margin is None else margin
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, *inputs: Any) -> Any:
        return type(self)._function(*inputs, margin=self.margin, reduction=self.reduction)


class MarginRankingLoss(_MarginLoss):
    """``MarginRankingLoss(margin)(x1, x2, y)``: y = 1 ranks x1 above x2, y = -1 below."""


class HingeEmbeddingLoss(_MarginLoss):
    """``HingeEmbeddingLoss(margin=1.0)(x, y)``: x for y = 1, max(0, margin - x) for y = -1."""

    _function = staticmethod(F.hinge_embedding_loss)
    _default_margin = 1.0


class CosineEmbeddingLoss(_MarginLoss):
    """``CosineEmbeddingLoss(margin)(x1, x2, y)``: 1 - cos for y = 1, max(0, cos - margin)
    for y = -1."""

    _function = staticmethod(F.cosine_embedding_loss)


class TripletMarginLoss(Module):
    """``TripletMarginLoss(margin=1.0, p=2.0)(anchor, positive, negative)``."""

    def __init__(self, margin: float = 1.0, p: float = 2.0, eps: float = 1e-6, swap: bool = False,
                 size_average: Any = None, reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__()
        self.margin, self.p, self.eps, self.swap = margin, p, eps, swap
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, anchor: Any, positive: Any, negative: Any) -> Any:
        return F.triplet_margin_loss(anchor, positive, negative, margin=self.margin, p=self.p,
                                     eps=self.eps, swap=self.swap, reduction=self.reduction)


class TripletMarginWithDistanceLoss(Module):
    """``TripletMarginWithDistanceLoss(distance_function=None, margin=1.0)(anchor, positive,
    negative)``; the default distance is a PairwiseDistance submodule, as in PyTorch."""

    def __init__(self, *, distance_function: Any = None, margin: float = 1.0, swap: bool = False,
                 reduction: str = "mean") -> None:
        super().__init__()
        if margin <= 0:
            raise ValueError("TripletMarginWithDistanceLoss: expected margin to be greater than "
                             f"0, got {margin} instead")
        from engine.nn.distance import PairwiseDistance

        self.distance_function = (
            distance_function if distance_function is not None else PairwiseDistance()
        )
        self.margin, self.swap, self.reduction = margin, swap, reduction

    def forward(self, anchor: Any, positive: Any, negative: Any) -> Any:
        return F.triplet_margin_with_distance_loss(
            anchor, positive, negative, distance_function=self.distance_function,
            margin=self.margin, swap=self.swap, reduction=self.reduction)


class SoftMarginLoss(Module):
    """``SoftMarginLoss()(input, target)``: log(1 + exp(-target * input)), targets 1 or -1."""

    def __init__(self, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        return F.soft_margin_loss(input, target, reduction=self.reduction)


class MultiMarginLoss(Module):
    """``MultiMarginLoss(p=1, margin=1.0, weight=None)(scores, classes)``: the multi-class
    hinge loss (weight: a buffer, as in PyTorch)."""

    def __init__(self, p: int = 1, margin: float = 1.0, weight: Any = None,
                 size_average: Any = None, reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__()
        if p not in (1, 2):
            raise ValueError("only p == 1 and p == 2 supported")
        if weight is not None and weight.dim() != 1:
            raise ValueError(
                f"MultiMarginLoss: expected weight to be None or 1D tensor, got {weight.dim()}D "
                "instead"
            )
        self.register_buffer("weight", weight)
        self.p, self.margin = p, margin
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        return F.multi_margin_loss(input, target, p=self.p, margin=self.margin,
                                   weight=self.weight, reduction=self.reduction)


class MultiLabelMarginLoss(Module):
    """``MultiLabelMarginLoss()(scores, classes)``: each row of classes ends at the first -1."""

    def __init__(self, size_average: Any = None, reduce: Any = None,
                 reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, input: Any, target: Any) -> Any:
        return F.multilabel_margin_loss(input, target, reduction=self.reduction)


class PoissonNLLLoss(Module):
    """``PoissonNLLLoss(log_input=True, full=False)(log_rate, counts)``."""

    def __init__(self, log_input: bool = True, full: bool = False, size_average: Any = None,
                 eps: float = 1e-8, reduce: Any = None, reduction: str = "mean") -> None:
        super().__init__()
        self.log_input, self.full, self.eps = log_input, full, eps
        self.reduction = _reduction(size_average, reduce, reduction)

    def forward(self, log_input: Any, target: Any) -> Any:
        return F.poisson_nll_loss(log_input, target, log_input=self.log_input, full=self.full,
                                  eps=self.eps, reduction=self.reduction)


class GaussianNLLLoss(Module):
    """``GaussianNLLLoss(full=False, eps=1e-6)(mean, target, var)``."""

    def __init__(self, *, full: bool = False, eps: float = 1e-6, reduction: str = "mean") -> None:
        super().__init__()
        self.full, self.eps, self.reduction = full, eps, reduction

    def forward(self, input: Any, target: Any, var: Any) -> Any:
        return F.gaussian_nll_loss(input, target, var, full=self.full, eps=self.eps,
                                   reduction=self.reduction)


class MultiLabelSoftMarginLoss(_ClassLoss):
    """``MultiLabelSoftMarginLoss(weight=None)(logits, multi_hot)``: one sigmoid per class."""

    _function = staticmethod(F.multilabel_soft_margin_loss)
