"""Learning rates side by side: one curve per rate in the loss plot, the same numbers as headless
runs; a diverging run stops alone with a message naming its rate."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from explorer.core.training.presets import PRESETS
from explorer.core.training.runner import TrainingRun
from explorer.training.comparison import parse_learning_rates


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
    assert "lr 0.01: The loss stopped being finite" in text
    assert "learning rate 1e-05" in text


def test_a_new_run_takes_the_comparison_off_the_plot(qtbot, bench):
    bench.set_config(replace(bench.config, steps=20, n_points=50))
    bench.compare_edit.setText("1e-6, 1e-5")
    qtbot.mouseClick(bench.compare_button, Qt.MouseButton.LeftButton)
    assert len(bench.comparison.curves) == 2
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    assert bench.comparison.curves == [] and bench.comparison.sessions == []
    items = bench.plots.loss_plot.getPlotItem().listDataItems()
    assert items == [bench.plots.loss_curve]
