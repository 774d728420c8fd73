"""Features textbook programs use that the program goldens found missing or different.

Gradients are checked against central differences in float64; values against the formulas.
"""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine import autograd, nn

EPS = 1e-6


def numeric_grad(fn, array: np.ndarray) -> np.ndarray:
    """d fn(x) / dx by central differences; fn maps a float64 tensor to a scalar tensor."""
    out = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        plus, minus = array.copy(), array.copy()
        plus[idx] += EPS
        minus[idx] -= EPS
        with engine.no_grad():
            difference = fn(engine.tensor(plus)).item() - fn(engine.tensor(minus)).item()
            out[idx] = difference / (2 * EPS)
    return out


def check(fn, array: np.ndarray) -> None:
    x = engine.tensor(array, dtype=engine.float64, requires_grad=True)
    fn(x).backward()
    np.testing.assert_allclose(x.grad.numpy(), numeric_grad(fn, array), rtol=1e-5, atol=1e-7)


LOGITS = np.array([[0.3, -1.2, 2.0, 0.1], [1.5, 0.2, -0.7, 0.9], [-0.4, 0.8, 0.0, -2.1]])
LABELS = engine.tensor([2, 0, 3])


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_cross_entropy_gradient_matches_finite_differences(reduction):
    check(lambda x: F.cross_entropy(x, LABELS, reduction=reduction), LOGITS)


def test_cross_entropy_without_reduction_weights_each_row():
    w = engine.tensor([1.0, 2.0, -1.0], dtype=engine.float64)
    check(lambda x: (F.cross_entropy(x, LABELS, reduction="none") * w).sum(), LOGITS)


def test_nll_loss_ignores_the_ignore_index_in_value_and_mean():
    logp = engine.tensor(LOGITS).log_softmax(1)
    loss = F.nll_loss(logp, engine.tensor([2, -100, 3]))
    expected = -(logp[0, 2].item() + logp[2, 3].item()) / 2
    assert loss.item() == pytest.approx(expected, rel=1e-6)
    check(lambda x: F.nll_loss(x, engine.tensor([2, -100, 3])), LOGITS)


def test_cross_entropy_is_log_softmax_then_nll_loss_as_in_pytorch():
    x = engine.tensor(LOGITS, requires_grad=True)
    loss = nn.CrossEntropyLoss()(x, LABELS)
    assert type(loss.grad_fn).__name__ == "NllLossBackward0"
    assert type(loss.grad_fn.next_functions[0][0]).__name__ == "LogSoftmaxBackward0"
    rows = np.exp(LOGITS) / np.exp(LOGITS).sum(1, keepdims=True)
    assert loss.item() == pytest.approx(-np.log(rows[[0, 1, 2], [2, 0, 3]]).mean(), rel=1e-5)


def test_cross_entropy_rejects_float_labels_and_out_of_range_classes():
    x = engine.tensor(LOGITS)
    with pytest.raises(RuntimeError, match="expected target dtype to be Long"):
        F.cross_entropy(x, engine.tensor([0.0, 1.0, 2.0]))
    with pytest.raises(IndexError, match="Target 4 is out of bounds."):
        F.cross_entropy(x, engine.tensor([0, 4, 1]))


def test_binary_cross_entropy_with_logits_differentiates_input_and_target():
    target = np.array([[1.0, 0.0, 0.3, 1.0]] * 3)
    check(lambda x: F.binary_cross_entropy_with_logits(x, engine.tensor(target)), LOGITS)
    check(lambda t: F.binary_cross_entropy_with_logits(engine.tensor(LOGITS), t, reduction="sum"),
          target)
    big = F.binary_cross_entropy_with_logits(engine.tensor([100.0, -100.0]),
                                             engine.tensor([0.0, 1.0]))
    assert big.item() == pytest.approx(100.0)  # stable: no overflow for large logits


