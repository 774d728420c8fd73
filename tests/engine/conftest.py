"""Fixtures of the engine's tests."""
from __future__ import annotations

import types

import numpy as np
import pytest

from engine import backend


class RecordingNumpy(types.ModuleType):
    """NumPy standing in for CuPy, recording which functions are looked up through it."""

    def __init__(self) -> None:
        super().__init__("numpy_standin")
        self.calls: set[str] = set()

    def __getattr__(self, name):
        self.calls.add(name)
        return getattr(np, name)


@pytest.fixture
def fake_cuda():
    """A recording NumPy registered as the "cuda" namespace for the test (no GPU needed)."""
    had_cupy_namespace = "cuda" in backend._namespaces
    xp = RecordingNumpy()
    backend.register("cuda", xp)
    try:
        yield xp
    finally:
        backend.unregister("cuda")
        assert not had_cupy_namespace or backend.cuda_available()
