"""`explorer.show(...)`: the explorer window on graphs from running code, with a chooser.

The cards show the program's own values and grads (not a re-evaluation), and Replay animates
the recorded backward call's events. Editing the graph re-evaluates it like any other graph.
"""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QDialog, QToolBar

from explorer.core.document.layout import apply_layout
from explorer.core.i18n import translate
from explorer.core.live.graph_builder import LiveGraph
from explorer.live_view.application import ensure_application
from explorer.live_view.trace_progress import show_output
from explorer.window_layout import OWN_ROW, arrange_toolbars


class LiveGraphChooser(QToolBar):
    """The captured graphs of a window (one per backward call) and Replay."""

    def __init__(self, window, graphs: list[tuple[str, LiveGraph]], *, output: str = "",
                 script: str = "") -> None:
        super().__init__(translate("LiveGraphs", "Recorded graphs"), window)
        self.setObjectName("LiveGraphChooser")
        self.window_ = window
        self.graphs = graphs
        self.combo = QComboBox(self)
        self.combo.setToolTip(translate("LiveGraphs", "The backward calls the program made"))
        for label, _graph in graphs:
            self.combo.addItem(label)
        self.addWidget(self.combo)
        self.replay_action = self.addAction(translate("LiveGraphs", "Replay Backward"))
        self.replay_action.setToolTip(translate(
            "LiveGraphs", "Animate the backward call exactly as the program ran it"))
        self.replay_action.triggered.connect(lambda checked=False: self.replay())
        self.combo.currentIndexChanged.connect(self.select)
        self.output, self.script = output, script
        if output:   # what a traced script printed
            action = self.addAction(translate("LiveGraphs", "Script Output"))
            action.setToolTip(translate("LiveGraphs", "What the script printed while it ran"))
            action.triggered.connect(lambda checked=False: self.show_output())
            self.output_action = action

    def show_output(self) -> QDialog:
        return show_output(self.window_, self.script, self.output)

    def current(self) -> LiveGraph:
        return self.graphs[self.combo.currentIndex()][1]

    def select(self, index: int) -> None:
        if 0 <= index < len(self.graphs):
            if self.combo.currentIndex() != index:
                self.combo.setCurrentIndex(index)   # comes back here through the signal
                return
            open_graph(self.window_, self.graphs[index][1], self.graphs[index][0])

    def replay(self, *, play: bool = True) -> bool:
        graph = self.current()
        return self.window_.animator.replay(graph.evaluation, graph.backward_events,
                                            graph.root_id, play=play)


def open_graph(window, graph: LiveGraph, label: str) -> None:
    """Show `graph` in `window` with the program's values (no re-evaluation)."""
    window.animator.stop()
    window.open_document(graph.document, translate("LiveGraphs", "Opened {label}.").format(
        label=label))
    window.evaluation = graph.evaluation
    window.animator.recorded = (graph.evaluation, graph.backward_events, graph.root_id)
    window.scene.apply_evaluation(graph.evaluation)
    # Laid out for cards of a default size: a weight's heatmap card is bigger, and covered its
    # bias and its layer's card.
    apply_layout(window.document, window.scene.card_sizes())
    window.inspector.show_evaluation(graph.evaluation)
    window.code_view.refresh(graph.evaluation)
    window.view.fit_to_view(readable=True)


def open_graphs(window, graphs: list[tuple[str, LiveGraph]], *, output: str = "",
                script: str = "") -> LiveGraphChooser:
    """Give `window` the chooser for `graphs` (replacing an earlier one) and open the first;
    `output`: what the traced `script` printed, shown on request."""
    old = window.findChild(LiveGraphChooser)
    if old is not None:
        window.removeToolBar(old)
        if old in getattr(window, "toolbars", []):
            window.toolbars.remove(old)
        old.deleteLater()
    chooser = LiveGraphChooser(window, graphs, output=output, script=script)
    window.addToolBar(chooser)
    if hasattr(window, "toolbars"):
        # A row of its own: beside the animation bar it pushed Replay Backward into its "»" and
        # the bar's own actions into theirs; beside the expression bar it squeezed its field.
        chooser.setProperty(OWN_ROW, True)
        window.toolbars.append(chooser)
        arrange_toolbars(window)
    open_graph(window, graphs[0][1], graphs[0][0])
    return chooser


def _in_ipython() -> bool:
    shell = sys.modules.get("IPython")
    return shell is not None and getattr(shell, "get_ipython", lambda: None)() is not None


def show(graphs: list[tuple[str, LiveGraph]], *, block: bool | None = None):
    """Open a main window on `graphs`; block until it closes, except inside IPython/Jupyter
    (where `%gui qt` runs the event loop). Returns the window."""
    app = ensure_application()
    from explorer.main_window import MainWindow

    window = MainWindow()
    open_graphs(window, graphs)
    window.show()
    window.view.fit_to_view(readable=True)
    if block if block is not None else not _in_ipython():
        app.exec()
    return window
