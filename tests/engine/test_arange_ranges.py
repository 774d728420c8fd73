"""arange refuses a range it cannot build with PyTorch's own messages, never a Python error."""
from __future__ import annotations

import pytest

import engine

NAN, INF = float("nan"), float("inf")
RANGES = [((0, 1e300, 1e-300), "invalid size, possible overflow?"),
          ((-1.7e308, 1.7e308), "invalid size, possible overflow?"),
          ((0, 1e20), "invalid size, possible overflow?"),
          ((0, NAN), "unsupported range: 0 -> nan"),
          ((NAN, 1), "unsupported range: nan -> 1"),
          ((1.5, INF), "unsupported range: 1.5 -> inf"),
          ((0, 1, NAN), "step must be nonzero")]


@pytest.mark.parametrize(("args", "message"), RANGES)
def test_arange_refuses_a_range_it_cannot_build(args, message):
    with pytest.raises(RuntimeError) as raised:
        engine.arange(*args)
    assert str(raised.value) == message


@pytest.mark.parametrize(("args", "message"), RANGES)
def test_pytorch_says_the_same(args, message):
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError) as raised:
        torch.arange(*args)
    assert str(raised.value) == message


def test_an_int_range_past_any_float_is_an_overflow_not_a_python_error():
    with pytest.raises(RuntimeError, match="invalid size"):
        engine.arange(10 ** 400)


def test_an_infinite_step_gives_an_empty_range_as_in_pytorch():
    assert engine.arange(0, 1, INF).shape == (0,)
