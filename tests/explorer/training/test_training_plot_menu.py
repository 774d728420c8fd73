"""pyqtgraph's own right-click menu on the workbench's plots: on, in Chinese too, and its PNG,
SVG and CSV exporters write what the plots show."""

from __future__ import annotations

import csv
from dataclasses import replace

import numpy as np
import pytest
from pyqtgraph.exporters import CSVExporter, ImageExporter
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMenu

from explorer.core.training.presets import PRESETS
from explorer.core.training.runner import TrainingRun
from explorer.language import install_translator
from explorer.training.plot_menu import SvgExporter
from explorer.training.plots import TrainingHistory, TrainingPlots


@pytest.fixture
def chinese(qapp):
    install_translator(qapp, "zh_CN")
    yield
    install_translator(qapp, "en")


@pytest.fixture
def plots(qtbot):
    widget = TrainingPlots()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    config = replace(PRESETS["tensors"].default_config(), steps=60, n_points=40)
    history = TrainingHistory()
    history.extend(list(TrainingRun(config)))
    widget.set_data(*TrainingRun(config).data())
    widget.redraw(history, PRESETS["tensors"].predict)
    widget.history = history
    return widget


def right_click_menu(qtbot, plot) -> QMenu:
    """The menu a right click in the middle of `plot` pops up, as pyqtgraph builds it."""
    plot.show()
    qtbot.waitExposed(plot)
    viewport = plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=viewport.rect().center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
    return QApplication.activePopupWidget()


def menu_texts(qtbot, plot) -> list[str]:
    menu = right_click_menu(qtbot, plot)
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    menu.close()
    return texts


def shown_titles(tree) -> list[str]:
    """The texts of the tree's rows a user sees, top to bottom."""
    titles = []
    item = tree.topLevelItem(0)
    while item is not None:
        if not item.isHidden() and item.text(0):
            titles.append(item.text(0))
        item = tree.itemBelow(item)
    return titles


def test_every_plot_offers_view_all_the_axes_and_export_but_not_plot_options(qtbot, plots):
    plots.show_landscape(True)
    for plot in (plots.loss_plot, plots.fit_plot, plots.coefficient_plot, plots.landscape_plot):
        texts = menu_texts(qtbot, plot)
        assert texts[0] == "View All" and "Export..." in texts
        assert "X axis" in texts and "Y axis" in texts and "Mouse Mode" in texts
        assert "Plot Options" not in texts


def test_the_menu_and_the_export_dialog_speak_chinese(qtbot, chinese):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(900, 600)
    menu = right_click_menu(qtbot, plots.loss_plot)
    texts = [action.text() for action in menu.actions()]
    assert texts[0] == "显示全部" and "导出…" in texts and "X 轴" in texts and "鼠标模式" in texts
    export = next(action for action in menu.actions() if action.text() == "导出…")
    menu.close()
    export.trigger()
    dialog = plots.loss_plot.scene().exportDialog
    try:
        assert dialog.isVisible() and dialog.windowTitle() == "导出"
        tree = dialog.ui.itemTree
        top = tree.topLevelItem(0)
        assert top.text(0) == "整个场景" and top.child(0).text(0) == "绘图"
        shown = dialog.ui.formatList
        formats = {shown.item(row).text() for row in range(shown.count())}
        assert formats == {
            "图像文件（PNG、TIF、JPG 等）", "可缩放矢量图形（SVG）", "原始绘图数据的 CSV"
        }
        assert dialog.ui.exportBtn.text() == "导出" and dialog.ui.closeBtn.text() == "关闭"
        # The options without pyqtgraph's English "params" group above them, with room.
        dialog.ui.formatList.setCurrentRow(0)
        titles = shown_titles(dialog.ui.paramTree)
        assert titles[:2] == ["宽度", "高度"] and "params" not in titles
        dialog.ui.formatList.setCurrentRow(2)
        titles = shown_titles(dialog.ui.paramTree)
        assert "分隔符" in titles and "params" not in titles
        assert dialog.width() >= 420 and dialog.height() >= 560
    finally:
        dialog.close()


def test_pyqtgraphs_exporters_write_png_svg_and_csv_of_a_plot(plots, tmp_path):
    item = plots.loss_plot.getPlotItem()
    png, svg, table = tmp_path / "loss.png", tmp_path / "loss.svg", tmp_path / "loss.csv"
    ImageExporter(item).export(str(png))
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 100 and image.height() > 100
    SvgExporter(item).export(str(svg))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "<path" in text
    CSVExporter(item).export(str(table))
    with open(table, newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:2] == ["loss_x", "loss_y"]
    steps = [float(row[0]) for row in rows[1:]]
    losses = [float(row[1]) for row in rows[1:]]
    assert steps == list(range(60))
    np.testing.assert_allclose(losses, plots.history.losses, rtol=1e-6)
