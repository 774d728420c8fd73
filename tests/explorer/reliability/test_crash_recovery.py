"""Crash recovery: the app killed with SIGKILL gives its edits back from autosave at the next
start; a save that fails half-way leaves the previous file intact and tells the user."""
from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from explorer import autosave, crash_recovery
from explorer.core.document.file_format import load_document

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SESSION = HERE / "crash_session.py"
START_TIMEOUT_S = 90


def isolated_env(home: Path) -> dict[str, str]:
    """The app's settings and data land in `home`, never in the real user's directories."""
    env = dict(os.environ)
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_CACHE_HOME", "cache")):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    return env


def read_line_starting(proc: subprocess.Popen, prefix: str, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=0.5):
            line = proc.stdout.readline()
            if not line:
                break   # the process ended without the line
            if line.startswith(prefix):
                return line[len(prefix):].strip()
    raise AssertionError(f"no {prefix!r} line from the app; stderr:\n{proc.stderr.read()}")


def autosaves(home: Path) -> list[Path]:
    return sorted((home / "data").rglob("autosave-*.json"))


def test_edits_come_back_from_autosave_after_the_app_is_killed(tmp_path):
    env = isolated_env(tmp_path)
    editing = subprocess.Popen([sys.executable, str(SESSION), "edit"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        edited = json.loads(read_line_starting(editing, "AUTOSAVED ", START_TIMEOUT_S))
    finally:
        os.kill(editing.pid, signal.SIGKILL)
        editing.wait(timeout=30)
    assert editing.returncode == -signal.SIGKILL
    assert [n["op"] for n in edited["nodes"]] == ["input", "exp"]
    assert edited["nodes"][0]["params"]["value"] == "[1.5, -2.0]"
    [orphan] = autosaves(tmp_path)   # the killed process could not clean up
    assert load_document(orphan).to_dict() == edited

    out = tmp_path / "recovered.json"
    subprocess.run([sys.executable, str(SESSION), "recover", str(out)], cwd=REPO, env=env,
                   timeout=START_TIMEOUT_S, check=True, capture_output=True)
    recovered = json.loads(out.read_text(encoding="utf-8"))
    assert recovered["offered"], "the restart did not offer the autosave back"
    assert recovered["document"] == edited
    assert recovered["modified"]   # restored work is unsaved work
    assert autosaves(tmp_path) == []   # the orphan was taken over, the clean exit removed it


@pytest.fixture
def saved_graph(window, tmp_path):
    """A graph saved once, then edited: (path, the saved bytes)."""
    assert window.open_example("diamond", ask=False)
    path = tmp_path / "graph.json"
    assert window.save_to(str(path))
    window.auto_layout()
    window.add_node_at("exp", window.view.visible_centre())
    assert window.is_modified()
    return path, path.read_bytes()


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_a_save_that_fails_keeps_the_previous_file_and_tells_the_user(
        window, saved_graph, monkeypatch, failing):
    path, before = saved_graph
    name = failing.removeprefix("os.")

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, name, fail)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *rest: told.append(text))
    window.interactive = True   # a real user gets the dialog
    assert window.save_to(str(path)) is False
    window.interactive = False
    monkeypatch.undo()
    assert path.read_bytes() == before                      # the old file, byte for byte
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert told and str(path) in told[0] and "No space left on device" in told[0]
    assert window.is_modified()                             # the edits still count as unsaved
    assert window.save_to(str(path))                        # and saving again works
    assert load_document(path).to_dict() == window.document.to_dict()


def test_autosave_on_a_full_disk_keeps_the_editor_running(window, monkeypatch):
    window.add_node_at("exp", window.view.visible_centre())
    assert window.autosaver.needed

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert window.autosaver.save_if_changed() is False      # no exception into the timer slot
    monkeypatch.undo()
    assert window.autosaver.save_if_changed() is True       # the next tick writes it
    assert autosave.recover(window.autosaver.path).to_dict() == window.document.to_dict()


def test_an_unreadable_autosave_is_refused_and_kept_where_the_user_is_told(
        window, monkeypatch):
    """A crash can leave anything behind: a broken autosave is reported, not loaded, not lost."""
    directory = window.autosave_directory
    directory.mkdir(parents=True, exist_ok=True)
    orphan = directory / f"{autosave.PREFIX}crashed.json"
    orphan.write_bytes(b'{"format": "autograd-explorer-graph", "version": 1, "nodes": [')
    assert window.open_example("diamond", ask=False)
    before = window.document.to_dict()
    answering(monkeypatch, [0])
    assert window.offer_recovery() is False
    assert window.document.to_dict() == before
    assert "not valid JSON" in window.last_error
    assert str(orphan) in window.last_error
    assert orphan.exists()


def write_orphans(directory: Path, count: int) -> list[Path]:
    """`count` autosaves left by crashed windows, each a different one-input graph."""
    from explorer.core.document.file_format import save_document
    from explorer.core.document.graph_document import GraphDocument

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        doc = GraphDocument()
        doc.add_node("input", name=f"crashed{number}", pos=(0, 0))
        path = directory / f"{autosave.PREFIX}window{number}.json"
        save_document(doc, path)
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
        paths.append(path)
    return paths


