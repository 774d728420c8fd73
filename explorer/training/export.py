"""Exports of the workbench: the plots as PNG or SVG, the run's numbers as CSV, the program as a
script. Each writer raises OSError with the system's reason; the workbench reports it."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from explorer.training.plots import TrainingHistory

PLOT_FORMATS = ("png", "svg", "csv")


def export_plots(widget: QWidget, history: TrainingHistory, path: str) -> str:
    """Write the plots to `path` in the format its suffix names (png, svg; csv: the numbers
    behind them). Return the format used; raise OSError when the file cannot be written."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "svg":
        write_svg(widget, path)
    elif suffix == "csv":
        write_history_csv(history, path)
    else:
        suffix = "png"
        if not widget.grab().save(path, "PNG"):
            raise OSError(f"cannot write {path}")
    return suffix


def write_svg(widget: QWidget, path: str) -> None:
    Path(path).touch()  # the generator fails silently: find an unwritable place first
    generator = QSvgGenerator()
    generator.setFileName(path)
    size = widget.size()
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(widget.windowTitle())
    painter = QPainter(generator)
    try:
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()


def write_history_csv(history: TrainingHistory, path: str) -> None:
    """One row per step: step, loss, and the coefficient plot's traces (a, b, c, d, or an MLP's
    weight norms), as the plots show them."""
    names = history.trace_names
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["step", "loss", *names])
        columns = [history.steps, history.losses,
                   *(history.coefficient(i) for i in range(len(names)))]
        for row in zip(*columns):
            writer.writerow([int(row[0]), *(repr(float(value)) for value in row[1:])])


def write_script(source: str, path: str) -> None:
    Path(path).write_text(source, encoding="utf-8")
