"""The one hook the main window calls: a Training menu that opens the workbench in its own
window."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction

from explorer.core.document.graph_document import GraphDocument
from explorer.core.i18n import translate


class _StopOnClose(QObject):
    """Ends the training thread when the main window closes: a QThread must not outlive it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            workbench = getattr(watched, "training_workbench", None)
            if workbench is not None:
                workbench.shutdown()
                workbench.close()
                workbench.deleteLater()
                watched.training_workbench = None
        return False


def install(window) -> QAction:
    """Add Training > Polynomial training workbench to a MainWindow; return that action.

    The workbench is created on first use, as a window of its own owned by `window`. Its
    "Open this step on the canvas" replaces the editor's graph with that step's loss graph and
    plays the backward animation, so the four gradients of the next update appear on the canvas.
    """
    menu = window.menu("training", translate("TrainingInstall", "&Training"))
    action = QAction(translate("TrainingInstall", "Polynomial &training workbench..."), window)
    tip = translate(
        "TrainingInstall", "Fit a cubic to sin(x) with the engine and watch the loss live"
    )
    action.setToolTip(tip)
    action.setStatusTip(tip)
    menu.addAction(action)

    def open_step(doc: GraphDocument) -> None:
        if not window.maybe_save():
            return
        window.open_document(doc)
        window.raise_()
        window.activateWindow()
        window.animator.backward(play=True)

    def show_workbench() -> None:
        workbench = getattr(window, "training_workbench", None)
        if workbench is None:
            # Imported on first use: pyqtgraph costs the editor's start-up nothing until then.
            from explorer.training.workbench import TrainingWorkbench

            workbench = TrainingWorkbench(window)
            workbench.setWindowFlag(Qt.WindowType.Window, True)
            workbench.open_step_requested.connect(open_step)
            window.training_workbench = workbench
        workbench.show()
        workbench.raise_()
        workbench.activateWindow()

    action.triggered.connect(show_workbench)
    window.training_workbench = None
    window.installEventFilter(_StopOnClose(window))
    return action
