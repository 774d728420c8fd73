"""The workbench's training loop, Qt-free: commands in, messages out, through a small transport.

`WorkerLoop` runs steps in short time slices; between slices `serve` waits for the session's
next command for as long as the speed asks (not at all at full speed), so pause, resume, one
step and stop are handled between slices without locks. Records travel in batches: each slice's
in a paced run, at full speed at most every FLUSH_SECONDS; the path on the loss landscape (a
point per slice) travels with them. `serve` runs the loop in the worker process (or, where no
process can start, in a thread: explorer/training/worker.py) on the two ends of a
multiprocessing pipe. Everything crossing it is plain data (numbers, numpy arrays, dataclasses,
the step graph as its JSON dict); the pipe joins two processes of this program, never a file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from explorer.core.training import landscape, step_graph
from explorer.core.training.presets import TrainingConfig
from explorer.core.training.runner import StepRecord, TrainingRun

# Long enough that message traffic stays small, short enough that pause answers at once.
SLICE_SECONDS = 0.02
FULL_SPEED = 0.0  # a speed of 0 steps per second: as fast as the engine goes
# At full speed the records travel at most this often (the workbench draws them at under 10 Hz
# there): every batch wakes the GUI process, which then takes a core from training.
FLUSH_SECONDS = 0.1
# A paced run wakes at most this long after a step is due (smooth plots), at least a millisecond
# apart (the cores are left alone).
PACED_WAIT_SECONDS = (0.001, 0.033)
LANDSCAPE_GRID = 21  # points per side: 441 forward passes each time the landscape is computed


# ---- commands: the session to the loop --------------------------------------------------------

@dataclass(frozen=True)
class Begin:
    """A new run of `config` (discarding any current one); `paused`: it waits for a step."""
    generation: int
    config: TrainingConfig
    paused: bool


@dataclass(frozen=True)
class SetSpeed:
    steps_per_second: float


@dataclass(frozen=True)
class SetLandscape:
    on: bool
    pair: tuple[str, str]


CONTROLS = ("pause", "resume", "step_once", "stop", "make_step_graph", "quit")


@dataclass(frozen=True)
class Control:
    """A command without arguments: one of CONTROLS."""
    name: str


# ---- messages: the loop to the session ---------------------------------------------------------

@dataclass(frozen=True)
class Message:
    """`kind` with its `args`, about run `generation`:
    "ready" (), the loop waits for commands;
    "data" (x, y), the run's samples;
    "records" (list[StepRecord],);
    "finished" (diverged, message);
    "failed" (the engine's message,);
    "landscape" (landscape.Landscape,);
    "path" ((n, 2) array: where the weights were in its plane since the last batch,);
    "step_graph" (the next step's loss graph as GraphDocument.to_dict, or why there is none)."""
    kind: str
    generation: int
    args: tuple


class Commands(Protocol):
    """The receiving end: a multiprocessing Connection."""

    def poll(self, timeout: float | None) -> bool: ...

    def recv(self) -> object: ...


class WorkerLoop:
    """One run at a time; every method runs on the loop's own thread, one at a time."""

    def __init__(self, send: Callable[[Message], None],
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self._send = send
        self._run: TrainingRun | None = None
        self._running = False  # slices are due (a run exists, not paused, not done)
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

    @property
    def run(self) -> TrainingRun | None:
        return self._run

    def wait_seconds(self) -> float | None:
        """How long to wait for a command before the next slice; None: until one comes."""
        if not self._running:
            return None
        if self._speed == FULL_SPEED:
            return 0.0
        low, high = PACED_WAIT_SECONDS
        return min(high, max(low, 1 / self._speed))

    def handle(self, command: object) -> bool:
        """Carry out one command; False for "quit"."""
        if isinstance(command, Begin):
            self.begin(command.generation, command.config, command.paused)
        elif isinstance(command, SetSpeed):
            self.set_speed(command.steps_per_second)
        elif isinstance(command, SetLandscape):
            self.set_landscape(command.on, command.pair)
        elif isinstance(command, Control) and command.name in CONTROLS:
            if command.name == "quit":
                return False
            getattr(self, command.name)()
        else:
            raise TypeError(f"not a training command: {command!r}")
        return True

    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second from now on (FULL_SPEED: no waiting); a running run keeps running."""
        self._speed = max(float(steps_per_second), FULL_SPEED)
        self._pace_origin = None

    def set_landscape(self, on: bool, pair: tuple[str, str]) -> None:
        """Compute the loss landscape over weights `pair` and the path on it (from the next
        run on); models without such weights (an MLP) get two random directions."""
        self._landscape_on = on
        self._landscape_pair = pair

    def _emit(self, kind: str, *args: object) -> None:
        self._send(Message(kind, self._generation, args))

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
        self._emit("landscape", landscape.compute(run, self._plane, alphas, betas))

    def _follow_path(self) -> None:
        """Note where the weights are; compute a wider landscape when they leave this one."""
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

    def begin(self, generation: int, config: TrainingConfig, paused: bool) -> None:
        self._running = False
        self._generation = generation
        try:
            self._run = TrainingRun(config)
            x, y = self._run.data()
        except Exception as exc:  # noqa: BLE001 - any engine error is reported, never raised
            self._run = None
            self._emit("failed", str(exc) or type(exc).__name__)
            return
        self._pace_origin = None
        self._pending, self._pending_path, self._last_flush = [], [], -np.inf
        self._emit("data", x, y)
        self._plane = self._extent = None
        if self._landscape_on:
            try:
                self._start_landscape()
            except Exception as exc:  # noqa: BLE001 - reported like any engine error
                self._run = None
                self._emit("failed", str(exc) or type(exc).__name__)
                return
        self._running = not paused

    def pause(self) -> None:
        self._running = False
        self._flush()  # the GUI shows where the run paused

    def resume(self) -> None:
        if self._run is not None and not self._run.done:
            self._pace_origin = None  # the pause does not count: no burst of overdue steps
            self._running = True

    def step_once(self) -> None:
        if self._run is not None and not self._run.done:
            self._advance(self._clock(), 1)  # an expired deadline still runs one step
            self._pace_origin = None

    def stop(self) -> None:
        self._running = False
        self._run = None
        self._pending, self._pending_path = [], []  # the session drops them anyway

    def make_step_graph(self) -> None:
        """Send the loss graph of the step the run takes next, at the weights it has now
        (between two slices: the weights of the last record sent)."""
        if self._run is None:
            return
        self._flush()
        try:
            result: object = step_graph.run_step_document(self._run).to_dict()
        except (LookupError, ValueError, OSError) as exc:
            result = str(exc)
        self._emit("step_graph", result)

    def run_slice(self) -> None:
        """The steps due now: a slice's worth at full speed, those the pace asks for else."""
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
            self._running = False
            self._run = None
            self._pending = []
            self._send_path()
            self._emit("records", batch)
            self._emit("failed", str(exc) or type(exc).__name__)
            return
        if run.done:
            self._running = False
            message = run.divergence_message() if run.diverged else ""
            self._emit("finished", run.diverged, message)

    def _send_path(self) -> None:
        if self._pending_path:
            points, self._pending_path = np.asarray(self._pending_path), []
            self._emit("path", points)

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
        self._emit("records", batch)


def serve(commands: Commands, send: Callable[[Message], None], breath: float = 0.0,
          clock: Callable[[], float] = time.perf_counter) -> None:
    """Run a `WorkerLoop` on `commands` until "quit" or until the session's end is gone (its
    process ended: EOF). `breath`: the least wait between slices, for a loop that shares its
    interpreter with the GUI (NumPy lets go of the interpreter lock inside each operation and
    takes it straight back, so a GUI thread waiting for it could wait for as long as training
    runs)."""
    loop = WorkerLoop(send, clock)
    try:
        send(Message("ready", 0, ()))
        while True:
            wait = loop.wait_seconds()
            if commands.poll(None if wait is None else max(wait, breath)):
                if not loop.handle(commands.recv()):
                    return
            else:
                loop.run_slice()
    except (EOFError, OSError):  # the session's end of the pipe is closed: nobody listens
        return
