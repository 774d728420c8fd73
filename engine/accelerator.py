"""`engine.accelerator`: PyTorch's accelerator namespace, backed by CuPy when a GPU is usable."""
from __future__ import annotations

from engine import backend


def is_available() -> bool:
    """True when CuPy is installed and sees at least one GPU."""
    return backend.cuda_available()


def current_accelerator(check_available: bool = False) -> backend.device | None:
    """device("cuda") when an accelerator is available, else None (as PyTorch on a CPU box)."""
    return backend.device("cuda") if is_available() else None


def device_count() -> int:
    if not is_available():
        return 0
    return int(backend.namespace("cuda").cuda.runtime.getDeviceCount())
