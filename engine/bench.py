"""Benchmark: the PyTorch tutorial's cubic-fit training loop, timed three ways in one run.

1. with the engine (``import engine as torch``), the tutorial's code unchanged;
2. with a hand-derived NumPy gradient loop (no autograd at all): the floor;
3. with PyTorch on the CPU, when it is installed.

Run ``python -m engine.bench [--steps N] [--repeat R] [--points P] [--profile] [--workloads]``.
Targets: engine <= 0.5x the PyTorch CPU time and <= 3x the NumPy floor. ``--workloads`` adds
engine/torch ratios of four more workloads, quiet and with one core busy (bench_workloads.py).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import math
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import numpy as np

LEARNING_RATE = 1e-6
TORCH_TARGET = 0.5
NUMPY_TARGET = 3.0
TORCH_SETTLE_S = 0.3  # PyTorch's idle threads spin-wait this long or less (KMP/GOMP defaults)


@dataclass(frozen=True)
class LoopResult:
    """What one training run ends with: the last loss and the coefficients a, b, c, d."""

    loss: float
    coefficients: tuple[float, float, float, float]


def autograd_loop(lib: ModuleType, steps: int, points: int) -> LoopResult:
    """The cubic fit exactly as the tutorial writes it, for any module with PyTorch's API."""
    dtype = lib.float
    x = lib.linspace(-math.pi, math.pi, points, dtype=dtype)
    y = lib.sin(x)
    a = lib.tensor(-0.3, dtype=dtype, requires_grad=True)
    b = lib.tensor(0.5, dtype=dtype, requires_grad=True)
    c = lib.tensor(0.2, dtype=dtype, requires_grad=True)
    d = lib.tensor(-0.1, dtype=dtype, requires_grad=True)
    loss = None
    for t in range(steps):
        y_pred = a + b * x + c * x**2 + d * x**3
        loss = (y_pred - y).pow(2).sum()
        if t % 100 == 99:
            loss.item()  # the tutorial prints it; reading it back is part of the loop's cost
        loss.backward()
        with lib.no_grad():
            a -= LEARNING_RATE * a.grad
            b -= LEARNING_RATE * b.grad
            c -= LEARNING_RATE * c.grad
            d -= LEARNING_RATE * d.grad
            a.grad = None
            b.grad = None
            c.grad = None
            d.grad = None
    final = float("nan") if loss is None else loss.item()
    return LoopResult(final, (a.item(), b.item(), c.item(), d.item()))


def numpy_loop(steps: int, points: int) -> LoopResult:
    """The same loop with the gradient derived by hand (PyTorch's "warm-up: numpy" tutorial)."""
    x = np.linspace(-math.pi, math.pi, points, dtype=np.float32)
    y = np.sin(x)
    a, b, c, d = (np.float32(v) for v in (-0.3, 0.5, 0.2, -0.1))
    loss = float("nan")
    for t in range(steps):
        # PyTorch computes x**2 and x**3 as products; NumPy's float32 x**3 calls powf and is
        # about 100x slower, which would make this floor no floor at all.
        x2 = x * x
        x3 = x2 * x
        y_pred = a + b * x + c * x2 + d * x3
        residual = y_pred - y
        if t % 100 == 99 or t == steps - 1:
            loss = float(np.square(residual).sum())
        # d(loss)/d(y_pred) = 2 (y_pred - y); the chain rule through each term gives the rest.
        grad_y_pred = 2.0 * residual
        grad_a = grad_y_pred.sum()
        grad_b = (grad_y_pred * x).sum()
        grad_c = (grad_y_pred * x2).sum()
        grad_d = (grad_y_pred * x3).sum()
        a -= LEARNING_RATE * grad_a
        b -= LEARNING_RATE * grad_b
        c -= LEARNING_RATE * grad_c
        d -= LEARNING_RATE * grad_d
    return LoopResult(loss, (float(a), float(b), float(c), float(d)))


def best_times(
    contenders: dict[str, Callable[[], LoopResult]], repeat: int,
    pause_after: dict[str, float] | None = None,
) -> dict[str, tuple[float, LoopResult]]:
    """The fastest of ``repeat`` runs of each contender, taken in turns (engine, numpy, torch,
    engine, ...) so that a burst of other work on the machine hits them all alike.

    `pause_after[name]`: seconds to wait, untimed, after that contender's run. PyTorch's
    OpenMP threads keep spinning for a while after its last op; on a two-core machine the
    next contender would be timed against busy cores."""
    best: dict[str, tuple[float, LoopResult]] = {}
    for _ in range(repeat):
        for name, run in contenders.items():
            start = time.perf_counter()
            result = run()
            seconds = time.perf_counter() - start
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, result)
            if pause_after and name in pause_after:
                time.sleep(pause_after[name])
    return best


def _optional_torch() -> ModuleType | None:
    try:
        return importlib.import_module("torch")
    except ImportError:
        return None


def _describe(name: str, seconds: float, result: LoopResult) -> str:
    a, b, c, d = result.coefficients
    return (
        f"{name:<7}{seconds:8.3f} s   final loss {result.loss:.6g}   "
        f"y = {a:.6f} + {b:.6f} x + {c:.6f} x^2 + {d:.6f} x^3"
    )


def _profile_engine(lib: ModuleType, steps: int, points: int, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(autograd_loop, lib, steps, points)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m engine.bench",
        description="Time the PyTorch tutorial's cubic fit with the engine, NumPy and PyTorch.",
    )
    parser.add_argument("--steps", type=int, default=2000, help="training steps (default 2000)")
    parser.add_argument("--points", type=int, default=2000, help="data points (default 2000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=7,
        help="runs per contender, taken in turns; the fastest is kept (default 7)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one engine run"
    )
    parser.add_argument(
        "--workloads", action="store_true",
        help="also time an MLP, a 10**6-element graph, a matmul loop and a 3000-op chain "
        "against PyTorch, quiet and with one core busy",
    )
    args = parser.parse_args(argv)
    if args.steps < 1 or args.points < 2 or args.repeat < 1:
        parser.error("--steps and --repeat must be at least 1, --points at least 2")

    import engine

    print(
        f"cubic-fit training loop: {args.points} points, {args.steps} steps, "
        f"lr {LEARNING_RATE:g}, best of {args.repeat}"
    )
    contenders = {
        "engine": lambda: autograd_loop(engine, args.steps, args.points),
        "numpy": lambda: numpy_loop(args.steps, args.points),
    }
    torch = _optional_torch()
    if torch is not None:
        contenders["torch"] = lambda: autograd_loop(torch, args.steps, args.points)
    times = best_times(contenders, args.repeat, pause_after={"torch": TORCH_SETTLE_S})
    for name, (seconds, result) in times.items():
        line = _describe(name, seconds, result)
        if name == "torch":
            line += f"   ({torch.get_num_threads()} threads)"
        print(line)
    engine_s = times["engine"][0]
    if torch is not None:
        print(f"engine/torch {engine_s / times['torch'][0]:6.2f}x   (target <= {TORCH_TARGET}x)")
    else:
        print("torch   not installed; PyTorch comparison skipped")
    print(f"engine/numpy {engine_s / times['numpy'][0]:6.2f}x   (target <= {NUMPY_TARGET}x)")

    if args.profile:
        _profile_engine(engine, args.steps, args.points, top=25)
    if args.workloads:
        if torch is None:
            print("workloads need PyTorch; skipped")
        else:
            from engine import bench_workloads

            bench_workloads.report(engine, torch, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
