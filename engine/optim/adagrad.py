"""optim.Adagrad: each weight's step shrinks with the sum of its squared gradients."""

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


class Adagrad(Optimizer):
    """PyTorch's Adagrad: ``sum += g**2; p -= lr / (1 + (step - 1) lr_decay) g / (sqrt(sum) +
    eps)``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        check_non_negative({
            "learning rate": lr,
            "lr_decay value": lr_decay,
            "weight_decay value": weight_decay,
            "initial_accumulator_value value": initial_accumulator_value,
            "epsilon value": eps,
        })
        defaults = {
            "lr": lr,
            "lr_decay": lr_decay,
            "eps": eps,
            "weight_decay": weight_decay,
            "initial_accumulator_value": initial_accumulator_value,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        p = array_of(param)
        grad = descent_gradient(param, group)
        xp = namespace_of(param)
        if not state:
            state["step"] = new_step()
            state["sum"] = state_like(param)
            array_of(state["sum"])[...] = group["initial_accumulator_value"]
        step = count_step(state)
        clr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
        total = array_of(state["sum"])
        total += grad * grad
        assign(param, p - clr * (grad / (xp.sqrt(total) + group["eps"])))
