"""Four workloads timed with the engine and with PyTorch, on a quiet machine and with one core
kept busy: a small MLP trained with Adam, a 10**6-element elementwise graph, a matmul training
loop and a 3000-op scalar chain. `python -m engine.bench --workloads` prints each engine/torch
ratio and their geometric mean (targets: <= 1.0x quiet, <= 1.2x busy).
"""
from __future__ import annotations

import contextlib
import math
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from types import ModuleType

QUIET_TARGET = 1.0
BUSY_TARGET = 1.2


def mlp(lib: ModuleType, steps: int = 100) -> float:
    """Linear 1-64-64-1 with Tanh, Adam, 1000 points: the issue's MLP."""
    nn = lib.nn
    lib.manual_seed(0)
    model = nn.Sequential(nn.Linear(1, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(),
                          nn.Linear(64, 1))
    x = lib.linspace(-1, 1, 1000).unsqueeze(1)
    y = lib.sin(3 * x)
    opt = lib.optim.Adam(model.parameters(), lr=1e-3)
    loss = None
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    return loss.item()


def elementwise(lib: ModuleType, repeats: int = 3) -> float:
    """A graph of elementwise ops over 10**6 numbers, forward and backward."""
    lib.manual_seed(0)
    x = lib.rand(10**6, requires_grad=True)
    total = 0.0
    for _ in range(repeats):
        y = ((x * 2 + 1).sin() * x.exp()).tanh().sum()
        y.backward()
        total += y.item()
    return total


def matmul_loop(lib: ModuleType, steps: int = 30) -> float:
    """Gradient descent on a 256x256 weight through a tanh layer over 512 samples."""
    lib.manual_seed(0)
    x = lib.randn(512, 256)
    w = (lib.randn(256, 256) * 0.05).requires_grad_()
    loss = None
    for _ in range(steps):
        loss = ((x @ w).tanh() ** 2).mean()
        loss.backward()
        with lib.no_grad():
            w -= 0.1 * w.grad
            w.grad = None
    return loss.item()


def scalar_chain(lib: ModuleType, ops: int = 3000) -> float:
    """3000 ops on a 0-d tensor, then one backward through all of them."""
    x = lib.tensor(0.5, requires_grad=True)
    y = x
    for _ in range(ops // 2):
        y = y * 1.0001 + 0.001
    y.backward()
    return x.grad.item()


WORKLOADS: dict[str, Callable[[ModuleType], float]] = {
    "mlp": mlp, "elementwise": elementwise, "matmul loop": matmul_loop,
    "scalar chain": scalar_chain,
}


def _best(run: Callable[[], float], repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def ratios(engine: ModuleType, torch: ModuleType, repeat: int,
           settle: float = 0.3) -> dict[str, tuple[float, float]]:
    """{workload: (engine seconds, torch seconds)}, the best of `repeat` runs each, in turns."""
    times = {}
    for name, work in WORKLOADS.items():
        engine_s = _best(lambda work=work: work(engine), repeat)
        torch_s = _best(lambda work=work: work(torch), repeat)
        time.sleep(settle)  # PyTorch's OpenMP threads spin on after its last op
        times[name] = (engine_s, torch_s)
    return times


def geometric_mean(values) -> float:
    values = list(values)
    return math.exp(sum(math.log(v) for v in values) / len(values))


# The spinner also stops once its parent is gone: a run killed before `finally` (kill, a
# second Ctrl-C) left it spinning, a busy core for everyone timing on the machine after.
_SPIN = (
    "import os\n"
    "parent = os.getppid()\n"
    "while os.getppid() == parent:\n"
    "    for _ in range(100000):\n"
    "        pass\n"
)


@contextlib.contextmanager
def busy_core() -> Iterator[subprocess.Popen]:
    """One core kept busy by a spinning child process while the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", _SPIN])
    try:
        time.sleep(0.2)
        yield spinner
    finally:
        spinner.kill()
        spinner.wait()


def report(engine: ModuleType, torch: ModuleType, repeat: int, out=print) -> dict[str, float]:
    """Print the ratios quiet and busy; return the two geometric means."""
    means = {}
    for label, target in (("quiet", QUIET_TARGET), ("busy", BUSY_TARGET)):
        with busy_core() if label == "busy" else contextlib.nullcontext():
            times = ratios(engine, torch, repeat)
        threads = torch.get_num_threads() if hasattr(torch, "get_num_threads") else "?"
        out(f"workloads, {label} (best of {repeat}; torch {threads} threads):")
        for name, (engine_s, torch_s) in times.items():
            out(f"  {name:<13}engine {engine_s:8.3f} s   torch {torch_s:8.3f} s   "
                f"engine/torch {engine_s / torch_s:6.2f}x")
        means[label] = geometric_mean(e / t for e, t in times.values())
        out(f"  geometric mean engine/torch {means[label]:6.2f}x   (target <= {target}x)")
    return means
