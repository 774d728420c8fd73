"""Translation: one entry point for user-visible text outside QObject subclasses, and the choice
of the interface language (--lang, then View > Language, then the system locale)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from explorer import settings as user_settings
from explorer.resource_files import resource_path

TRANSLATIONS_DIR = resource_path("translations")
LANGUAGES = ("en", "zh_CN")
# Each language is offered under its own name, so that anyone can find their way back.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}

# The translators this module installed, per application, so a new language replaces them.
_installed: list[QTranslator] = []
_current = "en"


def translate(context: str, text: str) -> str:
    """Qt's translation of `text`; both arguments must be literals so the extractor finds them."""
    return QCoreApplication.translate(context, text)


def translate_data(context: str, text: str) -> str:
    """The translation of a text read from a data file (an example's title): the extractor never
    sees such text, so its English is registered with QT_TRANSLATE_NOOP in the source (see
    explorer/guide/example_texts.py); unregistered text comes back unchanged."""
    return QCoreApplication.translate(context, text)


def current_language() -> str:
    """The language install_translator last put in place ("en" before any)."""
    return _current


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def startup_language(requested: str | None = None, settings: QSettings | None = None) -> str:
    """The language to start in: `requested` (--lang), else the saved choice, else the system's."""
    if requested in LANGUAGES:
        return requested
    return user_settings.saved_language(LANGUAGES, settings) or system_language()


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"autograd_explorer_{language}.qm"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Make `language` the application's language: our .qm and Qt's own (standard buttons and
    dialogs) replace any translators installed here before. English needs none (returns None).

    Text already on screen keeps its language; windows created afterwards use the new one.
    """
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _current = "en"
    if language == "en" or language not in LANGUAGES:
        return None
    translator = QTranslator(app)
    if not translator.load(str(translation_file(language))):
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    _current = language
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}",
                          QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return translator
