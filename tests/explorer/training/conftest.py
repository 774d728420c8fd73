"""Fixtures of the workbench tests: a fresh, shown workbench, shut down after the test; training
in a thread unless the test module says WORKER_PROCESS = True (the same loop as in the worker
process, without a process's start-up for each of the many control tests)."""
from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from explorer.training import worker
from explorer.training.workbench import TrainingWorkbench
from explorer.training.worker import FULL_SPEED


@pytest.fixture(autouse=True)
def training_in_a_thread(request, monkeypatch):
    if not getattr(request.module, "WORKER_PROCESS", False):
        monkeypatch.setattr(worker, "IN_PROCESS", False)


@pytest.fixture
def make_bench(qtbot):
    """make_bench(full_speed=True): a shown workbench (at full speed unless told: the paced
    first run is tested in test_training_speed); every one made is shut down afterwards."""
    made: list[TrainingWorkbench] = []

    def make(full_speed: bool = True) -> TrainingWorkbench:
        # Windows of earlier tests (the monkey opens a workbench too) are gone first: their
        # deferred deletions and Python wrappers cannot meet this one (a spurious "finished"
        # state was seen once in a full run, never in one file alone).
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        workbench = TrainingWorkbench()
        qtbot.addWidget(workbench)
        if full_speed:
            workbench.set_speed(FULL_SPEED)
        workbench.show()
        made.append(workbench)
        return workbench

    yield make
    for workbench in made:
        workbench.shutdown()


@pytest.fixture
def bench(make_bench) -> TrainingWorkbench:
    return make_bench()
