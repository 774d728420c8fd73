"""Benchmark: the explorer's heavy paths, timed here so that the tests check behaviour only.

Run ``QT_QPA_PLATFORM=offscreen python -m explorer.bench [--repeat R]``. Each figure is the best
of R runs and is printed against a baseline measured in the same run, so that a busy or slow
machine shows as itself and not as a regression:

    parse 10^6 numbers       parse_value of a million-number text   vs json.loads of that text
    parse again (cached)     parse_value of the same text again     vs the first parse
    replay step (200 nodes)  one backward event of a 200-node chain vs a repaint of that canvas
    overlay frame            one animation frame and its repaint    vs a 60 Hz frame (16.7 ms)
    10^7 forward, backward   edit + forward + repaint, then backward + repaint of a 10^7-element
                             graph in the window                    vs numpy on the same array
    train 2000 steps         `autograd-explorer train` (seed-004)   vs the hand-derived NumPy loop
    workbench                the same fit in the workbench, live    vs that run headless
                             plots at full speed; the longest UI stall (explorer/training/bench.py)

Then the big-graph figures of explorer/big_graph_bench.py (--nodes N, 0 to skip).

The bounds the tests once asserted are the targets: a step under 0.15 s, a frame under 16 ms, the
parse under 0.6 s and its cached repeat under 0.05 s, each 10^7 pass under 5 s.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

FRAME_SECONDS = 1 / 60


def best_seconds(run: Callable[[], object], repeat: int) -> float:
    """The shortest of `repeat` timed calls of `run`."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, seconds: float, baseline_name: str, baseline: float) -> str:
    return (f"{name:26} {seconds * 1e3:10.2f} ms   {seconds / baseline:8.2f}x "
            f"{baseline_name} ({baseline * 1e3:.2f} ms)")


def parse_figures(repeat: int) -> list[str]:
    from explorer.core.document import value_text
    from explorer.core.document.value_text import parse_value

    text = "[" + ", ".join(f"{k * 0.001:.6f}" for k in range(10**6)) + "]"

    def parse_fresh() -> object:
        value_text._parsed.clear()
        return parse_value(text)

    first = best_seconds(parse_fresh, repeat)
    again = best_seconds(lambda: parse_value(text), repeat)
    return [report("parse 10^6 numbers", first, "json.loads",
                   best_seconds(lambda: json.loads(text), repeat)),
            report("parse again (cached)", again, "the first parse", first)]


def _window(folder: Path):
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from explorer.app import create_application
    from explorer.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)   # never the user's own settings or autosaves
    create_application([sys.argv[0]], "en")
    window = MainWindow(settings=QSettings(str(folder / "settings.ini"),
                                           QSettings.Format.IniFormat),
                        autosave_directory=folder / "autosave", interactive=False)
    window.show()
    QApplication.processEvents()
    return window


def chain_of_200(doc) -> str:
    """The test suite's 200-node chain of sin, tanh, mul and add; returns its root."""
    first = previous = doc.add_node("input", name="x0", params={"value": "0.5"}, pos=(0, 0))
    for i in range(1, 200):
        op = ("sin", "tanh", "mul", "add")[i % 4]
        node = doc.add_node(op, name=f"v{i}", pos=((i % 20) * 240.0, (i // 20) * 160.0))
        if op in ("mul", "add"):
            doc.connect(previous, node, "a")
            doc.connect(first, node, "b")
        else:
            doc.connect(previous, node, "x")
        previous = node
    return previous


def replay_figures(window, repeat: int) -> list[str]:
    root = chain_of_200(window.document)
    window.evaluate_now()
    animator = window.animator

    def seconds_per_step() -> float:
        animator.backward(root, play=False)
        player = animator.player
        started = time.perf_counter()
        while not player.at_end():
            player.step()
        return (time.perf_counter() - started) / len(player)

    def seconds_per_frame() -> float:   # mid-replay, where pulses travel along edges
        animator.backward(root, play=False)
        player = animator.player
        for _ in range(len(player) // 2):
            player.step()
        started = time.perf_counter()
        for k in range(60):
            animator.overlay.set_progress(k / 60)
            window.view.viewport().repaint()
        return (time.perf_counter() - started) / 60

    per_step = min(seconds_per_step() for _ in range(repeat))
    per_frame = min(seconds_per_frame() for _ in range(repeat))
    repaint = best_seconds(window.view.viewport().repaint, repeat)
    return [report("replay step (200 nodes)", per_step, "a repaint of the canvas", repaint),
            report("overlay frame", per_frame, "a 60 Hz frame", FRAME_SECONDS)]


def big_tensor_figures(window) -> list[str]:
    from PySide6.QtWidgets import QApplication

    doc = window.document
    big = doc.add_node("input", name="big", params={"init": "randn", "shape": "10000, 1000"},
                       pos=(0, 600))
    two = doc.add_node("constant", name="two", pos=(0, 800))
    doubled = doc.add_node("mul", name="doubled", pos=(250, 600))
    doc.connect(big, doubled, "a")
    doc.connect(two, doubled, "b")
    total = doc.add_node("sum", name="total", pos=(500, 600))
    doc.connect(doubled, total, "x")

    def forward() -> None:
        window.evaluate_now()
        window.view.viewport().repaint()
        QApplication.processEvents()

    def backward() -> None:
        window.scene.select_nodes([total])
        window.backward_action.trigger()
        window.view.viewport().repaint()
        QApplication.processEvents()

    forward_seconds = best_seconds(forward, 1)
    backward_seconds = best_seconds(backward, 1)
    data = np.random.default_rng(0).standard_normal((10_000, 1_000), dtype=np.float32)
    numpy_seconds = best_seconds(lambda: (data * 2).sum(), 3)
    return [report("10^7 forward + repaint", forward_seconds, "numpy 2*x.sum()", numpy_seconds),
            report("10^7 backward + repaint", backward_seconds, "numpy 2*x.sum()",
                   numpy_seconds)]


def training_figures() -> list[str]:
    from engine.bench import numpy_loop
    from explorer.core.training.cli import main as train

    def headless_train() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            train(["--steps", "2000"])

    from explorer.training import bench as workbench_bench

    return [report("train 2000 steps", best_seconds(headless_train, 1), "numpy loop",
                   best_seconds(lambda: numpy_loop(2000, 2000), 1)),
            *workbench_bench.figures()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explorer.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--nodes", type=int, default=5000,
                        help="nodes of the big random graph (explorer.big_graph_bench; 0: skip)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    lines = parse_figures(args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        for figures in (lambda w: replay_figures(w, args.repeat), big_tensor_figures):
            window = _window(Path(folder))
            lines += figures(window)
            window.undo_stack.setClean()
            window.close()
    lines += training_figures()
    print("\n".join(lines))
    if args.nodes:
        from explorer import big_graph_bench
        big_graph_bench.main(["--nodes", str(args.nodes)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