def test_binary_cross_entropy_matches_its_formula_and_gradient():
    p = 1 / (1 + np.exp(-LOGITS))
    target = np.array([[1.0, 0.0, 1.0, 0.0]] * 3)
    check(lambda x: F.binary_cross_entropy(x, engine.tensor(target)), p)
    loss = nn.BCELoss(reduction="sum")(engine.tensor(p), engine.tensor(target))
    expected = -(target * np.log(p) + (1 - target) * np.log(1 - p)).sum()
    assert loss.item() == pytest.approx(expected, rel=1e-5)
    with pytest.raises(RuntimeError, match="between 0 and 1"):
        F.binary_cross_entropy(engine.tensor([1.5]), engine.tensor([1.0]))


def test_losses_have_second_derivatives():
    x = engine.tensor(LOGITS, requires_grad=True)
    (g,) = autograd.grad(F.cross_entropy(x, LABELS), x, create_graph=True)
    (h,) = autograd.grad((g * g).sum(), x)

    def squared_grad(array: np.ndarray) -> float:
        t = engine.tensor(array, requires_grad=True)
        return float((autograd.grad(F.cross_entropy(t, LABELS), t)[0] ** 2).sum())

    numeric = np.zeros_like(LOGITS)
    for idx in np.ndindex(LOGITS.shape):
        plus, minus = LOGITS.copy(), LOGITS.copy()
        plus[idx] += EPS
        minus[idx] -= EPS
        numeric[idx] = (squared_grad(plus) - squared_grad(minus)) / (2 * EPS)
    np.testing.assert_allclose(h.numpy(), numeric, rtol=1e-4, atol=1e-6)


def test_softmax_modules_and_implicit_dim_warning():
    x = engine.tensor(LOGITS)
    assert repr(nn.Softmax(dim=1)) == "Softmax(dim=1)"
    np.testing.assert_allclose(nn.Softmax(1)(x).sum(1).numpy(), 1.0, rtol=1e-6)
    np.testing.assert_allclose(nn.LogSoftmax(1)(x).exp().numpy(), nn.Softmax(1)(x).numpy(),
                               rtol=1e-6)
    with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
        implicit = F.softmax(x)
    np.testing.assert_allclose(implicit.numpy(), F.softmax(x, 1).numpy())


def test_cumsum_gradient_is_the_reversed_running_sum():
    check(lambda x: (x.cumsum(1) * engine.tensor(np.arange(12.0).reshape(3, 4))).sum(), LOGITS)
    check(lambda x: (engine.cumsum(x, dim=0) ** 2).sum(), LOGITS)
    assert engine.tensor([1, 2, 3], dtype=engine.int32).cumsum(0).dtype == engine.int64


# --------------------------------------------------------------------------- custom Functions
class SinCos(autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.sin(), x.cos()

    @staticmethod
    def backward(ctx, grad_sin, grad_cos):
        (x,) = ctx.saved_tensors
        ctx.seen = (grad_sin.tolist(), grad_cos.tolist())
        return grad_sin * x.cos() - grad_cos * x.sin()


def test_function_with_two_outputs_routes_each_gradient_to_its_output():
    x = engine.tensor([0.0, 1.0, 2.0], requires_grad=True)
    s, c = SinCos.apply(x)
    assert s.grad_fn is c.grad_fn and type(s.grad_fn).__name__ == "SinCosBackward"
    (3 * s + c * c).sum().backward()
    v = np.array([0.0, 1.0, 2.0])
    expected = 3 * np.cos(v) - 2 * np.cos(v) * np.sin(v)
    np.testing.assert_allclose(x.grad.numpy(), expected, rtol=1e-6)


def test_function_output_without_gradient_receives_zeros():
    x = engine.tensor([0.5, 1.5], requires_grad=True)
    _, c = SinCos.apply(x)
    c.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), -np.sin([0.5, 1.5]), rtol=1e-6)
    assert c.grad_fn._ctx.seen == ([0.0, 0.0], [1.0, 1.0])


def test_function_non_differentiable_output_has_no_grad_fn():
    class SortedWithIndex(autograd.Function):
        @staticmethod
        def forward(ctx, x):
            index = engine.tensor(np.argsort(x.detach().numpy()))
            ctx.mark_non_differentiable(index)
            ctx.save_for_backward(index)
            return x[index], index

        @staticmethod
        def backward(ctx, grad, _grad_index):
            (index,) = ctx.saved_tensors
            out = engine.zeros(grad.shape)
            out[index] = grad
            return out

    x = engine.tensor([3.0, 1.0, 2.0], requires_grad=True)
    values, index = SortedWithIndex.apply(x)
    assert index.grad_fn is None and not index.requires_grad
    (values * engine.tensor([1.0, 10.0, 100.0])).sum().backward()
    assert x.grad.tolist() == [100.0, 1.0, 10.0]


