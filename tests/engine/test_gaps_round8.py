"""What outside programs (tests/engine/programs, round 8) needed of the engine, torch the oracle."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")

LOGITS = [[0.2, -1.0, 0.5, 1.5, 0.0], [1.0, 0.3, -0.2, 0.1, 2.0], [-0.5, 0.4, 0.9, -1.2, 0.3]]
WEIGHT = [1.0, 2.0, 0.5, 1.0, 3.0]


def test_post_accumulate_grad_hook_sees_the_summed_grad_once_and_may_update_the_leaf():
    results = []
    for lib in (engine, torch):
        seen = []
        w = lib.tensor([1.0, -1.0], requires_grad=True)

        def sgd_step(p, seen=seen):
            seen.append(p.grad.tolist())
            p.add_(p.grad, alpha=-0.1)

        handle = w.register_post_accumulate_grad_hook(sgd_step)
        (w * 3 + w * w).sum().backward()
        handle.remove()
        (w * 3).sum().backward()
        with pytest.raises(RuntimeError) as error:
            (w * 2).register_post_accumulate_grad_hook(lambda p: None)
        results.append((seen, w.tolist(), w.grad.tolist(), str(error.value)))
    assert results[0] == results[1]


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
def test_cross_entropy_with_probability_targets_as_torch(reduction, smoothing, weighted):
    results = []
    for lib in (engine, torch):
        x = lib.tensor(LOGITS, requires_grad=True)
        target = lib.tensor(LOGITS).mul(2).softmax(dim=1)
        weight = lib.tensor(WEIGHT) if weighted else None
        loss = lib.nn.functional.cross_entropy(x, target, weight=weight, reduction=reduction,
                                               label_smoothing=smoothing)
        loss.sum().backward()
        results.append((np.asarray(loss.tolist()), np.asarray(x.grad.tolist())))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("smoothing", [0.0, 0.1])
def test_class_weights_and_ignored_targets_as_torch(reduction, smoothing):
    results = []
    for lib in (engine, torch):
        x = lib.tensor(LOGITS, requires_grad=True)
        loss_fn = lib.nn.CrossEntropyLoss(weight=lib.tensor(WEIGHT), ignore_index=0,
                                          reduction=reduction, label_smoothing=smoothing)
        loss = loss_fn(x, lib.tensor([1, 0, 4]))
        loss.sum().backward()
        nll = lib.nn.NLLLoss(weight=lib.tensor(WEIGHT), reduction=reduction)(
            x.detach().log_softmax(1), lib.tensor([3, 2, 4]))
        # str: an ignored row's gradient is +0 in PyTorch, printed "0.", not "-0."
        results.append((np.asarray(loss.tolist()), str(x.grad), np.asarray(nll.tolist()),
                        sorted(dict(loss_fn.named_buffers()))))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    assert results[0][1] == results[1][1]
    np.testing.assert_allclose(results[0][2], results[1][2], rtol=1e-5, atol=1e-6)
    assert results[0][3] == results[1][3]


def _once_differentiable_square(lib):
    class Square(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        @lib.autograd.function.once_differentiable
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 2 * x * grad

    return Square


def test_once_differentiable_gradient_requires_grad_and_refuses_a_second_derivative():
    results = []
    for lib in (engine, torch):
        x = lib.tensor([1.0, 3.0], requires_grad=True)
        (g,) = lib.autograd.grad(_once_differentiable_square(lib).apply(x).pow(2).sum(), x,
                                 create_graph=True)
        with pytest.raises(RuntimeError) as error:
            g.sum().backward()
        plain = lib.autograd.grad(_once_differentiable_square(lib).apply(x).sum(), x)[0]
        results.append((g.tolist(), g.requires_grad, type(g.grad_fn).__name__, str(error.value),
                        plain.requires_grad))
    assert results[0] == results[1]


def test_a_scheduler_stepped_before_its_optimizer_warns_once_as_torch():
    results = []
    for lib in (engine, torch):
        p = lib.nn.Parameter(lib.ones(2))
        opt = lib.optim.SGD([p], lr=0.1)
        sched = lib.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sched.step()
            p.sum().backward()
            opt.step()
            sched.step()
        good = lib.optim.SGD([p], lr=0.1)
        later = lib.optim.lr_scheduler.StepLR(good, step_size=1)
        with warnings.catch_warnings(record=True) as quiet:
            warnings.simplefilter("always")
            good.step()
            later.step()
        results.append(([str(w.message) for w in caught], len(quiet), p.tolist()))
    assert results[0] == results[1]


@pytest.mark.parametrize("channels", [1, 3])
def test_prelu_values_and_gradients_as_torch(channels):
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        layer = lib.nn.PReLU(channels)
        x = lib.tensor([[[-1.0, 0.0, 2.0]] * 3, [[0.5, -2.0, -0.25]] * 3], requires_grad=True)
        y = layer(x)
        (y * lib.arange(18.0).reshape(2, 3, 3)).sum().backward()
        results.append((repr(layer), y.tolist(), x.grad.tolist(), layer.weight.grad.tolist()))
    assert results[0] == results[1]


def test_calculate_fan_in_and_fan_out_as_torch():
    for shape in [(3, 4), (8, 2, 3, 3)]:
        assert engine.nn.init._calculate_fan_in_and_fan_out(engine.empty(shape)) == \
            torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))


def test_inference_mode_false_enables_grad_even_inside_no_grad():
    results = []
    for lib in (engine, torch):
        x = lib.ones(2, requires_grad=True)
        seen = []
        with lib.no_grad(), lib.inference_mode(False):
            seen.append((lib.is_grad_enabled(), (x * 2).requires_grad))
        with lib.inference_mode(), lib.inference_mode(False):
            seen.append((lib.is_inference_mode_enabled(), lib.is_grad_enabled()))
        seen.append((lib.is_inference_mode_enabled(), lib.is_grad_enabled()))
        results.append(seen)
    assert results[0] == results[1]


def _chain(t, depth=3):
    names, fn = [], t.grad_fn
    while fn is not None and len(names) < depth:
        names.append(type(fn).__name__)
        fn = fn.next_functions[0][0] if fn.next_functions else None
    return names


@pytest.mark.parametrize("shape", [(2, 4, 3), (2, 4, 3, 2), (2, 4, 2, 1, 2)])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_cross_entropy_over_extra_dimensions_as_torch(shape, reduction):
    rng = np.random.default_rng(0)
    x0 = rng.standard_normal(shape).astype(np.float32)
    t0 = rng.integers(0, 4, (shape[0], *shape[2:]))
    results = []
    for lib in (engine, torch):
        x = lib.tensor(x0, requires_grad=True)
        loss = lib.nn.functional.cross_entropy(x, lib.tensor(t0), weight=lib.tensor(WEIGHT[:4]),
                                               ignore_index=1, reduction=reduction)
        loss.sum().backward()
        results.append((np.asarray(loss.tolist()), x.grad.numpy(), _chain(loss)))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-5, atol=1e-6)
    assert results[0][2] == results[1][2]


def test_random_draws_what_torch_draws_in_place():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        ints = lib.empty(6, dtype=lib.long).random_(0, 4)
        floats = lib.empty(3).random_(10)
        results.append((ints.tolist(), floats.tolist(), str(floats.dtype), lib.rand(2).tolist()))
    assert results[0] == results[1]


def _target_mistake(lib, case):
    F = lib.nn.functional
    logits, labels = lib.tensor(LOGITS), lib.tensor([1, 3, 0])
    probs = lib.tensor([0.2, 0.7, 0.9])
    if case == "unsqueezed":
        return F.cross_entropy(logits, labels.unsqueeze(1))
    if case == "one_hot":
        return F.cross_entropy(logits, F.one_hot(labels, 5))
    if case == "batch":
        return F.cross_entropy(logits, labels[:2])
    if case == "bce_long":
        return F.binary_cross_entropy(probs, labels.clamp(0, 1))
    return F.binary_cross_entropy(probs, probs.double())


@pytest.mark.parametrize("case", ["unsqueezed", "one_hot", "batch", "bce_long", "bce_double"])
def test_loss_target_mistakes_raise_torch_s_errors(case):
    messages = []
    for lib in (engine, torch):
        with pytest.raises((RuntimeError, ValueError)) as error:
            _target_mistake(lib, case)
        messages.append((error.type.__name__, str(error.value)))
    assert messages[0] == messages[1]


def _composite_loss(lib, name, reduction):
    F = lib.nn.functional
    x1 = lib.tensor(LOGITS, requires_grad=True)
    x2 = lib.tensor(LOGITS[::-1]) * 0.5
    sign = lib.tensor([1, -1, 1])
    loss = {
        "margin_ranking": lambda: F.margin_ranking_loss(x1[:, 0], x2[:, 0], sign, margin=0.2,
                                                        reduction=reduction),
        "hinge": lambda: F.hinge_embedding_loss(x1[:, :3], sign.expand(3, 3).T,
                                                reduction=reduction),
        "cosine": lambda: F.cosine_embedding_loss(x1, x2, sign, margin=0.1, reduction=reduction),
        "triplet": lambda: F.triplet_margin_loss(x1, x2, x2.flip(0), swap=True,
                                                 reduction=reduction),
        "poisson": lambda: F.poisson_nll_loss(x1.exp(), x2.abs() * 4, log_input=False,
                                              full=True, reduction=reduction),
        "gaussian": lambda: F.gaussian_nll_loss(x1, x2, x2.abs()[:, :1] + 0.1, full=True,
                                                reduction=reduction),
        "multilabel": lambda: F.multilabel_soft_margin_loss(x1, (x2 > 0).float(),
                                                            reduction=reduction),
    }[name]()
    loss.sum().backward()
    return np.asarray(loss.tolist()), x1.grad.numpy(), _chain(loss, 1)


@pytest.mark.parametrize("name", ["margin_ranking", "hinge", "cosine", "triplet", "poisson",
                                  "gaussian", "multilabel"])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_composite_losses_as_torch(name, reduction):
    # Only the printed grad_fn is compared: below it PyTorch's C++ composition records the
    # scalar overloads (AddBackward1, RsubBackward1), which the engine names ...Backward0.
    ours, theirs = (_composite_loss(lib, name, reduction) for lib in (engine, torch))
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-5, atol=1e-6)
    assert ours[2] == theirs[2]


def test_is_grads_batched_gives_every_row_of_the_jacobian_as_torch():
    results = []
    for lib in (engine, torch):
        x = lib.tensor([0.5, -1.0, 2.0], requires_grad=True)
        y = lib.tanh(lib.tensor(LOGITS)[:, :3] @ x) * x.sum()
        (jac,) = lib.autograd.grad(y, x, lib.eye(3), is_grads_batched=True, create_graph=True)
        (second,) = lib.autograd.grad(jac.sum(), x, retain_graph=True)
        (again,) = lib.autograd.grad(y, x, 2 * lib.eye(3), is_grads_batched=True)
        with pytest.raises(RuntimeError):  # the graph is freed now, as after any grad()
            lib.autograd.grad(y, x, lib.ones(3))
        results.append((jac.detach().numpy(), second.numpy(), again.numpy(), jac.requires_grad))
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
