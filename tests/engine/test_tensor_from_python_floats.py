"""torch.tensor(python floats, dtype=float64) keeps the doubles: PyTorch converts the Python
numbers straight to the asked dtype, never through the default float32."""
from __future__ import annotations

import pytest

import engine

DATA = [0.1, [0.1, 1 / 3], [[1.5, 2.0 / 3.0]], [1, 2], 7]


@pytest.mark.parametrize("data", DATA)
def test_float64_tensors_hold_the_python_doubles(data):
    for factory in (engine.tensor, engine.as_tensor):
        t = factory(data, dtype=engine.float64)
        assert t.dtype == engine.float64
        assert t.tolist() == data


def test_without_a_dtype_python_floats_are_float32():
    assert engine.tensor([0.1]).dtype == engine.float32
    assert engine.tensor([0.1]).tolist() != [0.1]


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int64"])
def test_the_values_are_torchs(data, dtype):
    torch = pytest.importorskip("torch")
    ours = engine.tensor(data, dtype=getattr(engine, dtype))
    theirs = torch.tensor(data, dtype=getattr(torch, dtype))
    assert ours.tolist() == theirs.tolist()
    assert str(ours.dtype) == str(theirs.dtype)
