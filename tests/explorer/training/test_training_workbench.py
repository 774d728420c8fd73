"""The workbench, driven like a user: live training off the GUI thread, same numbers as headless."""

from __future__ import annotations

import sys
import time
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from explorer.core.training.presets import PRESETS, TrainingConfig
from explorer.core.training.runner import TrainingRun
from explorer.training.plots import SMALLEST_POSITIVE, loss_for_log_axis
from explorer.training.workbench import LEARNING_RATES, TrainingWorkbench

DONE = ("finished", "diverged", "failed")


def short(key: str = "tensors", **changes) -> TrainingConfig:
    return replace(PRESETS[key].default_config(), **{"steps": 150, "n_points": 100, **changes})


def points(curve) -> int:
    return 0 if curve.xData is None else len(curve.xData)


def settled_count(qtbot, bench: TrainingWorkbench, quiet_s: float = 0.3,
                  timeout_s: float = 10.0) -> int:
    """The step count once it has held still for `quiet_s` (a paused worker's last batch may
    still be on its way, later on a busy machine); fails if it never settles."""
    start = changed = time.monotonic()
    count = bench.history.count
    while time.monotonic() - changed < quiet_s:
        assert time.monotonic() - start < timeout_s, "training went on after pausing"
        qtbot.wait(20)
        if bench.history.count != count:
            count, changed = bench.history.count, time.monotonic()
    return count


def run_to_end(qtbot, bench: TrainingWorkbench, timeout: int = 60_000) -> None:
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state in DONE, timeout=timeout)


def test_binding_keeps_reference_counts_across_signal_emits():
    # PySide6 6.12.0 dropped a reference to True on every emit (and to None on every void
    # call): on Python 3.11 the interpreter aborts after a few dozen emits from the worker.
    class Emitter(QObject):
        fired = Signal(object)

    emitter = Emitter()
    emitter.fired.connect(lambda value: None)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(20):
        emitter.fired.emit([1])
        emitter.setObjectName("e")
    assert (sys.getrefcount(True), sys.getrefcount(None)) == before


@pytest.mark.parametrize("key", list(PRESETS))
def test_gui_run_ends_where_the_headless_run_ends(qtbot, bench, key):
    config = short(key)
    bench.set_config(config)
    run_to_end(qtbot, bench)
    assert bench.session.state == "finished"
    headless_run = TrainingRun(config)
    headless = list(headless_run)
    step, loss, coefficients = bench.history.last()
    assert step == headless[-1].step == config.steps - 1
    assert loss == pytest.approx(headless[-1].loss, rel=1e-3)
    assert coefficients == pytest.approx(headless[-1].coefficients, rel=1e-3)
    # Same code, same engine: not just close, the very same numbers at every step.
    assert list(bench.history.losses) == [record.loss for record in headless]
    assert bench.history.losses[-1] < bench.history.losses[0]
    assert bench.equation_label.text() == headless_run.equation()


def test_plots_hold_one_point_per_step_and_per_sample(qtbot, bench):
    bench.set_config(short(steps=140, n_points=60))
    run_to_end(qtbot, bench)
    plots = bench.plots
    assert len(plots.loss_curve.xData) == 140
    assert list(plots.loss_curve.xData) == list(range(140))
    for curve in plots.coefficient_curves:
        assert len(curve.yData) == 140
    assert len(plots.data_curve.xData) == len(plots.fit_curve.yData) == 60
    np.testing.assert_allclose(plots.data_curve.yData, np.sin(plots.data_curve.xData), atol=1e-6)
    assert plots.loss_plot.getPlotItem().ctrl.logYCheck.isChecked()
    np.testing.assert_allclose(plots.loss_curve.yData, bench.history.losses)


def test_loss_on_the_log_axis_has_no_gaps():
    drawn = loss_for_log_axis(np.array([3.0, 0.0, 1e-320, np.nan, np.inf, -np.inf]))
    assert np.all(np.isfinite(drawn)) and np.all(drawn > 0)
    assert drawn[0] == 3.0 and drawn[1] == drawn[2] == drawn[5] == SMALLEST_POSITIVE


