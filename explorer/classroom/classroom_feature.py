"""The classroom feature: View > Presentation Mode, View > Theme and File > Record…"""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from explorer.classroom.presentation import PresentationMode
from explorer.classroom.record_dialog import Recorder
from explorer.classroom.theme_menu import ThemeChoice
from explorer.core.i18n import translate

RECORD_SHORTCUT = "Ctrl+Shift+R"


class Classroom:
    """Presentation mode, the theme choice and recording, installed on a MainWindow."""

    def __init__(self, window) -> None:
        view_menu = window.menu("view")
        self.presentation = PresentationMode(window)
        view_menu.addSeparator()
        view_menu.addAction(self.presentation.action)
        self.theme_choice = ThemeChoice(window)

        self.recorder = Recorder(window)
        self.record_action = QAction(translate("Classroom", "Recor&d Animation…"), window)
        self.record_action.setShortcut(QKeySequence(RECORD_SHORTCUT))
        self.record_action.setStatusTip(translate(
            "Classroom", "Record the forward or backward replay as a GIF, an MP4 or numbered PNG "
                         "images"))
        self.record_action.triggered.connect(
            lambda _checked=False: self.recorder.ask_and_record())
        window.menu("file").insertAction(window.file_export_anchor, self.record_action)


def install(window) -> Classroom:
    return Classroom(window)
