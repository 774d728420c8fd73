"""A loss's `reduction` ('none', 'mean' or 'sum'): checked, as PyTorch's enum, and applied."""
from __future__ import annotations

REDUCTIONS = ("none", "mean", "sum")


def reduction_enum(reduction: str) -> int:
    """PyTorch's enum of a reduction (none 0, mean 1, sum 2); ValueError for another name."""
    if reduction not in REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction")
    return REDUCTIONS.index(reduction)


def reduced(xp, values, reduction: int, count=None):
    """`values` kept (0), averaged over `count` or all of them (1), or summed (2)."""
    if reduction == 0:
        return values
    total = values.sum()
    if reduction == 1:
        total = total / (values.size if count is None else count)
    return xp.asarray(total, dtype=values.dtype)


def apply_reduction(loss, reduction: str):
    """A composed loss's tensor kept, averaged or summed (PyTorch's apply_loss_reduction): its
    graph ends in MeanBackward0 or SumBackward0, as PyTorch's does."""
    red = reduction_enum(reduction)
    return loss if red == 0 else loss.mean() if red == 1 else loss.sum()
