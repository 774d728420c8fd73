"""What the desktop shows of the program: its icon on every window, its version in Help > About,
and Qt's stderr free of the warnings we expect while keeping every other one."""
from __future__ import annotations

from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication, QMessageBox

import explorer
from explorer.app import APP_ICON, create_application


def test_the_application_and_its_window_carry_the_program_icon(qapp, window):
    create_application(["autograd-explorer"], "en")
    assert APP_ICON.is_file()
    assert not qapp.windowIcon().isNull() and not window.windowIcon().isNull()
    assert qapp.applicationVersion() == explorer.__version__
    assert qapp.desktopFileName() == "autograd-explorer"


def test_help_about_shows_the_version(qtbot, window):
    shown: list[str] = []

    def read_and_close() -> None:
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.isVisible())
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.about()
    assert shown and f"Version {explorer.__version__}" in shown[0] and "MIT" in shown[0]


def test_expected_qt_warnings_are_silenced_and_others_kept(qapp, capfd):
    create_application(["autograd-explorer"], "en")
    qWarning("This plugin does not support propagateSizeHints()")
    qWarning("a warning nobody expected")
    err = capfd.readouterr().err
    assert "propagateSizeHints" not in err
    assert "a warning nobody expected" in err
