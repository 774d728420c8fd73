"""nn.MSELoss: mean (or summed, or elementwise) squared error."""

from __future__ import annotations

from typing import Any

from engine.nn import functional as F
from engine.nn.module import Module


class MSELoss(Module):
    """``MSELoss(reduction='mean' | 'sum' | 'none')``; ``loss_fn(input, target)``."""

    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        self.reduction = reduction

    def forward(self, input: Any, target: Any) -> Any:
        return F.mse_loss(input, target, reduction=self.reduction)
