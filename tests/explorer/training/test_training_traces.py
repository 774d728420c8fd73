"""Every coefficient of the polynomial moves in the workbench: one trace per coefficient (a to j
for degree 9), each in its own colour on the light and the dark plots, named a, b, c, ... in the
title, in the CSV exports, the listing and the command line; a comparison of learning rates
gives its loss curves the plots' room."""

from __future__ import annotations

import csv
import itertools
import math
import pickle
import re
import subprocess
import sys
from dataclasses import FrozenInstanceError, replace

import numpy as np
import pytest
from pyqtgraph.exporters import CSVExporter
from PySide6.QtGui import QColor

from explorer.classroom.appearance import PLOT_BACKGROUND
from explorer.core.training.cli import main
from explorer.core.training.presets import PRESETS, TrainingConfig
from explorer.core.training.runner import StepRecord, TrainingRun
from explorer.training.plots import COEFFICIENT_COLORS

DONE = ("finished", "diverged", "failed")


def poly(degree: int, **changes) -> TrainingConfig:
    config = PRESETS["custom"].default_config()
    problem = replace(config.problem, model=f"poly:{degree}")
    return replace(config, **{"steps": 40, "n_points": 60, "problem": problem, **changes})


def engine_coefficients(config: TrainingConfig) -> list[list[float]]:
    """The bias and the weights of the polynomial's Linear layer after each step, read from the
    engine's parameters themselves."""
    run = TrainingRun(config)
    rows = []
    while not run.done:
        run.step()
        layer = run.trainer.model[0]
        rows.append([layer.bias.item(), *layer.weight[0].tolist()])
    return rows


def result_coefficients(line: str) -> list[float]:
    """a, b, ..., j of a Result line `Result: y = a + b x^1 + ... + j x^9`, checking the powers."""
    first, *terms = line.removeprefix("Result: y = ").split(" + ")
    assert [term.split(" x^")[1] for term in terms] == [str(p) for p in range(1, len(terms) + 1)]
    return [float(first), *(float(term.split(" x^")[0]) for term in terms)]


def trained(qtbot, bench, config: TrainingConfig) -> None:
    bench.set_config(config)
    bench.start()
    qtbot.waitUntil(lambda: bench.session.state in DONE, timeout=60_000)


def title_names(bench) -> list[str]:
    """The names the coefficient plot's title (its legend) gives its traces."""
    title = bench.plots.coefficient_plot.getPlotItem().titleLabel.text
    return re.findall(r"■ ([^<]+)</span>", title)


def test_a_degree_9_polynomial_traces_its_ten_coefficients_as_the_engine_has_them(qtbot, bench):
    config = poly(9)
    trained(qtbot, bench, config)
    curves = bench.plots.coefficient_curves
    assert len(curves) == 10 and title_names(bench) == list("abcdefghij")
    expected = np.array(engine_coefficients(config))
    for step in (0, 13, 27, 39):
        assert [float(curve.yData[step]) for curve in curves] == expected[step].tolist()
        assert all(curve.xData[step] == step for curve in curves)
    pens = {curve.opts["pen"].color().name() for curve in curves}
    assert len(pens) == 10


def test_a_line_traces_two_coefficients_and_a_cubic_four(qtbot, bench):
    trained(qtbot, bench, poly(1))
    curves = bench.plots.coefficient_curves
    assert len(curves) == 2 and title_names(bench) == ["a", "b"]
    assert [float(curve.yData[-1]) for curve in curves] == engine_coefficients(poly(1))[-1]
    # Only the traces that exist are on the plot: its own CSV export has no empty columns.
    item = bench.plots.coefficient_plot.getPlotItem()
    assert len(item.listDataItems()) == 2
    trained(qtbot, bench, poly(3))
    assert len(bench.plots.coefficient_curves) == 4 and title_names(bench) == list("abcd")
    assert len(item.listDataItems()) == 4


