"""File > Trace… and a drop on the window take a Jupyter notebook: its graphs open with the cell
and line in the chooser, its skipped IPython lines are in the output, and a file that is not a
notebook is refused with the document kept."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from explorer.live_view.window import LiveGraphChooser

LESSON = Path(__file__).resolve().parent / "data" / "gradient_lesson.ipynb"


def _chooser_labels(window) -> list[str]:
    combo = window.findChild(LiveGraphChooser).combo
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_trace_dialog_offers_scripts_and_notebooks_and_opens_a_notebooks_graphs(
        window, monkeypatch):
    offered = []

    def choose(parent, title, folder, filters):
        offered.append(filters)
        return str(LESSON), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    asked = []
    window.trace_action.confirm = lambda path: asked.append(path) or True
    assert window.trace_action.trace()
    assert offered == ["Python scripts and notebooks (*.py *.ipynb)"]
    assert asked == [str(LESSON)]
    # the file without its folder: the chooser leaves room for its buttons at 1366x768
    assert _chooser_labels(window) == [f"#0  {LESSON.name}:In[3]:2  y  5 nodes"]
    chooser = window.findChild(LiveGraphChooser)
    assert chooser.output.startswith("Skipped 4 IPython-only lines")
    assert "In[1]:2  !pip install torch" in chooser.output and "tensor(6.)" in chooser.output


def test_a_corrupt_notebook_is_refused_before_the_question_and_the_document_is_kept(
        window, tmp_path):
    window.open_example("diamond", ask=False)
    before = len(window.document)
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [{"cell_type": "code", "source": ', encoding="utf-8")
    asked = []
    window.trace_action.confirm = lambda p: asked.append(p) or True
    assert not window.trace_action.trace(str(path))
    assert asked == [] and len(window.document) == before
    assert window.last_error.startswith("Not a Jupyter notebook: its JSON is broken")
    assert path.exists()


def _drop(window, path: Path) -> bool:
    """A file manager's drop on the canvas, as the window's filter sees it (a drop event sent
    without a drag under way would not reach it)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    return window.file_drops.eventFilter(window.view.viewport(), event)


def test_a_notebook_dropped_on_the_window_is_traced_after_asking(window, qtbot):
    asked = []
    window.trace_action.confirm = lambda path: asked.append(path) or True
    assert _drop(window, LESSON)
    qtbot.waitUntil(lambda: window.findChild(LiveGraphChooser) is not None)
    assert asked == [str(LESSON)]
    # the file without its folder: the chooser leaves room for its buttons at 1366x768
    assert _chooser_labels(window) == [f"#0  {LESSON.name}:In[3]:2  y  5 nodes"]
