"""The forward pass off the GUI thread: a long evaluation shows progress and can be cancelled.

The engine runs the document in a worker thread. Most evaluations end within the first
`SHOW_AFTER_S` and the caller never notices the thread; a longer one opens a window-modal
progress dialog (so no edit can change the document underneath it) while the window keeps
painting, and its Cancel stops the evaluation before the next node: the nodes not yet run are
refused with "cancelled" and show no value.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from explorer.core.document.evaluation import Evaluation, evaluate
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.tensor_budget import TensorBudget
from explorer.gui_thread_gc import collect_on_gui_thread_while, settle

SHOW_AFTER_S = 0.2
POLL_MS = 50


class _StoppableBudget(TensorBudget):
    """The tensor budget, also counting nodes for the progress and refusing all once stopped."""

    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()
        self.nodes_started = 0

    def charge(self, op: str, inputs: dict, params: dict) -> str | None:
        self.nodes_started += 1
        if self.stop.is_set():
            return QCoreApplication.translate("BackgroundEvaluation", "cancelled")
        return super().charge(op, inputs, params)


class _Run(threading.Thread):
    def __init__(self, doc: GraphDocument, budget: _StoppableBudget) -> None:
        super().__init__(name="evaluation", daemon=True)
        self.doc, self.budget = doc, budget
        self.result: Evaluation | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = evaluate(self.doc, self.budget)
        except BaseException as exc:   # noqa: BLE001 - handed to the GUI thread, raised there
            self.error = exc


def evaluate_responsively(doc: GraphDocument, parent: QWidget | None, *,
                          interactive: bool = True) -> Evaluation:
    """evaluate(doc), the window responsive and the user able to cancel when it takes long.

    Headless (`interactive` False: tests, --screenshot) it just waits, as it shows no dialogs.
    """
    budget = _StoppableBudget()
    run = _Run(doc, budget)
    collect_on_gui_thread_while(run.is_alive)
    run.start()
    run.join(SHOW_AFTER_S if interactive else None)
    if run.is_alive():
        _wait_with_progress(run, budget, len(doc), parent)
    settle()   # it has ended: collection back at once, not at the next tick
    if run.error is not None:
        raise run.error
    return run.result


def _wait_with_progress(run: _Run, budget: _StoppableBudget, total: int,
                        parent: QWidget | None) -> None:
    dialog = QProgressDialog(
        QCoreApplication.translate("BackgroundEvaluation", "Computing the graph…"),
        QCoreApplication.translate("BackgroundEvaluation", "Cancel"), 0, max(total, 1), parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(budget.stop.set)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def poll() -> None:
        if not run.is_alive():
            loop.quit()
            return
        if dialog.wasCanceled():   # cancel() by code does not emit canceled
            budget.stop.set()
        dialog.setValue(min(budget.nodes_started, total))

    timer.timeout.connect(poll)
    timer.start()
    dialog.show()
    loop.exec()
    timer.stop()
    run.join()
    dialog.canceled.disconnect(budget.stop.set)   # closing the dialog would emit it
    dialog.close()
    dialog.deleteLater()
