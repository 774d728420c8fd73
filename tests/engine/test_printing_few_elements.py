"""The formatter's Python-float path for a few elements decides as its NumPy path does."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import printing

SPECIALS = [0.0, -0.0, 1.0, -3.0, 0.5, 1e-5, 1e-4, 9.99e-5, 1000.0, 1e8, 1.5e8, 123456789.0,
            2.0**24 + 1, 0.1, float("nan"), float("inf"), -float("inf"), 65504.0, 3.14159]


def _decisions(values: np.ndarray, few: int) -> tuple:
    saved = printing.FEW_ELEMENTS
    printing.FEW_ELEMENTS = few
    try:
        formatter = printing._Formatter(values, floating=True)
    finally:
        printing.FEW_ELEMENTS = saved
    return (formatter.int_mode, formatter.sci_mode, formatter.max_width,
            [formatter.format(v) for v in values.reshape(-1).tolist()])


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("value", SPECIALS)
def test_one_element_formats_as_the_numpy_path(dtype, value):
    with np.errstate(over="ignore"):
        data = np.array(value, dtype=dtype)
    assert _decisions(data, 16) == _decisions(data, -1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=32),
                          st.sampled_from(SPECIALS)), min_size=1, max_size=16),
       st.sampled_from([np.float32, np.float64]))
def test_few_elements_format_as_the_numpy_path(numbers, dtype):
    data = np.array(numbers, dtype=dtype)
    assert _decisions(data, 16) == _decisions(data, -1)
