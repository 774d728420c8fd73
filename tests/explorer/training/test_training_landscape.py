"""The loss landscape: every value is the engine's loss at those weights (checked against a fresh
run whose first step reports the loss at the same point), and the run is left untouched."""

from __future__ import annotations

import itertools
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


def test_workbench_draws_the_landscape_and_the_path_live(qtbot):
    import gc

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from explorer.training.workbench import TrainingWorkbench
    from explorer.training.worker import FULL_SPEED

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    bench = TrainingWorkbench()
    qtbot.addWidget(bench)
    try:
        bench.set_speed(FULL_SPEED)
        bench.show()
        bench.landscape_check.setChecked(True)
        assert bench.plots.landscape_plot.isVisible()
        bench.landscape_pair_combo.setCurrentIndex(0)  # a, b
        config = short("tensors", steps=300)
        bench.set_config(config)
        results = []
        bench.session.landscape_arrived.connect(results.append)
        arrivals = []   # the path travels with the records: one batch of each per flush
        bench.session.path_arrived.connect(lambda points: arrivals.append(("path", len(points))))
        bench.session.records_arrived.connect(lambda records: arrivals.append(("records", 0)))
        bench.start()
        qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=60_000)
        qtbot.waitUntil(lambda: bool(results), timeout=10_000)
        kinds = [kind for kind, _count in arrivals]
        assert kinds[0] == "path" and all(
            later == "records" for kind, later in itertools.pairwise(kinds) if kind == "path")
        assert sum(count for _kind, count in arrivals) == len(bench.plots.path)
        first = results[0]
        start = TrainingRun(config)
        a0, b0 = start.coefficients()[:2]
        path = [tuple(point) for point in bench.plots.path]
        assert path[0] == pytest.approx((a0, b0))
        assert path[-1] == pytest.approx(bench.history.last()[2][:2], rel=1e-5)
        assert len(path) > 1
        # Every later point is where the optimizer's step left a and b, in the steps' order.
        coefficients = np.column_stack([bench.history.coefficient(0),
                                        bench.history.coefficient(1)])
        step = -1
        for point in bench.plots.path[1:]:
            close = np.isclose(coefficients[step + 1:], point, rtol=1e-5, atol=0).all(axis=1)
            assert close.any(), point
            step += 1 + int(np.argmax(close))
        assert step == bench.history.count - 1
        # What is drawn is that path, and its head is its last point.
        assert np.array_equal(bench.plots.path_curve.xData, bench.plots.path[:, 0])
        assert np.array_equal(bench.plots.path_curve.yData, bench.plots.path[:, 1])
        assert np.array_equal(bench.plots.path_head.xData, bench.plots.path[-1:, 0])
        # The picture is the engine's loss at each grid point, the others held at the start.
        for i, j in [(0, 0), (10, 10), (20, 3)]:
            flat = landscape.point(first.plane, float(first.alphas[i]), float(first.betas[j]))
            assert first.losses[i, j] == loss_of_fresh_run_at(config, flat)
        # Training with the landscape on gives the same numbers as without.
        assert list(bench.history.losses) == [r.loss for r in TrainingRun(config)]
    finally:
        bench.shutdown()


def test_the_path_grows_by_batches_into_the_same_points(qapp):
    from explorer.training.plots import TrainingPlots

    plots = TrainingPlots()
    points = np.random.default_rng(0).normal(size=(700, 2))
    for start, stop in [(0, 1), (1, 3), (3, 300), (300, 301), (301, 700)]:   # past 256 and 512
        plots.extend_path(points[start:stop])
        assert np.array_equal(plots.path, points[:stop])
        assert np.array_equal(plots.path_curve.xData, points[:stop, 0])
        assert np.array_equal(plots.path_curve.yData, points[:stop, 1])
        assert np.array_equal(plots.path_head.yData, points[stop - 1: stop, 1])
    plots.clear()
    assert len(plots.path) == 0 and plots.path_curve.xData is None
    plots.extend_path(points[:2])
    assert np.array_equal(plots.path, points[:2])


def test_any_two_coefficients_can_span_the_landscape():
    run = TrainingRun(short("nn"))
    plane = landscape.plane_of(run, ("c", "d"))
    assert plane.labels == ("c", "d")
    assert plane.project(landscape.weight_vector(run)) == pytest.approx(run.coefficients()[2:])
    alphas, betas = landscape.grid_around(plane.project(plane.origin), (0.3, 0.3), count=3)
    result = landscape.compute(run, plane, alphas, betas)
    flat = landscape.point(plane, float(alphas[2]), float(betas[0]))
    assert result.losses[2, 0] == loss_of_fresh_run_at(short("nn"), flat)


def test_workbench_landscape_follows_the_chosen_pair(qtbot):
    from explorer.training.workbench import LANDSCAPE_PAIRS, TrainingWorkbench
    from explorer.training.worker import FULL_SPEED

    bench = TrainingWorkbench()
    qtbot.addWidget(bench)
    try:
        bench.set_speed(FULL_SPEED)
        bench.landscape_check.setChecked(True)
        bench.landscape_pair_combo.setCurrentIndex(LANDSCAPE_PAIRS.index(("b", "d")))
        config = short("tensors", steps=40)
        bench.set_config(config)
        results = []
        bench.session.landscape_arrived.connect(results.append)
        bench.start()
        qtbot.waitUntil(lambda: bench.session.state == "finished" and bool(results),
                        timeout=60_000)
        assert results[0].plane.labels == ("b", "d")
        _a, b0, _c, d0 = TrainingRun(config).coefficients()
        assert tuple(bench.plots.path[0]) == pytest.approx((b0, d0))
        item = bench.plots.landscape_plot.getPlotItem()
        assert item.getAxis("bottom").labelText == "b" and item.getAxis("left").labelText == "d"
    finally:
        bench.shutdown()


def test_the_weight_pair_choice_is_offered_only_where_the_model_has_named_weights(qtbot):
    # An MLP's landscape lies along two random directions: "a, b" there would be a false label.
    from explorer.training.workbench import TrainingWorkbench

    bench = TrainingWorkbench()
    qtbot.addWidget(bench)
    bench.show()
    bench.set_config(custom("mlp:8x2:tanh"))
    assert not bench.landscape_pair_combo.isVisible()
    bench.set_config(custom("poly:3"))
    assert bench.landscape_pair_combo.isVisible()
