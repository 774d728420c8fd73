"""The one hook the main window calls: View > Presentation Mode, View > Theme and
File > Record…"""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from explorer.classroom.presentation import PresentationMode
from explorer.classroom.record_dialog import Recorder
from explorer.classroom.theme_menu import ThemeChoice
from explorer.core.i18n import translate

RECORD_SHORTCUT = "Ctrl+Shift+R"


def install(window) -> None:
    """Add the classroom's menu entries to a MainWindow."""
    view_menu = window.menu("view")
    window.presentation = PresentationMode(window)
    view_menu.addSeparator()
    view_menu.addAction(window.presentation.action)
    window.theme_choice = ThemeChoice(window)

    window.recorder = Recorder(window)
    window.record_action = QAction(translate("Classroom", "Recor&d Animation…"), window)
    window.record_action.setShortcut(QKeySequence(RECORD_SHORTCUT))
    window.record_action.setStatusTip(translate(
        "Classroom", "Record the forward or backward replay as a GIF, an MP4 or numbered PNG "
                     "images"))
    window.record_action.triggered.connect(lambda _checked=False: window.recorder.ask_and_record())
    window.menu("file").insertAction(window.file_export_anchor, window.record_action)
