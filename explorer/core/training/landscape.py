"""The loss landscape around a run: the loss over a grid in a plane of weight space, every value
computed by the engine (the run's own forward pass at moved weights).

The plane is spanned by two of the weights (a and b by default; the others held) or, for an MLP,
by two random directions through the current weights. Pure Python, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import engine
from explorer.core.training.runner import TrainingRun


@dataclass(frozen=True)
class Plane:
    """Weights = origin + alpha * u + beta * v (flat vectors over all the run's weights)."""

    origin: np.ndarray
    u: np.ndarray
    v: np.ndarray
    labels: tuple[str, str]
    coordinates: tuple[int, int] | None  # the two weights, when the axes are weights

    def project(self, weights: np.ndarray) -> tuple[float, float]:
        """Where `weights` lies in the plane (its coordinates along u and v)."""
        if self.coordinates is not None:
            i, j = self.coordinates
            return float(weights[i]), float(weights[j])
        offset = weights - self.origin
        alpha = offset @ self.u / (self.u @ self.u)
        return float(alpha), float(offset @ self.v / (self.v @ self.v))


@dataclass(frozen=True)
class Landscape:
    alphas: np.ndarray  # grid along u (or the first weight's values)
    betas: np.ndarray
    losses: np.ndarray  # losses[i, j] at alphas[i], betas[j]
    plane: Plane


def parameters(run: TrainingRun) -> list[engine.Tensor]:
    """The run's weights in a fixed order: a, b, c, d for the scalar presets, else the model's."""
    trainer = run.trainer
    if hasattr(trainer, "weights"):
        return list(trainer.weights)
    return list(trainer.model.parameters())


def weight_vector(run: TrainingRun) -> np.ndarray:
    return np.concatenate(
        [param.detach().cpu().numpy().astype(np.float64).ravel() for param in parameters(run)]
    )


def set_weights(run: TrainingRun, flat: np.ndarray) -> None:
    offset = 0
    with engine.no_grad():
        for param in parameters(run):
            count = param.numel()
            chunk = flat[offset : offset + count].reshape(tuple(param.shape))
            param.copy_(engine.tensor(chunk, dtype=param.dtype, device=param.device))
            offset += count


def named_coordinates(run: TrainingRun) -> dict[str, int]:
    """a, b, c, ... as indices into the weight vector, for models that have coefficients."""
    if hasattr(run.trainer, "weights"):
        return {name: index for index, name in enumerate("abcd")}
    params = parameters(run)
    if getattr(run.trainer, "spec", None) is not None and run.trainer.spec.kind == "mlp":
        return {}
    # Linear(D, 1): weight then bias in the vector; a is the bias, b, c, ... the weights.
    weight, _bias = params[0], params[1]
    names = {"a": weight.numel()}
    for index in range(weight.numel()):
        names["bcdefghij"[index]] = index
    return names


def plane_of(run: TrainingRun, pair: tuple[str, str] = ("a", "b"), seed: int = 0) -> Plane:
    """The plane through the current weights along weights `pair`, or (an MLP) two random
    directions scaled like the weights."""
    origin = weight_vector(run)
    names = named_coordinates(run)
    if names and pair[0] in names and pair[1] in names:
        i, j = names[pair[0]], names[pair[1]]
        u, v = np.zeros_like(origin), np.zeros_like(origin)
        u[i], v[j] = 1.0, 1.0
        return Plane(origin, u, v, pair, (i, j))
    rng = np.random.default_rng(seed)
    scale = max(float(np.linalg.norm(origin)), 1.0)
    u = rng.standard_normal(origin.shape)
    v = rng.standard_normal(origin.shape)
    v -= (v @ u) / (u @ u) * u  # perpendicular, so the picture is not sheared
    u *= scale / np.linalg.norm(u)
    v *= scale / np.linalg.norm(v)
    return Plane(origin, u, v, ("α", "β"), None)


def compute(
    run: TrainingRun, plane: Plane, alphas: np.ndarray, betas: np.ndarray
) -> Landscape:
    """The loss at every grid point, by the engine; the run's weights are restored afterwards.
    For weight axes, alphas and betas are the two weights' values; else offsets along u, v."""
    saved = weight_vector(run)
    losses = np.empty((len(alphas), len(betas)))
    try:
        for i, alpha in enumerate(alphas):
            for j, beta in enumerate(betas):
                set_weights(run, point(plane, float(alpha), float(beta)))
                losses[i, j] = run.trainer.loss_value()
    finally:
        set_weights(run, saved)
    return Landscape(np.asarray(alphas), np.asarray(betas), losses, plane)


def point(plane: Plane, alpha: float, beta: float) -> np.ndarray:
    """The weight vector at grid point (alpha, beta)."""
    if plane.coordinates is not None:
        weights = plane.origin.copy()
        i, j = plane.coordinates
        weights[i], weights[j] = alpha, beta
        return weights
    return plane.origin + alpha * plane.u + beta * plane.v


def grid_around(centre: tuple[float, float], half_width: tuple[float, float],
                count: int = 25) -> tuple[np.ndarray, np.ndarray]:
    (x, y), (w, h) = centre, half_width
    return np.linspace(x - w, x + w, count), np.linspace(y - h, y + h, count)
