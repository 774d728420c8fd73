"""Ops added for issue 15 (logspace, masked_select, take, frac, median, kthvalue, bitwise,
unique, cross, svd, in-place unary forms, bernoulli), anomaly detection and the profiler:
against torch, finite differences (hypothesis) and second derivatives."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import engine
from tests.engine.test_gradcheck import SETTINGS, check_grad, check_gradgrad, values

torch = pytest.importorskip("torch")


def _observe(value):
    if isinstance(value, (engine.Tensor, torch.Tensor)):
        data = value.detach().numpy()
        if data.dtype.kind == "f":
            data = np.round(data.astype(np.float64), 4) + 0.0  # (+ 0.0: no -0.0)
        return (str(value.dtype), tuple(value.shape), data.tolist(),
                value.grad_fn.name() if value.grad_fn is not None else None)
    if isinstance(value, (tuple, list)):
        return [type(value).__name__, *(_observe(v) for v in value)]
    return value


def _same(program):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = program(engine), program(torch)
    assert _observe(ours) == _observe(theirs)


def _grad_of(fn):
    """fn(lib, x) and the gradient it sends to x, for the oracle comparison."""

    def program(lib):
        x = lib.tensor([[1.0, 5.0, 2.0, 7.0], [3.0, -4.0, 0.5, 1.0]], requires_grad=True)
        out = fn(lib, x)
        first = out if isinstance(out, lib.Tensor) else out[0]
        (first * lib.arange(float(first.numel())).reshape(first.shape)).sum().backward()
        return out, x.grad

    return program


PROGRAMS = {
    "logspace": lambda lib: [lib.logspace(0, 2, 3), lib.logspace(0, 1, 4, base=2),
                             lib.logspace(-2, 2, steps=5, dtype=lib.float64)],
    "frac": lambda lib: lib.frac(lib.tensor([-1.5, 2.25, 3.0])),
    "bitwise": lambda lib: [lib.bitwise_and(lib.tensor([12, 10]), lib.tensor([10, 6])),
                            lib.tensor([1, 2]) << 2, lib.tensor([8, 9]) >> 1,
                            lib.bitwise_xor(lib.tensor([5]), 3),
                            lib.bitwise_not(lib.tensor([0, 5])),
                            lib.bitwise_or(lib.tensor([True]), lib.tensor([False])),
                            lib.bitwise_left_shift(lib.tensor([1]), lib.tensor([3]))],
    "unique": lambda lib: [lib.unique(lib.tensor([3, 1, 2, 3, 1]), return_inverse=True,
                                      return_counts=True),
                           lib.tensor([[1, 2], [1, 2], [0, 5]]).unique(dim=0),
                           lib.unique(lib.tensor([2.5, -1.0, 2.5]))],
    "take": lambda lib: lib.take(lib.tensor([[1, 2], [3, 4]]), lib.tensor([0, 3, -1])),
    "masked_select_broadcast": lambda lib: lib.masked_select(
        lib.tensor([1.0, 2, 3]), lib.tensor([[True, False, True], [False, False, True]])),
    "median_all": lambda lib: lib.tensor([3.0, 1, 2, 2, 5, 0]).median(),
    "cross_default_dim": lambda lib: lib.cross(lib.tensor([[1.0, 2, 3], [4, 5, 6]]),
                                               lib.tensor([[0.0, 1, 0], [1, 0, 0]])),
    "svd": lambda lib: [lib.svd(lib.tensor([[1.0, 2], [3, 4], [5, 6]])),
                        lib.linalg.svd(lib.tensor([[1.0, 2], [3, 4], [5, 6]]),
                                       full_matrices=False),
                        lib.linalg.svdvals(lib.tensor([[2.0, 1, 0], [1, 3, 1]]))],
    "masked_select_grad": _grad_of(lambda lib, x: x.masked_select(x > 1)),
    "take_grad": _grad_of(lambda lib, x: lib.take(x, lib.tensor([[0, 0], [7, 1]]))),
    "median_dim_grad": _grad_of(lambda lib, x: x.median(1)),
    "median_keepdim_grad": _grad_of(lambda lib, x: lib.median(x, dim=0, keepdim=True)),
    "kthvalue_grad": _grad_of(lambda lib, x: x.kthvalue(3, 1)),
    "median_ties_grad": _grad_of(lambda lib, x: (x * 0 + 1).median()),
    "cross_grad": _grad_of(lambda lib, x: lib.linalg.cross(
        x[:, :3], lib.tensor([[0.5, 1.0, -2.0]]))),
    "svd_grad": _grad_of(lambda lib, x: [f.abs() for f in lib.linalg.svd(
        x, full_matrices=False)][1]),
    "frac_grad": _grad_of(lambda lib, x: lib.frac(x * 1.5)),
    "inverse_grad": _grad_of(lambda lib, x: lib.inverse(x[:, :2] + 3 * lib.eye(2))),
    "solve_grad": _grad_of(lambda lib, x: lib.linalg.solve(x[:, 1:3] + lib.eye(2), x[:, 3])),
    "diagonal_grad": _grad_of(lambda lib, x: [x.diagonal(), lib.diagonal(x, 1)][1]),
    "dist": lambda lib: lib.dist(lib.tensor([1.0, 2.0]), lib.tensor([4.0, 6.0])),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_new_op_matches_torch(name):
    _same(PROGRAMS[name])


def test_svd_factors_backward_matches_torch():
    def program(lib):
        a = lib.tensor([[1.0, 2], [3, 4], [5, 6]], requires_grad=True)
        u, s, vh = lib.linalg.svd(a, full_matrices=False)
        (s.sum() + (u[:, 0] ** 2 * lib.arange(3.0)).sum() + vh[0, 1] * 3).backward()
        b = lib.tensor([[2.0, 1, 0], [1, 3, 1]], requires_grad=True)
        u, s, v = lib.svd(b)
        (u.abs().sum() + v.abs().sum() + s.prod()).backward()
        return a.grad, b.grad

    ours, theirs = (program(lib) for lib in (engine, torch))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(o.numpy(), t.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", ["sin_", "cos_", "tan_", "atan_", "sinh_", "cosh_", "expm1_",
                                  "log1p_", "log2_", "log10_", "exp2_", "erf_", "rsqrt_",
                                  "reciprocal_", "square_", "sign_", "floor_", "ceil_",
                                  "round_", "trunc_", "frac_"])
def test_inplace_unary_forms_match_torch(name):
    def program(lib):
        t = lib.tensor([0.5, 1.0, 2.5])
        same_object = getattr(t, name)() is t
        w = lib.tensor([0.5, 1.0], requires_grad=True)
        v = w * 2
        getattr(v, name)()
        v.sum().backward()
        return t, same_object, v, w.grad

    _same(program)


def test_inplace_unary_on_a_leaf_raises_as_torch():
    def program(lib):
        try:
            lib.ones(2, requires_grad=True).sin_()
        except RuntimeError as exc:
            return str(exc)
        return None

    _same(program)


def test_bernoulli_draws_torch_s_values_for_the_same_seed():
    def program(lib):
        lib.manual_seed(0)
        a = lib.bernoulli(lib.full((20,), 0.5))
        p = lib.rand(3, 3)
        return a, lib.bernoulli(p), p.bernoulli(), lib.bernoulli(lib.full((5,), 0.3,
                                                                          dtype=lib.float64))

    _same(program)


# --------------------------------------------------------------------------- finite differences
@SETTINGS
@given(seed=st.integers(0, 2**16), k=st.integers(1, 3))
def test_picking_ops_gradients_match_finite_differences(seed, k):
    x = values((3, 4), seed)
    check_grad(lambda t: t.masked_select(t > 0), [x])
    check_grad(lambda t: engine.take(t, engine.tensor([[0, 5], [11, 0]])), [x])
    check_grad(lambda t: t.median(1).values, [x])
    check_grad(lambda t: t.kthvalue(k, 0).values, [x])
    check_grad(lambda t: engine.frac(t), [x])


@SETTINGS
@given(seed=st.integers(0, 2**16))
def test_cross_and_svd_gradients_match_finite_differences(seed):
    a, b = values((2, 3), seed), values((1, 3), seed + 1)
    check_grad(lambda p, q: engine.linalg.cross(p, q), [a, b])
    check_gradgrad(lambda p, q: engine.linalg.cross(p, q) ** 2, [a, b])
    m = values((3, 2), seed)
    check_grad(lambda t: engine.linalg.svdvals(t), [m])
    check_grad(lambda t: engine.linalg.svd(t, full_matrices=False).U.abs(), [m], rtol=1e-3)
    check_grad(lambda t: engine.svd(t).V.abs(), [m.T.copy()], rtol=1e-3)
    sq = values((2, 2), seed) + 3 * np.eye(2)
    check_grad(engine.linalg.inv, [sq])
    check_grad(engine.linalg.solve, [sq, values((2,), seed + 2)])
    check_gradgrad(lambda a, b: engine.linalg.solve(a, b) ** 2, [sq, values((2, 1), seed)])


# --------------------------------------------------------------------------- anomaly, profiler
def test_detect_anomaly_names_the_node_returning_nan():
    def program(lib):
        x = lib.tensor([0.0], requires_grad=True)
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            with lib.autograd.detect_anomaly():
                y = x / x
                try:
                    y.backward()
                except RuntimeError as exc:
                    message = str(exc)
        return message, [str(w.message).splitlines()[0] for w in seen], lib.is_anomaly_enabled()

    _same(program)


def test_set_detect_anomaly_switches_at_once_and_checks_nan():
    def program(lib):
        lib.autograd.set_detect_anomaly(True)
        try:
            x = lib.tensor([0.0], requires_grad=True)
            (lib.sqrt(x) * 0).sum().backward()
        except RuntimeError as exc:
            return str(exc), lib.is_anomaly_enabled()
        finally:
            lib.autograd.set_detect_anomaly(False)
        return None

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert program(engine) == program(torch)
    assert not engine.is_anomaly_enabled()


def test_profiler_records_op_names_and_times():
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    profiler = engine.autograd.profiler
    with profiler.profile() as prof, profiler.record_function("my_block"):
        (x * 2).sum().backward()
    names = [e.key for e in prof.key_averages()]
    assert {"aten::mul", "aten::sum", "MulBackward0", "my_block"} <= set(names)
    assert all(e.cpu_time_total >= 0 for e in prof.function_events)
    table = prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=3)
    assert "Self CPU time total" in table and "# of Calls" in table
