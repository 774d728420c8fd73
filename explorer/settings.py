"""The user's remembered choices (QSettings): the interface language and the first-run guide.

Every function takes the QSettings to use, so that tests and windows with their own settings
file never touch the user's real ones; None means the application's default QSettings().
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

LANGUAGE_KEY = "ui/language"
GUIDE_DISMISSED_KEY = "guide/dismissed"


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def saved_language(languages: tuple[str, ...], settings: QSettings | None = None) -> str | None:
    """The language chosen in View > Language, or None (never chosen, or not one of `languages`)."""
    value = _settings(settings).value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in languages else None


def save_language(language: str, settings: QSettings | None = None) -> None:
    store = _settings(settings)
    store.setValue(LANGUAGE_KEY, language)
    store.sync()


def guide_dismissed(settings: QSettings | None = None) -> bool:
    """True once the user ticked "Don't show this again" in the first-run guide."""
    return bool(_settings(settings).value(GUIDE_DISMISSED_KEY, False, type=bool))


def set_guide_dismissed(dismissed: bool, settings: QSettings | None = None) -> None:
    store = _settings(settings)
    store.setValue(GUIDE_DISMISSED_KEY, dismissed)
    store.sync()
