"""A graph (.json) or a snippet (.py) dragged onto the window from a file manager opens as
File > Open would open it; a notebook (.ipynb) is traced as File > Trace… would trace it
(after asking).

An event filter, because the canvas (a graphics view whose scene takes every drag) would
otherwise swallow the drop before the window could see it.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

OPENED_SUFFIXES = (".json", ".py")
TRACED_SUFFIXES = (".ipynb",)
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def dropped_file(event) -> str | None:
    """The one local graph, snippet or notebook file a drag carries, else None."""
    mime = event.mimeData()
    urls = mime.urls() if mime is not None and mime.hasUrls() else []
    if len(urls) == 1 and urls[0].isLocalFile():
        path = urls[0].toLocalFile()
        if Path(path).suffix.lower() in OPENED_SUFFIXES + TRACED_SUFFIXES:
            return path
    return None


class FileDrops(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        window.setAcceptDrops(True)
        for target in (window, window.view.viewport()):
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _DRAG_EVENTS:
            return False
        path = dropped_file(event)
        if path is None:
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            # Opened once the drop is over: a question about unsaved work must not hold the
            # drag source (the file manager) waiting.
            QTimer.singleShot(0, self.window, lambda: self._open(path))
        return True

    def _open(self, path: str) -> None:
        if Path(path).suffix.lower() in TRACED_SUFFIXES:
            self.window.trace_action.trace(path)
        else:
            self.window.open_file(path)
