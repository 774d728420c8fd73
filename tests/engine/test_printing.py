"""Tensor printing must match PyTorch 2.13 character for character.

Three kinds of check: an oracle comparison with torch (hand-picked cases and hypothesis),
a golden file recorded from torch (runs without torch), and the print-option API.
Re-record the golden file with torch installed:
    PYTHONPATH=. .venv/bin/python tests/engine/test_printing.py
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import engine
from engine import backend, observer
from engine.printing import get_printoptions, printoptions, set_printoptions, tensor_str

GOLDEN = Path(__file__).parent / "golden_printing" / "cases.json"

NAN, INF = math.nan, math.inf


@dataclass(frozen=True)
class Case:
    """One tensor to print: its data, how autograd sees it, and the print options in force."""

    make: Callable[[], np.ndarray]
    grad: str | None = None  # None, "requires_grad", or a grad_fn name from GRAD_FN_OPS
    options: dict = field(default_factory=dict)


# How the oracle gives a torch tensor each grad_fn without changing any value (-0. and nan too).
GRAD_FN_OPS = {
    "MulBackward0": lambda t: t * 1,
    "CloneBackward0": lambda t: t.clone(),
    "ViewBackward0": lambda t: t.view(t.shape),
}


def f32(values) -> Callable[[], np.ndarray]:
    return lambda: np.array(values, dtype=np.float32)


def f64(values) -> Callable[[], np.ndarray]:
    return lambda: np.array(values, dtype=np.float64)


def f16(values) -> Callable[[], np.ndarray]:
    return lambda: np.array(values, dtype=np.float16)


def i64(values) -> Callable[[], np.ndarray]:
    return lambda: np.array(values, dtype=np.int64)


def boolean(values) -> Callable[[], np.ndarray]:
    return lambda: np.array(values, dtype=np.bool_)


def sevenths(shape: tuple[int, ...], dtype=np.float32, offset: float = 0.0):
    """Deterministic non-integer values (exact IEEE division, same on every machine)."""
    count = math.prod(shape)
    return lambda: ((np.arange(count, dtype=np.float64) / 7 + offset).astype(dtype)).reshape(shape)


def counting(shape: tuple[int, ...], dtype=np.int64, scale: int = 1):
    return lambda: (np.arange(math.prod(shape), dtype=np.int64) * scale) \
        .astype(dtype).reshape(shape)


def alternating(shape: tuple[int, ...]):
    return lambda: (np.arange(math.prod(shape)) % 3 == 0).reshape(shape)


def spread(shape: tuple[int, ...], dtype=np.float32):
    """Magnitudes from 1e-6 to 1e6 with both signs: forces scientific notation."""
    count = math.prod(shape)

    def make() -> np.ndarray:
        exponents = np.arange(count) % 13 - 6
        signs = np.where(np.arange(count) % 2 == 0, 1.0, -1.0)
        return (signs * 1.5 * 10.0 ** exponents).astype(dtype).reshape(shape)

    return make


CASES: dict[str, Case] = {
    # 0-d
    "scalar_two": Case(f32(2.0)),
    "scalar_zero": Case(f32(0.0)),
    "scalar_negative_zero": Case(f32(-0.0)),
    "scalar_tenth": Case(f32(0.1)),
    "scalar_four_decimals": Case(f32(88.98764)),
    "scalar_tiny": Case(f32(1e-5)),
    "scalar_huge": Case(f32(1e10)),
    "scalar_integer_past_1e8": Case(f32(123456789.0)),
    "scalar_exactly_1e8": Case(f32(1e8)),
    "scalar_nan": Case(f32(NAN)),
    "scalar_inf": Case(f32(INF)),
    "scalar_negative_inf": Case(f32(-INF)),
    "scalar_int": Case(i64(3)),
    "scalar_negative_int": Case(i64(-7)),
    "scalar_bool": Case(boolean(True)),
    "scalar_float64": Case(f64(2.5)),
    "scalar_float64_third": Case(f64(1 / 3)),
    "scalar_float16": Case(f16(0.3)),
    "scalar_requires_grad": Case(f32(2.0), grad="requires_grad"),
    "scalar_grad_fn": Case(f32(88.98764), grad="MulBackward0"),
    "scalar_float64_grad_fn": Case(f64(-0.5), grad="CloneBackward0"),
    # 1-d: notation choice
    "vector_integers": Case(f32([1.0, 2.0, 3.0])),
    "vector_signed_tenths": Case(f32([0.1, -0.2, 0.3])),
    "vector_even_integers": Case(f32([0.0, 4.0, 8.0, 12.0])),
    "vector_ratio_exactly_1000": Case(f32([1.0, 1000.0])),
    "vector_ratio_above_1000_fraction": Case(f32([1.0, 1000.5])),
    "vector_ratio_above_1000_integers": Case(f32([1.0, 1001.0])),
    "vector_min_exactly_1e-4": Case(f32([1e-4, 2e-4])),
    "vector_min_below_1e-4": Case(f32([9.99e-5, 2e-4])),
    "vector_nan_inf_integers": Case(f32([NAN, 1.0, INF])),
    "vector_nan_inf_fractions": Case(f32([NAN, 1.5, -INF])),
    "vector_only_nonfinite": Case(f32([NAN, INF, -INF])),
    "vector_zeros_signed": Case(f32([0.0, -0.0])),
    "vector_negative_zero_fractions": Case(f32([-0.0, 1.5])),
    "vector_negative_zero_sci": Case(f32([-0.0, 1e-6, 5.0])),
    "vector_huge_opposites": Case(f32([1e20, -1e20])),
    "vector_float64_extremes": Case(f64([1e-300, 1e300])),
    "vector_float64_thirds": Case(f64([1 / 3, 2 / 3, -1.0])),
    "vector_float16": Case(f16([0.1, 2.0, -3.5])),
    "vector_float16_integers": Case(f16([1.0, 2048.0])),
    "vector_ints": Case(i64([1, -22, 333])),
    "vector_large_ints": Case(i64([2**40, -1, 2**62])),
    "vector_bools": Case(boolean([True, False])),
    "vector_all_true": Case(boolean([True, True])),
    "vector_all_false": Case(boolean([False])),
    "vector_rounds_up_to_width": Case(f32([9.99996, 1.0])),
    # empty
    "empty_float": Case(f32([])),
    "empty_int": Case(i64([])),
    "empty_bool": Case(boolean([])),
    "empty_float64": Case(f64([])),
    "empty_rows": Case(lambda: np.zeros((0, 3), np.float32)),
    "empty_3d_bool": Case(lambda: np.zeros((2, 0, 4), np.bool_)),
    "empty_requires_grad": Case(lambda: np.zeros((0, 2), np.float64), grad="requires_grad"),
    # 1-d: line wrapping and summarisation
    "wrap_sevenths_30": Case(sevenths((30,))),
    "wrap_ints_100": Case(counting((100,))),
    "wrap_float64_25": Case(sevenths((25,), np.float64, -1.0)),
    "wrap_sci_20": Case(spread((20,))),
    "wrap_999_under_threshold": Case(sevenths((999,))),
    "threshold_exactly_1000": Case(counting((1000,))),
    "summarised_1001": Case(sevenths((1001,))),
    "summarised_float64_1001": Case(sevenths((1001,), np.float64)),
    "summarised_ints_2000": Case(counting((2000,), scale=-3)),
    "summarised_bools_1500": Case(alternating((1500,))),
    "summarised_width_from_edges_only": Case(
        lambda: np.concatenate([[1.0, 2.0, 3.0], np.full(2000, 0.5), [4.0, 5.0, 6.0]])
        .astype(np.float32)
    ),
    # 2-d
    "matrix_ones": Case(lambda: np.ones((2, 2), np.float32)),
    "matrix_tenths": Case(f32([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])),
    "matrix_mixed_magnitudes": Case(f32([[1e-3, 2.0, -3e4], [4.5, -0.0, 6.0]])),
    "matrix_wrapping_rows": Case(sevenths((5, 20))),
    "matrix_ints": Case(counting((10, 10), scale=7)),
    "matrix_bools": Case(alternating((3, 4))),
    "matrix_summarised_both_axes": Case(sevenths((40, 40), offset=-2.0)),
    "matrix_column_1000": Case(sevenths((1000, 1))),
    "matrix_column_1001": Case(sevenths((1001, 1))),
    "matrix_summarised_columns": Case(sevenths((2, 600))),
    "matrix_float64_sci": Case(spread((4, 5), np.float64)),
    "matrix_nan_row": Case(f32([[NAN, NAN], [1.25, -2.0]])),
    # 3-d and 4-d: nested brackets and blank lines
    "cube_small": Case(counting((2, 2, 2), np.float32)),
    "cube_sevenths": Case(sevenths((2, 3, 4))),
    "cube_ints": Case(counting((2, 3, 5), scale=1000)),
    "cube_sci": Case(spread((2, 2, 3))),
    "cube_summarised": Case(sevenths((10, 10, 11))),
    "cube_bools": Case(alternating((2, 2, 3))),
    "hyper_small": Case(counting((2, 2, 2, 2), np.float32)),
    "hyper_float64": Case(sevenths((2, 3, 2, 3), np.float64)),
    "hyper_summarised": Case(sevenths((7, 7, 7, 7), offset=-100.0)),
    # autograd suffixes
    "vector_requires_grad": Case(f32([1.0, 2.0]), grad="requires_grad"),
    "matrix_requires_grad": Case(sevenths((2, 3)), grad="requires_grad"),
    "matrix_grad_fn": Case(f32([[3.0, 3.0], [3.0, 3.0]]), grad="MulBackward0"),
    "cube_grad_fn": Case(sevenths((2, 2, 3)), grad="ViewBackward0"),
    "float64_requires_grad": Case(f64([1.0, 2.0]), grad="requires_grad"),
    "float64_grad_fn_after_dtype": Case(sevenths((3, 3), np.float64), grad="MulBackward0"),
    "summarised_grad_fn": Case(sevenths((1001,)), grad="CloneBackward0"),
    # print options
    "option_precision_2": Case(sevenths((5,)), options={"precision": 2}),
    "option_precision_8_float64": Case(sevenths((5,), np.float64), options={"precision": 8}),
    "option_precision_0": Case(f32([0.5, 1.5, 2.25]), options={"precision": 0}),
    "option_threshold_5": Case(counting((10,)), options={"threshold": 5}),
    "option_threshold_0_scalar": Case(f32(1.5), options={"threshold": 0}),
    "option_edgeitems_1": Case(sevenths((4, 5, 6)), options={"threshold": 10, "edgeitems": 1}),
    "option_edgeitems_0_vector": Case(sevenths((10,)), options={"threshold": 5, "edgeitems": 0}),
    "option_edgeitems_0_matrix": Case(sevenths((4, 4)), options={"threshold": 5, "edgeitems": 0}),
    "option_edgeitems_0_small": Case(f32([1.0, 2.0]), options={"edgeitems": 0}),
    "option_linewidth_40": Case(sevenths((3, 12)), options={"linewidth": 40}),
    "option_linewidth_tiny": Case(sevenths((4,)), grad="MulBackward0", options={"linewidth": 5}),
    "option_sci_forced_on": Case(f32([1.0, 2.5]), options={"sci_mode": True}),
    "option_sci_forced_on_integers": Case(f32([1.0, 2.0]), options={"sci_mode": True}),
    "option_sci_forced_off": Case(f32([1e-6, 1e6]), options={"sci_mode": False}),
    "option_profile_short": Case(sevenths((3, 3)), options={"profile": "short"}),
    "option_profile_full": Case(counting((1200,)), options={"profile": "full"}),
}

# Suffix placement: vectors whose last line ends at every column near the line width.
for _n in range(6, 13):
    CASES[f"suffix_wrap_float64_{_n}"] = Case(sevenths((_n,), np.float64), grad="MulBackward0")
    CASES[f"suffix_wrap_requires_grad_{_n}"] = Case(
        sevenths((_n,), np.float64, 10.0), grad="requires_grad"
    )


def case_text(case: Case) -> str:
    data = case.make()
    grad_fn = case.grad if case.grad in GRAD_FN_OPS else None
    with printoptions(**case.options):
        return tensor_str(
            data,
            "torch." + data.dtype.name,
            grad_fn_name=grad_fn,
            requires_grad=case.grad is not None,
        )


@contextlib.contextmanager
def torch_printoptions(torch, options: dict) -> Iterator[None]:
    saved = torch._tensor_str.get_printoptions()
    torch.set_printoptions(**options)
    try:
        yield
    finally:
        torch.set_printoptions(**saved)


def torch_text(torch, case: Case) -> str:
    tensor = torch.from_numpy(case.make().copy())
    if case.grad is not None:
        tensor.requires_grad_()
        if case.grad in GRAD_FN_OPS:
            tensor = GRAD_FN_OPS[case.grad](tensor)
    with torch_printoptions(torch, case.options):
        return repr(tensor)


@pytest.fixture(autouse=True)
def default_printoptions() -> Iterator[None]:
    set_printoptions(profile="default")
    yield
    set_printoptions(profile="default")


@pytest.mark.parametrize("name", sorted(CASES))
def test_prints_like_pytorch(name: str) -> None:
    torch = pytest.importorskip("torch")
    assert case_text(CASES[name]) == torch_text(torch, CASES[name])


def test_golden_file_matches_without_torch() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) >= 30
    mismatches = {name: case_text(CASES[name]) for name in golden}
    mismatches = {name: text for name, text in mismatches.items() if text != golden[name]}
    assert not mismatches, "\n\n".join(
        f"{name}:\n{text}\n--- expected ---\n{golden[name]}" for name, text in mismatches.items()
    )


FLOAT_SPECIALS = [0.0, -0.0, NAN, INF, -INF, 1e-5, 1e-4, 9.999e-5, 1000.0, 1e8, 1.5e8, 0.5]


def float_elements(dtype: np.dtype) -> st.SearchStrategy[float]:
    """Finite, non-finite, integral and decimal-looking values, rounded to `dtype`."""
    largest = float(np.finfo(dtype).max)
    return (
        st.one_of(
            st.floats(width=dtype.itemsize * 8, allow_subnormal=False),
            st.integers(-2000, 2000).map(float),
            st.sampled_from(FLOAT_SPECIALS),
            st.builds(lambda m, e: m * 10.0**e, st.integers(-99, 99), st.integers(-8, 9)),
        )
        .filter(lambda v: not abs(v) > largest)
        .map(lambda v: float(dtype.type(v)))
    )


@st.composite
def arrays(draw) -> np.ndarray:
    dtype = draw(st.sampled_from(
        ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"]
    ))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))
    if draw(st.booleans()):  # a long row, to cross the line width
        shape = (draw(st.integers(10, 40)),)
    if dtype == "int64":
        elements = st.integers(-(2**63), 2**63 - 1) | st.integers(-50, 50)
    elif dtype in ("bool", "int32", "int16", "int8", "uint8"):
        elements = None  # hypothesis' own strategy for the dtype covers its whole range
    else:
        elements = float_elements(np.dtype(dtype))
    return draw(hnp.arrays(dtype, shape, elements=elements))


printoption_sets = st.fixed_dictionaries(
    {},
    optional={
        "precision": st.integers(0, 8),
        "threshold": st.integers(0, 60),
        "edgeitems": st.integers(0, 4),
        "linewidth": st.integers(10, 120),
        "sci_mode": st.sampled_from([None, True, False]),
    },
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=arrays(),
    grad=st.sampled_from([None, "requires_grad", *GRAD_FN_OPS]),
    options=printoption_sets,
)
def test_random_tensors_print_like_pytorch(data: np.ndarray, grad: str | None, options) -> None:
    torch = pytest.importorskip("torch")
    if data.dtype.kind != "f":
        grad = None  # only floating tensors can require grad
    case = Case(lambda: data, grad=grad, options=options)
    assert case_text(case) == torch_text(torch, case)


def test_device_suffix_comes_first_and_is_omitted_on_cpu() -> None:
    data = np.array([1.0, 2.0], np.float64)
    assert tensor_str(data, "torch.float32", device="cpu") == "tensor([1., 2.])"
    assert tensor_str(data, "torch.float32", device="cuda:0") == "tensor([1., 2.], device='cuda:0')"
    assert (
        tensor_str(data, "torch.float64", device="cuda:0", grad_fn_name="MulBackward0")
        == "tensor([1., 2.], device='cuda:0', dtype=torch.float64, grad_fn=<MulBackward0>)"
    )
    empty = np.zeros((0, 3), np.int64)
    assert (
        tensor_str(empty, "torch.int64", device="cuda:1")
        == "tensor([], device='cuda:1', size=(0, 3), dtype=torch.int64)"
    )


@pytest.mark.parametrize("default_dtype", ["float64", "float16"])
@pytest.mark.parametrize(
    "name", ["vector_integers", "vector_float64_thirds", "empty_float", "empty_float64",
             "vector_float16", "vector_ints", "scalar_requires_grad"],
)
def test_default_dtype_is_the_one_left_unnamed(name: str, default_dtype: str) -> None:
    torch = pytest.importorskip("torch")
    data = CASES[name].make()
    saved = torch.get_default_dtype()
    torch.set_default_dtype(getattr(torch, default_dtype))
    try:
        expected = torch_text(torch, CASES[name])
    finally:
        torch.set_default_dtype(saved)
    text = tensor_str(
        data, data.dtype.name, requires_grad=CASES[name].grad is not None,
        default_dtype="torch." + default_dtype,
    )
    assert text == expected


def test_float32_is_named_when_float64_is_the_default() -> None:
    data = np.array([1.0, 2.0], np.float32)
    assert tensor_str(data, "torch.float32", default_dtype="torch.float64") == (
        "tensor([1., 2.], dtype=torch.float32)"
    )
    assert tensor_str(data, "torch.float64", default_dtype="torch.float64") == "tensor([1., 2.])"


def test_dtype_name_without_torch_prefix_is_accepted() -> None:
    data = np.array([1.0, 2.0])
    assert tensor_str(data, "float64") == tensor_str(data, "torch.float64")
    assert tensor_str(data, "float64") == "tensor([1., 2.], dtype=torch.float64)"


def test_data_is_read_as_the_named_dtype() -> None:
    # A float32 tensor whose values arrive as float64 still prints float32 digits.
    assert tensor_str(np.array([0.1]), "torch.float32") == "tensor([0.1000])"
    assert tensor_str(np.array([1, 0]), "torch.bool") == "tensor([ True, False])"


def test_unknown_dtype_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="cannot print a tensor of dtype 'torch.complex64'"):
        tensor_str(np.array([1j]), "torch.complex64")


def test_default_printoptions_are_pytorchs() -> None:
    assert get_printoptions() == {
        "precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None,
    }


def test_set_printoptions_resets_sci_mode_when_left_out() -> None:
    set_printoptions(sci_mode=True)
    assert get_printoptions()["sci_mode"] is True
    set_printoptions(precision=6)
    assert get_printoptions()["sci_mode"] is None
    assert get_printoptions()["precision"] == 6


def test_profiles_set_four_options_and_explicit_values_win() -> None:
    set_printoptions(profile="short", linewidth=100)
    assert get_printoptions() == {
        "precision": 2, "threshold": 1000, "edgeitems": 2, "linewidth": 100, "sci_mode": None,
    }
    set_printoptions(profile="full")
    assert get_printoptions()["threshold"] == math.inf
    set_printoptions(profile="default")
    assert get_printoptions()["threshold"] == 1000


def test_get_printoptions_round_trips_through_set_printoptions() -> None:
    set_printoptions(precision=2, edgeitems=1, linewidth=50, threshold=7, sci_mode=False)
    saved = get_printoptions()
    set_printoptions(profile="default")
    set_printoptions(**saved)
    assert get_printoptions() == saved


def test_printoptions_context_restores_even_after_an_error() -> None:
    with pytest.raises(RuntimeError), printoptions(precision=1):
        assert tensor_str(np.array([0.25], np.float32), "torch.float32") == "tensor([0.2])"
        raise RuntimeError
    assert get_printoptions()["precision"] == 4


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"precision": "4"}, TypeError, "precision must be an int"),
        ({"precision": -1}, ValueError, "precision must be >= 0"),
        ({"edgeitems": 1.5}, TypeError, "edgeitems must be an int"),
        ({"linewidth": 0}, ValueError, "linewidth must be >= 1"),
        ({"threshold": "many"}, TypeError, "threshold must be a number"),
        ({"sci_mode": "yes"}, TypeError, "sci_mode must be True, False or None"),
        ({"profile": "wide"}, ValueError, "profile must be one of"),
    ],
)
def test_bad_printoptions_are_rejected_and_leave_options_unchanged(options, error, message):
    before = get_printoptions()
    with pytest.raises(error, match=message):
        set_printoptions(**options)
    assert get_printoptions() == before


# Programs written once for both libraries: `t` is torch or engine.
ENGINE_PROGRAMS: dict[str, Callable] = {
    "leaf_requires_grad": lambda t: t.tensor([[1.0, 1.0], [1.0, 1.0]], requires_grad=True),
    "mul_grad_fn": lambda t: t.tensor([0.1, 0.2, 0.3], requires_grad=True) * 2,
    "pow_scalar_grad_fn": lambda t: t.tensor([1.5, -2.0], requires_grad=True) ** 2,
    "mean_scalar": lambda t: (t.ones(2, 2, requires_grad=True) * 27).mean(),
    "int_arange": lambda t: t.arange(12).reshape(3, 4),
    "summarised_arange": lambda t: t.arange(3000).reshape(30, 100) / 7,
    "float64_ones": lambda t: t.ones(2, 3, dtype=t.float64),
    "empty_rows": lambda t: t.zeros(0, 3),
    "empty_int": lambda t: t.tensor([], dtype=t.int64),
    "comparison_bools": lambda t: t.tensor([1.0, 2.0, 3.0]) > 1.5,
    "scalar_bool": lambda t: t.tensor(2.0) == t.tensor(2.0),
    "detached_grad_fn_gone": lambda t: (t.tensor([2.0], requires_grad=True) * 3).detach(),
    "grad_after_backward": lambda t: _grad_of_square_sum(t),
    "division_wraps": lambda t: t.arange(25) / 3 - 4,
}


def _grad_of_square_sum(t):
    x = t.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], requires_grad=True)
    (x**2).sum().backward()
    return x.grad


@pytest.mark.parametrize("name", sorted(ENGINE_PROGRAMS))
def test_engine_tensor_repr_and_str_match_pytorch(name: str) -> None:
    torch = pytest.importorskip("torch")
    expected = repr(ENGINE_PROGRAMS[name](torch))
    value = ENGINE_PROGRAMS[name](engine)
    assert repr(value) == expected
    assert str(value) == expected


def test_engine_parameter_prints_like_pytorch() -> None:
    weight = engine.nn.Parameter(engine.tensor([1.0, 2.0]))
    assert repr(weight) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"


def test_engine_default_dtype_changes_which_dtype_is_named() -> None:
    saved = engine.get_default_dtype()
    engine.set_default_dtype(engine.float64)
    try:
        assert repr(engine.tensor([1.5, 2.0])) == "tensor([1.5000, 2.0000])"
        assert repr(engine.tensor([1.5], dtype=engine.float32)) == (
            "tensor([1.5000], dtype=torch.float32)"
        )
    finally:
        engine.set_default_dtype(saved)


def test_engine_cuda_tensor_names_its_device_with_index() -> None:
    backend.register("cuda", np)  # NumPy standing in for CuPy: only the device label matters here
    try:
        x = engine.tensor([1.0, 2.0], device="cuda", dtype=engine.float64, requires_grad=True)
        assert repr(x * 2) == (
            "tensor([2., 4.], device='cuda:0', dtype=torch.float64, grad_fn=<MulBackward0>)"
        )
    finally:
        backend.unregister("cuda")


def test_printing_a_tensor_records_no_observer_events() -> None:
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    with observer.recording() as events:
        y = x * 2
        repr(y), str(x), f"{y}"
    assert [type(e).__name__ for e in events] == ["ForwardEvent"]


def test_engine_printoptions_apply_to_engine_tensors() -> None:
    with printoptions(precision=2, threshold=5, edgeitems=1):
        assert repr((engine.arange(10) + 0.5) / 3) == "tensor([0.17,  ..., 3.17])"


def record_golden() -> None:
    """Write the golden file from torch for a representative subset of CASES."""
    import torch

    names = [
        "scalar_two", "scalar_negative_zero", "scalar_four_decimals", "scalar_integer_past_1e8",
        "scalar_nan", "scalar_int", "scalar_bool", "scalar_float64", "scalar_grad_fn",
        "vector_signed_tenths", "vector_ratio_above_1000_integers", "vector_min_below_1e-4",
        "vector_nan_inf_fractions", "vector_negative_zero_fractions", "vector_huge_opposites",
        "vector_large_ints", "vector_bools", "empty_float", "empty_int", "empty_rows",
        "empty_requires_grad", "wrap_sevenths_30", "wrap_sci_20", "summarised_1001",
        "summarised_ints_2000", "matrix_tenths", "matrix_mixed_magnitudes",
        "matrix_wrapping_rows", "matrix_summarised_both_axes", "cube_sevenths",
        "hyper_summarised", "matrix_requires_grad", "float64_grad_fn_after_dtype",
        "suffix_wrap_float64_9", "option_edgeitems_0_matrix", "option_linewidth_tiny",
    ]
    golden = {name: torch_text(torch, CASES[name]) for name in names}
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(golden)} cases to {GOLDEN}")


if __name__ == "__main__":
    record_golden()
