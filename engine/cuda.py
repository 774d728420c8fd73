"""`engine.cuda`: PyTorch's cuda namespace, backed by CuPy when a GPU is usable.

Without CuPy or a GPU, scripts that ask (`torch.cuda.is_available()`) get PyTorch's CPU-only
answers; only placing a tensor on "cuda" raises, naming the `[cuda]` extra.
"""
from __future__ import annotations

from engine import backend
from engine.accelerator import device_count, is_available

__all__ = [
    "current_device",
    "device_count",
    "empty_cache",
    "get_device_name",
    "is_available",
    "manual_seed",
    "manual_seed_all",
    "synchronize",
]


def _runtime():
    return backend.namespace("cuda").cuda.runtime


def current_device() -> int:
    _runtime()  # PyTorch raises here too when there is no GPU
    return 0


def get_device_name(device=None) -> str:
    props = _runtime().getDeviceProperties(0)
    name = props["name"]
    return name.decode() if isinstance(name, bytes) else str(name)


def synchronize(device=None) -> None:
    if is_available():
        backend.namespace("cuda").cuda.Device().synchronize()


def empty_cache() -> None:
    if is_available():
        backend.namespace("cuda").get_default_memory_pool().free_all_blocks()


def manual_seed(seed: int) -> None:
    """Seeds nothing: cuda tensors draw from the CPU generator here (PyTorch ignores it too
    without a GPU)."""


manual_seed_all = manual_seed
