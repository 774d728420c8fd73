"""0-dim float arithmetic through Python floats (engine.ops.scalar_math) gives NumPy's bits."""

import operator
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine.ops import scalar_math

OPS = [operator.add, operator.sub, operator.mul]
float32s = st.floats(width=32, allow_nan=True, allow_infinity=True)
float64s = st.floats(allow_nan=True, allow_infinity=True)


def _bits(value: np.ndarray) -> bytes:
    # NaN payloads aside, bit equality (signed zeros, infinities, every rounding)
    return b"nan" if np.isnan(value) else value.tobytes()


def _numpy(op, a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow to inf is part of the test
        return np.asarray(op(a, b))


def _ours(op, a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return scalar_math.scalar_result(op, a, b)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(OPS), float32s, float32s)
def test_float32_arrays_round_as_numpy(op, a, b):
    xa, xb = np.array(a, np.float32), np.array(b, np.float32)
    assert scalar_math.applies(xa, xb)
    ours = _ours(op, xa, xb)
    assert ours.dtype == np.float32 and ours.shape == ()
    assert _bits(ours) == _bits(_numpy(op, xa, xb))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(OPS), float32s, float64s)
def test_float32_array_with_python_float_rounds_as_numpy(op, a, b):
    xa = np.array(a, np.float32)
    ours = _ours(op, xa, b)
    assert ours.dtype == np.float32
    assert _bits(ours) == _bits(_numpy(op, xa, b))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(OPS), float64s, float64s)
def test_float64_is_python_float(op, a, b):
    xa, xb = np.array(a), np.array(b)
    assert _bits(_ours(op, xa, xb)) == _bits(_numpy(op, xa, xb))


def test_close_values_where_rounding_twice_could_show():
    # products and sums whose exact value lies next to a float32 rounding boundary
    rng = np.random.default_rng(0)
    a = rng.standard_normal(20000).astype(np.float32)
    b = (a * np.float32(1 + 2**-23)).astype(np.float32)
    for op in OPS:
        for x, y in zip(a, b):
            xa, xb = np.array(x), np.array(y)
            assert _ours(op, xa, xb).tobytes() == np.asarray(op(xa, xb)).tobytes()


@pytest.mark.parametrize(
    ("xa", "xb"),
    [
        (np.ones(3, np.float32), 1.0),  # not 0-dim
        (np.array(1, np.int64), 1.0),  # not a float dtype
        (np.array(1, np.float16), 1.0),  # float16 left to NumPy
        (np.array(1, np.float32), np.array(1.0)),  # mixed float32 and float64
        (np.array(1, np.float32), 1),  # a Python int
    ],
)
def test_other_operands_are_left_to_numpy(xa, xb):
    assert not scalar_math.applies(xa, xb)
    if xa.ndim == 0 and isinstance(xb, (float, np.ndarray)):
        # what binary ops call for any two 0-dim operands: None sends them to NumPy
        assert scalar_math.scalar_result(operator.mul, xa, xb) is None


def test_optimizer_step_on_scalars_matches_numpy_float32():
    # `p -= lr * p.grad` on 0-dim tensors, the tutorial's update, against plain NumPy float32
    values = np.random.default_rng(1).standard_normal((50, 2)).astype(np.float32)
    for p0, g0 in values:
        p = engine.tensor(float(p0), requires_grad=True)
        p.grad = engine.tensor(float(g0))
        with engine.no_grad():
            p -= 1e-3 * p.grad
            p += p.grad * 0.5
            p *= p.grad
        expected = np.float32(p0)
        expected = expected - np.float32(1e-3) * np.float32(g0)
        expected = expected + np.float32(g0) * np.float32(0.5)
        expected = expected * np.float32(g0)
        assert p.detach().numpy().tobytes() == np.asarray(expected, np.float32).tobytes()
        assert p._vc[0] == 3  # each in-place update counted


def test_scalar_update_writes_through_a_view():
    w = engine.tensor([1.0, 2.0, 3.0])
    first = w[0]
    first -= engine.tensor(0.25)
    assert w.tolist() == [0.75, 2.0, 3.0]
