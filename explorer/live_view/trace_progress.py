"""The traced script running off the GUI thread: its prints, its backward calls so far, Cancel.

When the script raises or is cancelled, the dialog stays (interactive windows only) with the
traceback under the script's output and offers the graphs captured before. The wait runs an
event loop, so the window keeps painting; the dialog is window-modal, so no edit changes the
document meanwhile.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.i18n import translate
from explorer.core.live.trace_thread import TraceThread

POLL_MS = 50
SHOW_AFTER_MS = 300   # most tutorial scripts end before the dialog would appear


def _output_view(parent: QWidget, text: str = "") -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    view.setPlainText(text)
    return view


class TraceProgress(QDialog):
    """Waits for a TraceThread; `wait()` says whether to open the graphs it captured."""

    def __init__(self, parent: QWidget, run: TraceThread, *, interactive: bool = True) -> None:
        super().__init__(parent)
        self.run, self.interactive = run, interactive
        self.name = Path(run.path).name
        self.setWindowTitle(translate("TraceProgress", "Trace Python Script"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.output = _output_view(self)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(translate("TraceProgress", "Cancel"))
        self.open_button = QPushButton(self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(translate("TraceProgress", "Close"))
        self.open_button.hide()
        self.close_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(lambda: self._decide(True))
        self.close_button.clicked.connect(lambda: self._decide(False))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.output)
        layout.addWidget(self.buttons)
        self.resize(640, 360)
        self._loop = QEventLoop(self)
        self._open = False
        self._shown_chars = 0
        self._update()

    # ---- while it runs -------------------------------------------------------------------------

    def _update(self) -> None:
        text = self.run.output
        if len(text) != self._shown_chars:
            self.output.setPlainText(text)
            self.output.verticalScrollBar().setValue(self.output.verticalScrollBar().maximum())
            self._shown_chars = len(text)
        if self.run.canceller.requested:
            self.status.setText(translate(
                "TraceProgress", "Stopping {name}… (a call it is waiting in must return first)")
                .format(name=self.name))
        else:
            self.status.setText(translate(
                "TraceProgress", "Running {name}… {calls} backward calls so far.").format(
                    name=self.name, calls=self.run.calls))

    def cancel(self) -> None:
        """Stop the script (a second Cancel stops waiting for a script blocked in a call)."""
        if self.run.canceller.requested:
            self._decide(False)
            return
        self.run.cancel()
        self.cancel_button.setText(translate("TraceProgress", "Stop Waiting"))
        self._update()

    def reject(self) -> None:   # Esc and the title bar's close button
        if self.run.is_alive():
            self.cancel()
        else:
            self._decide(False)

    def _decide(self, open_graphs: bool) -> None:
        self._open = open_graphs
        self._loop.quit()

    def _poll(self) -> None:
        self._update()
        if not self.run.is_alive():
            self._loop.quit()

    # ---- the wait ------------------------------------------------------------------------------

    def wait(self) -> bool:
        """Run the event loop until the script ends; then True to open its captured graphs.
        A failure or a cancel asks first (interactive only); a bug of ours is raised here."""
        poll = QTimer(self)
        poll.timeout.connect(self._poll)
        poll.start(POLL_MS)
        QTimer.singleShot(SHOW_AFTER_MS, self, lambda: self.run.is_alive() and self.show())
        if self.run.is_alive():
            self._loop.exec()
        poll.stop()
        self._update()
        if self.run.is_alive():   # "Stop Waiting": the script is left to end on its own
            self.hide()
            return False
        if self.run.failure is not None:
            self.hide()
            raise self.run.failure
        result = self.run.result
        if result.error is None and not result.cancelled:
            self.hide()
            return bool(result.graphs)
        if result.error is not None:
            self.output.appendPlainText(result.error)
        if not self.interactive:
            self.hide()
            return bool(result.graphs)
        self._ask_after_failure(len(result.graphs), result.cancelled)
        self._open = False
        self.show()
        self._loop.exec()
        self.hide()
        return self._open and bool(result.graphs)

    def _ask_after_failure(self, count: int, cancelled: bool) -> None:
        if cancelled:
            text = translate("TraceProgress", "{name} was cancelled after {calls} backward "
                             "calls.")
        else:
            text = translate("TraceProgress", "{name} raised an exception after {calls} backward "
                             "calls; its traceback is below its output.")
        self.status.setText(text.format(name=self.name, calls=self.run.calls))
        self.cancel_button.hide()
        self.close_button.show()
        if count:
            self.open_button.setText(translate(
                "TraceProgress", "Open the {n} Captured Graphs").format(n=count))
            self.open_button.show()
            self.open_button.setDefault(True)


def show_output(parent: QWidget, name: str, text: str) -> QDialog:
    """What the traced script printed, in a window of its own."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("TraceProgress", "Output of {name}").format(name=name))
    layout = QVBoxLayout(dialog)
    layout.addWidget(_output_view(dialog, text))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.resize(640, 360)
    dialog.show()
    return dialog
