"""optim.Adadelta: steps sized by the ratio of running RMS of past steps to past gradients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.optim.optimizer import (
    Optimizer,
    array_of,
    assign,
    check_non_negative,
    count_step,
    descent_gradient,
    namespace_of,
    new_step,
    state_like,
)


class Adadelta(Optimizer):
    """PyTorch's Adadelta: ``v = rho v + (1 - rho) g**2; d = sqrt(u + eps) / sqrt(v + eps) g;
    u = rho u + (1 - rho) d**2; p -= lr d``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_non_negative({
            "learning rate": lr, "epsilon value": eps, "weight_decay value": weight_decay,
        })
        if not 0.0 <= rho <= 1.0:
            raise ValueError(f"Invalid rho value: {rho}")
        defaults = {
            "lr": lr,
            "rho": rho,
            "eps": eps,
            "weight_decay": weight_decay,
            "maximize": maximize,
            "capturable": capturable,
            "foreach": foreach,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        grad = descent_gradient(param, group)
        xp = namespace_of(param)
        if not state:
            state["step"] = new_step()
            state["square_avg"] = state_like(param)
            state["acc_delta"] = state_like(param)
        count_step(state)
        rho, eps = group["rho"], group["eps"]
        square_avg, acc_delta = array_of(state["square_avg"]), array_of(state["acc_delta"])
        square_avg *= rho
        square_avg += (1 - rho) * grad * grad
        delta = xp.sqrt(acc_delta + eps) / xp.sqrt(square_avg + eps) * grad
        acc_delta *= rho
        acc_delta += (1 - rho) * delta * delta
        assign(param, array_of(param) - group["lr"] * delta)
