"""What outside programs (tests/engine/programs, round 4) needed of the engine, torch the oracle."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def test_math_constants_are_torch_s():
    for name in ("pi", "e", "inf", "nan"):
        ours, theirs = getattr(engine, name), getattr(torch, name)
        assert type(ours) is type(theirs) and repr(ours) == repr(theirs)


def _policy(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 2, bias=False))


def test_parameters_to_vector_stays_in_the_graph_and_vector_to_parameters_sets_data():
    results = []
    for lib in (engine, torch):
        net = _policy(lib)
        vec = lib.nn.utils.parameters_to_vector(net.parameters())
        before = (list(vec.shape), vec.requires_grad, type(vec.grad_fn).__name__)
        lib.nn.utils.vector_to_parameters(lib.arange(float(vec.numel())), net.parameters())
        with pytest.raises(TypeError) as error:
            lib.nn.utils.vector_to_parameters([1.0], net.parameters())
        results.append((before, vec.detach().tolist(), net[2].weight.tolist(),
                        net[0].bias.requires_grad, str(error.value)))
    assert results[0] == results[1]


@pytest.mark.parametrize("bias", [True, False])
def test_create_graph_weight_gradients_are_contiguous_as_in_torch(bias):
    """A linear layer's weight is used as weight.t(); its gradient comes back contiguous, so
    TRPO-style code can .view(-1) the gradients of a create_graph backward."""
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        layer = lib.nn.Linear(4, 3, bias=bias)
        a = lib.randn(4, 5, requires_grad=True)
        out = layer(a.t()).pow(2).sum()
        grads = lib.autograd.grad(out, [layer.weight, a], create_graph=True)
        results.append([(g.stride(), g.view(-1).shape[0], g.grad_fn is not None) for g in grads])
    assert results[0] == results[1]


def test_top_level_inplace_functions_act_as_the_tensor_methods():
    results = []
    for lib in (engine, torch):
        leaf = lib.linspace(0.0, 1.0, steps=3, requires_grad=True)
        with pytest.raises(RuntimeError) as error:
            lib.sin_(leaf)
        x = leaf * 2
        lib.clamp_(x, max=1.5)
        same = lib.exp_(x) is x
        x.sum().backward()
        results.append((str(error.value), same, x.tolist(), type(x.grad_fn).__name__,
                        leaf.grad.tolist(), lib.zero_(lib.ones(2)).tolist()))
    assert results[0] == results[1]


def test_inplace_shape_methods_reshape_the_tensor_itself():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        a = lib.rand(2, 3, requires_grad=True)
        with pytest.raises(RuntimeError) as error:
            a.unsqueeze_(0)
        b = a * 2
        same = b.unsqueeze_(0) is b
        b.squeeze_(0).t_()
        b.transpose_(0, 1)
        (b * lib.arange(3.0)).sum().backward()
        c = lib.rand(2, 3, out=lib.zeros(2, 3))
        results.append((str(error.value), same, list(b.shape), b._version, a.grad.tolist(),
                        c.tolist(), list(lib.linalg.matmul(c, c.t()).shape)))
    assert results[0] == results[1]


@pytest.mark.parametrize("change", [
    lambda x: x.unsqueeze_(0), lambda x: x.squeeze_(), lambda x: x.squeeze_(0),
    lambda x: x.squeeze_((0,)), lambda x: x.t_(), lambda x: x.transpose_(0, 1),
], ids=["unsqueeze_", "squeeze_", "squeeze_(int)", "squeeze_(tuple)", "t_", "transpose_"])
def test_inplace_shape_methods_name_their_history_as_torch(change):
    names = []
    for lib in (engine, torch):
        a = lib.ones(1, 3, requires_grad=True)
        x = change(a * 1)
        x.sum().backward()
        names.append((x.grad_fn.name(), x.grad_fn.next_functions[0][0].name(), a.grad.tolist()))
    assert names[0] == names[1]


@pytest.mark.parametrize("make", [
    lambda s, opt: s.ConstantLR(opt, factor=0.25, total_iters=3),
    lambda s, opt: s.LinearLR(opt, start_factor=0.2, end_factor=0.9, total_iters=4),
    lambda s, opt: s.PolynomialLR(opt, total_iters=6, power=1.5),
    lambda s, opt: s.ChainedScheduler([s.LinearLR(opt, total_iters=3),
                                       s.ExponentialLR(opt, gamma=0.8)]),
], ids=["ConstantLR", "LinearLR", "PolynomialLR", "ChainedScheduler"])
def test_more_lr_schedulers_give_torch_s_rates_to_the_last_bit(make):
    results = []
    for lib in (engine, torch):
        w = lib.zeros(2, requires_grad=True)
        optimizer = lib.optim.SGD([w], lr=0.3)
        scheduler = make(lib.optim.lr_scheduler, optimizer)
        seen = []
        for _ in range(8):
            optimizer.step()
            scheduler.step()
            seen.append((optimizer.param_groups[0]["lr"], scheduler.get_last_lr()))
        results.append(seen)
    assert results[0] == results[1]


def test_reduce_lr_on_plateau_waits_cools_down_and_stops_at_min_lr():
    metrics = [3.0, 2.0, 2.1, 2.05, 2.0, 1.999, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1]
    results = []
    for lib in (engine, torch):
        w = lib.zeros(2, requires_grad=True)
        optimizer = lib.optim.SGD([w], lr=1.0)
        scheduler = lib.optim.lr_scheduler.ReduceLROnPlateau(
            optimizer, patience=1, cooldown=1, factor=0.3, min_lr=0.05)
        seen = []
        for m in metrics:
            scheduler.step(lib.tensor(m))
            seen.append((optimizer.param_groups[0]["lr"], scheduler.num_bad_epochs,
                         scheduler.best, scheduler.in_cooldown, scheduler.get_last_lr()))
        results.append(seen)
    assert results[0] == results[1]


def test_lazy_linear_takes_its_input_size_from_the_first_call_and_becomes_a_linear():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # PyTorch 2.13 no longer warns about lazy modules
            net = lib.nn.Sequential(lib.nn.LazyLinear(4), lib.nn.ReLU(),
                                    lib.nn.LazyLinear(2, bias=False))
        before = (repr(net), repr(net[0].weight), type(net[2].weight).__name__)
        optimizer = lib.optim.SGD(net.parameters(), lr=0.5)
        y = net(lib.randn(3, 5))
        y.sum().backward()
        optimizer.step()
        results.append((before, repr(net), type(net[0]).__name__, type(net[0].bias).__name__,
                        net[0].in_features,
                        [[round(v, 5) for v in row] for row in y.tolist()],
                        [[round(v, 5) for v in row] for row in net[2].weight.tolist()]))
    assert results[0] == results[1]


def _inplace_function(lib):
    class AddOne(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            x.numpy()[...] += 1  # numpy() is allowed here: forward runs without grad mode
            ctx.mark_dirty(x)
            ctx.note = "dirty"
            return x

        @staticmethod
        def backward(ctx, grad_output):
            return grad_output * 2

    return AddOne


def test_mark_dirty_returns_the_input_itself_with_a_new_version_and_history():
    results = []
    for lib in (engine, torch):
        add_one = _inplace_function(lib)
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * 3
        saved = y * y  # saves y, which add_one then changes
        z = add_one.apply(y)
        info = (z is y, z.tolist(), y._version, type(z.grad_fn).__name__,
                z.grad_fn.needs_input_grad, z.grad_fn.note)
        with pytest.raises(RuntimeError) as stale:
            saved.sum().backward()
        z.sum().backward()
        with pytest.raises(RuntimeError) as leaf:
            add_one.apply(lib.ones(2, requires_grad=True))
        with pytest.raises(AttributeError) as missing:
            _ = z.grad_fn.nothing
        results.append((info, x.grad.tolist(), str(stale.value), str(leaf.value),
                        str(missing.value)))
    assert results[0] == results[1]


# Round 5: torch.autograd.functional's docstring examples.
def _names(t):
    return type(t.grad_fn).__name__ if t.grad_fn is not None else None


def test_double_backward_through_a_sum_over_dims_records_torch_s_ops():
    for_each = []
    for lib in (engine, torch):
        x = lib.tensor([[0.5, 1.0], [1.5, 2.0]], requires_grad=True)
        out = x.exp().sum(dim=1)
        dummy = lib.zeros_like(out, requires_grad=True)
        (back,) = lib.autograd.grad(out, x, dummy, create_graph=True)
        (jvp,) = lib.autograd.grad(back, dummy, lib.ones_like(x), create_graph=True)
        for_each.append((_names(back), _names(jvp), jvp.tolist()))
        _, jvp = lib.autograd.functional.jvp(lambda t: t.exp().sum(dim=(0, 1)), x,
                                             lib.ones_like(x), create_graph=True)
        for_each.append((_names(jvp), jvp.shape))
    ours, theirs = for_each[:2], for_each[2:]
    assert ours[0][:2] == theirs[0][:2] and ours[1] == theirs[1]
    assert ours[0][2] == pytest.approx(theirs[0][2])


def test_vhp_and_hvp_return_the_function_s_output_unsqueezed_and_name_themselves():
    def f(x):
        return x.pow(3).sum().reshape(1)

    for fn in ("vhp", "hvp"):
        got = []
        for lib in (engine, torch):
            x = lib.tensor([1.0, 2.0])
            value, product = getattr(lib.autograd.functional, fn)(f, x, lib.ones(2),
                                                                  create_graph=True)
            got.append((tuple(value.shape), _names(value), product.tolist()))
            with pytest.raises(RuntimeError) as error:
                getattr(lib.autograd.functional, fn)(lambda t: t * 2, x, lib.ones(2))
            got.append(str(error.value))
        assert got[:2] == got[2:]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighting", ["weight", "pos_weight", "both"])
def test_bce_with_logits_weights_as_torch_values_grads_and_double_backward(reduction, weighting):
    got = []
    for lib in (engine, torch):
        x = lib.tensor([[1.1, -2.2, 3.3], [-40.0, 0.5, 30.0]], requires_grad=True)
        y = lib.tensor([[1.0, 0.0, 0.3], [1.0, 0.0, 0.0]], requires_grad=True)
        options = {}
        if weighting in ("weight", "both"):
            options["weight"] = lib.tensor([[1, 1, 0], [1, 0, 1]])  # a mask, as word2vec's
        if weighting in ("pos_weight", "both"):
            options["pos_weight"] = lib.tensor([2.0, 0.5, 3.0])
        loss = lib.nn.functional.binary_cross_entropy_with_logits(x, y, reduction=reduction,
                                                                  **options)
        gx, gy = lib.autograd.grad(loss.sum(), (x, y), create_graph=True)
        (ggx,) = lib.autograd.grad((gx * gx).sum() + (gy * x).sum(), x)
        module = lib.nn.BCEWithLogitsLoss(reduction=reduction, **options)
        got.append([loss.tolist(), gx.tolist(), gy.tolist(), ggx.tolist(),
                    module(x, y).tolist(), sorted(module.state_dict())])
    ours, theirs = got
    assert ours[5] == theirs[5]
    for a, b in zip(ours[:5], theirs[:5]):
        assert np.allclose(a, b, rtol=1e-5, atol=1e-6)


def test_setitem_of_a_source_with_leading_ones_sends_its_gradient_back_in_its_shape():
    got = []
    for lib in (engine, torch):
        a = lib.tensor([1.5], requires_grad=True)
        b = lib.tensor([[[1.0, 2.0, 3.0]]], requires_grad=True)
        y = lib.zeros(4, 3)
        y[0, 0] = a  # a [1] into a 0-dim slot
        y[1] = b * a  # a [1, 1, 3] into a [3] row
        (ga, gb) = lib.autograd.grad((y ** 2).sum(), (a, b), create_graph=True)
        (gga,) = lib.autograd.grad(ga.sum() + gb.sum(), a)
        got.append([tuple(ga.shape), tuple(gb.shape), ga.tolist(), gb.tolist(), gga.tolist()])
    assert got[0] == got[1]


@pytest.mark.parametrize("seed", range(6))
def test_multinomial_draws_torch_s_samples_and_leaves_the_generator_where_torch_does(seed):
    rng = np.random.default_rng(seed)
    probs = rng.random([(5,), (3, 7), (2, 27)][seed % 3]).astype([np.float32, np.float64][seed % 2])
    probs[..., 1] = 0  # never drawn
    got = []
    for lib in (engine, torch):
        lib.manual_seed(seed)
        p = lib.tensor(probs)
        draws = [lib.multinomial(p, 1), lib.multinomial(p, 1, replacement=True),
                 p.multinomial(3), lib.multinomial(p, 9, replacement=True)]
        got.append([d.tolist() for d in draws] + [lib.rand(3).tolist()])
    assert got[0] == got[1]


@pytest.mark.parametrize("probs, n, replacement", [
    ([0.0, 0.0], 1, False), ([-1.0, 2.0], 1, False), ([1.0, 2.0], 3, False),
    ([[[1.0]]], 1, False), ([1.0, float("nan")], 1, False), ([1.0, 2.0], 0, True),
])
def test_multinomial_refuses_as_torch(probs, n, replacement):
    messages = []
    for lib in (engine, torch):
        with pytest.raises(RuntimeError) as error:
            lib.multinomial(lib.tensor(probs), n, replacement=replacement)
        messages.append(str(error.value))
    assert messages[0] == messages[1]


def test_tensor_reads_any_python_sequence_as_torch():
    cases = [range(16), range(2, 9, 3), [range(2), range(2)], range(0)]
    for data in cases:
        ours, theirs = engine.tensor(data), torch.tensor(data)
        assert (ours.tolist(), str(ours.dtype)) == (theirs.tolist(), str(theirs.dtype))
    for lib in (engine, torch):
        with pytest.raises(TypeError, match="new\\(\\): invalid data type 'str'"):
            lib.tensor("abc")


def test_bincount_counts_and_weighs_and_refuses_as_torch():
    got = []
    for lib in (engine, torch):
        values = lib.tensor([1, 1, 3, 0])
        results = [lib.bincount(values, minlength=6), values.bincount(),
                   lib.bincount(values, weights=lib.tensor([0.5, 1.5, 2.0, 1.0])),
                   lib.bincount(values, weights=lib.tensor([1.0, 2.0, 3.0, 4.0],
                                                           dtype=lib.float64)),
                   lib.bincount(lib.tensor([], dtype=lib.long))]
        got.append([(r.tolist(), str(r.dtype)) for r in results])
        for bad in (lib.tensor([-1]), lib.tensor([1.0]), lib.tensor([[1]])):
            with pytest.raises((RuntimeError, NotImplementedError)) as error:
                lib.bincount(bad)
            got[-1].append((type(error.value).__name__, str(error.value)))
    assert got[0] == got[1]


def test_clamp_min_and_clamp_max_record_their_own_nodes_as_torch():
    got = []
    for lib in (engine, torch):
        x = lib.tensor([-1.0, 0.0, 2.0], requires_grad=True)
        low, high = x.clamp_min(0.0), lib.clamp_max(x, 1)
        (low.sum() + (high * high).sum()).backward()
        ints = lib.tensor([1, 5, -3])
        got.append([_names(low), _names(high), low.tolist(), high.tolist(), x.grad.tolist(),
                    ints.clamp_min(0).tolist(), str(ints.clamp_min(0).dtype),
                    ints.clamp_max(0.5).tolist(), str(ints.clamp_max(0.5).dtype)])
    assert got[0] == got[1]
