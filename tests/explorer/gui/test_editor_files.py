"""Files: save/load round trip, corrupt files, the unsaved-changes prompt, recent files, image
export, and autosave recovery after a crash."""
from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QMessageBox

from explorer import autosave, crash_recovery
from explorer.commands import AddNodeCommand
from explorer.core.document.file_format import save_document
from explorer.core.document.graph_document import GraphDocument


@pytest.fixture
def example_window(window):
    assert window.open_example("mean_of_square", ask=False)
    return window


def test_save_then_open_gives_an_equal_document(example_window, tmp_path):
    window = example_window
    window.push(AddNodeCommand(window.document, "sin", (10, 400), name="s"))
    path = tmp_path / "graph.json"
    assert window.save_to(str(path))
    assert not window.is_modified()
    saved = window.document.to_dict()
    window.new_document()
    assert len(window.document) == 0
    assert window.open_file(str(path))
    assert window.document.to_dict() == saved
    assert window.file_path == str(path)
    assert window.files.recent.paths()[0] == str(path)


@pytest.mark.parametrize("content", [
    "{ not json",
    json.dumps({"format": "autograd-explorer-graph", "version": 99, "nodes": [], "edges": []}),
    json.dumps({"format": "autograd-explorer-graph", "version": 1,
                "nodes": [{"id": "n1", "op": "frobnicate", "name": "x", "pos": [0, 0]}],
                "edges": []}),
])
def test_a_corrupt_file_is_refused_and_the_open_document_is_untouched(
        example_window, tmp_path, content):
    window = example_window
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = window.document.to_dict()
    values = {n: repr(v) for n, v in window.evaluation.values.items()}
    assert not window.open_file(str(path), ask=False)
    assert window.document.to_dict() == before
    assert {n: repr(v) for n, v in window.evaluation.values.items()} == values
    assert window.last_error
    assert window.file_path is None
    assert str(path) not in window.files.recent.paths()


def test_corrupt_file_shows_a_dialog_with_the_message_when_interactive(
        example_window, tmp_path, monkeypatch):
    window = example_window
    window.interactive = True
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append(text))
    path = tmp_path / "bad.json"
    path.write_text("[]", encoding="utf-8")
    assert not window.open_file(str(path), ask=False)
    assert len(shown) == 1 and window.last_error in shown[0]


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, monkeypatch):
    window.interactive = True
    window.push(AddNodeCommand(window.document, "input", (0, 0)))
    assert window.isWindowModified()
    monkeypatch.setattr(window.files, "_ask_to_save", lambda: QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(window.files, "_ask_to_save", lambda: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_save_failure_keeps_the_document_modified(window, tmp_path):
    window.push(AddNodeCommand(window.document, "input", (0, 0)))
    assert not window.save_to(str(tmp_path / "missing-dir" / "g.json"))
    assert window.is_modified()
    assert window.last_error


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_export_image_writes_a_picture_of_the_graph(example_window, tmp_path, suffix):
    path = tmp_path / f"graph.{suffix}"
    assert example_window.export_image(str(path))
    if suffix == "png":
        image = QImage(str(path))
        assert image.width() > 300 and image.height() > 100
    else:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("<?xml") and "<svg" in text and "out" in text


def test_autosave_writes_the_modified_document_and_a_clean_exit_removes_it(window):
    window.push(AddNodeCommand(window.document, "input", (0, 0), name="q"))
    assert window.autosaver.save_if_changed()
    path = window.autosaver.path
    assert json.loads(path.read_text(encoding="utf-8"))["nodes"][0]["name"] == "q"
    # A live window's autosave is not an orphan.
    assert autosave.orphaned_autosaves(window.autosave_directory) == []
    window.undo_stack.setClean()
    window.close()
    assert not path.exists()


def test_autosave_left_by_a_crash_is_offered_back(window, monkeypatch, tmp_path):
    crashed = GraphDocument()
    crashed.add_node("input", name="lost")
    window.autosave_directory.mkdir(parents=True, exist_ok=True)
    orphan = window.autosave_directory / "autosave-deadbeef.json"
    save_document(crashed, orphan)
    monkeypatch.setattr(crash_recovery.RecoveryDialog, "exec",
                        lambda dialog: QDialog.DialogCode.Accepted)
    assert window.offer_recovery()
    assert [d.name for d in window.document.nodes()] == ["lost"]
    assert window.is_modified()
    assert not orphan.exists()
    assert window.autosaver.path.exists()
