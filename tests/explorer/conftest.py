"""Fixtures shared by every explorer test: user folders isolated from the real ones, an isolated
main window, and a recorder that turns any exception raised inside a Qt slot or virtual method
into a test failure (PySide6 >= 6.5 would only print it)."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items) -> None:
    # The excepthook recorder below replaces pytest-qt's capture for the explorer's tests.
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_no_exception_capture)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After pytest-qt has closed the test's widgets (deleteLater), delete them, and every main
    window still there: a plain processEvents leaves them alive, and every later style sheet
    change restyles them all."""
    result = yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        from PySide6.QtWidgets import QApplication, QMainWindow

        # Main windows a test made without qtbot (explorer.show(), the command line's): deleted
        # unclosed (no save question). Left behind, each later style sheet change restyled them,
        # and one such change crashed Python 3.13's suite.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow):
                widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        from explorer import gui_thread_gc

        gui_thread_gc.settle()   # collection back to automatic if the test's workers have ended
    return result


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
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, tmp_path, settings):
    """Builds shown main windows with their own settings file and autosave folder."""
    from explorer.main_window import MainWindow

    made = []

    def make():
        win = MainWindow(settings=settings, autosave_directory=tmp_path / "autosave",
                         interactive=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win
    yield make
    for win in made:
        win.undo_stack.setClean()   # nothing to ask about when the window closes


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def app_look(qapp):
    """The program's look (explorer.app.apply_look: Fusion, its font and style sheet), as the
    real app has it, for one test: its type is larger than the tests' plain look."""
    from explorer.app import apply_look

    before = (qapp.style().name(), qapp.font(), qapp.styleSheet())
    apply_look(qapp)
    yield
    qapp.setStyle(before[0])
    qapp.setFont(before[1])
    qapp.setStyleSheet(before[2])
