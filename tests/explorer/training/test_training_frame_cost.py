"""What the GUI thread leaves undone while training: every millisecond it draws, the training
thread waits for the interpreter (the benchmark's GUI / headless ratio)."""

from __future__ import annotations

import gc
from dataclasses import replace
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from explorer.core.training.presets import PRESETS
from explorer.core.training.runner import TrainingRun
from explorer.training import workbench as workbench_module
from explorer.training.plots import TrainingPlots
from explorer.training.workbench import (
    FULL_SPEED_REDRAW_MS,
    GUI_SHARE,
    REDRAW_INTERVAL_MS,
    TrainingWorkbench,
)
from explorer.training.worker import FULL_SPEED


@pytest.fixture
def bench(qtbot):
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    workbench = TrainingWorkbench()
    qtbot.addWidget(workbench)
    workbench.set_speed(FULL_SPEED)
    workbench.show()
    yield workbench
    workbench.shutdown()


def counting(monkeypatch, owner: object, name: str) -> list[int]:
    """Count the calls of `owner.name` (still calling it)."""
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **options):
        calls[0] += 1
        return original(*args, **options)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_the_tutorials_data_fill_the_frame_shown_before_the_first_run(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    before = plots.fit_plot.getPlotItem().getViewBox().viewRange()
    plots.set_data(*TrainingRun(PRESETS["tensors"].default_config()).data())
    # Unchanged: the fit plot's axes are not redrawn when the tutorial's run starts.
    assert plots.fit_plot.getPlotItem().getViewBox().viewRange() == before


def test_a_run_like_the_last_keeps_the_titles_and_the_legend(qtbot, monkeypatch):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.set_data_style("sin(x)", points=False)
    titles = counting(monkeypatch, plots.coefficient_plot.getPlotItem(), "setTitle")
    legend = plots.fit_plot.getPlotItem().legend.getLabel(plots.data_curve)
    names = counting(monkeypatch, legend, "setText")
    plots.set_traces(("a", "b", "c", "d"), norms=False)
    plots.set_data_style("sin(x)", points=False)
    assert titles == [0] and names == [0]
    plots.set_traces(("w", "b", "c", "d"), norms=False)  # a change is still shown
    plots.set_data_style("noisy", points=True)
    assert titles == [1] and names == [1]
    assert legend.text == "noisy"


def test_no_frame_is_drawn_before_the_first_record(qtbot, bench, monkeypatch):
    redraws = counting(monkeypatch, bench.plots, "redraw")
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=150, n_points=100))
    bench.start()
    bench._redraw()  # the redraw timer's first tick: no batch can have arrived yet
    assert redraws == [0]
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=10_000)
    assert redraws[0] >= 1 and bench.history.count == 150


def test_setting_up_a_run_counts_toward_the_pace_of_its_frames(qtbot, bench, monkeypatch):
    # The GUI thread's CPU clock, faked: 30 ms of drawing between Start and the first frame.
    cpu = [0.0]
    clock = workbench_module.time
    fake = SimpleNamespace(thread_time=lambda: cpu[0], perf_counter=clock.perf_counter)
    monkeypatch.setattr(workbench_module, "time", fake)
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=10**7, n_points=100))
    bench.set_speed(5000.0)  # paced: frames as often as drawing them leaves GUI_SHARE free
    bench.start()
    bench._redraw_timer.stop()  # this test draws the first frame itself
    cpu[0] = 0.030
    qtbot.waitUntil(lambda: bench.history.count > 0, timeout=10_000)
    bench._dirty = True
    bench._redraw()
    # 30 ms of drawing may take GUI_SHARE of the thread: the next frame 120 ms later (without
    # counting the set-up, 33 ms later).
    assert bench._redraw_timer.interval() == int(30 / GUI_SHARE) > REDRAW_INTERVAL_MS
    bench.session.stop()


def test_at_full_speed_frames_come_at_five_hertz_after_the_first(qtbot, bench):
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=10**7, n_points=100))
    bench.start()
    assert bench._redraw_timer.interval() == REDRAW_INTERVAL_MS  # the first frame soon
    qtbot.waitUntil(lambda: bench.history.count > 0, timeout=10_000)
    qtbot.waitUntil(lambda: bench._redraw_timer.interval() == FULL_SPEED_REDRAW_MS == 200,
                    timeout=10_000)
    bench.session.stop()


def test_live_frames_keep_the_loss_axis_while_the_loss_falls_and_the_end_fits_it(qtbot):
    from explorer.training.plots import TrainingHistory, decade_range, loss_for_log_axis

    config = PRESETS["tensors"].default_config()
    records = list(TrainingRun(config))
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.set_data(*TrainingRun(config).data())
    history = TrainingHistory()
    predict = PRESETS["tensors"].predict
    view = plots.loss_plot.getPlotItem().getViewBox()
    history.extend(records[:300])
    plots.redraw(history, predict, live=True)
    early = view.viewRange()[1]
    history.extend(records[300:1200])  # the loss has fallen by half a decade meanwhile
    assert decade_range(history.losses[:300]) != decade_range(history.losses)
    plots.redraw(history, predict, live=True)
    assert view.viewRange()[1] == early
    history.extend(records[1200:])
    plots.redraw(history, predict)  # the finished run: its losses exactly, in half decades
    assert view.viewRange()[1] == list(decade_range(loss_for_log_axis(history.losses)))