def test_pause_step_resume_and_reset(qtbot, bench):
    bench.set_config(short(steps=100_000, n_points=100))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.history.count > 20, timeout=30_000)
    qtbot.mouseClick(bench.pause_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "paused"
    assert bench.pause_button.text() == "Resume" and bench.step_button.isEnabled()
    paused_at = settled_count(qtbot, bench)  # the batch on its way when pausing arrives
    qtbot.wait(300)
    assert bench.history.count == paused_at
    qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bench.history.count > paused_at or bench.session.state != "paused", timeout=10_000
    )
    assert bench.session.state == "paused", (bench.session.state, bench._message)
    assert settled_count(qtbot, bench, quiet_s=0.1) == paused_at + 1
    assert list(bench.history.steps) == list(range(paused_at + 1))
    qtbot.mouseClick(bench.pause_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "running"
    qtbot.waitUntil(lambda: bench.history.count > paused_at + 20, timeout=30_000)
    qtbot.mouseClick(bench.reset_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "idle"
    assert bench.history.count == 0
    qtbot.wait(200)  # nothing of the old run comes back
    assert bench.history.count == 0 and points(bench.plots.loss_curve) == 0
    assert bench.start_button.isEnabled() and not bench.pause_button.isEnabled()


def test_step_from_idle_runs_one_iteration_then_waits(qtbot, bench):
    bench.set_config(short())
    for expected in (1, 2, 3):
        qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=expected: bench.history.count == n, timeout=10_000)
    assert bench.session.state == "paused"
    headless = TrainingRun(short())
    first_three = [headless.step() for _ in range(3)]
    assert [r.loss for r in first_three] == pytest.approx(list(bench.history.losses), rel=1e-6)
    assert not bench.steps_spin.isEnabled()  # the settings of a run in progress are fixed


def test_stepping_through_the_last_step_finishes_the_run_and_step_starts_anew(qtbot, bench):
    bench.set_config(short(steps=2))
    qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.history.count == 1, timeout=10_000)
    qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=10_000)
    assert bench.history.count == 2
    assert not bench.pause_button.isEnabled() and bench.start_button.isEnabled()
    assert "2 steps" in bench.status_label.text()
    qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)  # a new run, one step in
    qtbot.waitUntil(lambda: bench.session.state == "paused", timeout=10_000)
    qtbot.waitUntil(lambda: bench.history.count == 1, timeout=10_000)


def test_event_loop_keeps_ticking_while_training(qtbot, bench):
    # Training on the GUI thread would deliver no timer tick until all 100,000 steps were done;
    # on the worker, ticks arrive while the run goes on, however busy the machine.
    bench.set_config(short(steps=100_000, n_points=2000))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(bench.history.count))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 20 and ticks[-1] > ticks[0], timeout=60_000)
    timer.stop()
    assert bench.session.state == "running" and bench.history.count < 100_000


def test_controls_show_the_presets_code_and_settings(qtbot, bench):
    bench.preset_combo.setCurrentIndex(bench.preset_combo.findData("optim_rmsprop"))
    assert bench.config.preset == "optim_rmsprop"
    assert bench.config.learning_rate == 1e-3 and bench.lr_value.text() == "0.001"
    assert "torch.optim.RMSprop" in bench.code_view.toPlainText()
    assert bench.optimizer_combo.isEnabled()
    bench.optimizer_combo.setCurrentText("SGD")
    assert bench.config.optimizer == "SGD" and bench.config.learning_rate == 1e-6
    assert "torch.optim.SGD" in bench.code_view.toPlainText()
    bench.lr_slider.setValue(LEARNING_RATES.index(2e-5))
    assert bench.config.learning_rate == 2e-5 and "learning_rate = 2e-05" in (
        bench.code_view.toPlainText()
    )
    bench.steps_spin.setValue(321)
    assert "for t in range(321):" in bench.code_view.toPlainText()
    bench.preset_combo.setCurrentIndex(bench.preset_combo.findData("tensors"))
    assert not bench.optimizer_combo.isEnabled() and bench.config.optimizer is None
    assert bench.seed_spin.text() == "fixed start"
    bench.seed_spin.setValue(9)
    assert bench.config.seed == 9 and "torch.manual_seed(9)" in bench.code_view.toPlainText()


def test_cuda_is_offered_only_with_a_reason_when_missing(bench):
    item = bench.device_combo.model().item(1)
    if bench.cuda_reason is None:
        assert item.isEnabled()
    else:
        assert not item.isEnabled()
        assert item.toolTip() == bench.cuda_reason
        assert bench.cuda_reason in bench.device_combo.toolTip()


