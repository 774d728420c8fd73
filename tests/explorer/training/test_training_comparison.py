"""Learning rates side by side: one curve per rate in the loss plot, the same numbers as headless
runs; a diverging run stops alone with a message naming its rate; each run's worker process
ends with its run."""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core.training.presets import PRESETS
from explorer.core.training.runner import TrainingRun
from explorer.training import worker
from explorer.training.comparison import parse_learning_rates

WAIT_MS = 60_000  # generous: three suites may share two busy cores


def child_processes() -> set[int]:
    """This process's children still there (active_children reaps those that have ended)."""
    return {child.pid for child in multiprocessing.active_children()}


def test_learning_rates_are_parsed_or_refused():
    assert parse_learning_rates("1e-6, 1e-5 1e-4") == [1e-6, 1e-5, 1e-4]
    for text in ("", "1e-3", "a, b", "1e-3, -1", "1, 2, 3, 4, 5, 6, 7"):
        with pytest.raises(ValueError, match="learning rates"):
            parse_learning_rates(text)


def test_runs_side_by_side_and_the_diverging_one_stops_with_a_message(qtbot, bench):
    config = replace(PRESETS["tensors"].default_config(), steps=120, n_points=500)
    bench.set_config(config)
    bench.compare_edit.setText("1e-6, 1e-5, 1e-2")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    comparison = bench.comparison
    qtbot.waitUntil(lambda: comparison.sessions and not comparison.active, timeout=60_000)
    states = [session.state for session in comparison.sessions]
    assert states == ["finished", "finished", "diverged"]
    for history, rate in zip(comparison.histories[:2], (1e-6, 1e-5)):
        headless = [r.loss for r in TrainingRun(replace(config, learning_rate=rate))]
        assert list(history.losses) == headless
    diverged = comparison.histories[2]
    assert diverged.count < 120 and not np.isfinite(diverged.losses[-1])
    assert len(comparison.curves) == 3
    assert all(len(curve.xData) == h.count for curve, h in zip(comparison.curves,
                                                               comparison.histories))
    qtbot.waitUntil(lambda: "Lowest final loss" in bench.status_label.text(), timeout=10_000)
    text = bench.status_label.text()
    step = int(diverged.steps[-1])
    assert "learning rate 1e-05" in text
    assert "Diverged (×): lr 0.01." in text
    # the full note in the tooltip, the same step
    assert f"lr 0.01: The loss stopped being finite at step {step}" in bench.status_label.toolTip()
    # flagged on the plot: a cross where its curve leaves the plot, the step in the legend
    [marker] = comparison.markers
    top = 100 * max(h.losses[0] for h in comparison.histories)
    last = np.flatnonzero(np.isfinite(diverged.losses) & (diverged.losses <= top))[-1]
    x, y = marker.getData()
    assert (x[0], y[0]) == (diverged.steps[last], pytest.approx(np.log10(diverged.losses[last])))
    label = comparison._legend.getLabel(comparison.curves[2])
    assert label.text == f"lr 0.01: diverged at step {step}"


def test_the_comparison_summary_fits_the_status_line(qtbot, bench):
    """Six diverging runs: the status keeps its two lines (the notes are its tooltip)."""
    config = replace(PRESETS["tensors"].default_config(), steps=60, n_points=100)
    bench.resize(1366, 768)  # a laptop's screen
    bench.set_config(config)
    bench.compare_edit.setText("1e-1, 2e-1, 3e-1, 4e-1, 5e-1, 6e-1")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Diverged" in bench.status_label.text(), timeout=60_000)
    qtbot.waitUntil(lambda: not bench.comparison.active, timeout=60_000)
    qtbot.waitUntil(lambda: bench.status_label.toolTip().count("\n") == 5, timeout=10_000)
    label = bench.status_label
    needed = label.heightForWidth(label.width())
    assert needed <= label.height(), (needed, label.height(), label.text())
    assert len(bench.comparison.markers) == 6


def test_a_new_run_takes_the_comparison_off_the_plot(qtbot, bench):
    bench.set_config(replace(bench.config, steps=20, n_points=50))
    bench.compare_edit.setText("1e-6, 1e-5")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    assert len(bench.comparison.curves) == 2
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    assert bench.comparison.curves == [] and bench.comparison.sessions == []
    items = bench.plots.loss_plot.getPlotItem().listDataItems()
    assert items == [bench.plots.loss_curve]


def test_each_run_ends_its_worker_process_when_it_ends(qtbot, bench, monkeypatch):
    monkeypatch.setattr(worker, "IN_PROCESS", True)  # the comparison's runs: in processes
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=120, n_points=500))
    bench.compare_edit.setText("1e-6, 1e-2")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    comparison = bench.comparison
    workers = {session.worker_pid for session in comparison.sessions}
    assert None not in workers and len(workers) == 2
    qtbot.waitUntil(lambda: not comparison.active, timeout=WAIT_MS)
    assert [session.state for session in comparison.sessions] == ["finished", "diverged"]
    qtbot.waitUntil(lambda: not workers & child_processes(), timeout=WAIT_MS)
    assert [session.worker_pid for session in comparison.sessions] == [None, None]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_run_and_a_closed_window_leave_no_worker_process(qtbot, bench, monkeypatch):
    monkeypatch.setattr(worker, "IN_PROCESS", True)
    bench.set_config(replace(bench.config, steps=10**6, n_points=50))  # runs that go on
    bench.compare_edit.setText("1e-6, 1e-5")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    comparison = bench.comparison
    killed, closed = comparison.sessions
    workers = {killed.worker_pid, closed.worker_pid}
    qtbot.waitUntil(lambda: all(history.count for history in comparison.histories),
                    timeout=WAIT_MS)
    with qtbot.waitSignal(killed.failed, timeout=WAIT_MS):
        os.kill(killed.worker_pid, signal.SIGKILL)
    assert closed.state == "running"
    bench.close()  # mid-comparison: the other run stops
    assert [killed.state, closed.state] == ["failed", "finished"]
    qtbot.waitUntil(lambda: not workers & child_processes(), timeout=WAIT_MS)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP")
def test_start_mid_comparison_does_not_wait_for_its_workers(qtbot, bench, monkeypatch):
    monkeypatch.setattr(worker, "IN_PROCESS", True)
    monkeypatch.setattr(worker, "QUIT_SECONDS", 0.5)
    bench.set_config(replace(bench.config, steps=10**6, n_points=50))
    bench.compare_edit.setText("1e-6, 1e-5")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    comparison = bench.comparison
    processes = [session._worker.process for session in comparison.sessions]
    qtbot.waitUntil(lambda: all(history.count for history in comparison.histories),
                    timeout=WAIT_MS)
    os.kill(processes[0].pid, signal.SIGSTOP)  # it cannot quit: only a wait could end it
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    assert comparison.sessions == [] and processes[0].is_alive()  # nobody waited here
    qtbot.waitUntil(lambda: not {p.pid for p in processes} & child_processes(), timeout=WAIT_MS)
    assert processes[0].exitcode == -signal.SIGKILL  # ended all the same, elsewhere
