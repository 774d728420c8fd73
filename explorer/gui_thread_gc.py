"""Python's cyclic garbage collected on the GUI thread while a worker thread runs.

Automatic collection runs in whichever thread happens to allocate past a threshold. In a worker
(a traced script, an evaluation) it may free a Qt wrapper made on the GUI thread, so PySide
disconnects a signal from that thread while the GUI thread holds Qt's lock and waits for the
interpreter: both stop for good (seen in the suite, a live-trace test hung). So while such a
thread is alive, automatic collection is off and a timer on the GUI thread collects, generation
by generation, when the thresholds say it would have (pyqtgraph's GarbageCollector does the same
for the whole program). Only for plain Python threads that make no Qt objects: the training
QThread has Qt objects of its own, which must not be freed from the GUI thread.
"""
from __future__ import annotations

import gc
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 100


class _Collector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.alive: list[Callable[[], bool]] = []
        self.was_enabled = gc.isenabled()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)

    def watch(self, alive: Callable[[], bool]) -> None:
        if not self.timer.isActive():
            self.was_enabled = gc.isenabled()
            gc.disable()
            self.timer.start()
        self.alive.append(alive)

    def tick(self) -> None:
        self.alive = [alive for alive in self.alive if _still(alive)]
        if self.was_enabled:   # stands in for automatic collection, not for one paused on purpose
            collect_due()
        if not self.alive:
            self.timer.stop()
            if self.was_enabled:
                gc.enable()


def _still(alive: Callable[[], bool]) -> bool:
    try:
        return bool(alive())
    except RuntimeError:   # a QThread whose C++ object is gone
        return False


def collect_due() -> None:
    """The collection automatic collection would make now, here."""
    threshold, count = gc.get_threshold(), gc.get_count()
    if not threshold[0] or count[0] <= threshold[0]:
        return
    generation = 0
    if count[1] > threshold[1]:
        generation = 2 if count[2] > threshold[2] else 1
    gc.collect(generation)


_collector: _Collector | None = None


def collect_on_gui_thread_while(alive: Callable[[], bool]) -> None:
    """Call on the GUI thread just before starting a worker; `alive` says whether it still runs
    (e.g. thread.is_alive, qthread.isRunning). Without a Qt application nothing changes."""
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        return
    if _collector is None or not shiboken6.isValid(_collector):   # none yet, or its app is gone
        if _collector is not None and _collector.alive and _collector.was_enabled:
            gc.enable()   # its timer went with its application
        _collector = _Collector(app)
    _collector.watch(alive)


def settle() -> None:
    """Forget the workers that have ended (and give collection back if none is left) now, not
    at the next tick: for a caller that will not run the event loop again (a test's end)."""
    if _collector is not None and _collector.alive:
        _collector.tick()
