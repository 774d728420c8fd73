"""Translation: one entry point for user-visible text outside QObject subclasses."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = ("en", "zh_CN")


def translate(context: str, text: str) -> str:
    """Qt's translation of `text`; both arguments must be literals so the extractor finds them."""
    return QCoreApplication.translate(context, text)


def system_language() -> str:
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load resources/translations/autograd_explorer_<language>.qm into `app`; English needs none."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(TRANSLATIONS_DIR / f"autograd_explorer_{language}.qm")):
        return None
    app.installTranslator(translator)
    return translator
