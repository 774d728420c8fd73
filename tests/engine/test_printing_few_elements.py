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


def _general_scalar(data: np.ndarray) -> str:
    return printing._body_str(data, len("tensor("), floating=data.dtype.kind == "f")


@pytest.mark.parametrize("options", [{}, {"sci_mode": True}, {"sci_mode": False},
                                     {"precision": 2}, {"precision": 0, "sci_mode": True}])
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("value", SPECIALS)
def test_scalar_fast_path_prints_as_the_general_path(options, dtype, value):
    with np.errstate(over="ignore"):
        data = np.array(value, dtype=dtype)
    with printing.printoptions(**options):
        assert printing.scalar_str(data.item(), floating=True) == _general_scalar(data)


@pytest.mark.parametrize("value", [0, -7, 2**62, True, False])
def test_scalar_fast_path_prints_integers_and_bools_as_the_general_path(value):
    data = np.array(value)
    assert printing.scalar_str(data.item(), floating=False) == _general_scalar(data)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True, width=32),
       st.sampled_from([np.float32, np.float64]))
def test_any_scalar_prints_by_the_fast_path_as_the_general_path(number, dtype):
    data = np.array(number, dtype=dtype)
    assert printing.scalar_str(data.item(), floating=True) == _general_scalar(data)
