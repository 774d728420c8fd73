"""Benchmark: large graphs in the editor, as ratios against opening a small example.

Run ``QT_QPA_PLATFORM=offscreen python -m explorer.big_graph_bench [--nodes N]``. The machine may be
busy,
so every time is divided by the start-up measured in the same run: a new window opening the
diamond example (in this process, so without Python's own start). Targets: a random N-node DAG
saved with its positions opens in <= 3x the start-up and replays backward in <= 5x; selecting
all N cards takes <= 100 ms; a pan or zoom frame of all N cards <= 16 ms. The same graph without
positions (laid out on open) is timed too.

Issue 16 measured its start-up as a user meets it: the program started offscreen on a small
example (its "10 s to open, 12x the start-up" puts that at 0.84 s). So the same two opens are
also timed as fresh processes (`python -m explorer FILE --screenshot`, Python's start, imports
and window included) and their ratio printed; the in-process ratio above is the stricter one.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from explorer.core.document.file_format import FORMAT, VERSION, document_to_text

OPEN_TARGET = 3.0
BACKWARD_TARGET = 5.0
SELECT_TARGET_S = 0.100
FRAME_TARGET_S = 1 / 60
BINARY_OPS = ("add", "mul", "sub")
UNARY_OPS = ("sin", "tanh", "exp")


def random_dag(nodes: int, seed: int = 0, with_pos: bool = False) -> dict:
    """A graph file's data: scalar leaves and ops whose inputs are recent earlier nodes (so a
    backward from the last node reaches most of the graph); no positions unless asked."""
    rng = random.Random(seed)
    entries, edges = [], []
    for i in range(1, nodes + 1):
        node_id = f"n{i}"
        leaf = i <= 2 or rng.random() < 0.1
        op = "input" if leaf else rng.choice(BINARY_OPS + UNARY_OPS)
        entry = {"id": node_id, "op": op, "name": f"v{i}", "params": {}}
        if leaf:
            entry["params"] = {"value": f"{rng.uniform(0.1, 0.9):.2f}"}
        if with_pos:
            entry["pos"] = [0.0, 0.0]
        entries.append(entry)
        if not leaf:
            ports = ("a", "b") if op in BINARY_OPS else ("x",)
            for port in ports:
                src = rng.randint(max(1, i - 12), i - 1)
                edges.append({"src": f"n{src}", "dst": node_id, "port": port})
    return {"format": FORMAT, "version": VERSION, "root": f"n{nodes}", "nodes": entries,
            "edges": edges}


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def process_seconds(target: list[str], repeat: int = 3) -> float:
    """The best wall time of `python -m explorer TARGET --screenshot …` offscreen, in a fresh
    process with its own settings folder."""
    best = float("inf")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=folder,
                   XDG_DATA_HOME=folder)
        command = [sys.executable, "-m", "explorer", *target, "--lang", "en",
                   "--screenshot", str(Path(folder) / "shot.png")]
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - started)
    return best


def measure_processes(laid_out: Path) -> dict[str, float]:
    """Seconds to start the program on the diamond example and on `laid_out` (a saved file)."""
    return {"start-up": process_seconds(["--example", "diamond"]),
            "open": process_seconds([str(laid_out)])}


def measure(nodes: int, keep: Path | None = None) -> dict[str, float]:
    """Seconds for each step, in one run (start-up first); the graph with its positions is
    also written to `keep`."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from explorer.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings_dir = tempfile.mkdtemp(prefix="bench-")
    from PySide6.QtCore import QSettings
    settings = QSettings(str(Path(settings_dir) / "s.ini"), QSettings.Format.IniFormat)
    windows = []

    def start_small() -> None:
        win = MainWindow(settings=settings, autosave_directory=Path(settings_dir) / "autosave",
                         interactive=False)
        win.show()
        win.open_example("diamond", ask=False)
        app.processEvents()
        windows.append(win)

    times = {"start-up": _timed(start_small)}
    win = windows[0]
    path = Path(settings_dir) / "random.json"
    path.write_text(json.dumps(random_dag(nodes)), encoding="utf-8")

    def open_big() -> None:
        assert win.open_file(str(path), ask=False), win.last_error
        app.processEvents()

    times["open, laid out"] = _timed(open_big)
    path.write_text(document_to_text(win.document), encoding="utf-8")   # now with positions
    if keep is not None:
        keep.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    times["open"] = _timed(open_big)

    def backward() -> None:
        assert win.animator.run_to_end("backward"), win.animator.refusal
        app.processEvents()

    times["backward"] = _timed(backward)
    win.animator.stop()
    ids = [data.id for data in win.document.nodes()]
    times["select all"] = _timed(lambda: win.scene.select_nodes(ids))
    times["clear selection"] = _timed(win.scene.clearSelection)

    view = win.view
    view.fit_to_view()
    view.viewport().repaint()   # the first frame fills the item caches
    frames = 10
    started = time.perf_counter()
    for i in range(frames):   # pan right, zooming in a little every other frame
        view.centerOn(view.mapToScene(view.viewport().rect().center()) + QPointF(40.0, 0.0))
        if i % 2:
            view.scale(1.1, 1.1)
        view.viewport().repaint()
    times["frame"] = (time.perf_counter() - started) / frames
    for w in windows:
        w.undo_stack.setClean()
        w.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        laid_out = Path(folder) / "laid-out.json"
        times = measure(args.nodes, keep=laid_out)
        started = measure_processes(laid_out)
    base = times["start-up"]
    print("In this process (a new window; the stricter figures):")
    print(f"start-up (diamond)       {base:8.3f} s")
    rows = (("open", OPEN_TARGET), ("backward", BACKWARD_TARGET))
    ok = True
    for key, target in rows:
        ratio = times[key] / base
        ok &= ratio <= target
        print(f"{key + f' ({args.nodes} nodes)':<24} {times[key]:8.3f} s  {ratio:6.2f}x  "
              f"(target <= {target:g}x)")
    for key, target in (("select all", SELECT_TARGET_S), ("frame", FRAME_TARGET_S)):
        ok &= times[key] <= target
        print(f"{key:<24} {times[key] * 1000:8.1f} ms          (target <= {target * 1000:.0f} ms)")
    print(f"{'clear selection':<24} {times['clear selection'] * 1000:8.1f} ms")
    unplaced = times["open, laid out"]
    print(f"{'open without positions':<24} {unplaced:8.3f} s  {unplaced / base:6.2f}x  "
          "(laid out on open)")
    print("As a user starts the program (a fresh process each, offscreen, --screenshot):")
    print(f"{'start-up (diamond)':<24} {started['start-up']:8.3f} s")
    ratio = started["open"] / started["start-up"]
    print(f"{f'open ({args.nodes} nodes)':<24} {started['open']:8.3f} s  {ratio:6.2f}x  "
          f"(target <= {OPEN_TARGET:g}x)")
    ratio = times["backward"] / started["start-up"]
    print(f"{'backward, vs that':<24} {times['backward']:8.3f} s  {ratio:6.2f}x  "
          f"(target <= {BACKWARD_TARGET:g}x)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