def test_both_csv_exports_have_a_column_for_every_coefficient(qtbot, bench, tmp_path):
    config = poly(9)
    trained(qtbot, bench, config)
    expected = engine_coefficients(config)
    path = tmp_path / "run.csv"
    bench.export_plots(str(path))
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["step", "loss", *"abcdefghij"]
    assert len(rows) == 1 + config.steps
    assert [[float(value) for value in row[2:]] for row in rows[1:]] == expected
    # pyqtgraph's Export... > CSV of the coefficient plot itself.
    table = tmp_path / "coefficients.csv"
    exporter = CSVExporter(bench.plots.coefficient_plot.getPlotItem())
    exporter.parameters()["columnMode"] = "(x,y,y,y) for all plots"
    exporter.export(str(table))
    with open(table, newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["a_x", *(f"{name}_y" for name in "abcdefghij")]
    # Written with pyqtgraph's default precision: ten decimals.
    np.testing.assert_allclose([[float(v) for v in row[1:]] for row in rows[1:]], expected,
                               rtol=0, atol=1e-10)


def linear_rgb(color: QColor) -> tuple[float, float, float]:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4
    return linear(color.redF()), linear(color.greenF()), linear(color.blueF())


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours."""
    def luminance(name: str) -> float:
        red, green, blue = linear_rgb(QColor(name))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(name: str) -> tuple[float, float, float]:
    """CIELAB (D65): distances there are differences the eye sees."""
    red, green, blue = linear_rgb(QColor(name))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_the_palette_reads_on_light_and_dark_plots_and_no_two_colours_are_alike():
    assert len(COEFFICIENT_COLORS) == 10
    for color in COEFFICIENT_COLORS:
        for background in PLOT_BACKGROUND:
            assert contrast(color, background) >= 3.0, (color, background)
    for first, second in itertools.combinations(COEFFICIENT_COLORS, 2):
        assert math.dist(lab(first), lab(second)) > 20, (first, second)


def test_a_record_is_plain_frozen_numbers_that_keep_the_cubics_names():
    record = StepRecord(3, 0.5, (1.0, 2.0))
    assert (record.a, record.b) == (1.0, 2.0) and math.isnan(record.c) and math.isnan(record.d)
    with pytest.raises(FrozenInstanceError):
        record.loss = 0.0
    assert pickle.loads(pickle.dumps(record)) == record
    nine = next(iter(TrainingRun(poly(9))))
    assert len(nine.coefficients) == 10 and all(type(v) is float for v in nine.coefficients)
    cubic = next(iter(TrainingRun(replace(PRESETS["tensors"].default_config(), steps=1))))
    assert cubic.coefficients == (cubic.a, cubic.b, cubic.c, cubic.d)


def test_headless_train_prints_all_ten_coefficients(capsys):
    assert main(["--model", "poly:9", "--steps", "100", "--points", "50"]) == 0
    result = capsys.readouterr().out.splitlines()[-1]
    assert result_coefficients(result) == engine_coefficients(poly(9, steps=100, n_points=50))[-1]


def test_the_listing_torch_runs_prints_all_ten_coefficients(tmp_path):
    pytest.importorskip("torch")
    config = poly(9, steps=30, n_points=50)
    script = tmp_path / "listing.py"
    script.write_text(PRESETS["custom"].source(config), encoding="utf-8")
    listing = subprocess.run([sys.executable, str(script)], check=False, capture_output=True,
                             text=True, timeout=300)
    assert listing.returncode == 0, listing.stderr
    result = result_coefficients(listing.stdout.splitlines()[-1])
    np.testing.assert_allclose(result, engine_coefficients(config)[-1], rtol=1e-4, atol=1e-6)


def test_a_comparison_gives_its_losses_the_room_of_the_one_run_plots(qtbot, bench):
    plots = bench.plots
    bench.set_config(poly(3, steps=30))
    bench.compare_edit.setText("1e-3, 1e-2")
    bench.compare()
    assert not plots.fit_plot.isVisible() and not plots.coefficient_plot.isVisible()
    qtbot.waitUntil(lambda: not bench.comparison.active, timeout=60_000)
    qtbot.wait(50)
    assert plots.loss_plot.height() > 0.8 * plots.height()
    trained(qtbot, bench, poly(9, steps=10))
    assert plots.fit_plot.isVisible() and plots.coefficient_plot.isVisible()
    assert len(plots.coefficient_curves) == 10


def test_the_equation_shows_all_ten_coefficients_whole_and_a_cubics_keeps_two_lines(qtbot,
                                                                                      bench):
    from PySide6.QtCore import QRect

    bench.fit_to_screen(QRect(0, 0, 1366, 768))  # a laptop: a cubic's equation takes two lines
    qtbot.wait(50)
    from explorer.training.equation_label import SLACK_PX

    label = bench.equation_label
    two_lines = 2 * label.fontMetrics().lineSpacing() + SLACK_PX
    trained(qtbot, bench, poly(9))
    qtbot.wait(50)
    assert result_coefficients(f"Result: {label.text()}") == engine_coefficients(poly(9))[-1]
    assert label.heightForWidth(label.width()) <= label.height()
    assert label.height() > two_lines
    trained(qtbot, bench, poly(3))
    qtbot.wait(50)
    assert label.height() == two_lines


def test_ten_names_in_large_type_take_two_rows_under_the_title_where_one_row_shrinks_them(
        app_look):
    from explorer.classroom.appearance import PLOT_TITLE_PT, fitted_title
    from explorer.classroom.presentation import FONT_SCALE

    def title(count: int) -> str:
        return "Coefficients " + " ".join(
            f'<span style="color:{color}">■ {name}</span>'
            for name, color in zip("abcdefghij"[:count], COEFFICIENT_COLORS))

    large = PLOT_TITLE_PT * FONT_SCALE
    text, size = fitted_title(title(10), large, 270)
    assert text.count("<br>") == 2 and size == large
    head, first, second = text.split("<br>")
    assert head == "Coefficients" and first.count("■") == 5 and second.count("■") == 5
    # Where one row of names is as large, or for a cubic's four, the title keeps two lines.
    assert fitted_title(title(10), PLOT_TITLE_PT, 330)[0].count("<br>") == 1
    assert fitted_title(title(4), large, 150)[0].count("<br>") == 1


def test_the_equation_has_its_room_before_the_run_and_keeps_it_during_it(qtbot, bench,
                                                                         monkeypatch):
    """Narrow, a cubic's equation takes three lines: the label has them from the settings on,
    not by growing mid-run (a new height re-lays out and repaints every plot)."""
    label = bench.equation_label
    bench.resize(800, 700)
    bench.set_config(poly(3, steps=200))
    qtbot.wait(50)
    heights = []
    monkeypatch.setattr(label, "setFixedHeight", heights.append)
    bench.start()
    qtbot.waitUntil(lambda: bench.session.state in DONE, timeout=60_000)
    qtbot.wait(50)
    assert heights == []
    assert label.heightForWidth(label.width()) <= label.height()


def test_a_recorded_degree_9_run_names_all_ten_coefficients_within_its_plot(qapp, tmp_path,
                                                                            monkeypatch):
    """`train --model poly:9 --record`: a workbench never shown on a screen, its title fitted
    all the same (a legend wider than its plot pushes the plot past the frame's edge)."""
    from explorer import cli
    from explorer.training.workbench import TrainingWorkbench

    seen = []
    shutdown = TrainingWorkbench.shutdown

    def looked_at(workbench):
        plot = workbench.plots.coefficient_plot
        item = plot.getPlotItem()
        seen.append((title_names(workbench), item.titleLabel.item.boundingRect().width(),
                     item.vb.width(), item.width(), plot.width()))
        shutdown(workbench)

    monkeypatch.setattr(TrainingWorkbench, "shutdown", looked_at)
    folder = tmp_path / "fit"
    argv = ["train", "--model", "poly:9", "--lr", "0.001", "--steps", "60", "--speed", "1000",
            "--record", str(folder)]
    assert cli.main(argv) == 0
    [(names, title, box, item, plot)] = seen
    assert names == list("abcdefghij")
    assert title <= box and item <= plot
    text = max(folder.glob("frame_*.txt")).read_text(encoding="utf-8")
    assert len(result_coefficients(f"Result: {text.splitlines()[1]}")) == 10