# --------------------------------------------------------------------------- tensors and modes
def test_out_argument_writes_into_the_given_tensor():
    a = engine.tensor([[1.0, 2.0], [3.0, 4.0]])
    out = engine.empty(2, 2)
    assert engine.matmul(a, a, out=out) is out
    assert out.tolist() == [[7.0, 10.0], [15.0, 22.0]]
    assert engine.mul(a, 2, out=out).tolist() == [[2.0, 4.0], [6.0, 8.0]]
    small = engine.empty(3)
    with pytest.warns(UserWarning, match="was resized"):
        engine.add(a[0], 1, out=small)
    assert small.tolist() == [2.0, 3.0]
    with pytest.raises(RuntimeError, match="don't support automatic differentiation"):
        engine.mul(a.requires_grad_(), 2, out=out)
    with pytest.raises(RuntimeError, match="can't be cast to the desired output type Long"):
        engine.mul(engine.ones(2), 2.5, out=engine.empty(2, dtype=engine.long))


def test_normal_draws_mean_plus_std_times_standard_normal():
    engine.manual_seed(3)
    expected = engine.randn(2, 3) * 0.5 + 2.0
    engine.manual_seed(3)
    got = engine.normal(2.0, 0.5, (2, 3))
    assert got.tolist() == expected.tolist()
    engine.manual_seed(3)
    per_element = engine.normal(engine.tensor([0.0, 10.0]), engine.tensor([1.0, 2.0]))
    engine.manual_seed(3)
    z = engine.randn(2)
    np.testing.assert_allclose(per_element.numpy(), [z[0].item(), 10 + 2 * z[1].item()], rtol=1e-6)
    w = engine.normal(0, 0.01, size=(2, 1), requires_grad=True)
    assert w.is_leaf and w.requires_grad and w.shape == (2, 1)


def test_size_keyword_and_numpy_axis_keywords():
    assert engine.randn(size=(2, 3)).shape == (2, 3)
    assert engine.zeros(size=(4,)).tolist() == [0.0] * 4
    m = engine.arange(6.0).reshape(2, 3)
    assert m.sum(axis=1, keepdims=True).tolist() == [[3.0], [12.0]]
    assert m.argmax(axis=1).tolist() == [2, 2]
    assert engine.cat([m, m], axis=1).shape == (2, 6)


def test_inference_mode_records_nothing_and_reports_itself():
    x = engine.ones(2, requires_grad=True)
    with engine.inference_mode():
        assert engine.is_inference_mode_enabled()
        assert not (x * 2).requires_grad
    assert not engine.is_inference_mode_enabled()
    with engine.inference_mode(False):
        assert (x * 2).requires_grad

    @engine.inference_mode()
    def doubled(t):
        return t * 2

    assert not doubled(x).requires_grad and engine.is_grad_enabled()


def test_type_names_and_casts():
    x = engine.tensor([1.5, 2.5])
    assert x.type() == "torch.FloatTensor"
    assert x.type(engine.int64).tolist() == [1, 2]
    assert x.type("torch.DoubleTensor").dtype == engine.float64
    assert str(type(x)) == "<class 'torch.Tensor'>"
    assert str(type((x.requires_grad_() * 2).grad_fn)) == "<class 'MulBackward0'>"
    assert f"{engine.tensor(2.5)}" == "2.5" and f"{engine.tensor(2.5):.2f}" == "2.50"


def test_data_shares_storage_and_is_not_tracked():
    w = engine.tensor([1.0, 2.0], requires_grad=True)
    d = w.data
    assert not d.requires_grad and d.grad_fn is None
    d.mul_(3)  # not an error, and not recorded
    assert w.tolist() == [3.0, 6.0] and w.is_leaf and w.grad_fn is None
    (w * w).sum().backward()
    w.data -= 0.5 * w.grad.data
    assert w.tolist() == [0.0, 0.0] and w.requires_grad
    w.data = engine.tensor([5.0, 5.0, 5.0])
    assert w.shape == (3,) and w.requires_grad


