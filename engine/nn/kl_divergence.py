"""F.kl_div and nn.KLDivLoss: target * (log target - input), input given as log-probabilities."""

from __future__ import annotations

import warnings

from engine.nn.module import Module
from engine.ops.elementwise import xlogy


def kl_div(input, target, size_average=None, reduce=None, reduction: str = "mean",
           log_target: bool = False):
    if log_target:
        pointwise = target.exp() * (target - input)
    else:
        pointwise = xlogy(target, target) - target * input  # (0 where target is 0)
    if reduction == "mean":
        warnings.warn(
            "reduction: 'mean' divides the total loss by both the batch size and the support "
            "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
            "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
            "major release.", UserWarning, stacklevel=2)
        return pointwise.mean()
    if reduction == "batchmean":
        return pointwise.sum() / input.shape[0] if input.dim() else pointwise.sum()
    if reduction == "sum":
        return pointwise.sum()
    return pointwise


class KLDivLoss(Module):
    def __init__(self, size_average=None, reduce=None, reduction: str = "mean",
                 log_target: bool = False) -> None:
        super().__init__()
        self.reduction = reduction
        self.log_target = log_target

    def forward(self, input, target):
        return kl_div(input, target, reduction=self.reduction, log_target=self.log_target)
