"""File > Trace Python Script or Notebook…: run a script or a notebook's code cells (after a plain
confirmation) and open its graphs.

The script runs in a worker thread (trace_progress.TraceProgress shows its output and Cancel);
the window stays responsive."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from explorer.core.i18n import translate
from explorer.core.live.notebook import NotebookError, is_notebook, read_notebook
from explorer.core.live.recorder import first_and_every
from explorer.core.live.trace_thread import TraceThread
from explorer.gui_thread_gc import collect_on_gui_thread_while
from explorer.live_view.trace_progress import TraceProgress
from explorer.live_view.window import open_graphs


class TraceAction(QAction):
    """Beside File > Import Python, which never runs anything: this one runs the script."""

    def __init__(self, window) -> None:
        super().__init__(translate("TraceAction", "&Trace Python Script or Notebook…"), window)
        self.window_ = window
        self.setStatusTip(translate("TraceAction", "Run a Python script or Jupyter notebook (it "
                                    "executes) and open the graphs of its backward calls"))
        self.triggered.connect(lambda checked=False: self.trace())
        # confirm(path) -> bool; replaced in tests.
        self.confirm = self._ask
        self.progress: TraceProgress | None = None   # while a script runs

    def _ask(self, path: str) -> bool:
        if is_notebook(path):
            answer = QMessageBox.question(
                self.window_, translate("TraceAction", "Run this notebook?"),
                translate("TraceAction", "Tracing RUNS the code cells of {name} as Python, like "
                          "Jupyter's Run All: its code executes with your permissions and can do "
                          "anything a program can. Only trace code you trust.\n\nRun it now?")
                .format(name=Path(path).name))
            return answer == QMessageBox.StandardButton.Yes
        answer = QMessageBox.question(
            self.window_, translate("TraceAction", "Run this script?"),
            translate("TraceAction", "Tracing RUNS {name} as Python, like 'python {name}': its "
                      "code executes with your permissions and can do anything a program can. "
                      "Only trace code you trust.\n\nRun it now?").format(name=Path(path).name))
        return answer == QMessageBox.StandardButton.Yes

    def trace(self, path: str | None = None) -> bool:
        window = self.window_
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                window, translate("TraceAction", "Trace Python Script"), "",
                translate("TraceAction", "Python scripts and notebooks (*.py *.ipynb)"))
            if not path:
                return False
        if is_notebook(path) and not self._readable_notebook(path):
            return False
        if not self.confirm(path):
            return False
        run = TraceThread(path, (), first_and_every())
        collect_on_gui_thread_while(run.is_alive)
        run.start()
        self.progress = TraceProgress(window, run, interactive=window.interactive)
        try:
            open_them = self.progress.wait()
        finally:
            self.progress.deleteLater()
            self.progress = None
        name = Path(path).name
        if run.is_alive():   # left blocked in a call: it ends on its own
            window.show_message(translate("TraceAction", "{name} is still running: it stops "
                                          "when the call it waits in returns.").format(name=name))
            return False
        result = run.result
        opened = bool(result.graphs) and open_them
        if opened:
            open_graphs(window, [(c.describe(short=True), c.graph) for c in result.graphs],
                        output=run.output, script=name)
        problem = None
        if result.cancelled:
            problem = translate("TraceAction", "{name} was cancelled.").format(name=name)
        elif result.error is not None:   # its traceback was shown in the progress dialog
            problem = result.error
        elif not result.graphs:
            problem = translate("TraceAction", "{name} made no backward call: there is no graph "
                                "to show.").format(name=name)
            if window.interactive:
                QMessageBox.warning(window, translate("TraceAction", "Trace Python Script"),
                                    problem)
        if problem is not None:
            window.last_error = problem
            window.show_message(problem.strip().splitlines()[-1])
        return opened

    def _readable_notebook(self, path: str) -> bool:
        """A file that is not a notebook is said before the question to run it."""
        try:
            read_notebook(path)
        except NotebookError as exc:
            self.window_.show_load_error(path, str(exc))
            return False
        except OSError as exc:
            self.window_.show_load_error(path, exc.strerror or str(exc))
            return False
        return True


def install(window) -> TraceAction:
    action = TraceAction(window)
    window.menu("file").insertAction(window.code_actions.export_action, action)
    return action
