"""A long forward pass runs off the GUI thread: the window keeps handling events, a progress
dialog offers Cancel, and cancelling stops before the next node."""
from __future__ import annotations

import dataclasses
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

import engine
from explorer.core.codegen.snippet_import import import_snippet
from explorer.core.document.op_catalog import OPS

WAIT_S = 60   # only a broken implementation waits this long


def progress_dialog() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()), None)


def test_a_long_evaluation_can_be_cancelled_while_the_window_keeps_working(window, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_exp(inputs, params):
        started.set()
        release.wait(WAIT_S)   # the "long" node: it ends when the test says so
        return engine.exp(inputs["x"])

    loaded = import_snippet("import torch\nx = torch.ones(2)\na = torch.exp(x)\nb = a * 2\n"
                            "c = b + 1\n")
    window.open_document(loaded)   # evaluated at once: exp is not slow yet for that run
    monkeypatch.setitem(OPS, "exp", dataclasses.replace(OPS["exp"], compute=slow_exp))
    seen = {}

    def cancel_when_shown() -> None:
        dialog = progress_dialog()
        if dialog is None:
            QTimer.singleShot(20, cancel_when_shown)
            return
        seen["dialog"] = True
        seen["events handled while computing"] = started.is_set()
        dialog.findChild(QPushButton).click()   # as the user does
        release.set()

    QTimer.singleShot(0, cancel_when_shown)
    window.interactive = True   # a user's window; headless ones wait without a dialog
    try:
        ev = window.evaluate_now()
    finally:
        window.interactive = False
        release.set()
    assert seen == {"dialog": True, "events handled while computing": True}
    names = {window.document.node(n).name: n for n in ev.order}
    assert names["a"] in ev.values                        # the node running when cancelled ends
    assert ev.errors[names["c1"]] == "cancelled"           # the next one never starts
    assert not {names["b"], names["c"]} & set(ev.values)
    assert progress_dialog() is None


def test_a_quick_evaluation_shows_no_dialog(window):
    shown = []
    QTimer.singleShot(0, lambda: shown.append(progress_dialog()))
    window.open_example("diamond", ask=False)
    assert window.evaluate_now().values
    QApplication.processEvents()
    assert shown == [None]


def test_a_headless_window_waits_for_a_long_evaluation_without_a_dialog(window, monkeypatch):
    window.open_example("diamond", ask=False)
    release = threading.Event()
    seen = []

    def slow(inputs, params):
        release.wait(WAIT_S)
        return engine.exp(inputs["x"])

    monkeypatch.setitem(OPS, "exp", dataclasses.replace(OPS["exp"], compute=slow))
    window.add_node_at("exp", window.view.visible_centre())
    timer = threading.Timer(0.5, release.set)   # ends the node; nothing waits on the GUI
    QTimer.singleShot(0, lambda: seen.append(progress_dialog()))
    timer.start()
    ev = window.evaluate_now()
    timer.join()
    assert seen == [] and ev.values   # no event loop ran inside, no dialog was shown
