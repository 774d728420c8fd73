"""Cyclic garbage is collected on the GUI thread while a worker thread runs (a collection in the
worker that frees a Qt wrapper can deadlock it against the GUI thread)."""
from __future__ import annotations

import gc
import threading

from explorer import gui_thread_gc

_freed_on: list[int] = []


class _Cycle:
    """Garbage only the cyclic collector frees; says on which thread."""

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _freed_on.append(threading.get_ident())


_kept: list[list] = []


def _make_garbage_then_allocate(done: threading.Event) -> None:
    _Cycle()
    _kept[:] = [[] for _ in range(20 * gc.get_threshold()[0])]   # past the threshold, many times
    done.set()


def test_garbage_made_in_a_worker_is_collected_on_the_gui_thread(qapp, qtbot) -> None:
    _freed_on.clear()
    assert gc.isenabled()
    done = threading.Event()
    worker = threading.Thread(target=_make_garbage_then_allocate, args=(done,))
    gui_thread_gc.collect_on_gui_thread_while(worker.is_alive)
    worker.start()
    worker.join()
    assert done.is_set()
    assert not gc.isenabled()   # off while a worker may run
    qtbot.waitUntil(lambda: bool(_freed_on), timeout=5000)
    assert _freed_on == [threading.get_ident()]
    qtbot.waitUntil(gc.isenabled, timeout=5000)   # back once the worker has ended
    _kept.clear()


def test_collection_already_off_stays_off(qapp, qtbot) -> None:
    gc.disable()
    try:
        worker = threading.Thread(target=lambda: None)
        gui_thread_gc.collect_on_gui_thread_while(worker.is_alive)
        worker.start()
        worker.join()
        gui_thread_gc.settle()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_quitted_qthread_counts_as_ended(qapp, qtbot) -> None:
    from PySide6.QtCore import QThread

    thread = QThread()
    gui_thread_gc.collect_on_gui_thread_while(thread.isRunning)
    thread.start()
    assert not gc.isenabled()
    thread.quit()
    thread.wait()
    qtbot.waitUntil(gc.isenabled, timeout=5000)
