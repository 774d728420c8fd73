"""Exports: the plots as PNG and SVG, their numbers as CSV, the program as a script."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from explorer.core.training.presets import PRESETS


@pytest.fixture
def trained(qtbot, bench):
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=50, n_points=100))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=30_000)
    return bench


def test_plots_export_as_png_with_the_plots_size(trained, tmp_path):
    path = tmp_path / "plots.png"
    trained.export_plots(str(path))
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (trained.plots.width(), trained.plots.height())
    assert "Saved" in trained.status_label.text()


def test_plots_export_as_svg(trained, tmp_path):
    path = tmp_path / "plots.svg"
    trained.export_plots(str(path))
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text and "<path" in text or "<polyline" in text


def test_numbers_export_as_csv_one_row_per_step(trained, tmp_path):
    path = tmp_path / "run.csv"
    trained.export_plots(str(path))
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["step", "loss", "a", "b", "c", "d"]
    assert len(rows) == 51
    assert [float(row[1]) for row in rows[1:]] == list(trained.history.losses)


def test_code_saves_as_the_listing(trained, tmp_path):
    path = tmp_path / "fit.py"
    trained.export_script(str(path))
    assert path.read_text(encoding="utf-8") == PRESETS["tensors"].source(trained.config)


def test_an_unwritable_place_is_reported(trained, tmp_path):
    trained.export_plots(str(tmp_path / "missing" / "plots.csv"))
    assert "Cannot write" in trained.status_label.text()
    trained.export_script(str(tmp_path / "missing" / "fit.py"))
    assert "Cannot write" in trained.status_label.text()
