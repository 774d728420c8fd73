"""What the nn presets and the user's own model share: an nn.Module fitted to (x, y) through its
input features, one step at a time, as their programs write it.

Each program builds its data, features, model and optimizer in its own order (the order decides
what the seeded generator gives each of them), then hands them here.
"""

from __future__ import annotations

import numpy as np

import engine
import engine.nn


def polynomial_features(x: engine.Tensor, degree: int, device: str) -> engine.Tensor:
    """x, x^2, ... x^degree as the columns of the linear layer's input (the tutorial's `xx`)."""
    p = engine.tensor(list(range(1, degree + 1)), device=device)
    return x.unsqueeze(-1).pow(p)


class ModuleTrainer:
    """loss = loss_fn(model(xx), y), then backward and an update: the optimizer's step, or
    without an optimizer the program's own `param -= learning_rate * param.grad`."""

    def __init__(
        self,
        x: engine.Tensor,
        y: engine.Tensor,
        xx: engine.Tensor,
        model: engine.nn.Module,
        loss_fn: engine.nn.Module,
        *,
        learning_rate: float,
        optimizer: object | None = None,
    ) -> None:
        self.x, self.y, self.xx = x, y, xx
        self.model = model
        self.loss_fn = loss_fn
        self.learning_rate = learning_rate
        self.optimizer = optimizer

    def loss_value(self) -> float:
        """The loss at the current weights, as `step` computes it, without the update."""
        with engine.no_grad():
            return self.loss_fn(self.model(self.xx), self.y).item()

    def step(self) -> float:
        """One iteration of the program's loop; the loss it computed (before the update)."""
        y_pred = self.model(self.xx)
        loss = self.loss_fn(y_pred, self.y)
        value = loss.item()
        if self.optimizer is None:
            self.model.zero_grad()
            loss.backward()
            with engine.no_grad():
                for param in self.model.parameters():
                    param -= self.learning_rate * param.grad
        else:
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return value

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The training points x and targets y, copied out of the engine."""
        return self.x.cpu().numpy(), self.y.cpu().numpy()
