"""Training off the GUI thread: a worker in a QThread, steered by queued signals.

The worker runs steps in short time slices from a zero-interval timer in its own thread, so the
commands it receives (pause, resume, one step, stop) are handled between slices without locks.
Records travel to the GUI thread in batches: each slice's in a paced run, at full speed at most
every FLUSH_SECONDS; the path on the loss landscape (a point per slice) travels with them.
`TrainingSession` is the GUI-thread side: it owns the thread, keeps the state the buttons show,
and drops batches from a run that was reset in the meantime (every run has a generation number).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from explorer.core.training import landscape, step_graph
from explorer.core.training.presets import TrainingConfig, validate
from explorer.core.training.runner import StepRecord, TrainingRun

# Long enough that signal traffic stays small, short enough that pause answers at once.
SLICE_SECONDS = 0.02
# At full speed the worker still sleeps this long between slices, holding no lock. NumPy lets go of
# the GIL inside each operation and takes it straight back, so a GUI thread waiting for it could
# otherwise wait for as long as training runs (seen: 40-80 ms without a frame).
BREATH_MS = 1
FULL_SPEED = 0.0  # a speed of 0 steps per second: as fast as the engine goes
# At full speed the records travel to the GUI thread at most this often (the workbench draws them
# at under 10 Hz there): every batch wakes that thread, which takes the interpreter from training.
FLUSH_SECONDS = 0.1
LANDSCAPE_GRID = 21  # points per side: 441 forward passes each time the landscape is computed


class TrainingWorker(QObject):
    """Lives in the training thread. Every slot runs there, one at a time."""

    data_ready = Signal(int, object, object)  # generation, x, y (numpy, from the engine)
    records_ready = Signal(int, object)  # generation, list[StepRecord]
    finished = Signal(int, bool, str)  # generation, diverged, message
    failed = Signal(int, str)  # generation, the engine's message
    landscape_ready = Signal(int, object)  # generation, landscape.Landscape
    # generation, where the weights were in its plane since the last batch: an (n, 2) array
    path_ready = Signal(int, object)
    # generation, the GraphDocument of the next step's loss, or the reason there is none (str)
    step_graph_ready = Signal(int, object)

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        super().__init__()
        self._run: TrainingRun | None = None
        self._generation = 0
        self._clock = clock
        self._speed = FULL_SPEED
        # Paced runs: steps are due at `_speed` per second counted from this (time, steps done).
        self._pace_origin: tuple[float, int] | None = None
        self._pending: list[StepRecord] = []  # records not yet sent
        self._pending_path: list[tuple[float, float]] = []  # path points not yet sent
        self._last_flush = -np.inf  # when they were last sent (the first batch goes at once)
        self._landscape_on = False
        self._landscape_pair = ("a", "b")
        self._plane: landscape.Plane | None = None
        self._extent: tuple[tuple[float, float], tuple[float, float]] | None = None
        self._timer = QTimer(self)  # a child, so it moves to the thread with the worker
        self._timer.setInterval(BREATH_MS)
        self._timer.timeout.connect(self._run_slice)

    @Slot(float)
    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second from now on (FULL_SPEED: no waiting); a running run keeps running."""
        self._speed = max(float(steps_per_second), FULL_SPEED)
        self._pace_origin = None
        # Paced: wake often enough for smooth plots, rarely enough to leave the cores alone.
        if self._speed == FULL_SPEED:
            interval = BREATH_MS
        else:
            interval = int(min(33, max(BREATH_MS, 1000 / self._speed)))
        self._timer.setInterval(interval)

    @Slot(bool, object)
    def set_landscape(self, on: bool, pair: tuple[str, str]) -> None:
        """Compute the loss landscape over weights `pair` and the path on it (from the next
        run on); models without such weights (an MLP) get two random directions."""
        self._landscape_on = on
        self._landscape_pair = pair

    def _start_landscape(self) -> None:
        run = self._run
        assert run is not None
        self._plane = landscape.plane_of(run, self._landscape_pair)
        centre = self._plane.project(landscape.weight_vector(run))
        # Weights: a unit either way; random directions are as long as all the weights.
        half = (1.0, 1.0) if self._plane.coordinates is not None else (0.1, 0.1)
        self._regrid(centre, half)
        self._pending_path.append(centre)

    def _regrid(self, centre: tuple[float, float], half: tuple[float, float]) -> None:
        run = self._run
        assert run is not None and self._plane is not None
        self._extent = (centre, half)
        alphas, betas = landscape.grid_around(centre, half, LANDSCAPE_GRID)
        self.landscape_ready.emit(
            self._generation, landscape.compute(run, self._plane, alphas, betas)
        )

    def _follow_path(self) -> None:
        """Send where the weights are; compute a wider landscape when they leave this one."""
        run = self._run
        if self._plane is None or self._extent is None or run is None:
            return
        alpha, beta = self._plane.project(landscape.weight_vector(run))
        if not (np.isfinite(alpha) and np.isfinite(beta)):
            return
        self._pending_path.append((alpha, beta))
        (ca, cb), (ha, hb) = self._extent
        if abs(alpha - ca) > 0.9 * ha or abs(beta - cb) > 0.9 * hb:
            # Centred between the old centre and here, wide enough for both, with a margin.
            centre = ((ca + alpha) / 2, (cb + beta) / 2)
            half = (max(ha, 0.75 * abs(alpha - ca) + 0.6 * ha),
                    max(hb, 0.75 * abs(beta - cb) + 0.6 * hb))
            self._regrid(centre, half)

    @Slot(int, object, bool)
    def begin(self, generation: int, config: TrainingConfig, paused: bool) -> None:
        self._timer.stop()
        self._generation = generation
        try:
            self._run = TrainingRun(config)
            x, y = self._run.data()
        except Exception as exc:  # noqa: BLE001 - any engine error is reported, not raised in a thread
            self._run = None
            self.failed.emit(generation, str(exc) or type(exc).__name__)
            return
        self._pace_origin = None
        self._pending, self._pending_path, self._last_flush = [], [], -np.inf
        self.data_ready.emit(generation, x, y)
        self._plane = self._extent = None
        if self._landscape_on:
            try:
                self._start_landscape()
            except Exception as exc:  # noqa: BLE001 - reported like any engine error
                self._run = None
                self.failed.emit(generation, str(exc) or type(exc).__name__)
                return
        if not paused:
            self._timer.start()

    @Slot()
    def pause(self) -> None:
        self._timer.stop()
        self._flush()  # the GUI shows where the run paused

    @Slot()
    def resume(self) -> None:
        if self._run is not None and not self._run.done:
            self._pace_origin = None  # the pause does not count: no burst of overdue steps
            self._timer.start()

    @Slot()
    def step_once(self) -> None:
        if self._run is not None and not self._run.done:
            self._advance(self._clock(), 1)  # an expired deadline still runs one step
            self._pace_origin = None

    @Slot()
    def stop(self) -> None:
        self._timer.stop()
        self._run = None
        self._pending, self._pending_path = [], []  # the session drops them anyway

    @Slot()
    def make_step_graph(self) -> None:
        """Send the loss graph of the step the run takes next, at the weights it has now
        (between two slices: the weights of the last record sent)."""
        if self._run is None:
            return
        self._flush()
        try:
            result: object = step_graph.run_step_document(self._run)
        except (LookupError, ValueError, OSError) as exc:
            result = str(exc)
        self.step_graph_ready.emit(self._generation, result)

    def _run_slice(self) -> None:
        now = self._clock()
        if self._speed == FULL_SPEED:
            self._advance(now + SLICE_SECONDS, None)
            return
        run = self._run
        assert run is not None
        if self._pace_origin is None:
            self._pace_origin = (now, run.steps_done)
        origin_time, origin_steps = self._pace_origin
        due = int((now - origin_time) * self._speed) + 1 - (run.steps_done - origin_steps)
        if due > 0:
            self._advance(now + SLICE_SECONDS, due)

    def _advance(self, deadline: float, limit: int | None) -> None:
        """Run steps until `deadline` (at least one), at most `limit` of them."""
        run = self._run
        assert run is not None
        batch = self._pending
        taken = 0
        try:
            batch.append(run.step())
            taken += 1
            while not run.done and (limit is None or taken < limit) and self._clock() < deadline:
                batch.append(run.step())
                taken += 1
            if not run.diverged:
                self._follow_path()
            # Paced runs and single steps send every batch: they are slow enough to be watched.
            due = self._speed != FULL_SPEED or limit is not None
            if run.done or due or self._clock() - self._last_flush >= FLUSH_SECONDS:
                self._flush()
        except Exception as exc:  # noqa: BLE001 - an engine error ends the run with its message
            self._timer.stop()
            self._run = None
            self._pending = []
            self._send_path()
            self.records_ready.emit(self._generation, batch)
            self.failed.emit(self._generation, str(exc) or type(exc).__name__)
            return
        if run.done:
            self._timer.stop()
            message = run.divergence_message() if run.diverged else ""
            self.finished.emit(self._generation, run.diverged, message)

    def _send_path(self) -> None:
        if self._pending_path:
            points, self._pending_path = np.asarray(self._pending_path), []
            self.path_ready.emit(self._generation, points)

    def _flush(self) -> None:
        """Send the records and path points not yet sent, as one batch each."""
        run, batch = self._run, self._pending
        if run is None:
            return
        self._send_path()  # first: a batch's records find their path drawn
        if not batch:
            return
        if run.describes_fit:  # the curve, computed by the engine once per batch
            batch[-1] = replace(batch[-1], fit=run.fit())
        self._pending = []  # only now: an error of fit() leaves the batch to _advance's report
        self._last_flush = self._clock()
        self.records_ready.emit(self._generation, batch)


