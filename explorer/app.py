"""The QApplication: names (for QSettings and the data directory), version, icon, font, style
sheet, language, and which of Qt's messages reach stderr."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from explorer import __version__
from explorer.core.resource_files import resource_path
from explorer.language import install_translator, startup_language

STYLE_SHEET = resource_path("styles", "light.qss")
ORGANIZATION = "autograd-explorer"
APPLICATION = "autograd-explorer"
ICONS = resource_path("icons")
APP_ICON = ICONS / "autograd-explorer.svg"
DESKTOP_FILE = "autograd-explorer"   # resources/autograd-explorer.desktop
# Qt warnings that say nothing to a user: the offscreen platform (tests, --screenshot) cannot
# pass size hints to a window manager it does not have.
HARMLESS_QT_MESSAGES = frozenset({"This plugin does not support propagateSizeHints()"})


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
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    apply_look(app)
    install_translator(app, startup_language(language))


def apply_look(app: QApplication) -> None:
    """The program's look: Fusion, its font and its style sheet."""
    app.setStyle("Fusion")
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    app.setFont(font)
    app.setStyleSheet(style_sheet())


def print_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's message handler: every message on stderr, as Qt prints it, but the harmless ones."""
    if message in HARMLESS_QT_MESSAGES:
        return
    category = context.category if context is not None else None
    print(f"{category}: {message}" if category and category != "default" else message,
          file=sys.stderr)


def create_application(argv: list[str], language: str | None = None) -> QApplication:
    """The running QApplication (created if needed), configured."""
    qInstallMessageHandler(print_qt_message)
    app = QApplication.instance() or QApplication(argv)
    configure(app, language)
    return app
