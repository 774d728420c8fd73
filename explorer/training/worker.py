"""Training off the GUI: a worker process runs explorer/core/training/worker_loop.py's loop.

The loop runs on its own core, so the GUI's drawing never waits for training's interpreter lock
(nor training for the drawing's). `TrainingSession` is the GUI side: it starts the worker ahead
of need (`prepare`), sends commands down a pipe, and a reader thread hands the worker's messages
to the GUI thread as queued signals, so nothing blocks the GUI. It keeps the state the buttons
show and drops batches from a run that was reset in the meantime (every run has a generation
number). Where no process can start, the same loop runs in a thread (reported in the log).
A worker that dies (killed, crashed) fails its run; the next Start starts a new one.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)

from explorer.core.document.graph_document import GraphDocument, GraphEditError
from explorer.core.i18n import current_language
from explorer.core.training.presets import TrainingConfig, validate
from explorer.core.training.runner import StepRecord
from explorer.core.training.worker_loop import (
    FLUSH_SECONDS,
    FULL_SPEED,
    SLICE_SECONDS,
    Begin,
    Control,
    Message,
    SetLandscape,
    SetSpeed,
    serve,
)
from explorer.gui_thread_gc import collect_on_gui_thread_while
from explorer.training import worker_process

__all__ = ["FLUSH_SECONDS", "FULL_SPEED", "SLICE_SECONDS", "TrainingSession"]

# Sessions train in a process of their own; False: in a thread (the tests' many control tests).
IN_PROCESS = True
# A loop in a thread waits this long between slices at the least: NumPy lets go of the interpreter
# lock inside each operation and takes it straight back, so the GUI thread could otherwise wait
# for as long as training runs (seen: 40-80 ms without a frame).
THREAD_BREATH_SECONDS = 0.001
READY_TIMEOUT_MS = 60_000  # the longest wait_until_ready() waits (a very busy machine)
QUIT_SECONDS = 5.0  # how long shutdown() waits for the worker to quit before ending it

_CLOSE = object()  # the last item of a worker's outbox: its pipe closes after the quit

log = logging.getLogger(__name__)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While a worker process starts: it imports only what training needs, never the program's
    main module (a user's script without an `if __name__ == "__main__"` guard, which calls
    explorer.show(), would run again there)."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")  # no file, no spec: nothing to import
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class _Worker:
    """The other end of the pipes: a process (or a thread) running the loop, and the thread
    that reads its messages."""

    def __init__(self, number: int, in_process: bool, deliver: SignalInstance) -> None:
        self.number = number
        context = multiprocessing.get_context("spawn")  # never fork a process with Qt threads
        their_commands, self.commands = context.Pipe(duplex=False)
        self.messages, their_messages = context.Pipe(duplex=False)
        self.process: multiprocessing.process.BaseProcess | None = None
        self.loop_thread: threading.Thread | None = None
        if in_process:
            try:
                self.process = context.Process(
                    target=worker_process.main, name="training", daemon=True,
                    args=(their_commands, their_messages, current_language()))
                with _main_module_hidden():
                    self.process.start()
            except (OSError, RuntimeError) as exc:
                log.warning("Training runs in a thread: no worker process started (%s).", exc)
                self.process = None
            else:  # only the worker holds these now: its end shows as EOF here, ours there
                their_commands.close()
                their_messages.close()
        if self.process is None:
            self.loop_thread = threading.Thread(
                target=self._serve_in_thread, args=(their_commands, their_messages),
                name="training", daemon=True)
        self._deliver = deliver
        self.reader = threading.Thread(target=self._read, name="training messages", daemon=True)
        self._outbox: queue.SimpleQueue[object] = queue.SimpleQueue()
        self.writer = threading.Thread(target=self._write, name="training commands", daemon=True)
        # Plain Python threads making no Qt objects: collection stays on the GUI thread.
        collect_on_gui_thread_while(self.alive)
        if self.loop_thread is not None:
            self.loop_thread.start()
        self.reader.start()
        self.writer.start()

    def alive(self) -> bool:
        threads = (self.reader, self.writer, self.loop_thread)
        return any(thread is not None and thread.is_alive() for thread in threads)

    @staticmethod
    def _serve_in_thread(commands: Connection, messages: Connection) -> None:
        try:
            serve(commands, messages.send, THREAD_BREATH_SECONDS)
        finally:
            messages.close()
            commands.close()

    def _read(self) -> None:
        """Hand every message to the GUI thread (a queued signal); None once the worker is gone."""
        try:
            while True:
                try:
                    message = self.messages.recv()
                except Exception:  # noqa: BLE001 - EOF, a broken pipe: the worker is gone
                    break
                self._deliver.emit(self.number, message)
            self._deliver.emit(self.number, None)
        except RuntimeError:  # the session's Qt object is gone: nobody to tell
            pass

    def send(self, command: object) -> None:
        self._outbox.put(command)

    def _write(self) -> None:
        """Send the session's commands in order, so that the GUI thread never waits for a full
        pipe (a CSV's 100,000 points while the worker still loads)."""
        try:
            while (command := self._outbox.get()) is not _CLOSE:
                self.commands.send(command)
        except (OSError, ValueError):  # the worker is gone: its reader reports that
            pass
        finally:
            self.commands.close()  # EOF there: a loop that missed the quit still ends

    def exit_code(self) -> int | None:
        return None if self.process is None else self.process.exitcode

    def end(self, wait: float | None = None) -> None:
        """Ask the worker to quit, wait `wait` seconds (QUIT_SECONDS) at most, then end it."""
        wait = QUIT_SECONDS if wait is None else wait
        self.send(Control("quit"))
        self.send(_CLOSE)
        if self.process is not None:
            self.process.join(wait)
            if self.process.is_alive():
                log.warning("The training worker did not quit; it is terminated.")
                self.process.terminate()
                self.process.join(wait)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(wait)
        elif self.loop_thread is not None:
            self.loop_thread.join(wait)
        self.writer.join(wait)
        self.reader.join(wait)
        if not self.reader.is_alive():
            self.messages.close()

    def end_soon(self) -> None:
        """end() in a thread of its own: the GUI thread never waits for the process to go."""
        ender = threading.Thread(target=self.end, name="training end", daemon=True)
        collect_on_gui_thread_while(ender.is_alive)
        ender.start()


class TrainingSession(QObject):
    """The GUI thread's handle on training. Never blocks, except `shutdown()` (unless told not
    to wait) and `wait_until_ready()`.

    Call `shutdown()` before the session is destroyed (it runs by itself when the application
    quits).

    States: "idle" (no run), "running", "paused", "finished", "diverged", "failed".
    """

    data_arrived = Signal(object, object)  # x, y of the current run
    records_arrived = Signal(object)  # list[StepRecord] of the current run
    state_changed = Signal(str)
    failed = Signal(str)  # the engine's message; the state is then "failed"
    diverged = Signal(str)  # why the run ended early; the state is then "diverged"
    landscape_arrived = Signal(object)  # landscape.Landscape of the current run
    path_arrived = Signal(object)  # (n, 2) array: the weights' next places on that landscape
    step_graph_arrived = Signal(object)  # a GraphDocument, or why there is none (str)
    worker_ready = Signal()  # the worker has started and waits for commands

    _delivered = Signal(int, object)  # from the reader thread: worker number, Message or None

    def __init__(self, parent: QObject | None = None, *, in_process: bool | None = None) -> None:
        super().__init__(parent)
        self._state = "idle"
        self._generation = 0
        self._shut_down = False
        self._in_process = IN_PROCESS if in_process is None else in_process
        self._worker: _Worker | None = None
        self._workers_started = 0
        self._ready = False
        self._speed = FULL_SPEED
        self._landscape: tuple[bool, tuple[str, str]] = (False, ("a", "b"))
        self._delivered.connect(self._on_delivered)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @property
    def state(self) -> str:
        return self._state

    @property
    def active(self) -> bool:
        """A run exists that can still take steps."""
        return self._state in ("running", "paused")

    @property
    def speed(self) -> float:
        """Steps per second (FULL_SPEED: as fast as the engine goes)."""
        return self._speed

    @property
    def ready(self) -> bool:
        """The worker has started and waits for commands (worker_ready said so)."""
        return self._ready

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id; None without one (not started yet, or in a thread)."""
        worker = self._worker
        return None if worker is None or worker.process is None else worker.process.pid

    def prepare(self) -> None:
        """Start the worker now, ahead of need, so that Start does not wait for it to load
        (nothing after shutdown(): a window shown again once its session has ended)."""
        if not self._shut_down:
            self._ensure_worker()

    def wait_until_ready(self, timeout_ms: int = READY_TIMEOUT_MS) -> bool:
        """Start the worker if need be and run a local event loop until it is ready (at most
        `timeout_ms`); True if it is. For programs that drive a workbench and count from Start
        (the bench, a recording), as a user opens the workbench before pressing Start; never in
        the GUI's own handlers."""
        self.prepare()
        if not self._ready and self._worker is not None:
            loop = QEventLoop()
            self.worker_ready.connect(loop.quit)
            QTimer.singleShot(timeout_ms, loop, loop.quit)
            loop.exec()
            self.worker_ready.disconnect(loop.quit)
        return self._ready

    def set_speed(self, steps_per_second: float) -> None:
        """Pace this and later runs; takes effect at once, also in a running run."""
        self._speed = steps_per_second
        self._send(SetSpeed(steps_per_second))

    def set_landscape(self, on: bool, pair: tuple[str, str] = ("a", "b")) -> None:
        """Compute the loss landscape over weights `pair` and the path on it, from the next
        run on."""
        self._landscape = (on, pair)
        self._send(SetLandscape(on, pair))

    def request_step_graph(self) -> None:
        """Ask for the loss graph of the current run's next step (step_graph_arrived), also
        while it runs."""
        self._send(Control("make_step_graph"))

    def start(self, config: TrainingConfig) -> None:
        """Begin a new run (discarding any current one). Raises ConfigError for a bad config.
        A worker still loading begins it once it is ready."""
        validate(config)
        self._ensure_worker()
        self._generation += 1
        self._send(Begin(self._generation, config, False))
        self._set_state("running")

    def pause(self) -> None:
        if self._state == "running":
            self._send(Control("pause"))
            self._set_state("paused")

    def resume(self) -> None:
        if self._state == "paused":
            self._send(Control("resume"))
            self._set_state("running")

    def step(self, config: TrainingConfig) -> None:
        """Run one iteration: of the paused run, or of a new run that then waits paused."""
        if self._state == "running":
            return
        if self._state != "paused":
            validate(config)
            self._ensure_worker()
            self._generation += 1
            self._send(Begin(self._generation, config, True))
            self._set_state("paused")
        self._send(Control("step_once"))

    def stop(self) -> None:
        """End the current run; what it produced stays, later batches of it are dropped."""
        self._send(Control("stop"))
        self._generation += 1
        if self.active:
            self._set_state("finished")

    def reset(self) -> None:
        """Forget the current run entirely."""
        self._send(Control("stop"))
        self._generation += 1
        self._set_state("idle")

    def shutdown(self, wait: bool = True) -> None:
        """End the worker (it finishes its slice; one that does not quit within QUIT_SECONDS is
        terminated); the session is unusable afterwards. `wait=False`: a thread waits for the
        worker to go, not the caller."""
        self._shut_down = True
        self._end_worker(wait)

    def end_worker(self) -> None:
        """End the worker without waiting for it (a thread waits): for a session whose run is
        over, so that its idle process (~60 MB) does not stay. The next start() starts one."""
        self._end_worker(wait=False)

    def _end_worker(self, wait: bool) -> None:
        worker, self._worker = self._worker, None
        self._ready = False
        if worker is not None:
            self._generation += 1
            if wait:
                worker.end()
            else:
                worker.end_soon()

    def _ensure_worker(self) -> None:
        # Started on first use or by prepare(): a workbench that never shows costs no process.
        if self._shut_down:
            raise RuntimeError("TrainingSession used after shutdown()")
        if self._worker is not None:
            return
        self._workers_started += 1
        self._ready = False
        self._worker = _Worker(self._workers_started, self._in_process, self._delivered)
        # A new worker (the first, or one after a crash) learns what the session was told.
        self._worker.send(SetSpeed(self._speed))
        self._worker.send(SetLandscape(*self._landscape))

    def _send(self, command: object) -> None:
        if self._worker is not None:
            self._worker.send(command)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    @Slot(int, object)
    def _on_delivered(self, number: int, message: Message | None) -> None:
        worker = self._worker
        if worker is None or number != worker.number:
            return  # from a worker that was ended or replaced
        if message is None:
            self._on_worker_lost(worker)
            return
        kind, args = message.kind, message.args
        if kind == "ready":
            self._ready = True
            self.worker_ready.emit()
        elif not self._current(message.generation):
            return
        elif kind == "data":
            self.data_arrived.emit(*args)
        elif kind == "records":
            self._on_records(*args)
        elif kind == "landscape":
            self.landscape_arrived.emit(*args)
        elif kind == "path":
            self.path_arrived.emit(*args)
        elif kind == "step_graph":
            self._on_step_graph(*args)
        elif kind == "finished":
            self._on_finished(*args)
        elif kind == "failed":
            self._on_failed(*args)

    def _on_worker_lost(self, worker: _Worker) -> None:
        """The worker died without being asked (killed, crashed): its run fails; the next
        start() starts a new worker."""
        self._worker = None
        self._ready = False
        worker.end(wait=1.0)
        code = worker.exit_code()
        self._generation += 1
        if self.active:
            self._on_failed(self.tr(
                "The training process stopped unexpectedly (exit code {code}). "
                "Start begins a new one.").format(code=code))

    def _on_step_graph(self, result: object) -> None:
        if isinstance(result, dict):
            try:
                result = GraphDocument.from_dict(result)
            except GraphEditError as exc:
                result = str(exc)
        self.step_graph_arrived.emit(result)

    def _on_records(self, records: list[StepRecord]) -> None:
        if records:
            self.records_arrived.emit(records)

    def _on_finished(self, diverged: bool, message: str) -> None:
        self._set_state("diverged" if diverged else "finished")
        if diverged:
            self.diverged.emit(message)

    def _on_failed(self, message: str) -> None:
        self._set_state("failed")
        self.failed.emit(message)