class TrainingSession(QObject):
    """The GUI thread's handle on training. Never blocks, except `shutdown()` (one slice at most).

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

    _begin = Signal(int, object, bool)
    _pause = Signal()
    _resume = Signal()
    _step_once = Signal()
    _stop = Signal()
    _set_speed = Signal(float)
    _set_landscape = Signal(bool, object)
    _make_step_graph = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = "idle"
        self._generation = 0
        self._shut_down = False
        self._thread = QThread(self)
        self._thread.setObjectName("training")
        self._worker = TrainingWorker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._begin.connect(self._worker.begin)
        self._pause.connect(self._worker.pause)
        self._resume.connect(self._worker.resume)
        self._step_once.connect(self._worker.step_once)
        self._stop.connect(self._worker.stop)
        self._set_speed.connect(self._worker.set_speed)
        self._set_landscape.connect(self._worker.set_landscape)
        self._make_step_graph.connect(self._worker.make_step_graph)
        self._worker.step_graph_ready.connect(self._on_step_graph)
        self._worker.landscape_ready.connect(self._on_landscape)
        self._worker.path_ready.connect(self._on_path)
        self._speed = FULL_SPEED
        self._worker.data_ready.connect(self._on_data)
        self._worker.records_ready.connect(self._on_records)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
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

    def set_speed(self, steps_per_second: float) -> None:
        """Pace this and later runs; takes effect at once, also in a running run."""
        self._speed = steps_per_second
        self._set_speed.emit(steps_per_second)

    def set_landscape(self, on: bool, pair: tuple[str, str] = ("a", "b")) -> None:
        """Compute the loss landscape over weights `pair` and the path on it, from the next
        run on."""
        self._set_landscape.emit(on, pair)

    def request_step_graph(self) -> None:
        """Ask for the loss graph of the current run's next step (step_graph_arrived), also
        while it runs."""
        if self._thread.isRunning():
            self._make_step_graph.emit()

    def start(self, config: TrainingConfig) -> None:
        """Begin a new run (discarding any current one). Raises ConfigError for a bad config."""
        validate(config)
        self._ensure_thread()
        self._generation += 1
        self._begin.emit(self._generation, config, False)
        self._set_state("running")

    def pause(self) -> None:
        if self._state == "running":
            self._pause.emit()
            self._set_state("paused")

    def resume(self) -> None:
        if self._state == "paused":
            self._resume.emit()
            self._set_state("running")

    def step(self, config: TrainingConfig) -> None:
        """Run one iteration: of the paused run, or of a new run that then waits paused."""
        if self._state == "running":
            return
        if self._state != "paused":
            validate(config)
            self._ensure_thread()
            self._generation += 1
            self._begin.emit(self._generation, config, True)
            self._set_state("paused")
        self._step_once.emit()

    def stop(self) -> None:
        """End the current run; what it produced stays, later batches of it are dropped."""
        self._stop.emit()
        self._generation += 1
        if self.active:
            self._set_state("finished")

    def reset(self) -> None:
        """Forget the current run entirely."""
        self._stop.emit()
        self._generation += 1
        self._set_state("idle")

    def shutdown(self) -> None:
        """Stop the thread (at most one slice of waiting); the session is unusable afterwards."""
        self._shut_down = True
        if self._thread.isRunning():
            self._stop.emit()
            self._generation += 1
            self._thread.quit()
            self._thread.wait()

    def _ensure_thread(self) -> None:
        # Started on first use: a workbench that never trains costs no thread.
        if self._shut_down:
            raise RuntimeError("TrainingSession used after shutdown()")
        if not self._thread.isRunning():
            self._thread.start()

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    @Slot(int, object, object)
    def _on_data(self, generation: int, x: object, y: object) -> None:
        if self._current(generation):
            self.data_arrived.emit(x, y)

    @Slot(int, object)
    def _on_landscape(self, generation: int, result: object) -> None:
        if self._current(generation):
            self.landscape_arrived.emit(result)

    @Slot(int, object)
    def _on_path(self, generation: int, points: np.ndarray) -> None:
        if self._current(generation):
            self.path_arrived.emit(points)

    @Slot(int, object)
    def _on_step_graph(self, generation: int, result: object) -> None:
        if self._current(generation):
            self.step_graph_arrived.emit(result)

    @Slot(int, object)
    def _on_records(self, generation: int, records: list[StepRecord]) -> None:
        if self._current(generation) and records:
            self.records_arrived.emit(records)

    @Slot(int, bool, str)
    def _on_finished(self, generation: int, diverged: bool, message: str) -> None:
        if self._current(generation):
            self._set_state("diverged" if diverged else "finished")
            if diverged:
                self.diverged.emit(message)

    @Slot(int, str)
    def _on_failed(self, generation: int, message: str) -> None:
        if self._current(generation):
            self._set_state("failed")
            self.failed.emit(message)