def answering(monkeypatch, restore_rows, *, discard_rest=False, accept=True):
    """The recovery dialog checks `restore_rows`, ticks "Delete the graphs not restored" when
    `discard_rest`, and is accepted (Restore) or rejected (Not Now); returns the dialogs shown,
    each as the rows it listed."""
    shown: list[list[list[str]]] = []

    def exec_(dialog):
        shown.append([[dialog.list.topLevelItem(row).text(column) for column in range(3)]
                      for row in range(dialog.list.topLevelItemCount())])
        dialog.set_checked(restore_rows)
        dialog.discard_rest.setChecked(discard_rest)
        return QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected

    monkeypatch.setattr(crash_recovery.RecoveryDialog, "exec", exec_)
    return shown


def names(window) -> list[str]:
    return [data.name for data in window.document.nodes()]


def test_two_crashed_windows_are_both_offered_and_both_restored(window, monkeypatch):
    orphans = write_orphans(window.autosave_directory, 2)
    shown = answering(monkeypatch, [0, 1])
    assert window.offer_recovery()
    assert len(shown) == 1
    [other] = window.crash_recovery.windows
    assert sorted(names(window) + names(other)) == ["crashed0", "crashed1"]
    assert window.is_modified() and other.is_modified()
    assert not any(path.exists() for path in orphans)        # each taken over by a window
    assert window.autosaver.path.exists() and other.autosaver.path.exists()
    other.undo_stack.setClean()
    other.close()


def test_several_crashes_ask_once_listing_each_graph(window, monkeypatch):
    """Three unclean exits: one dialog lists the three graphs (name, time, node count)."""
    write_orphans(window.autosave_directory, 3)
    shown = answering(monkeypatch, [], accept=False)
    assert window.offer_recovery() is False
    [rows] = shown
    assert [row[0] for row in rows] == ["crashed2", "crashed1", "crashed0"]   # newest first
    assert all(row[2] == "1" for row in rows)
    assert all(row[1].count(":") == 1 for row in rows)    # YYYY-MM-DD HH:MM


def test_the_unchosen_orphans_are_kept_unless_the_user_says_delete(window, monkeypatch):
    newest, middle, oldest = reversed(write_orphans(window.autosave_directory, 3))
    answering(monkeypatch, [1])
    assert window.offer_recovery()
    assert names(window) == ["crashed1"]
    assert not middle.exists()
    assert autosave.orphaned_autosaves(window.autosave_directory) == [newest, oldest]


def test_not_now_keeps_every_orphan(window, monkeypatch):
    orphans = write_orphans(window.autosave_directory, 2)
    answering(monkeypatch, [0, 1], discard_rest=True, accept=False)
    assert window.offer_recovery() is False
    assert all(path.exists() for path in orphans)


def test_the_unchosen_orphans_are_deleted_on_the_users_word(window, monkeypatch):
    newer, older = reversed(write_orphans(window.autosave_directory, 2))
    answering(monkeypatch, [], discard_rest=True)
    assert window.offer_recovery() is False
    assert not newer.exists() and not older.exists()     # deleted on the user's word only


def test_a_restored_orphan_stays_when_the_window_cannot_autosave(window, monkeypatch):
    [orphan] = write_orphans(window.autosave_directory, 1)
    answering(monkeypatch, [0])

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert window.offer_recovery()
    monkeypatch.undo()
    assert names(window) == ["crashed0"]
    assert orphan.exists()


def test_a_traced_graph_is_offered_back_under_its_scripts_name_and_call(window, monkeypatch,
                                                                        tmp_path):
    """Not after its first nodes: the learner knows it as the chooser showed it."""
    from explorer.core.live.tracer import trace_script
    from explorer.live_view.window import open_graphs

    script = tmp_path / "fit.py"
    script.write_text("import torch\nw = torch.tensor(2.0, requires_grad=True)\n"
                      "for step in range(2):\n    loss = (w * 3 - 1) ** 2\n"
                      "    loss.backward()\n", encoding="utf-8")
    calls = trace_script(str(script)).graphs
    open_graphs(window, [(call.describe(short=True), call.graph) for call in calls])
    chooser_labels = [call.describe(short=True) for call in calls]
    assert chooser_labels[0].startswith("#0  fit.py:5  loss  ")
    window.autosaver.needed = True   # the learner edits it, then the app crashes
    assert window.autosaver.save_if_changed()
    orphan = window.autosave_directory / f"{autosave.PREFIX}crashed.json"
    orphan.write_bytes(window.autosaver.path.read_bytes())
    shown = answering(monkeypatch, [], accept=False)
    assert window.offer_recovery() is False
    [[(name, _when, count)]] = shown
    assert (name, count) == ("#0  fit.py:5  loss", str(len(calls[0].graph.document)))
    assert window.windowTitle().startswith("#0  fit.py:5  loss")
    window.undo_stack.setClean()
