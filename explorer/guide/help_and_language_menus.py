"""The one hook the main window calls: Help > Show Guided Tour, Help > Concepts, View > Language,
and toolbar labels without the Chinese accelerator suffix."""
from __future__ import annotations

import sys

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer import settings as user_settings
from explorer.core.i18n import LANGUAGE_NAMES, current_language, translate
from explorer.guide.concepts import show_concepts
from explorer.guide.first_run_guide import show_guide
from explorer.guide.toolbar_labels import ToolbarLabels


class GuideMenus:
    """Help > Show Guided Tour and Concepts (before the Help menu's own entries), View > Language
    (each language under its own name), and the toolbar label filter; the tour and the Concepts
    dialog once opened (`first_run_guide`, `concepts_dialog`: one each per window)."""

    def __init__(self, window) -> None:
        self.first_run_guide = None   # made by first_run_guide.show_guide
        self.concepts_dialog = None   # made by concepts.show_concepts
        self.toolbar_labels = ToolbarLabels(window)
        help_menu = window.menu("help")
        first = help_menu.actions()[0] if help_menu.actions() else None
        self.guide_action = QAction(translate("GuideMenu", "Show &Guided Tour"), window)
        self.guide_action.setStatusTip(translate(
            "GuideMenu",
            "Open y = x**2 + 1, run forward and backward, and find x.grad, step by step"))
        self.guide_action.triggered.connect(lambda checked=False: show_guide(window))
        self.concepts_action = QAction(translate("GuideMenu", "&Concepts"), window)
        self.concepts_action.setStatusTip(translate(
            "GuideMenu",
            "Leaf tensors, accumulation, retain_grad, no_grad and detach, with examples"))
        self.concepts_action.triggered.connect(lambda checked=False: show_concepts(window))
        help_menu.insertActions(first, [self.guide_action, self.concepts_action])
        if first is not None:
            help_menu.insertSeparator(first)

        self.language_menu = window.menu("view").addMenu(translate("GuideMenu", "Lan&guage"))
        group = QActionGroup(window)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for language, name in LANGUAGE_NAMES.items():
            action = group.addAction(name)   # each language under its own name, never translated
            action.setCheckable(True)
            action.setChecked(language == current_language())
            action.triggered.connect(
                lambda checked=False, lang=language: choose_language(window, lang))
            self.language_menu.addAction(action)
            self.language_actions[language] = action


def install(window) -> GuideMenus:
    """Add the guide's and the language's menu entries to a MainWindow."""
    return GuideMenus(window)


def choose_language(window, language: str) -> None:
    """Remember `language`; it applies at the next start, which the user may ask for at once."""
    user_settings.save_language(language, window.settings)
    if language == current_language():
        return
    message = translate("GuideMenu", "The interface will be in {language} from the next start "
                        "of autograd-explorer.").format(language=LANGUAGE_NAMES[language])
    window.show_message(message)
    if not window.interactive:
        return
    box = QMessageBox(QMessageBox.Icon.Information, translate("GuideMenu", "Language"), message,
                      QMessageBox.StandardButton.NoButton, window)
    restart = box.addButton(translate("GuideMenu", "Restart Now"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("GuideMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is restart:
        restart_application(window)


def restart_application(window) -> bool:
    """Close the window (it asks to save unsaved work) and start the program again, reopening
    the saved file if there is one. False if the user kept the window open."""
    path = window.file_path
    if not window.close():
        return False
    arguments = ["-m", "explorer"] + ([path] if path else [])
    QProcess.startDetached(sys.executable, arguments)
    QApplication.quit()
    return True