def test_create_graph_backward_copies_the_gradient_and_warns_once():
    autograd._warned["create_graph"] = False
    x = engine.tensor(3.0, requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (x ** 3).backward(create_graph=True)
        first = x.grad
        (x ** 2).backward(create_graph=True)
    assert [str(w.message).split(" We recommend")[0] for w in caught] == [(
        "Using backward() with create_graph=True will create a reference cycle between the "
        "parameter and its gradient which can cause a memory leak."
    )]
    assert type(first.grad_fn).__name__ == "CopyBackwards"
    assert type(x.grad.grad_fn).__name__ == "AddBackward0"
    assert x.grad.item() == pytest.approx(27.0 + 6.0)
    (second,) = autograd.grad(x.grad, x)
    assert second.item() == pytest.approx(6 * 3.0 + 2)
    assert math.isclose(first.item(), 27.0)


# --------------------------------------------------------------------------- more tensor ops
WEIGHTS = engine.tensor(np.linspace(0.5, 1.5, 12).reshape(3, 4))
TARGET = engine.tensor(np.linspace(-1.0, 0.6, 12).reshape(3, 4))


@pytest.mark.parametrize("op", [
    lambda x: (x.abs() + 0.1).log1p(),
    lambda x: engine.expm1(x),
    lambda x: x.masked_fill(engine.tensor(LOGITS > 0.5), -1.0),
    lambda x: x.gather(1, engine.tensor([[0, 0, 3, 1], [2, 2, 2, 2], [1, 3, 0, 0]])),
    lambda x: x.repeat(2, 1)[1:4],
    lambda x: x.prod(1, keepdim=True).expand(3, 4),
    lambda x: x.prod().expand(3, 4),
    lambda x: engine.cat(x.chunk(2, dim=1)[::-1], dim=1),
    lambda x: engine.stack(x.unbind(1)[::-1], dim=1) * 2,
    lambda x: engine.bmm(x.view(1, 3, 4), x.t().reshape(1, 4, 3)).reshape(3, 3).repeat(1, 2)[:, :4],
    lambda x: x.sort(dim=1, descending=True).values,
    lambda x: engine.topk(x, 2, dim=0).values.repeat(2, 1)[:3],
    lambda x: x.tril() + x.triu(diagonal=2) * 3,
    lambda x: engine.diag(x[:, :3]).repeat(4).view(3, 4) + engine.trace(x[:, 1:]) * x,
    lambda x: engine.diag(x[0, :3]).repeat(1, 2)[:, :4],
    lambda x: x.index_select(1, engine.tensor([3, 3, 0, 1])),
    lambda x: engine.addmm(x[0], x[:, :3].t(), x),
    lambda x: x.tan() + x.atan() + (x / 3).asin() + (x / 3).acos() + x.sinh() + x.cosh(),
    lambda x: (x * x + 0.5).log2() + engine.log10(x * x + 0.5) + x.exp2() + x.erf(),
    lambda x: engine.lerp(x, x.flip(0) * 2, 0.3).amax(dim=0, keepdim=True).expand(3, 4) + x.amin(),
    lambda x: x.narrow(1, 1, 2).repeat(1, 2) + x.select(0, 2),
    lambda x: F.leaky_relu(x + 0.05, 0.1) + F.elu(x + 0.05) + F.gelu(x) + F.silu(x)
    + F.softplus(x) + F.logsigmoid(x),  # (shifted off the kinks at 0)
    lambda x: F.normalize(x, dim=0) + F.softplus(x, beta=2, threshold=1.0),
    lambda x: (F.l1_loss(x + 0.05, TARGET) + F.smooth_l1_loss(x, TARGET, beta=0.8)
               + F.huber_loss(x, TARGET, delta=0.7)).expand(3, 4),
], ids=["log1p", "expm1", "masked_fill", "gather", "repeat", "prod_dim", "prod", "chunk",
        "unbind", "bmm", "sort", "topk", "tril_triu", "diagonal_trace", "diag_embed",
        "index_select", "addmm", "trigonometric", "logs_exp2_erf", "lerp_amax_amin",
        "narrow_select", "activations", "normalize_softplus_threshold", "regression_losses"])

def test_new_op_gradients_match_finite_differences(op):
    check(lambda x: (op(x) * WEIGHTS).sum(), LOGITS)


@pytest.mark.parametrize("fn", [F.gelu, F.softplus, F.elu, engine.erf, engine.tan, F.silu],
                         ids=["gelu", "softplus", "elu", "erf", "tan", "silu"])
def test_new_functions_have_second_derivatives(fn):
    x0 = LOGITS[0] * 0.7

    def grad_at(array: np.ndarray, create_graph: bool):
        t = engine.tensor(array, dtype=engine.float64, requires_grad=True)
        return t, autograd.grad(fn(t).sum(), t, create_graph=create_graph)[0]

    t, g = grad_at(x0, True)
    (h,) = autograd.grad(g.sum(), t)
    numeric = np.zeros_like(x0)
    for i in range(x0.size):
        plus, minus = x0.copy(), x0.copy()
        plus[i] += EPS
        minus[i] -= EPS
        numeric[i] = (grad_at(plus, False)[1].sum().item()
                      - grad_at(minus, False)[1].sum().item()) / (2 * EPS)
    np.testing.assert_allclose(h.numpy(), numeric, rtol=1e-4, atol=1e-6)


def test_prod_gradient_is_exact_with_zero_elements():
    x = np.array([[2.0, 0.0, 3.0], [0.0, 0.0, 5.0], [1.0, 2.0, 4.0]])
    check(lambda t: (t.prod(1) * engine.tensor([1.0, 2.0, 3.0], dtype=engine.float64)).sum(), x)
    check(lambda t: t[0].prod(), x)
    t = engine.tensor([[2.0, 0.0, 3.0]], requires_grad=True)
    t.prod().backward()
    assert t.grad.tolist() == [[0.0, 6.0, 0.0]]


def test_split_outputs_share_one_node_and_unused_pieces_get_zeros():
    x = engine.arange(6.0).requires_grad_()
    a, b, c = x.split([1, 2, 3])
    assert a.grad_fn is b.grad_fn is c.grad_fn
    assert type(a.grad_fn).__name__ == "SplitWithSizesBackward0"
    assert type(x.chunk(3)[2].grad_fn).__name__ == "SplitBackward0"
    (b * 10).sum().backward()
    assert x.grad.tolist() == [0.0, 10.0, 10.0, 0.0, 0.0, 0.0]
    rows = engine.ones(2, 3, requires_grad=True).unbind(0)
    assert [r.shape for r in rows] == [(3,), (3,)]
    assert type(rows[1].grad_fn).__name__ == "UnbindBackward0"


def test_masked_fill_in_place_and_gather_errors():
    scores = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True) * 1
    scores.masked_fill_(engine.tensor([[False, True], [False, False]]), -1e9)
    assert scores[0, 1].item() == -1e9 and type(scores.grad_fn).__name__ == "MaskedFillBackward0"
    with pytest.raises(RuntimeError, match="index 5 is out of bounds for dimension 1 with size 2"):
        scores.gather(1, engine.tensor([[5], [0]]))


