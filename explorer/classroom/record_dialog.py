"""File > Record…: choose the replay (forward or backward, or a training run of the open
workbench) and the format (GIF, MP4, numbered PNGs with each step's text), then the file; the
frames are rendered one per event-loop turn with a progress dialog and Cancel, so the window
stays responsive."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from explorer.classroom.recording import Recording
from explorer.classroom.replay_frames import Frame, ReplayFrames, image_array
from explorer.classroom.training_recording import TrainingRecording
from explorer.classroom.video_writers import (
    FORMATS,
    GIF,
    MP4,
    PNG,
    RecordingError,
    RecordingWriter,
    missing_writer,
)
from explorer.core.i18n import translate

TRAINING = "training"   # the replay choice that records the workbench's next run


def format_title(kind: str) -> str:
    return {GIF: translate("Classroom", "GIF animation (.gif)"),
            MP4: translate("Classroom", "MP4 video (.mp4)"),
            PNG: translate("Classroom", "Numbered PNG images with each step's text (a folder)"),
            }[kind]


class RecordingJob(Recording):
    """Renders `frames` into a RecordingWriter, one frame per event-loop turn."""

    def __init__(self, frames: Iterator[Frame], count: int, path: str, kind: str,
                 parent: QObject | None = None) -> None:
        super().__init__(RecordingWriter(path, kind), 0, parent)
        self.count = count
        self._frames = frames
        self._timer.timeout.connect(self._next)

    def start(self) -> None:
        self._timer.start()

    def _stop(self) -> None:
        super()._stop()
        self._frames.close()

    def _next(self) -> None:
        try:
            frame = next(self._frames, None)
            if frame is None:
                self._stop()
                self.finished.emit(str(self._writer.finish()))
                return
            self._writer.add(image_array(frame.image), frame.text)
        except (RecordingError, ValueError) as exc:
            self._fail(str(exc))
            return
        self.progress.emit(self._writer.count, self.count)


class RecordDialog(QDialog):
    """What to record and in which format; `choose_path()` then asks where."""

    def __init__(self, parent: QWidget | None = None, *, training: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Classroom", "Record Animation"))
        form = QFormLayout(self)
        self.replay_combo = QComboBox()
        self.replay_combo.addItem(translate("Classroom", "Backward pass"), "backward")
        self.replay_combo.addItem(translate("Classroom", "Forward pass"), "forward")
        if training:
            self.replay_combo.addItem(
                translate("Classroom", "Training run (the workbench starts it)"), TRAINING)
        form.addRow(translate("Classroom", "&Replay:"), self.replay_combo)
        self.format_combo = QComboBox()
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        missing_notes = []
        for kind in FORMATS:
            self.format_combo.addItem(format_title(kind), kind)
            reason = missing_writer(kind)
            if reason is not None:
                # Shown, but not offered: the note says which extra to install.
                item = self.format_combo.model().item(self.format_combo.count() - 1)
                item.setEnabled(False)
                missing_notes.append(reason)
        first_available = next(i for i, kind in enumerate(FORMATS) if missing_writer(kind) is None)
        self.format_combo.setCurrentIndex(first_available)
        form.addRow(translate("Classroom", "&Format:"), self.format_combo)
        self.missing_label.setText("\n".join(missing_notes))
        self.missing_label.setVisible(bool(missing_notes))
        form.addRow(self.missing_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("Classroom", "&Record…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def replay(self) -> str:
        return self.replay_combo.currentData()

    @property
    def kind(self) -> str:
        return self.format_combo.currentData()

    def choose_path(self, directory: str) -> str | None:
        filters = {GIF: translate("Classroom", "GIF animation (*.gif)"),
                   MP4: translate("Classroom", "MP4 video (*.mp4)"),
                   PNG: translate("Classroom", "Folder for the images (*)")}
        path, _ = QFileDialog.getSaveFileName(self.parentWidget(),
                                              translate("Classroom", "Record to"),
                                              str(Path(directory) / f"{self.replay}"),
                                              filters[self.kind])
        if not path:
            return None
        if self.kind != PNG and not path.lower().endswith(f".{self.kind}"):
            path += f".{self.kind}"
        return path


class Recorder(QObject):
    """The File > Record… command of one main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.job: RecordingJob | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.last_path: str | None = None

    def ask_and_record(self) -> None:
        window = self._window
        workbench = window.training.workbench
        dialog = RecordDialog(window, training=workbench is not None)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path = dialog.choose_path(window._dialog_dir())
        if path is not None:
            self.record(dialog.replay, path, dialog.kind)

    def record(self, replay: str, path: str, kind: str) -> RecordingJob | None:
        """Start recording the `replay` ("forward", "backward" or TRAINING) to `path` as `kind`;
        None (and a message) if it cannot."""
        window = self._window
        try:
            if replay == TRAINING:
                job = TrainingRecording(window.training.workbench, path, kind, self)
                count = 0   # a busy indicator: the run decides how many frames
            else:
                frames = ReplayFrames(window, replay)
                job = RecordingJob(frames.frames(), frames.count, path, kind, self)
                count = frames.count
        except (RecordingError, ValueError) as exc:
            self._report_failure(str(exc))
            return None
        self.job = job
        dialog = QProgressDialog(translate("Classroom", "Recording {path}…").format(path=path),
                                 translate("Classroom", "Cancel"), 0, count, window)
        dialog.setWindowTitle(translate("Classroom", "Record Animation"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(job.cancel)
        if count:
            job.progress.connect(lambda written, _count: dialog.setValue(written))
        job.finished.connect(self._on_finished)
        job.failed.connect(self._report_failure)
        job.cancelled.connect(lambda: window.show_message(
            translate("Classroom", "Recording cancelled; nothing was written.")))
        for signal in (job.finished, job.failed, job.cancelled):
            signal.connect(dialog.reset)
        self.progress_dialog = dialog
        job.start()
        return job

    def _on_finished(self, path: str) -> None:
        self.last_path = path
        self._window.show_message(translate("Classroom", "Recorded {path}.").format(path=path))

    def _report_failure(self, reason: str) -> None:
        window = self._window
        window.last_error = reason
        window.show_message(reason)
        if window.interactive:
            QMessageBox.warning(window, translate("Classroom", "Cannot record"), reason)
