"""Saving keeps what the user set up around a file, never writes what cannot be opened again,
and never silently overwrites changes made by another instance or program."""
from __future__ import annotations

import os
import stat

import pytest

from explorer import autosave
from explorer.core.document import file_format
from explorer.core.document.file_format import FileFormatError, load_document, save_document
from explorer.core.document.graph_document import GraphDocument


def small_graph(name: str = "x") -> GraphDocument:
    doc = GraphDocument()
    doc.add_node("input", name=name, pos=(0, 0))
    return doc


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_saving_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.json"
    save_document(small_graph("old"), target)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    save_document(small_graph("new"), link)
    assert link.is_symlink()
    assert [n.name for n in load_document(target).nodes()] == ["new"]


def test_saving_keeps_the_mode_of_an_existing_file(tmp_path):
    path = tmp_path / "shared.json"
    save_document(small_graph(), path)
    os.chmod(path, 0o664)
    save_document(small_graph("again"), path)
    assert mode(path) == 0o664


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path):
    old = os.umask(0o022)
    try:
        save_document(small_graph(), tmp_path / "new.json")
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.json") == 0o644


def test_saving_a_hard_linked_file_updates_every_link(tmp_path):
    path = tmp_path / "a.json"
    save_document(small_graph("old"), path)
    other = tmp_path / "b.json"
    os.link(path, other)
    save_document(small_graph("new"), path)
    assert os.stat(path).st_ino == os.stat(other).st_ino
    assert [n.name for n in load_document(other).nodes()] == ["new"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_graph_with_more_nodes_than_a_file_may_hold_is_not_saved(tmp_path, monkeypatch):
    monkeypatch.setattr(file_format, "MAX_NODES", 2)
    doc = small_graph("a")
    doc.add_node("input", name="b", pos=(0, 0))
    doc.add_node("input", name="c", pos=(0, 0))
    path = tmp_path / "big.json"
    with pytest.raises(FileFormatError, match="too large to save"):
        save_document(doc, path)
    assert not path.exists()


def test_a_graph_larger_than_a_file_may_be_is_not_saved_and_the_old_file_stays(
        tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    save_document(small_graph(), path)
    before = path.read_bytes()
    monkeypatch.setattr(file_format, "MAX_FILE_BYTES", len(before) + 10)
    doc = small_graph()
    doc.set_params(doc.node_by_name("x").id, {"value": "[" + ", ".join(["1.0"] * 100) + "]"})
    with pytest.raises(FileFormatError, match="too large to save"):
        save_document(doc, path)
    assert path.read_bytes() == before


def test_the_window_says_why_a_too_large_graph_is_not_saved(window, tmp_path, monkeypatch):
    monkeypatch.setattr(file_format, "MAX_NODES", 1)
    window.add_node_at("exp", window.view.visible_centre())
    window.add_node_at("exp", window.view.visible_centre())
    assert window.save_to(str(tmp_path / "g.json")) is False
    assert "too large to save" in window.last_error
    assert window.is_modified()


def test_saving_over_a_file_changed_by_another_program_is_refused_headless(window, tmp_path):
    path = tmp_path / "g.json"
    window.add_node_at("exp", window.view.visible_centre())
    assert window.save_to(str(path))
    save_document(small_graph("theirs"), path)            # someone else writes the file
    os.utime(path, ns=(1, 1))                              # whatever the clock's resolution
    window.add_node_at("exp", window.view.visible_centre())
    assert window.save_to(str(path)) is False
    assert "changed on disk" in window.last_error
    assert [n.name for n in load_document(path).nodes()] == ["theirs"]


def test_the_user_may_overwrite_a_file_changed_on_disk(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "g.json"
    assert window.save_to(str(path))
    os.utime(path, ns=(1, 1))
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: asked.append(args)
                        or QMessageBox.StandardButton.Save)
    window.interactive = True
    try:
        window.add_node_at("exp", window.view.visible_centre())
        assert window.save_to(str(path))
    finally:
        window.interactive = False
    assert len(asked) == 1
    assert len(load_document(path)) == 1
    window.add_node_at("exp", window.view.visible_centre())
    assert window.save_to(str(path))                       # saved here since: no question
    assert len(asked) == 1


def test_a_second_window_opening_a_file_being_edited_is_warned(make_window, tmp_path):
    path = tmp_path / "g.json"
    save_document(small_graph(), path)
    first, second = make_window(), make_window()
    assert first.open_file(str(path), ask=False)
    assert first.last_error is None
    assert second.open_file(str(path), ask=False)
    assert "also open in another autograd-explorer window" in second.last_error
    first.close()
    third = make_window()
    assert third.open_file(str(path), ask=False)
    assert third.last_error is None                        # the first window let it go


def test_an_unwritable_autosave_folder_is_reported_once_and_shown(window, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    window.autosaver.directory = blocker / "autosave"
    window.autosaver.path = window.autosaver.directory / f"{autosave.PREFIX}w.json"
    failures = []
    window.autosaver.failed.connect(failures.append)
    window.add_node_at("exp", window.view.visible_centre())
    assert window.autosaver.save_if_changed() is False     # no exception into the timer
    window.add_node_at("exp", window.view.visible_centre())
    assert window.autosaver.save_if_changed() is False
    assert len(failures) == 1 and "Autosave is off" in failures[0]
    assert window.autosave_label.isVisible()
    window.autosaver.directory = tmp_path / "autosave-ok"
    window.autosaver.path = window.autosaver.directory / f"{autosave.PREFIX}w.json"
    assert window.autosaver.save_if_changed()
    assert not window.autosave_label.isVisible()


def test_a_graph_cannot_grow_past_what_a_file_holds(window, monkeypatch):
    from explorer.core.document import graph_document

    monkeypatch.setattr(graph_document, "MAX_NODES", 2)
    window.add_node_at("exp", window.view.visible_centre())
    window.add_node_at("exp", window.view.visible_centre())
    window.add_node_at("exp", window.view.visible_centre())
    assert len(window.document) == 2
    assert window.undo_stack.count() == 2
    assert "the most a graph file holds" in window.statusBar().currentMessage()


def test_a_value_too_long_for_a_graph_file_is_refused_when_entered(monkeypatch):
    from explorer.core.document import graph_document
    from explorer.core.document.graph_document import GraphEditError

    monkeypatch.setattr(graph_document, "MAX_PARAM_CHARS", 20)
    doc = small_graph()
    x = doc.node_by_name("x").id
    with pytest.raises(GraphEditError, match="too long for a graph file"):
        doc.set_params(x, {"value": "[" + ", ".join(["1.5"] * 10) + "]"})
    with pytest.raises(GraphEditError, match="too long for a graph file"):
        doc.add_node("input", params={"value": "[" + ", ".join(["1.5"] * 10) + "]"})
    assert doc.node(x).params["value"] == "2.0" and len(doc) == 1
