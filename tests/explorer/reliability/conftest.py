"""Fixtures for the reliability suite: an isolated main window, and a recorder that turns any
exception raised inside a Qt slot or virtual method into a test failure."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

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
    yield win
    win.undo_stack.setClean()   # nothing to ask about when the window closes
