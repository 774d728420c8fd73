"""Benchmark: the PyTorch tutorial's cubic fit (tensors preset) trained headless and in the
workbench with live plots at full speed.

Run ``python -m explorer.training.bench [--steps N] [--points P] [--repeat R] [--landscape]``
(``--landscape``: with the loss landscape and the optimizer's path drawn live; offscreen works:
``QT_QPA_PLATFORM=offscreen``); ``python -m explorer.bench`` prints the same figures. Both ways run
the same `TrainingRun`; the GUI way adds the worker process, the pipe and the plot redraws. The
GUI run is timed from Start, once the worker process has loaded: it starts when the workbench is
shown, and a user opens the workbench before pressing Start.
Targets: GUI time <= 1.3x the headless time, and no stall of the GUI thread over 50 ms (the
longest wait of a 10 ms timer beyond its interval, the window's responsiveness while training),
shown beside the same timer's longest wait with nothing training. On a machine whose cores are
busy, the GUI thread's CPU time (drawing) is the steadier figure.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from dataclasses import dataclass, replace

from explorer.core.training.presets import PRESETS, TrainingConfig
from explorer.core.training.runner import TrainingRun

TARGET = 1.3
STALL_TARGET_MS = 50.0
TICK_MS = 10


@dataclass(frozen=True)
class GuiRun:
    seconds: float  # from Start until the workbench shows the finished run
    last_loss: float
    redraws: int
    gui_cpu_seconds: float  # the GUI thread's CPU time meanwhile
    longest_stall_ms: float  # the longest a 10 ms timer waited beyond its interval


def time_headless(config: TrainingConfig) -> tuple[float, float]:
    """Seconds for the whole run, and its last loss."""
    started = time.perf_counter()
    last = None
    for last in TrainingRun(config):
        pass
    assert last is not None
    return time.perf_counter() - started, last.loss


def time_gui(config: TrainingConfig, *, landscape: bool = False) -> GuiRun:
    """The run of `config` in a workbench at full speed, from Start to the painted end;
    `landscape`: with the loss landscape and the path on it."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.training.workbench import TrainingWorkbench
    from explorer.training.worker import FULL_SPEED

    app = QApplication.instance() or QApplication(sys.argv[:1])
    bench = TrainingWorkbench()
    bench.set_speed(FULL_SPEED)  # the session's first run is paced to be watched
    bench.landscape_check.setChecked(landscape)
    bench.set_config(config)
    bench.show()  # starts the worker process, as when the user opens the workbench
    app.processEvents()
    bench.session.wait_until_ready()  # the user sets up the run meanwhile: not timed
    redraws = 0
    draw = bench.plots.redraw

    def counted_redraw(*args: object, **options: object) -> None:
        nonlocal redraws
        redraws += 1
        draw(*args, **options)

    bench.plots.redraw = counted_redraw
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()  # waits like app.exec() does: asleep until an event comes
    bench.session.state_changed.connect(lambda state: loop.quit() if state != "running" else None)
    started, cpu_started = time.perf_counter(), time.thread_time()
    ticks.append(started)
    ticker.start()
    bench.start()
    loop.exec()
    app.processEvents()  # the final redraw is painted
    elapsed, cpu = time.perf_counter() - started, time.thread_time() - cpu_started
    ticker.stop()
    ticks.append(time.perf_counter())
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    last = bench.history.last()
    state = bench.session.state
    bench.shutdown()
    bench.close()
    bench.deleteLater()
    assert last is not None and state == "finished"
    return GuiRun(elapsed, last[1], redraws, cpu, max(0.0, 1e3 * max(gaps) - TICK_MS))


def idle_stall_ms(seconds: float) -> float:
    """The longest wait of the same 10 ms timer beyond its interval with nothing training: what
    the machine itself (other processes on its cores) adds to every stall measured here."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv[:1])
    ticks = [time.perf_counter()]
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    QTimer.singleShot(max(int(seconds * 1000), TICK_MS), loop.quit)
    ticker.start()
    loop.exec()
    ticker.stop()
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    return max(0.0, 1e3 * max(gaps, default=0.0) - TICK_MS)


def figures(steps: int = 2000, points: int = 2000, repeat: int = 5, *,
            landscape: bool = False) -> list[str]:
    """The benchmark's lines: median and best of `repeat` interleaved runs each way."""
    config = replace(PRESETS["tensors"].default_config(), steps=steps, n_points=points)
    headless: list[float] = []
    gui: list[GuiRun] = []
    for _ in range(repeat):  # interleaved, so a busy moment of the machine hits both
        seconds, headless_loss = time_headless(config)
        headless.append(seconds)
        gui.append(time_gui(config, landscape=landscape))
    headless_time = statistics.median(headless)
    gui_times = [run.seconds for run in gui]
    gui_time = statistics.median(gui_times)
    ratio = gui_time / headless_time
    best_ratio = min(gui_times) / min(headless)  # the least disturbed runs, on a busy machine
    cpu_share = statistics.median(run.gui_cpu_seconds / run.seconds for run in gui)
    cpu_ms = 1e3 * statistics.median(run.gui_cpu_seconds for run in gui)
    stall = max(run.longest_stall_ms for run in gui)
    idle_stall = idle_stall_ms(sum(gui_times))
    last = gui[-1]
    verdict = "meets" if ratio <= TARGET else "misses"
    stall_verdict = "meets" if stall <= STALL_TARGET_MS else "misses"
    return [
        (f"workbench, cubic fit (tensors preset): {steps} steps, {points} points, "
        f"{repeat} runs each" + (", loss landscape on" if landscape else "")),
        "                  median     best",
        (f"headless          {headless_time:6.3f} s  {min(headless):6.3f} s   "
        f"last loss {headless_loss}"),
        (f"GUI, live plots   {gui_time:6.3f} s  {min(gui_times):6.3f} s   "
        f"last loss {last.last_loss}   ({last.redraws} redraws in the last run)"),
        (f"GUI / headless    {ratio:6.2f} x  {best_ratio:6.2f} x   "
        f"(median {verdict} the target <= {TARGET:g}x)"),
        (f"GUI thread CPU    {cpu_share:6.0%} of the GUI run's time, {cpu_ms:.0f} ms (medians;"
        " training goes on meanwhile in its own process)"),
        (f"longest UI stall  {stall:6.1f} ms   ({stall_verdict} the target <= "
        f"{STALL_TARGET_MS:g} ms)"),
        f"  nothing training {idle_stall:6.1f} ms   (the same timer as long, the machine's own)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.training.bench")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--landscape", action="store_true",
                        help="draw the loss landscape and the optimizer's path live")
    args = parser.parse_args(argv)
    print("\n".join(figures(args.steps, args.points, args.repeat, landscape=args.landscape)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
