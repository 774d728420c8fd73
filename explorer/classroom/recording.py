"""Recording: a recording under way, written frame by frame into a RecordingWriter, with the
signals that the progress dialog and the command line follow."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from explorer.classroom.video_writers import RecordingWriter


class Recording(QObject):
    """`_timer` takes the frames; `finished(path)` once written, `failed(reason)` (a translated
    sentence) on an error, `cancelled()` after cancel(): nothing half-written is left behind."""

    progress = Signal(int, int)      # frames written, frames in all (0: not known in advance)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, writer: RecordingWriter, interval_ms: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.done = False
        self._writer = writer
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)

    def cancel(self) -> None:
        """Stop recording; nothing is written."""
        if not self.done:
            self._stop()
            self._writer.abort()
            self.cancelled.emit()

    def _fail(self, reason: str) -> None:
        self._stop()
        self._writer.abort()
        self.failed.emit(reason)

    def _stop(self) -> None:
        """No more frames (a subclass also lets go of where they come from)."""
        self.done = True
        self._timer.stop()
