"""optim.Adam: bias-corrected running averages of the gradient and of its square."""

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


class Adam(Optimizer):
    """PyTorch's Adam, with its ``amsgrad`` and ``decoupled_weight_decay`` (AdamW) variants."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        check_non_negative({"learning rate": lr, "epsilon value": eps})
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        check_non_negative({"weight_decay value": weight_decay})
        defaults = {
            "lr": lr,
            "betas": tuple(betas),
            "eps": eps,
            "weight_decay": weight_decay,
            "amsgrad": amsgrad,
            "maximize": maximize,
            "foreach": foreach,
            "capturable": capturable,
            "differentiable": differentiable,
            "fused": fused,
            "decoupled_weight_decay": decoupled_weight_decay,
        }
        super().__init__(params, defaults)

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        p = array_of(param)
        decoupled = group["decoupled_weight_decay"]
        grad = descent_gradient(param, group, weight_decay=not decoupled)
        xp = namespace_of(param)
        if not state:
            state["step"] = new_step()
            state["exp_avg"] = state_like(param)
            state["exp_avg_sq"] = state_like(param)
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = state_like(param)
        step = count_step(state)
        beta1, beta2 = group["betas"]
        if decoupled and group["weight_decay"] != 0:
            p = p * (1 - group["lr"] * group["weight_decay"])  # AdamW: decay the weight itself
        exp_avg = array_of(state["exp_avg"])
        exp_avg_sq = array_of(state["exp_avg_sq"])
        exp_avg += (1 - beta1) * (grad - exp_avg)  # lerp towards grad
        exp_avg_sq *= beta2
        exp_avg_sq += (1 - beta2) * grad * grad
        # the bias corrections are Python floats (double precision), as in PyTorch
        step_size = group["lr"] / (1 - beta1**step)
        bias_correction2_sqrt = (1 - beta2**step) ** 0.5
        if group["amsgrad"]:
            max_exp_avg_sq = array_of(state["max_exp_avg_sq"])
            xp.maximum(max_exp_avg_sq, exp_avg_sq, out=max_exp_avg_sq)
            denom = xp.sqrt(max_exp_avg_sq) / bias_correction2_sqrt + group["eps"]
        else:
            denom = xp.sqrt(exp_avg_sq) / bias_correction2_sqrt + group["eps"]
        assign(param, p - step_size * (exp_avg / denom))