def test_a_setting_the_engine_refuses_is_shown_not_raised(qtbot, bench):
    bench.set_config(short(learning_rate=-1.0))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "idle"
    assert "learning rate" in bench.status_label.text()


def test_a_diverging_run_ends_with_advice(qtbot, bench):
    bench.set_config(short(learning_rate=0.5, steps=500))
    run_to_end(qtbot, bench)
    assert bench.session.state == "diverged"
    assert "learning rate" in bench.status_label.text()
    assert np.all(np.isfinite(bench.plots.loss_curve.yData))


def test_open_step_is_not_offered_for_the_custom_autograd_function(qtbot, bench):
    assert not bench.open_step_button.isEnabled()  # nothing trained yet
    bench.set_config(short("legendre", steps=3))
    run_to_end(qtbot, bench)
    assert not bench.open_step_button.isEnabled()
    assert "custom autograd.Function" in bench.open_step_button.toolTip()


def test_open_step_builds_the_loss_graph_of_the_next_step(qtbot, bench):
    from explorer.core.document.evaluation import evaluate

    config = short(steps=5, n_points=80)
    bench.set_config(config)
    run_to_end(qtbot, bench)
    assert bench.open_step_button.isEnabled()
    with qtbot.waitSignal(bench.open_step_requested, timeout=5_000) as opened:
        qtbot.mouseClick(bench.open_step_button, Qt.MouseButton.LeftButton)
    doc = opened.args[0]
    step, _loss, coefficients = bench.history.last()
    for name, value in zip("abcd", coefficients):
        assert float(doc.node_by_name(name).params["value"]) == value
    assert step == 4 and "after training step 5" in doc.meta["title"]  # 5 steps done
    evaluation = evaluate(doc)
    assert not evaluation.errors
    graph_loss = evaluation.values[doc.meta["root"]].item()
    # The graph computes the loss the sixth step of the same run computes.
    sixth = list(TrainingRun(replace(config, steps=6)))[5]
    assert graph_loss == pytest.approx(sixth.loss, rel=1e-5)


def test_paused_status_and_the_opened_step_count_the_same_steps(qtbot, bench):
    bench.set_config(short())
    for expected in (1, 2):
        qtbot.mouseClick(bench.step_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda n=expected: bench.history.count == n, timeout=10_000)
    qtbot.waitUntil(lambda: "Paused after step 2 of" in bench.status_label.text(), timeout=10_000)
    with qtbot.waitSignal(bench.open_step_requested, timeout=5_000) as opened:
        qtbot.mouseClick(bench.open_step_button, Qt.MouseButton.LeftButton)
    doc = opened.args[0]
    assert doc.meta["title"].endswith("after training step 2")
    assert "as training step 2 left them" in doc.meta["description"]


def test_worker_reports_a_run_that_cannot_start_instead_of_raising():
    from explorer.core.training.worker_loop import WorkerLoop

    sent = []
    loop = WorkerLoop(sent.append)  # driven directly, in this thread
    loop.begin(7, short(steps=0), False)
    [message] = sent
    assert (message.kind, message.generation) == ("failed", 7) and "steps" in message.args[0]
    loop.step_once()  # nothing to step: no error either
    assert loop.wait_seconds() is None  # nothing runs


def test_live_frames_thin_the_curves_and_the_finished_run_shows_every_step(qtbot, bench):
    from explorer.training.plots import TrainingHistory

    config = short(steps=3000, n_points=1500)
    history = TrainingHistory()
    history.extend(list(TrainingRun(config)))
    bench.plots.set_data(*TrainingRun(config).data())
    predict = PRESETS["tensors"].predict
    bench.plots.redraw(history, predict, live=True)
    pixels = bench.plots.loss_plot.getPlotItem().getViewBox().width()
    assert points(bench.plots.loss_curve) <= 2 * max(pixels, 100) + 2
    assert points(bench.plots.coefficient_curves[0]) < 3000
    assert points(bench.plots.fit_curve) < 1500
    bench.plots.redraw(history, predict)
    assert points(bench.plots.loss_curve) == 3000
    assert points(bench.plots.fit_curve) == 1500

    bench.set_config(config)  # through the workbench: the finished run's last frame is whole
    run_to_end(qtbot, bench)
    assert points(bench.plots.loss_curve) == 3000
    assert all(points(curve) == 3000 for curve in bench.plots.coefficient_curves)