def test_new_factories_follow_the_tensor_dtype():
    x = engine.tensor([1, 2], dtype=engine.int32)
    assert x.new_ones(3).dtype == engine.int32 and x.new_zeros((2, 2)).shape == (2, 2)
    assert x.new_full((2,), 7).tolist() == [7, 7]
    f = engine.ones(1, dtype=engine.float64)
    assert f.new_tensor([1, 2]).dtype == engine.float64
    assert f.new_empty(4).shape == (4,)


# --------------------------------------------------------------------------- autograd.functional
def test_jacobian_and_hessian_match_the_analytic_derivatives():
    from engine.autograd.functional import hessian, hvp, jacobian, jvp, vjp

    def f(x):
        return engine.stack([x[0] * x[1], x[0].sin(), (x ** 3).sum()])

    x = engine.tensor([1.0, 2.0])
    expected = [[2.0, 1.0], [math.cos(1.0), 0.0], [3.0, 12.0]]
    np.testing.assert_allclose(jacobian(f, x).numpy(), expected, rtol=1e-6)
    out, v = vjp(f, x, engine.tensor([1.0, 0.0, 1.0]))
    np.testing.assert_allclose(v.numpy(), [5.0, 13.0], rtol=1e-6)
    out, jv = jvp(f, x, engine.tensor([1.0, 1.0]))
    np.testing.assert_allclose(jv.numpy(), [3.0, math.cos(1.0), 15.0], rtol=1e-6)
    assert not out.requires_grad and not jv.requires_grad

    def g(x):
        return (x[0] ** 2 * x[1] ** 3).sum()

    H = hessian(g, x)
    np.testing.assert_allclose(H.numpy(), [[16.0, 24.0], [24.0, 12.0]], rtol=1e-6)
    _, hv = hvp(g, x, engine.tensor([1.0, -1.0]))
    np.testing.assert_allclose(hv.numpy(), [-8.0, 12.0], rtol=1e-6)


