"""The interface language in Qt: which one to start in (--lang, then View > Language, then the
system locale) and installing its translators, which also routes the core's translate hook
(explorer/core/i18n.py) through QCoreApplication.translate."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
)

from explorer import settings as user_settings
from explorer.core import i18n
from explorer.core.i18n import LANGUAGES
from explorer.core.resource_files import resource_path

TRANSLATIONS_DIR = resource_path("translations")

# Labels of Qt's own file dialog that Qt's Chinese catalog lacks (it has them without their
# accelerator, as older Qt wrote them): our catalog carries them, and is asked when Qt's is not.
QT_CATALOG_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

# The translators this module installed, per application, so a new language replaces them.
_installed: list[QTranslator] = []


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def startup_language(requested: str | None = None, settings: QSettings | None = None) -> str:
    """The language to start in: `requested` (--lang), else the saved choice, else the system's."""
    if requested in LANGUAGES:
        return requested
    return user_settings.saved_language(LANGUAGES, settings) or system_language()


def translation_file(language: str) -> Path:
    return TRANSLATIONS_DIR / f"autograd_explorer_{language}.qm"


def load_catalog(language: str, parent: QObject | None = None) -> QTranslator | None:
    """Our catalog of `language`, loaded; None where the texts stay English: English itself
    (the source texts), a language we do not offer, a catalog that is missing or broken."""
    if language == "en" or language not in LANGUAGES:
        return None
    translator = QTranslator(parent)
    return translator if translator.load(str(translation_file(language))) else None


def translate_core_without_application(language: str) -> None:
    """The core's texts in `language`, straight from its catalog, for a process with no
    application to install translators in (the training worker)."""
    translator = load_catalog(language)
    if translator is not None:
        i18n.install_translation(
            lambda context, text: translator.translate(context, text) or text, language
        )


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Make `language` the application's language: our .qm and Qt's own (standard buttons and
    dialogs) replace any translators installed here before. English needs none (returns None).

    Text already on screen keeps its language; windows created afterwards use the new one.
    """
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    i18n.install_translation(QCoreApplication.translate, "en")
    translator = load_catalog(language, app)
    if translator is None:
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    i18n.install_translation(QCoreApplication.translate, language)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}",
                          QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return translator
