"""optim.SGD: stochastic gradient descent with momentum, dampening, Nesterov and weight decay."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from engine.optim.optimizer import Optimizer, array_of, assign, descent_gradient, state_like


class SGD(Optimizer):
    """PyTorch's SGD: ``b = momentum*b + (1-dampening)*g``; ``p -= lr*(g + momentum*b or b)``."""

    def __init__(
        self,
        params: Iterable[Any],
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = {
            "lr": lr,
            "momentum": momentum,
            "dampening": dampening,
            "weight_decay": weight_decay,
            "nesterov": nesterov,
            "maximize": maximize,
            "foreach": foreach,
            "differentiable": differentiable,
            "fused": fused,
        }
        super().__init__(params, defaults)

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        p = array_of(param)
        grad = descent_gradient(param, group)
        momentum = group["momentum"]
        if momentum != 0:
            buffer = state.get("momentum_buffer")
            if buffer is None:
                # the first step seeds the buffer with the gradient itself (no dampening)
                buffer = state_like(param, grad)
                state["momentum_buffer"] = buffer
            else:
                b = array_of(buffer)
                b *= momentum
                b += (1 - group["dampening"]) * grad
            b = array_of(buffer)
            grad = grad + momentum * b if group["nesterov"] else b
        assign(param, p - group["lr"] * grad)
