"""Benchmark: the PyTorch tutorial's cubic fit (tensors preset) trained headless and in the
workbench with live plots.

Run ``python -m explorer.training.bench [--steps N] [--points P] [--repeat R]`` (offscreen works:
``QT_QPA_PLATFORM=offscreen``). Both ways run the same `TrainingRun`; the GUI way adds the worker
thread, the signals and the ~30 Hz plot redraws. Target: GUI time <= 2x headless time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace

from explorer.core.training.presets import PRESETS, TrainingConfig
from explorer.core.training.runner import TrainingRun

TARGET = 2.0


def time_headless(config: TrainingConfig) -> tuple[float, float]:
    """Seconds for the whole run, and its last loss."""
    started = time.perf_counter()
    last = None
    for last in TrainingRun(config):
        pass
    assert last is not None
    return time.perf_counter() - started, last.loss


def time_gui(config: TrainingConfig) -> tuple[float, float, int]:
    """Seconds from Start until the workbench shows the finished run, its last loss, and the
    number of plot redraws that happened on the way."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from explorer.training.workbench import TrainingWorkbench
    from explorer.training.worker import FULL_SPEED

    app = QApplication.instance() or QApplication(sys.argv[:1])
    bench = TrainingWorkbench()
    bench.set_speed(FULL_SPEED)  # the session's first run is paced to be watched
    bench.set_config(config)
    bench.show()
    app.processEvents()
    redraws = 0
    draw = bench.plots.redraw

    def counted_redraw(*args: object) -> None:
        nonlocal redraws
        redraws += 1
        draw(*args)

    bench.plots.redraw = counted_redraw
    loop = QEventLoop()  # waits like app.exec() does: asleep until an event comes
    bench.session.state_changed.connect(lambda state: loop.quit() if state != "running" else None)
    started = time.perf_counter()
    bench.start()
    loop.exec()
    app.processEvents()  # the final redraw is painted
    elapsed = time.perf_counter() - started
    last = bench.history.last()
    bench.shutdown()
    bench.close()
    bench.deleteLater()
    assert last is not None and bench.session.state == "finished"
    return elapsed, last[1], redraws


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.training.bench")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    config = replace(PRESETS["tensors"].default_config(), steps=args.steps, n_points=args.points)

    headless, gui = [], []
    for _ in range(args.repeat):  # interleaved, so a busy moment of the machine hits both
        seconds, headless_loss = time_headless(config)
        headless.append(seconds)
        seconds, gui_loss, redraws = time_gui(config)
        gui.append(seconds)
    headless_time, gui_time = statistics.median(headless), statistics.median(gui)
    ratio = gui_time / headless_time
    best_ratio = min(gui) / min(headless)  # the least disturbed runs, on a busy machine
    print(f"cubic fit, tensors preset: {args.steps} steps, {args.points} points, "
          f"{args.repeat} runs each")
    print("                  median     best")
    print(
        f"headless          {headless_time:6.3f} s  {min(headless):6.3f} s   "
        f"last loss {headless_loss}"
    )
    print(
        f"GUI, live plots   {gui_time:6.3f} s  {min(gui):6.3f} s   last loss {gui_loss}"
        f"   ({redraws} redraws in the last run)"
    )
    verdict = "meets" if ratio <= TARGET else "misses"
    print(
        f"GUI / headless    {ratio:6.2f} x  {best_ratio:6.2f} x   "
        f"(median {verdict} the target <= {TARGET:g}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
