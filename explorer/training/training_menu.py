"""The one hook the main window calls: a Training menu that opens the workbench in its own
window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction

from explorer.core.document.graph_document import GraphDocument
from explorer.core.i18n import translate


class TrainingMenu(QObject):
    """Training > Polynomial training workbench (`action`); `workbench` is the workbench once
    opened (None before, and again after the main window closed)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.workbench = None
        menu = window.menu("training", translate("TrainingInstall", "&Training"))
        self.action = QAction(translate("TrainingInstall", "Polynomial &training workbench..."),
                              window)
        tip = translate(
            "TrainingInstall", "Fit a cubic to sin(x) with the engine and watch the loss live"
        )
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        menu.addAction(self.action)
        self.action.triggered.connect(lambda checked=False: self.show_workbench())
        # The training (its worker process and reader thread) ends when the main window closes.
        window.installEventFilter(self)

    def open_step(self, doc: GraphDocument) -> None:
        window = self.window
        if not window.maybe_save():
            return
        window.open_document(doc)
        window.raise_()
        window.activateWindow()
        window.animator.backward(play=True)

    def show_workbench(self) -> None:
        if self.workbench is None:
            # Imported on first use: pyqtgraph costs the editor's start-up nothing until then.
            from explorer.training.workbench import TrainingWorkbench

            self.workbench = TrainingWorkbench(self.window)
            self.workbench.setWindowFlag(Qt.WindowType.Window, True)
            self.workbench.open_step_requested.connect(self.open_step)
        self.workbench.show()
        self.workbench.raise_()
        self.workbench.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.workbench is not None:
            self.workbench.shutdown()
            self.workbench.close()
            self.workbench.deleteLater()
            self.workbench = None
        return False


def install(window) -> TrainingMenu:
    """Add Training > Polynomial training workbench to a MainWindow.

    The workbench is created on first use, as a window of its own owned by `window`. Its
    "Open this step on the canvas" replaces the editor's graph with that step's loss graph and
    plays the backward animation, so the four gradients of the next update appear on the canvas.
    """
    return TrainingMenu(window)