def test_jacobian_with_tuple_inputs_and_unused_inputs():
    from engine.autograd.functional import jacobian

    a, b = engine.tensor([0.5, 1.0]), engine.tensor([2.0, 3.0])
    ja, jb = jacobian(lambda p, q: p * 2, (a, b))
    assert ja.tolist() == [[2.0, 0.0], [0.0, 2.0]] and jb.tolist() == [[0.0, 0.0], [0.0, 0.0]]
    with pytest.raises(RuntimeError, match="should contain a single element"):
        from engine.autograd.functional import hessian

        hessian(lambda t: t * 2, a)


def test_legacy_typed_constructors_check_and_cast_the_dtype():
    assert engine.LongTensor([1.7, -2.2]).tolist() == [1, -2]
    assert engine.FloatTensor(2, 3).shape == (2, 3)
    assert isinstance(engine.ones(2), engine.FloatTensor)
    assert not isinstance(engine.ones(2), engine.LongTensor)
    assert engine.ones(2).type(engine.DoubleTensor).dtype == engine.float64
    assert repr(engine.FloatTensor) == "<class 'torch.FloatTensor'>"


# --------------------------------------------------------------------------- utils.data, nn.init
def test_dataloader_batches_in_order_and_drops_the_last_partial_batch():
    from engine.utils.data import DataLoader, TensorDataset

    ds = TensorDataset(engine.arange(10.0).view(5, 2), engine.arange(5))
    loader = DataLoader(ds, batch_size=2)
    assert len(loader) == 3 and len(DataLoader(ds, batch_size=2, drop_last=True)) == 2
    assert [y.tolist() for _, y in loader] == [[0, 1], [2, 3], [4]]
    assert [y.tolist() for _, y in DataLoader(ds, batch_size=2, drop_last=True)] == [[0, 1], [2, 3]]
    with pytest.raises(AssertionError, match="Size mismatch between tensors"):
        TensorDataset(engine.ones(3), engine.ones(4))


def test_dataloader_shuffles_a_permutation_reproducibly():
    from engine.utils.data import DataLoader, TensorDataset

    ds = TensorDataset(engine.arange(7))
    engine.manual_seed(5)
    first = [b[0].tolist() for b in DataLoader(ds, batch_size=3, shuffle=True)]
    engine.manual_seed(5)
    again = [b[0].tolist() for b in DataLoader(ds, batch_size=3, shuffle=True)]
    assert first == again and sorted(i for batch in first for i in batch) == list(range(7))


def test_default_collate_stacks_tensors_and_makes_numbers_tensors():
    from engine.utils.data import default_collate

    xs, ys = default_collate([(1.5, 2), (2.5, 3)])
    assert xs.dtype == engine.float64 and ys.dtype == engine.int64
    assert default_collate([engine.ones(2), engine.zeros(2)]).shape == (2, 2)


def test_dataloader_order_and_seed_draws_match_pytorch():
    torch = pytest.importorskip("torch")

    def program(lib):
        from importlib import import_module

        data = import_module(lib.__name__ + ".utils.data")
        lib.manual_seed(1)
        ds = data.TensorDataset(lib.arange(6))
        plain = [b[0].tolist() for b in data.DataLoader(ds, batch_size=4)]
        shuffled = [b[0].tolist() for b in data.DataLoader(ds, batch_size=4, shuffle=True)]
        g = lib.Generator().manual_seed(3)
        seeded = [b[0].tolist() for b in data.DataLoader(ds, batch_size=4, shuffle=True,
                                                         generator=g)]
        return plain, shuffled, seeded, lib.randn(2).tolist()

    ours, theirs = program(engine), program(torch)
    assert ours[:3] == theirs[:3]
    np.testing.assert_allclose(ours[3], theirs[3], rtol=1e-6)


