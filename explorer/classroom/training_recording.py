"""Recording a training run: the workbench starts a run with its settings, and its plots (loss,
fit, coefficients) are taken every SAMPLE_MS while it trains, with the fitted equation and the
status under them; the frame after the run's end is the last one."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QPainter

from explorer.classroom.recording import Recording
from explorer.classroom.replay_frames import captioned_frame, image_array
from explorer.classroom.video_writers import RecordingError, RecordingWriter
from explorer.core.i18n import translate

SAMPLE_MS = 250
ACTIVE_STATES = ("running", "paused")


class TrainingRecording(Recording):
    """Records the workbench's next run to `path` as `kind` (see video_writers); cancel() stops
    the recording, not the run."""

    def __init__(self, workbench, path: str, kind: str, parent: QObject | None = None) -> None:
        writer = RecordingWriter(path, kind, seconds_per_frame=SAMPLE_MS / 1000)
        super().__init__(writer, SAMPLE_MS, parent)
        self.workbench = workbench
        self.count = 0
        self._timer.timeout.connect(self._sample)

    def start(self) -> None:
        workbench = self.workbench
        workbench.start()
        if workbench.session.state not in ACTIVE_STATES:
            self._fail(workbench.status_label.text())
            return
        # Connected after the workbench's own slot, which draws the run's last batch first.
        workbench.session.state_changed.connect(self._on_state)
        self._sample()
        self._timer.start()

    def frame(self):
        """The plots as they are now, with the equation and the status underneath."""
        pixmap = self.workbench.plots.grab()

        def draw(painter: QPainter, rect: QRectF) -> None:
            size = pixmap.size().scaled(rect.size().toSize(),
                                        Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(0, 0, size.width(), size.height())
            target.moveCenter(rect.center())
            painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))

        title = translate("Classroom", "Training")
        lines = [title, self.workbench.equation_label.text(), self.workbench.status_label.text()]
        return captioned_frame(draw, lines), "\n".join(line for line in lines if line)

    def _sample(self) -> None:
        image, text = self.frame()
        try:
            self._writer.add(image_array(image), text)
        except RecordingError as exc:
            self._fail(str(exc))
            return
        self.count = self._writer.count
        self.progress.emit(self.count, 0)

    def _on_state(self, state: str) -> None:
        if self.done or state in ACTIVE_STATES:
            return
        # The plots settle their ranges when they next paint: the last frame waits a sample.
        self._timer.stop()
        QTimer.singleShot(SAMPLE_MS, self, self._finish)

    def _finish(self) -> None:
        if self.done:
            return   # cancelled meanwhile
        self._sample()
        if self.done:
            return
        self._stop()
        try:
            path = self._writer.finish()
        except RecordingError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(str(path))

    def _stop(self) -> None:
        super()._stop()
        try:
            self.workbench.session.state_changed.disconnect(self._on_state)
        except (RuntimeError, TypeError):
            pass   # never connected: the run did not start