def test_thinning_keeps_the_spikes_of_the_loss():
    from explorer.training.plots import thinned

    steps = np.arange(1000)
    loss = np.ones(1000)
    loss[537] = 50.0
    loss[912] = 1e-3
    x, y = thinned(steps, loss, 100, peaks=True)
    assert len(x) <= 2 * 100 + 10
    assert 537 in x and 912 in x and y.max() == 50.0 and y.min() == 1e-3
    assert list(x) == sorted(x)
    x, y = thinned(steps, loss, 100)
    assert len(x) == 100 and x[0] == 0
    x, y = thinned(steps[:50], loss[:50], 100)
    assert len(x) == 50


def custom(model: str, **changes) -> TrainingConfig:
    config = PRESETS["custom"].default_config()
    problem = replace(config.problem, model=model)
    return replace(config, **{"steps": 40, "n_points": 60, "problem": problem, **changes})


@pytest.mark.parametrize("model", ["poly:5", "mlp:8x2:tanh", "mlp:6x4:relu"])
def test_open_step_builds_the_next_steps_loss_of_any_model_while_it_runs(qtbot, bench, model):
    from explorer.core.document.evaluation import evaluate

    config = custom(model, steps=100_000)
    bench.set_config(config)
    bench.set_speed(50.0)  # running for a long while: the graph is asked for mid-run
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.history.count >= 3, timeout=20_000)
    assert bench.session.state == "running" and bench.open_step_button.isEnabled()
    with qtbot.waitSignal(bench.open_step_requested, timeout=10_000) as opened:
        qtbot.mouseClick(bench.open_step_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "running"
    bench.reset()
    doc = opened.args[0]
    done = int(doc.meta["title"].rsplit(" ", 1)[1])
    assert done >= 3 and model in doc.meta["description"]
    evaluation = evaluate(doc)
    assert not evaluation.errors
    graph_loss = evaluation.values[doc.meta["root"]].item()
    # The graph computes the loss the next step of the same run computes, exactly.
    next_step = list(TrainingRun(replace(config, steps=done + 1)))[done]
    assert graph_loss == next_step.loss
    weights = [node.name for node in doc.nodes() if node.name.endswith("_weight")]
    depth = 1 if model.startswith("poly") else int(model.split("x")[1].split(":")[0]) + 1
    assert len(weights) == depth


def test_an_mlp_plots_its_weight_norms_named_as_pytorch_names_them(qtbot, bench, tmp_path):
    bench.set_config(custom("mlp:8x2:tanh"))
    run_to_end(qtbot, bench)
    plots = bench.plots
    title = plots.coefficient_plot.getPlotItem().titleLabel.text
    assert "Weight norms" in title and "[0]" in title and "[2]" in title and "[4]" in title
    assert plots.coefficient_plot.getPlotItem().getAxis("left").labelText == "‖model[i].weight‖"
    assert len(plots.coefficient_curves) == 3  # its three weight matrices, no fourth trace
    traces = [curve.yData for curve in plots.coefficient_curves]
    assert all(len(trace) == 40 and np.all(np.isfinite(trace)) for trace in traces)
    run = TrainingRun(custom("mlp:8x2:tanh"))
    for _ in range(40):
        run.step()
    norms = [layer.weight.detach().norm().item() for layer in run.trainer.traced_layers()]
    assert [trace[-1] for trace in traces] == norms
    path = tmp_path / "norms.csv"
    bench.export_plots(str(path))
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "step,loss,‖model[0].weight‖,‖model[2].weight‖,‖model[4].weight‖"
    bench.set_config(short())  # the cubic again: its coefficients, titled so
    run_to_end(qtbot, bench)
    assert "Coefficients" in plots.coefficient_plot.getPlotItem().titleLabel.text


@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_the_workbench_opens_within_the_screen_with_room_for_every_control(qtbot, bench, screen):
    from PySide6.QtCore import QRect

    bench.set_config(custom("mlp:32x2:tanh"))  # the custom preset's form: the most controls
    available = QRect(0, 0, *screen)
    bench.fit_to_screen(available)
    assert bench.width() <= screen[0] - 8 and bench.height() <= screen[1] - 40
    hint = bench.minimumSizeHint()
    assert hint.width() <= bench.width() and hint.height() <= bench.height()
    assert available.contains(bench.geometry())