def test_init_functions_fill_in_place_within_their_bounds():
    w = nn.Linear(30, 20).weight
    nn.init.xavier_uniform_(w)
    assert w.abs().max().item() <= math.sqrt(6 / 50) + 1e-7 and w.requires_grad and w.is_leaf
    nn.init.kaiming_uniform_(w, nonlinearity="relu")
    assert w.abs().max().item() <= math.sqrt(6 / 30) + 1e-7
    nn.init.constant_(w, 0.25)
    assert w.min().item() == w.max().item() == 0.25
    assert nn.init.zeros_(w) is w and w.abs().sum().item() == 0.0
    assert nn.init.calculate_gain("tanh") == pytest.approx(5 / 3)
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        nn.init.xavier_uniform_(engine.ones(3))


# --------------------------------------------------------------------------- optim additions
def _trajectory(lib, make_opt, make_sched=None, steps=8):
    w = lib.nn.Parameter(lib.tensor([0.5, -1.5, 2.0]))
    opt = make_opt(lib, [w])
    sched = make_sched(lib, opt) if make_sched else None
    out = []
    for _ in range(steps):
        loss = ((w - 1) ** 2).sum() + 0.3 * (w * w * w).abs().sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if sched:
            sched.step()
        out.append(w.detach().numpy().copy().tolist() + [opt.param_groups[0]["lr"]])
    return np.array(out)


@pytest.mark.parametrize("make_opt, make_sched", [
    (lambda lib, p: lib.optim.AdamW(p, lr=0.1, weight_decay=0.1), None),
    (lambda lib, p: lib.optim.Adagrad(p, lr=0.3, lr_decay=0.01, weight_decay=0.05), None),
    (lambda lib, p: lib.optim.SGD(p, lr=0.05), lambda lib, o: lib.optim.lr_scheduler.StepLR(o, 3)),
    (lambda lib, p: lib.optim.SGD(p, lr=0.05),
     lambda lib, o: lib.optim.lr_scheduler.MultiStepLR(o, [2, 5], gamma=0.5)),
    (lambda lib, p: lib.optim.Adam(p, lr=0.05),
     lambda lib, o: lib.optim.lr_scheduler.ExponentialLR(o, 0.8)),
    (lambda lib, p: lib.optim.SGD(p, lr=0.05),
     lambda lib, o: lib.optim.lr_scheduler.LambdaLR(o, lambda e: 0.9 ** e)),
    (lambda lib, p: lib.optim.SGD(p, lr=0.05, momentum=0.9),
     lambda lib, o: lib.optim.lr_scheduler.CosineAnnealingLR(o, T_max=3, eta_min=0.001)),
], ids=["adamw", "adagrad", "steplr", "multisteplr", "exponentiallr", "lambdalr", "cosine"])
def test_optimizer_and_scheduler_trajectories_match_pytorch(make_opt, make_sched):
    torch = pytest.importorskip("torch")
    np.testing.assert_allclose(
        _trajectory(engine, make_opt, make_sched), _trajectory(torch, make_opt, make_sched),
        rtol=1e-5, atol=1e-7,
    )


def test_optimizer_state_dict_round_trips():
    w = nn.Parameter(engine.ones(2))
    opt = engine.optim.Adam([w], lr=0.01)
    (w * w).sum().backward()
    opt.step()
    saved = opt.state_dict()
    assert saved["param_groups"][0]["params"] == [0]
    assert saved["state"][0]["step"].item() == 1.0
    fresh = engine.optim.Adam([w], lr=0.5)
    fresh.load_state_dict(saved)
    assert fresh.param_groups[0]["lr"] == 0.01
    assert fresh.state[w]["exp_avg"].tolist() == saved["state"][0]["exp_avg"].tolist()


