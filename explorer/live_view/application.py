"""The QApplication that drawings and windows need, made on demand (offscreen without a display)."""
from __future__ import annotations

import os
import sys

from PySide6.QtWidgets import QApplication


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_application(language: str | None = None) -> QApplication:
    """The running QApplication, or a new one: offscreen when there is no display and the
    platform was not chosen (a notebook server, CI). `language`: for a new one (None: the saved
    or the system's)."""
    app = QApplication.instance()
    if app is not None:
        return app
    if not has_display() and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from explorer.app import create_application

    return create_application([sys.argv[0] if sys.argv and sys.argv[0] else "explorer"], language)
