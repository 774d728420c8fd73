"""Fixtures for the editor's GUI tests: an isolated main window, and a recorder that turns any
exception raised inside a Qt slot or virtual method into a test failure."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items) -> None:
    # Our own excepthook recorder (below) replaces pytest-qt's capture for these tests.
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_no_exception_capture)


@pytest.fixture(autouse=True)
def slot_exceptions(monkeypatch):
    """Every exception that reaches sys.excepthook (Qt slots, event handlers) fails the test."""
    recorded: list[str] = []

    def record(exc_type, exc, tb) -> None:
        recorded.append("".join(traceback.format_exception(exc_type, exc, tb)))

    monkeypatch.setattr(sys, "excepthook", record)
    yield recorded
    if recorded:
        pytest.fail("exception raised inside Qt:\n" + "\n".join(recorded))


@pytest.fixture(autouse=True, scope="session")
def isolated_user_dirs():
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def window(qtbot, tmp_path):
    from explorer.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, autosave_directory=tmp_path / "autosave",
                     interactive=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def send_mouse(view, kind: QEvent.Type, scene_pos: QPointF,
               button=Qt.MouseButton.LeftButton, buttons=None) -> None:
    """Deliver one real mouse event to the view's viewport at a scene position."""
    viewport_pos = QPointF(view.mapFromScene(scene_pos))
    global_pos = QPointF(view.viewport().mapToGlobal(viewport_pos.toPoint()))
    if buttons is None:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(kind, viewport_pos, global_pos,
                        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start: QPointF, end: QPointF, steps: int = 4) -> None:
    """Press at `start`, move in steps to `end`, release there (left button)."""
    send_mouse(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse(view, QEvent.Type.MouseMove, point, buttons=Qt.MouseButton.LeftButton)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end)


@pytest.fixture
def mouse():
    """Real mouse events on a GraphView: mouse.send(view, type, scene_pos), mouse.drag(...)."""
    class Mouse:
        send = staticmethod(send_mouse)
        drag = staticmethod(drag)
    return Mouse
