"""The speed control: steps per second through the worker's loop (on a fake clock), and the
workbench's paced first run."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from explorer.core.training.presets import PRESETS
from explorer.core.training.worker_loop import WorkerLoop
from explorer.training.workbench import FIRST_RUN_SPEED
from explorer.training.worker import FULL_SPEED


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def on_batches(take):
    """A send for a WorkerLoop: each batch of records goes to `take`, other messages nowhere."""
    return lambda message: take(message.args[0]) if message.kind == "records" else None


def paced_worker(speed: float, steps: int = 2000):
    clock = FakeClock()
    records: list = []
    worker = WorkerLoop(on_batches(records.extend), clock)
    worker.set_speed(speed)
    config = replace(PRESETS["tensors"].default_config(), steps=steps, n_points=50)
    worker.begin(1, config, True)  # paused: the test runs the slices itself
    return worker, clock, records


def test_a_paced_worker_runs_as_many_steps_as_are_due():
    worker, clock, records = paced_worker(10.0)
    worker.run_slice()
    assert len(records) == 1  # the first step at once
    worker.run_slice()
    assert len(records) == 1  # nothing more is due yet
    clock.now += 0.55
    worker.run_slice()
    assert len(records) == 6  # 0.55 s at 10 steps/s: steps 0..5
    clock.now += 2.0
    worker.run_slice()
    assert len(records) == 26
    assert [record.step for record in records] == list(range(26))


def test_speed_changes_apply_to_the_running_run_from_now_on():
    worker, clock, records = paced_worker(1.0)
    worker.run_slice()
    clock.now += 3.0
    worker.run_slice()
    assert len(records) == 4
    worker.set_speed(100.0)
    worker.run_slice()
    assert len(records) == 5  # a step at once at the new speed
    clock.now += 0.25
    worker.run_slice()
    assert len(records) == 5 + 25


def test_resuming_does_not_catch_up_on_the_pause():
    worker, clock, records = paced_worker(10.0)
    worker.run_slice()
    worker.pause()
    clock.now += 60.0
    worker.resume()
    worker.run_slice()
    assert len(records) == 2


def test_full_speed_runs_a_whole_slice_without_waiting():
    worker, _clock, records = paced_worker(FULL_SPEED, steps=30)
    worker.run_slice()  # the fake clock never reaches the slice's deadline
    assert len(records) == 30


@pytest.fixture
def bench(make_bench):
    return make_bench(full_speed=False)


def test_the_first_run_is_paced_to_be_watched_then_full_speed(qtbot, bench):
    assert bench.speed == FIRST_RUN_SPEED == bench.session.speed
    assert FIRST_RUN_SPEED * 10 == pytest.approx(PRESETS["tensors"].default_config().steps)
    assert bench.speed_value.text() == "200/s"
    bench.set_config(replace(bench.config, steps=20, n_points=50))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=30_000)
    assert bench.speed == FULL_SPEED == bench.session.speed
    assert bench.speed_value.text() == "full"


def test_a_chosen_speed_is_kept_after_the_first_run(qtbot, bench):
    bench.speed_slider.setValue(bench.speed_slider.value() + 1)
    assert bench.session.speed == 500.0
    bench.set_config(replace(bench.config, steps=20, n_points=50))
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=30_000)
    assert bench.session.speed == 500.0


def test_open_step_works_while_running(qtbot, bench):
    bench.set_speed(5.0)
    bench.set_config(replace(bench.config, steps=2000, n_points=50))
    opened = []
    bench.open_step_requested.connect(opened.append)
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(bench.open_step_button.isEnabled, timeout=30_000)
    assert bench.session.state == "running"
    qtbot.mouseClick(bench.open_step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    # The graph holds the weights of the last step done when the worker built it.
    done = int(opened[0].meta["title"].rsplit(" ", 1)[1])
    qtbot.waitUntil(lambda: bench.history.count >= done, timeout=10_000)
    assert float(opened[0].node_by_name("b").params["value"]) == bench.history.coefficient(1)[
        done - 1]
    assert bench.session.state == "running"  # training goes on meanwhile


def test_at_full_speed_records_travel_at_most_every_flush_interval_and_all_on_pause():
    from explorer.training.worker import FLUSH_SECONDS, SLICE_SECONDS

    clock = FakeClock()

    def tick() -> float:  # a millisecond passes per reading
        clock.now += 0.001
        return clock.now

    batches: list = []
    worker = WorkerLoop(on_batches(batches.append), tick)
    worker.set_speed(FULL_SPEED)
    worker.begin(1, replace(PRESETS["tensors"].default_config(), steps=10**6, n_points=50), True)
    slices = 20
    for _ in range(slices):
        worker.run_slice()
    # 20 slices of SLICE_SECONDS each: the first batch at once, then one per FLUSH_SECONDS.
    assert len(batches) <= 1 + slices * SLICE_SECONDS / FLUSH_SECONDS + 1 < slices
    sent = sum(len(batch) for batch in batches)
    worker.pause()  # what was not sent yet goes now: the paused plots show every step taken
    steps = [record.step for batch in batches for record in batch]
    assert len(steps) > sent and steps == list(range(worker.run.steps_done))
