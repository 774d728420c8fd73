"""The loss landscape: every value is the engine's loss at those weights (checked against a fresh
run whose first step reports the loss at the same point), and the run is left untouched."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from explorer.core.training import landscape
from explorer.core.training.presets import PRESETS
from explorer.core.training.runner import TrainingRun


def short(key: str, **changes):
    return replace(PRESETS[key].default_config(), **{"steps": 50, "n_points": 100, **changes})


def custom(model: str):
    config = short("custom")
    return replace(config, problem=replace(config.problem, model=model))


def loss_of_fresh_run_at(config, flat: np.ndarray) -> float:
    """The oracle: a new run of the same config moved to `flat`; its first step's loss."""
    fresh = TrainingRun(config)
    landscape.set_weights(fresh, flat)
    return fresh.step().loss


@pytest.mark.parametrize(
    "config",
    [short("tensors"), short("nn"), short("optim_rmsprop"), short("legendre"),
     custom("poly:3"), custom("mlp:8x2:tanh")],
    ids=["tensors", "nn", "optim", "legendre", "poly", "mlp"],
)
def test_landscape_values_are_the_engines_loss_at_sampled_points(config):
    run = TrainingRun(config)
    for _ in range(10):
        run.step()
    before = landscape.weight_vector(run)
    plane = landscape.plane_of(run)
    centre = plane.project(before)
    alphas, betas = landscape.grid_around(centre, (0.5, 0.5), count=5)
    result = landscape.compute(run, plane, alphas, betas)
    assert result.losses.shape == (5, 5)
    assert np.array_equal(landscape.weight_vector(run), before)  # the run is untouched
    for i, j in [(0, 0), (2, 2), (4, 1), (1, 3)]:
        flat = landscape.point(plane, float(alphas[i]), float(betas[j]))
        assert result.losses[i, j] == loss_of_fresh_run_at(config, flat)
    # The centre of the grid is where the run is: its loss there is the run's next loss.
    assert result.losses[2, 2] == run.step().loss


def test_axes_are_a_and_b_for_coefficient_models_and_random_for_an_mlp():
    run = TrainingRun(short("tensors"))
    plane = landscape.plane_of(run)
    assert plane.labels == ("a", "b") and plane.coordinates == (0, 1)
    assert plane.project(landscape.weight_vector(run)) == pytest.approx(run.coefficients()[:2])
    linear = TrainingRun(short("nn"))
    a, b = landscape.plane_of(linear).project(landscape.weight_vector(linear))
    assert (a, b) == pytest.approx(linear.coefficients()[:2])
    mlp = TrainingRun(custom("mlp:4x1:relu"))
    plane = landscape.plane_of(mlp)
    assert plane.coordinates is None and abs(plane.u @ plane.v) < 1e-9
    assert plane.project(landscape.weight_vector(mlp)) == pytest.approx((0.0, 0.0))