def test_save_and_load_round_trip_tensors_and_state_dicts(tmp_path):
    net = nn.Linear(3, 2)
    path = tmp_path / "model.pth"
    engine.save({"model": net.state_dict(), "t": engine.tensor([1, 2])}, path)
    loaded = engine.load(path)
    assert loaded["t"].dtype == engine.int64 and loaded["t"].tolist() == [1, 2]
    other = nn.Linear(3, 2)
    other.load_state_dict(loaded["model"])
    assert other.weight.tolist() == net.weight.tolist() and other.weight.requires_grad


def test_module_list_registers_its_modules_and_prints_runs_compactly():
    layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)]).append(nn.ReLU())
    assert len(layers) == 4 and len(list(layers.parameters())) == 6
    text = repr(layers)
    assert "(0-2): 3 x Linear(in_features=2, out_features=2, bias=True)" in text
    assert "(3): ReLU()" in text
    heads = nn.ModuleDict({"a": nn.Linear(1, 1)})
    assert "a" in heads and [n for n, _ in heads.named_parameters()] == ["a.weight", "a.bias"]


def test_clip_grad_norm_scales_all_gradients_to_the_limit():
    a = engine.tensor([3.0, 0.0], requires_grad=True)
    b = engine.tensor([4.0], requires_grad=True)
    ((a * a).sum() / 2 + (b * b).sum() / 2).backward()
    total = nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    assert total.item() == pytest.approx(5.0)
    assert a.grad.tolist() == pytest.approx([0.6, 0.0], rel=1e-5)
    assert b.grad.tolist() == pytest.approx([0.8], rel=1e-5)
    nn.utils.clip_grad_value_([a, b], 0.7)
    assert b.grad.tolist() == pytest.approx([0.7])


# --------------------------------------------------------------------------- gradcheck, Function
# styles
class Doubling(autograd.Function):
    """A deliberately wrong backward (3 instead of 2)."""

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return grad * 3


def test_gradcheck_accepts_correct_and_reports_wrong_backward():
    from engine.autograd.gradcheck import GradcheckError

    x = engine.tensor([0.5, -1.0, 2.0], dtype=engine.float64, requires_grad=True)
    assert autograd.gradcheck(lambda t: (t.sin() * t).cumsum(0), (x,))
    assert autograd.gradcheck(F.cross_entropy, (x.view(1, 3), engine.tensor([2])))
    assert not autograd.gradcheck(Doubling.apply, (x,), raise_exception=False)
    with pytest.raises(GradcheckError,
                       match="Jacobian mismatch for output 0 with respect to input 0"):
        autograd.gradcheck(Doubling.apply, (x,))
    with pytest.warns(UserWarning, match="is not a double precision"):
        autograd.gradcheck(lambda t: t * 2, (engine.ones(2, requires_grad=True),), eps=1e-2)


def test_gradgradcheck_checks_second_derivatives():
    x = engine.tensor([0.3, 0.7], dtype=engine.float64, requires_grad=True)
    assert autograd.gradgradcheck(lambda t: (t.exp() * t).sum(), (x,))
    assert autograd.gradgradcheck(F.gelu, (x,))


def test_function_setup_context_once_differentiable_and_unmaterialized_grads():
    from engine.autograd.function import once_differentiable

    class Scale(autograd.Function):
        @staticmethod
        def forward(x, k):
            return x * k

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.k = inputs[1]

        @staticmethod
        @once_differentiable
        def backward(ctx, grad):
            return grad * ctx.k, None, None  # an extra None gradient is allowed

    x = engine.tensor([1.0, 2.0], requires_grad=True)
    (g,) = autograd.grad(Scale.apply(x, 4.0).sum(), x, create_graph=True)
    assert g.tolist() == [4.0, 4.0] and not g.requires_grad  # once_differentiable: no graph

    class Pair(autograd.Function):
        @staticmethod
        def forward(ctx, v):
            ctx.set_materialize_grads(False)
            return v * 1, v * 2

        @staticmethod
        def backward(ctx, g1, g2):
            ctx.got = (g1 is None, g2 is None)
            return g2 * 2

    _, second = Pair.apply(x)
    second.sum().backward()
    assert second.grad_fn._ctx.got == (True, False)