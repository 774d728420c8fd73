"""linspace and logspace print PyTorch's exact values: its kernel fills the first half from start
and the second half back from end, each with one fused multiply-add."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine

torch = pytest.importorskip("torch")

ENDS = st.integers(-100_000, 100_000).map(lambda v: v / 100)  # values programs write


def test_the_middle_of_a_symmetric_range_is_what_torch_prints():
    # torch gives -2.9802e-08 here (fma(-step, 3, 1.0)), not 0
    assert engine.linspace(-1, 1, 7).tolist() == torch.linspace(-1, 1, 7).tolist()
    assert engine.linspace(-1, 1, 11, dtype=engine.float64).tolist() == \
        torch.linspace(-1, 1, 11, dtype=torch.float64).tolist()


@settings(max_examples=300, deadline=None)
@given(ENDS, ENDS, st.integers(2, 300), st.sampled_from(["float32", "float64", "int64"]))
def test_linspace_equals_torch_bit_for_bit(start, end, steps, dtype):
    ours = engine.linspace(start, end, steps, dtype=getattr(engine, dtype)).numpy()
    theirs = torch.linspace(start, end, steps, dtype=getattr(torch, dtype)).numpy()
    np.testing.assert_array_equal(ours, theirs)


def test_logspace_uses_the_same_exponents():
    for steps in (5, 7, 11, 50):
        np.testing.assert_allclose(engine.logspace(-2, 2, steps).numpy(),
                                   torch.logspace(-2, 2, steps).numpy(), rtol=1e-7)
