"""Uncaught exceptions in the GUI (a slot, an event handler) reach the user, never vanish.

PySide prints an exception raised inside a slot and carries on; the user sees nothing. The hook
installed here writes the traceback to a log file in the app's data folder and shows one
message that names it; while that message is open, further errors are only logged.
"""
from __future__ import annotations

import datetime
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000   # older entries go when the log grows past this


def log_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "logs" / LOG_NAME


def write_log(text: str, path: Path | None = None) -> Path | None:
    """Append `text` to the log; the log's path, or None when it cannot be written."""
    path = path or log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".old.log"))
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        return None
    return path


class ErrorReporter:
    def __init__(self, log: Path | None = None, interactive: bool = True) -> None:
        self.log = log
        self.interactive = interactive
        self.showing = False
        self.last_message: str | None = None

    def __call__(self, exc_type, exc, tb) -> None:
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        print(details, file=sys.stderr, end="")
        written = write_log(details, self.log)
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        where = written if written is not None else QCoreApplication.translate(
            "ErrorReport", "(the log file cannot be written)")
        self.last_message = QCoreApplication.translate(
            "ErrorReport", "Something went wrong: {kind}: {reason}\n\nThe details were written "
            "to {log}. Your graph is still open; if it behaves oddly, save it under a new name "
            "and restart.").format(kind=exc_type.__name__, reason=exc, log=where)
        if not self.interactive or self.showing or QApplication.instance() is None:
            return
        self.showing = True
        try:
            QMessageBox.critical(QApplication.activeWindow(), QCoreApplication.translate(
                "ErrorReport", "Unexpected error"), self.last_message)
        finally:
            self.showing = False


def install(interactive: bool = True) -> ErrorReporter:
    reporter = ErrorReporter(interactive=interactive)
    sys.excepthook = reporter
    return reporter
