"""optim.RMSprop: divide the gradient by a running root mean square of recent gradients."""

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


class RMSprop(Optimizer):
    """PyTorch's RMSprop, with its ``centered`` and ``momentum`` variants."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        check_non_negative({
            "learning rate": lr,
            "epsilon value": eps,
            "momentum value": momentum,
            "weight_decay value": weight_decay,
            "alpha value": alpha,
        })
        defaults = {
            "lr": lr,
            "alpha": alpha,
            "eps": eps,
            "weight_decay": weight_decay,
            "momentum": momentum,
            "centered": centered,
            "capturable": capturable,
            "foreach": foreach,
            "maximize": maximize,
            "differentiable": differentiable,
        }
        super().__init__(params, defaults)

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        p = array_of(param)
        grad = descent_gradient(param, group)
        xp = namespace_of(param)
        if not state:
            state["step"] = new_step()
            state["square_avg"] = state_like(param)
            if group["momentum"] > 0:
                state["momentum_buffer"] = state_like(param)
            if group["centered"]:
                state["grad_avg"] = state_like(param)
        count_step(state)
        alpha = group["alpha"]
        square_avg = array_of(state["square_avg"])
        square_avg *= alpha
        square_avg += (1 - alpha) * grad * grad
        if group["centered"]:
            grad_avg = array_of(state["grad_avg"])
            grad_avg += (1 - alpha) * (grad - grad_avg)  # lerp towards grad
            avg = xp.sqrt(square_avg - grad_avg * grad_avg)
        else:
            avg = xp.sqrt(square_avg)
        avg += group["eps"]
        if group["momentum"] > 0:
            buffer = array_of(state["momentum_buffer"])
            buffer *= group["momentum"]
            buffer += grad / avg
            assign(param, p - group["lr"] * buffer)
        else:
            assign(param, p - group["lr"] * (grad / avg))
