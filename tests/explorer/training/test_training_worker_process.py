"""The training worker in its own process: same numbers as headless, started ahead of need,
no orphans and no hangs (quit, EOF, terminate), a killed worker fails its run and the next Start
starts a new one; where no process can start, the same loop runs in a thread."""

from __future__ import annotations

import multiprocessing.context
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from explorer.core import i18n
from explorer.core.training.presets import PRESETS, TrainingConfig
from explorer.core.training.runner import TrainingRun
from explorer.training import worker, worker_process
from explorer.training.worker import FULL_SPEED, TrainingSession

WORKER_PROCESS = True  # the real thing: conftest trains elsewhere in a thread

WAIT_MS = 30_000  # generous: three suites may share two busy cores
DONE = ("finished", "diverged", "failed")


def short(**changes) -> TrainingConfig:
    return replace(PRESETS["tensors"].default_config(), **{"steps": 60, "n_points": 40, **changes})


@pytest.fixture
def make_session(qapp):
    made: list[TrainingSession] = []

    def make(**options) -> TrainingSession:
        session = TrainingSession(**options)
        session.set_speed(FULL_SPEED)
        made.append(session)
        return session

    yield make
    for session in made:
        session.shutdown()


def losses_of(session: TrainingSession) -> list[float]:
    losses: list[float] = []
    session.records_arrived.connect(lambda records: losses.extend(r.loss for r in records))
    return losses


def gone(pid: int) -> bool:
    """The process has ended (a zombie nobody reaped counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_run_started_before_the_worker_is_ready_begins_once_it_is(qtbot, make_session):
    session = make_session(in_process=True)
    losses = losses_of(session)
    session.start(short())  # no prepare(): the worker loads first, the run waits for it
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    assert session.state == "finished" and session.ready
    assert session.worker_pid not in (None, os.getpid())
    assert losses == [record.loss for record in TrainingRun(short())]


def test_prepare_starts_the_worker_ahead_and_shutdown_ends_it(qtbot, make_session):
    session = make_session(in_process=True)
    with qtbot.waitSignal(session.worker_ready, timeout=WAIT_MS):
        session.prepare()
    process = session._worker.process
    session.start(short(steps=10**6))
    qtbot.waitUntil(lambda: session.state == "running", timeout=WAIT_MS)
    session.shutdown()  # mid-run: the worker quits between two slices
    assert not process.is_alive() and process.exitcode == 0
    assert session.worker_pid is None
    session.prepare()  # a window shown again: nothing starts
    assert session.worker_pid is None
    with pytest.raises(RuntimeError):
        session.start(short())


def test_a_killed_worker_fails_its_run_and_start_begins_a_new_one(qtbot, make_session):
    session = make_session(in_process=True)
    losses = losses_of(session)
    session.start(short(steps=10**6))
    qtbot.waitUntil(lambda: len(losses) > 0, timeout=WAIT_MS)
    first = session.worker_pid
    with qtbot.waitSignal(session.failed, timeout=WAIT_MS) as failed:
        os.kill(first, getattr(signal, "SIGKILL", signal.SIGTERM))
    assert session.state == "failed"
    assert "training process stopped unexpectedly" in failed.args[0]
    losses.clear()
    session.start(short())
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    assert session.state == "finished" and session.worker_pid not in (None, first)
    assert losses == [record.loss for record in TrainingRun(short())]


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP")
def test_shutdown_ends_a_worker_that_does_not_answer(qtbot, make_session, monkeypatch):
    monkeypatch.setattr(worker, "QUIT_SECONDS", 0.5)
    session = make_session(in_process=True)
    assert session.wait_until_ready(WAIT_MS)  # as the bench and a recording wait
    process = session._worker.process
    os.kill(process.pid, signal.SIGSTOP)  # it can read no quit, and a stopped one ignores SIGTERM
    session.shutdown()
    assert not process.is_alive() and process.exitcode == -signal.SIGKILL


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs SIGSTOP")
def test_end_worker_does_not_wait_for_the_process_and_start_begins_a_new_one(
        qtbot, make_session, monkeypatch):
    monkeypatch.setattr(worker, "QUIT_SECONDS", 0.5)
    session = make_session(in_process=True)
    session.start(short())
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    process = session._worker.process
    os.kill(process.pid, signal.SIGSTOP)  # it cannot quit: only a wait could end it
    session.end_worker()
    assert process.is_alive() and session.worker_pid is None  # nobody waited here
    qtbot.waitUntil(lambda: process.exitcode is not None, timeout=WAIT_MS)
    assert process.exitcode == -signal.SIGKILL  # ended all the same, elsewhere
    losses = losses_of(session)
    session.start(short())
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    assert session.state == "finished" and session.worker_pid not in (None, process.pid)
    assert losses == [record.loss for record in TrainingRun(short())]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_worker_exits_when_the_program_dies_without_a_word(tmp_path):
    script = tmp_path / "dies.py"
    script.write_text(textwrap.dedent("""
        import os
        from PySide6.QtCore import QCoreApplication
        from explorer.training.worker import TrainingSession

        app = QCoreApplication([])
        session = TrainingSession()
        session.prepare()
        print(session.worker_pid, flush=True)
        os._exit(0)  # no shutdown, no atexit: only the pipe's end tells the worker
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    pid = int(done.stdout.split()[0])
    deadline = time.monotonic() + 60
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gone(pid)


def test_without_a_process_the_same_loop_runs_in_a_thread(qtbot, make_session, monkeypatch,
                                                          caplog):
    def refuse(process) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refuse)
    session = make_session(in_process=True)
    losses = losses_of(session)
    session.start(short())
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    assert session.state == "finished" and session.worker_pid is None
    assert "no worker process started (no processes here)" in caplog.text
    assert losses == [record.loss for record in TrainingRun(short())]


def test_the_worker_speaks_the_workbenchs_language():
    english = "The run has finished; start a new one."
    before = (i18n._translate, i18n.current_language())
    assert i18n.translate("TrainingRun", english) == english  # nothing translates it yet
    try:
        worker_process._speak("zh_CN")
        assert i18n.translate("TrainingRun", english) == "本次训练已结束；请开始新的训练。"
    finally:
        i18n.install_translation(*before)
    worker_process._speak("en")  # English: nothing to load
    assert i18n.translate("TrainingRun", english) == english


def test_the_worker_process_reports_in_the_workbenchs_language(qtbot, make_session):
    before = (i18n._translate, i18n.current_language())
    i18n.install_translation(before[0], "zh_CN")  # as a Chinese workbench: the worker learns it
    try:
        session = make_session(in_process=True)
        session.prepare()
    finally:
        i18n.install_translation(*before)
    with qtbot.waitSignal(session.diverged, timeout=WAIT_MS) as diverged:
        session.start(short(steps=120, n_points=500, learning_rate=1e-2))
    assert "步不再是有限值" in diverged.args[0], diverged.args[0]


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs SIGINT")
def test_ctrl_c_in_the_terminal_leaves_the_worker_to_the_program(qtbot, make_session):
    session = make_session(in_process=True)
    assert session.wait_until_ready(WAIT_MS)
    os.kill(session.worker_pid, signal.SIGINT)  # as the terminal sends it to the process group
    session.start(short())
    qtbot.waitUntil(lambda: session.state in DONE, timeout=WAIT_MS)
    assert session.state == "finished"
