"""View > Theme: System (follows the desktop's light or dark colour scheme, live), Light, Dark.

The choice is kept in QSettings under THEME_KEY; "system" asks Qt (6.5 and later) for the
colour scheme and follows its colorSchemeChanged signal.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication

from explorer.classroom.appearance import Appearance
from explorer.core.i18n import translate

THEME_KEY = "ui/theme"
SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)


def saved_theme(settings: QSettings) -> str:
    value = settings.value(THEME_KEY)
    return value if isinstance(value, str) and value in THEMES else SYSTEM


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def is_dark(theme: str) -> bool:
    return theme == DARK or (theme == SYSTEM and system_is_dark())


class ThemeChoice(QObject):
    """The View > Theme menu of one main window, and the application's theme it controls."""

    def __init__(self, window) -> None:
        super().__init__(window)   # the system's signal lets go of it with the window
        self.window = window
        self.appearance = Appearance.for_application()
        self.theme = saved_theme(window.settings)
        menu = window.menu("view").addMenu(translate("Classroom", "&Theme"))
        self.menu = menu
        group = QActionGroup(window)
        group.setExclusive(True)
        titles = {SYSTEM: translate("Classroom", "&System"),
                  LIGHT: translate("Classroom", "&Light"),
                  DARK: translate("Classroom", "&Dark")}
        self.actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = group.addAction(titles[theme])
            action.setCheckable(True)
            action.setChecked(theme == self.theme)
            action.triggered.connect(lambda _checked=False, chosen=theme: self.choose(chosen))
            menu.addAction(action)
            self.actions[theme] = action
        self.actions[SYSTEM].setStatusTip(translate(
            "Classroom", "Light or dark as the desktop's colour scheme is, following its changes"))
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_system_scheme)
        if is_dark(self.theme) != self.appearance.dark:
            self.appearance.set(dark=is_dark(self.theme))

    def choose(self, theme: str) -> None:
        """Use `theme` now and remember it."""
        self.theme = theme
        self.actions[theme].setChecked(True)
        self.window.settings.setValue(THEME_KEY, theme)
        self.window.settings.sync()
        self.appearance.set(dark=is_dark(theme))

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme == SYSTEM and is_dark(SYSTEM) != self.appearance.dark:
            self.appearance.set(dark=is_dark(SYSTEM))
