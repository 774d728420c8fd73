"""Finite-difference gradient checks (float64) for every differentiable op.

Hypothesis chooses shapes (including broadcasting pairs) and a seed for the values; the
analytic gradient of sum(op(inputs) * weights) must match central differences. A second
set checks second derivatives (create_graph=True) the same way.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine

EPS = 1e-6
# No deadline or speed health check: CI machines are shared and their timing is not the point.
SETTINGS = settings(
    max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@st.composite
def broadcast_pair(draw):
    """Two shapes that broadcast: the second drops leading dims and sets some to 1."""
    a = draw(shapes)
    drop = draw(st.integers(0, len(a)))
    b = list(a[drop:])
    for i in range(len(b)):
        if draw(st.booleans()):
            b[i] = 1
    if draw(st.booleans()):
        return a, tuple(b)
    return tuple(b), a


def values(shape, seed, kind="any"):
    """Values away from the points where an op is not differentiable."""
    rng = np.random.default_rng(seed)
    mag = np.asarray(rng.uniform(0.3, 1.5, size=shape))
    if kind == "positive":
        return mag
    sign = rng.choice([-1.0, 1.0], size=shape)
    return np.asarray(sign * mag)


def central_difference(scalar, arrays, k):
    """d scalar(arrays) / d arrays[k] by central differences, one element at a time."""
    a = arrays[k]
    numeric = np.zeros_like(a, dtype=np.float64)
    for idx in np.ndindex(a.shape):
        plus = [x.copy() for x in arrays]
        minus = [x.copy() for x in arrays]
        plus[k][idx] += EPS
        minus[k][idx] -= EPS
        numeric[idx] = (scalar(plus) - scalar(minus)) / (2 * EPS)
    return numeric


def check_grad(fn, arrays, rtol=1e-4, atol=1e-6, requires=None):
    """Compare engine's gradients of sum(fn(*inputs) * w) with central differences.

    `requires[k]` False makes input k a constant (no gradient expected for it).
    """
    rng = np.random.default_rng(0)
    requires = requires or [True] * len(arrays)
    leaves = [
        engine.tensor(a, dtype=engine.float64, requires_grad=r) for a, r in zip(arrays, requires)
    ]
    out = fn(*leaves)
    weights = rng.uniform(0.5, 1.5, size=tuple(out.shape))
    (out * engine.tensor(weights)).sum().backward()

    def scalar(arrs):
        with engine.no_grad():
            ts = [engine.tensor(a, dtype=engine.float64) for a in arrs]
            return float((fn(*ts) * engine.tensor(weights)).sum().item())

    for k, a in enumerate(arrays):
        if not requires[k]:
            assert leaves[k].grad is None
            continue
        numeric = central_difference(scalar, arrays, k)
        got = leaves[k].grad
        assert got is not None, f"input {k} got no gradient"
        assert tuple(got.shape) == a.shape
        np.testing.assert_allclose(got.numpy(), numeric, rtol=rtol, atol=atol, err_msg=f"input {k}")


def check_gradgrad(fn, arrays, rtol=1e-4, atol=1e-5):
    """Second derivatives: the gradient of sum(grad * v) against differences of the gradient."""
    rng = np.random.default_rng(1)

    def first_grads(arrs, create_graph):
        leaves = [engine.tensor(a, dtype=engine.float64, requires_grad=True) for a in arrs]
        out = fn(*leaves)
        grads = engine.autograd.grad(out.sum(), leaves, create_graph=create_graph)
        return leaves, grads

    leaves, grads = first_grads(arrays, True)
    vs = [rng.uniform(0.5, 1.5, size=a.shape) for a in arrays]
    total = sum((g * engine.tensor(v)).sum() for g, v in zip(grads, vs))
    if total.requires_grad:
        second = engine.autograd.grad(total, leaves, allow_unused=True)
    else:  # a linear function: its gradient is constant
        second = [None] * len(leaves)

    def scalar(arrs):
        _, gs = first_grads(arrs, False)
        return sum(float((g.numpy() * v).sum()) for g, v in zip(gs, vs))

    for k, a in enumerate(arrays):
        numeric = central_difference(scalar, arrays, k)
        got = np.zeros_like(a) if second[k] is None else second[k].detach().numpy()
        np.testing.assert_allclose(got, numeric, rtol=rtol, atol=atol, err_msg=f"input {k}")


# --------------------------------------------------------------------------- elementwise
UNARY = {
    "neg": (lambda x: -x, "any"),
    "exp": (engine.exp, "any"),
    "log": (engine.log, "positive"),
    "sqrt": (engine.sqrt, "positive"),
    "rsqrt": (engine.rsqrt, "positive"),
    "reciprocal": (engine.reciprocal, "any"),
    "abs": (engine.abs, "any"),
    "sin": (engine.sin, "any"),
    "cos": (engine.cos, "any"),
    "tanh": (engine.tanh, "any"),
    "sigmoid": (engine.sigmoid, "any"),
    "relu": (engine.relu, "any"),
    "square": (engine.square, "any"),
    "pow_scalar": (lambda x: x**3, "any"),
    "pow_fractional": (lambda x: x**2.5, "positive"),
    "pow_negative": (lambda x: x**-2, "any"),
    "rpow_scalar_base": (lambda x: 2.0**x, "any"),
    "clamp": (lambda x: x.clamp(-0.9, 0.8), "any"),
    "rsub_scalar": (lambda x: 3 - x, "any"),
    "rdiv_scalar": (lambda x: 3 / x, "any"),
    "scalar_ops": (lambda x: (x * 2 + 1 - 0.5) / 4, "any"),
}


@pytest.mark.parametrize("name", sorted(UNARY))
@SETTINGS
@given(shape=shapes, seed=st.integers(0, 2**16))
def test_unary_gradient_matches_finite_differences(name, shape, seed):
    fn, kind = UNARY[name]
    check_grad(fn, [values(shape, seed, kind)])


BINARY = {
    "add": (lambda a, b: a + b, "any", "any"),
    "sub": (lambda a, b: a - b, "any", "any"),
    "mul": (lambda a, b: a * b, "any", "any"),
    "div": (lambda a, b: a / b, "any", "any"),
    "pow": (lambda a, b: a**b, "positive", "any"),
    "add_alpha": (lambda a, b: engine.add(a, b, alpha=2.5), "any", "any"),
    "sub_alpha": (lambda a, b: engine.sub(a, b, alpha=-1.5), "any", "any"),
    "maximum": (engine.maximum, "any", "any"),
    "minimum": (engine.minimum, "any", "any"),
    "where": (lambda a, b: engine.where(a > b, a * 2, b), "any", "any"),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(
    pair=broadcast_pair(),
    seed=st.integers(0, 2**16),
    requires=st.sampled_from([[True, True], [True, False], [False, True]]),
)
def test_broadcasting_binary_gradient_matches_finite_differences(name, pair, seed, requires):
    fn, ka, kb = BINARY[name]
    check_grad(fn, [values(pair[0], seed, ka), values(pair[1], seed + 1, kb)], requires=requires)


# --------------------------------------------------------------------------- reductions
@st.composite
def shape_and_dim(draw, min_ndim=1):
    shape = draw(st.lists(st.integers(1, 3), min_size=min_ndim, max_size=3).map(tuple))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    return shape, dim, draw(st.booleans())


REDUCTIONS = {
    "sum": lambda x, d, k: x.sum(),
    "sum_dim": lambda x, d, k: x.sum(d, keepdim=k),
    "sum_dims": lambda x, d, k: x.sum((0, d) if d not in (0, -x.dim()) else (d,), keepdim=k),
    "cumsum": lambda x, d, k: x.cumsum(d),
    "mean": lambda x, d, k: x.mean(),
    "mean_dim": lambda x, d, k: x.mean(dim=d, keepdim=k),
    "max": lambda x, d, k: x.max(),
    "min": lambda x, d, k: x.min(),
    "max_dim": lambda x, d, k: x.max(d, keepdim=k).values,
    "min_dim": lambda x, d, k: x.min(dim=d, keepdim=k)[0],
    "norm": lambda x, d, k: x.norm(),
    "norm_dim": lambda x, d, k: x.norm(dim=d, keepdim=k),
    "norm_p1": lambda x, d, k: engine.linalg.vector_norm(x, 1, dim=d, keepdim=k),
    "norm_p3": lambda x, d, k: engine.linalg.vector_norm(x, 3),
    "norm_inf": lambda x, d, k: engine.linalg.vector_norm(x, float("inf")),
    "softmax": lambda x, d, k: x.softmax(d),
    "log_softmax": lambda x, d, k: engine.log_softmax(x, dim=d),
    "logsumexp": lambda x, d, k: x.logsumexp(d, keepdim=k),
    "var": lambda x, d, k: x.var(),
    "var_dim": lambda x, d, k: x.var(d, keepdim=k, correction=0),
    "std": lambda x, d, k: x.std() if x.numel() > 1 else x.sum(),
    "std_dim": lambda x, d, k: x.std(d, keepdim=k, unbiased=False),
}


@pytest.mark.parametrize("name", sorted(REDUCTIONS))
@SETTINGS
@given(sdk=shape_and_dim(), seed=st.integers(0, 2**16))
def test_reduction_gradient_matches_finite_differences(name, sdk, seed):
    shape, dim, keepdim = sdk
    # Distinct magnitudes: max/min/inf-norm are not differentiable at ties.
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    x = (rng.permutation(n) + 1.0).reshape(shape) / n * rng.choice([-1.0, 1.0], size=shape)
    check_grad(lambda t: REDUCTIONS[name](t, dim, keepdim), [x])


# --------------------------------------------------------------------------- linear algebra
@st.composite
def matmul_shapes(draw):
    n, k, p = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    batch = draw(st.lists(st.integers(1, 2), min_size=0, max_size=2).map(tuple))
    kind = draw(st.sampled_from(["dot", "mv", "vm", "mm", "batched_mat", "batched_vec",
                                 "batched_both", "broadcast_batch"]))
    return {
        "dot": ((k,), (k,)), "mv": ((n, k), (k,)), "vm": ((k,), (k, p)), "mm": ((n, k), (k, p)),
        "batched_mat": (batch + (n, k), (k, p)), "batched_vec": (batch + (n, k), (k,)),
        "batched_both": (batch + (n, k), batch + (k, p)),
        "broadcast_batch": ((2, 1, n, k), (3, k, p)),
    }[kind]


@SETTINGS
@given(pair=matmul_shapes(), seed=st.integers(0, 2**16))
def test_matmul_gradient_matches_finite_differences(pair, seed):
    check_grad(lambda a, b: a @ b, [values(pair[0], seed), values(pair[1], seed + 1)])


@SETTINGS
@given(k=st.integers(1, 4), n=st.integers(1, 3), seed=st.integers(0, 2**16))
def test_dot_mm_mv_functions_match_finite_differences(k, n, seed):
    v, w, m = values((k,), seed), values((k,), seed + 1), values((n, k), seed + 2)
    check_grad(engine.dot, [v, w])
    check_grad(engine.mv, [m, v])
    check_grad(lambda a, b: engine.mm(a, b.T), [m, m.copy()])


# --------------------------------------------------------------------------- shape and indexing
SHAPE_OPS = {
    "reshape": lambda x: x.reshape(-1),
    "view": lambda x: x.view(x.numel()),
    "flatten": lambda x: x.flatten(),
    "transpose": lambda x: x.transpose(0, -1),
    "permute": lambda x: x.permute(*reversed(range(x.dim()))),
    "T2d": lambda x: x.reshape(x.shape[0], -1).T,
    "t": lambda x: x.reshape(x.shape[0], -1).t(),
    "unsqueeze": lambda x: x.unsqueeze(1),
    "squeeze": lambda x: x.unsqueeze(0).squeeze(),
    "squeeze_dim": lambda x: x.unsqueeze(-1).squeeze(-1),
    "expand": lambda x: x.unsqueeze(0).expand(2, *x.shape),
    "clone": lambda x: x.clone(),
    "contiguous": lambda x: x.transpose(0, -1).contiguous(),
    "reshape_copy": lambda x: x.transpose(0, -1).reshape(-1),
    "select": lambda x: x[0],
    "select_last": lambda x: x[-1],
    "slice": lambda x: x[1:],
    "slice_step": lambda x: x[::2],
    "ellipsis": lambda x: x[..., 0],
    "none": lambda x: x[None, 0],
    "advanced": lambda x: x[engine.tensor([0, 0, -1])],
    "mask": lambda x: x[x > 0],
    "list_index": lambda x: x[[0, 0]],
    "cat": lambda x: engine.cat([x, x * 2], dim=0),
    "stack": lambda x: engine.stack([x, x * 3], dim=-1),
    "flip": lambda x: x.flip(0),
    "to_float64": lambda x: x.to(engine.float64) * 2,
}


@pytest.mark.parametrize("name", sorted(SHAPE_OPS))
@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple),
       seed=st.integers(0, 2**16))
def test_shape_and_indexing_gradient_matches_finite_differences(name, shape, seed):
    check_grad(SHAPE_OPS[name], [values(shape, seed)])


def test_setitem_gradient_matches_finite_differences():
    def fn(w, v):
        y = w * 2
        y[1] = v.sum()
        y[0, 1:] = v * 3
        return y

    check_grad(fn, [values((3, 3), 4), values((2,), 5)])


def test_function_gradient_is_used():
    class Square(engine.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    check_grad(Square.apply, [values((2, 3), 7)])


# --------------------------------------------------------------------------- second order
SECOND_ORDER = {
    **{k: (v[0], v[1]) for k, v in UNARY.items() if k not in ("relu", "clamp", "abs")},
    "mul_self": (lambda x: x * x * x, "any"),
    "div_self": (lambda x: x / (x * x + 1), "any"),
    "pow_tensor": (lambda x: x**x, "positive"),
    "matmul": (lambda x: x.reshape(-1, 1) @ x.reshape(1, -1), "any"),
    "norm": (lambda x: x.norm() * x, "any"),
    "sum_mean": (lambda x: x.sum() * x.mean() * x, "any"),
    "index": (lambda x: x[0] * x, "any"),
    "max": (lambda x: x.max() * x, "distinct"),
    "sigmoid_tanh": (lambda x: x.sigmoid() * x.tanh(), "any"),
    "softmax": (lambda x: x.softmax(0) * x, "any"),
    "log_softmax": (lambda x: x.log_softmax(0) * x, "any"),
    "logsumexp": (lambda x: x.logsumexp(0) * x, "any"),
    "var": (lambda x: x.var(correction=0) * x, "any"),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
@settings(
    max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(n=st.integers(1, 3), seed=st.integers(0, 2**16))
def test_second_derivative_matches_finite_differences(name, n, seed):
    fn, kind = SECOND_ORDER[name]
    x = values((n,), seed, "positive" if kind == "positive" else "any")
    if kind == "distinct":
        x = np.arange(1.0, n + 1) * 0.7
    check_gradgrad(fn, [x])


def test_numerical_gradient_is_gradchecks_central_difference_at_chosen_elements():
    from engine.autograd.gradcheck import numerical_gradient

    x = engine.tensor([0.5, -1.0, 2.0], dtype=engine.float64, requires_grad=True)
    numeric = numerical_gradient(lambda v: (v**3).sum(), (x,), elements=[0, 2])
    assert numeric.shape == (2,)
    assert numeric == pytest.approx([3 * 0.25, 3 * 4.0], abs=1e-6)
    assert x.tolist() == [0.5, -1.0, 2.0]   # every nudge is undone
