"""The QApplication: names (for QSettings and the data directory), font, style sheet, language."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from explorer.language import install_translator, startup_language

STYLE_SHEET = Path(__file__).resolve().parent.parent / "resources" / "styles" / "light.qss"
ORGANIZATION = "autograd-explorer"
APPLICATION = "autograd-explorer"


ICONS = STYLE_SHEET.parent.parent / "icons"


def style_sheet() -> str:
    """The style sheet, its url(ICONS/...) images pointing into resources/icons."""
    if not STYLE_SHEET.is_file():
        return ""
    return STYLE_SHEET.read_text(encoding="utf-8").replace("url(ICONS/",
                                                          f"url({ICONS.as_posix()}/")


def configure(app: QApplication, language: str | None = None) -> None:
    """Give `app` the program's names, look and translation (`language` None: saved or system)."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("autograd-explorer")
    app.setStyle("Fusion")
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    install_translator(app, startup_language(language))


def create_application(argv: list[str], language: str | None = None) -> QApplication:
    """The running QApplication (created if needed), configured."""
    app = QApplication.instance() or QApplication(argv)
    configure(app, language)
    return app
