"""The window fits the screen it opens on, and its first-start layout shows what a learner needs:
every control inside the window, a dozen lines of code, the gradient check's rows, and (where the
screen is tall enough) a leaf's whole inspector. View > Reset Layout brings that layout back."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QLineEdit,
    QScrollArea,
    QStatusBar,
    QToolBar,
    QWidget,
)

from explorer.language import install_translator

LAPTOP = QRect(0, 0, 1366, 768)
DESKTOP = QRect(0, 0, 1920, 1080)
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractSlider, QToolBar,
            QDockWidget, QStatusBar, QAbstractScrollArea)


@pytest.fixture(params=["en", "zh_CN"])
def translated_window(request, qapp, make_window):
    install_translator(qapp, request.param)
    yield make_window()
    install_translator(qapp, "en")


def fitted(window, screen: QRect):
    window.fit_to_screen(screen)
    QApplication.processEvents()
    return window


def in_a_scroll_area(widget: QWidget, window) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def rect_in_window(widget: QWidget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_every_control_is_inside_the_window_and_the_window_inside_the_screen(
        translated_window, screen):
    window = fitted(translated_window, screen)
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), screen)
    add_button = window.code_actions.expression_bar.add_button
    # A dock behind another's tab counts as visible; Qt only moves it out of the way.
    behind_tabs = [dock for dock in window.findChildren(QDockWidget)
                   if window.tabifiedDockWidgets(dock) and dock.visibleRegion().isEmpty()]
    controls = [w for kind in CONTROLS for w in window.findChildren(kind)
                if w.isVisible() and w.window() is window and not in_a_scroll_area(w, window)
                and not any(dock is w or dock.isAncestorOf(w) for dock in behind_tabs)]
    assert add_button in controls and window.statusBar() in controls
    assert window.inspector_dock in controls and window.animator.step_dock in controls
    outside = [(type(w).__name__, w.objectName(), rect_in_window(w, window)) for w in controls
               if not window.rect().contains(rect_in_window(w, window))]
    assert outside == [], (window.size(), outside)


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_the_code_view_shows_a_dozen_lines(translated_window, screen):
    window = fitted(translated_window, screen)
    window.code_dock.raise_()   # on a short screen it is a tab behind the inspector
    QApplication.processEvents()
    editor = window.code_view.editor
    assert editor.isVisible()
    assert editor.viewport().height() >= 12 * editor.fontMetrics().lineSpacing()


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_the_gradient_check_table_shows_its_rows(window, screen):
    fitted(window, screen)
    assert window.open_example("polynomial_loss", ask=False)
    window.animator.transport_bar.actions_by_name["gradient_check"].trigger()
    QApplication.processEvents()
    table = window.animator.step_panel.check_table
    assert table.isVisible() and table.rowCount() == 4   # a, b, c, d
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()


@pytest.fixture(params=["plain", "app look"])
def look(request, qapp):
    """Qt's own look, or the program's (Fusion, its font and style sheet), as in the real app."""
    if request.param == "plain":
        yield
        return
    yield request.getfixturevalue("app_look")


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_the_canvas_is_the_biggest_thing_in_the_window(look, translated_window, screen):
    window = fitted(translated_window, screen)
    assert window.open_example("polynomial_loss", ask=False)   # its description banner shows
    QApplication.processEvents()

    def canvas_is_biggest() -> None:
        view = window.view
        assert view.height() >= 400, view.size()
        docks = [dock for dock in window.findChildren(QDockWidget)
                 if dock.isVisible() and not dock.visibleRegion().isEmpty()]
        area = view.width() * view.height()
        assert all(dock.width() * dock.height() < area for dock in docks), [
            (dock.objectName(), dock.size()) for dock in docks]

    canvas_is_biggest()
    # The gradient check takes the room its rows need while on show, then gives it back.
    window.animator.transport_bar.actions_by_name["gradient_check"].trigger()
    QApplication.processEvents()
    window.animator.step_panel.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    canvas_is_biggest()


def select_leaf_after_backward(window):
    assert window.open_example("x_squared", ask=False)
    assert window.animator.backward(play=False)   # the inspector also says "Replaying"
    window.scene.select_nodes([window.document.node_by_name("x").id])
    QApplication.processEvents()
    return window.inspector.findChild(QScrollArea)


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_a_leafs_whole_inspector_shows_without_scrolling(qapp, window, screen):
    # With the app's style sheet, after a backward (the replay note shows too): value, .grad
    # and every parameter editor.
    from explorer.app import style_sheet

    before = qapp.styleSheet()
    qapp.setStyleSheet(style_sheet())
    try:
        scroll = select_leaf_after_backward(fitted(window, screen))
        assert_whole_inspector_shown(window, scroll)
    finally:
        qapp.setStyleSheet(before)


def assert_whole_inspector_shown(window, scroll):
    assert scroll.verticalScrollBar().maximum() == 0
    assert scroll.horizontalScrollBar().maximum() == 0
    inspector = window.inspector
    shown = [inspector.value_text, inspector.grad_text] + [
        editor for editor in inspector.params_box.findChildren(QWidget) if editor.isVisible()]
    assert len(shown) > 4
    for widget in shown:
        top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
        assert scroll.viewport().rect().contains(QRect(top_left, widget.size())), widget


def test_reset_layout_brings_back_the_first_start_arrangement(window):
    fitted(window, DESKTOP)
    areas = {dock: window.dockWidgetArea(dock) for dock in window.findChildren(QDockWidget)}
    window.inspector_dock.setFloating(True)
    window.code_dock.close()
    window.animator.step_dock.close()
    window.addDockWidget(window.dockWidgetArea(window.inspector_dock), window.palette_dock)
    window.main_toolbar.hide()
    window.reset_layout_action.trigger()
    QApplication.processEvents()
    assert window.reset_layout_action in window.menu("view").actions()
    assert {dock: window.dockWidgetArea(dock) for dock in areas} == areas
    assert all(dock.isVisible() and not dock.isFloating() for dock in areas)
    assert window.main_toolbar.isVisible()


def test_the_real_window_opens_inside_a_laptop_screen(tmp_path):
    # A real start on a 1366x768 screen (the offscreen platform's screen from a config file).
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1}]}))
    program = (
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from explorer.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
        f"window = MainWindow(settings=settings, autosave_directory=Path({str(tmp_path)!r}))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "f = window.frameGeometry()\n"
        "print(f.x(), f.y(), f.width(), f.height())\n")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         env=env, timeout=120, check=True).stdout
    x, y, width, height = map(int, out.split()[-4:])
    assert QRect(0, 0, 1366, 768).contains(QRect(x, y, width, height)), out
