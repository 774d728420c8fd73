"""The blitz "Neural Networks" page: conv2d, pooling and module hooks, against torch and
finite differences."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine.autograd import gradcheck, gradgradcheck

torch = pytest.importorskip("torch")

CONV_CASES = [
    {},
    {"stride": 2},
    {"padding": 1},
    {"padding": (2, 1), "stride": (1, 2), "dilation": (2, 1)},
]
MAX_CASES = [
    {"kernel_size": 2},
    {"kernel_size": 3, "stride": 2, "padding": 1},
    {"kernel_size": 3, "stride": 2, "ceil_mode": True},
    {"kernel_size": (2, 3), "stride": 1, "dilation": (2, 1)},
]
AVG_CASES = [
    {"kernel_size": 2},
    {"kernel_size": 3, "stride": 2, "padding": 1},
    {"kernel_size": 3, "stride": 2, "padding": 1, "count_include_pad": False},
    {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False},
    {"kernel_size": 2, "divisor_override": 3},
]


def _inputs(lib, seed=0):
    rng = np.random.default_rng(seed)
    x = lib.tensor(rng.standard_normal((2, 3, 7, 6)), requires_grad=True)
    w = lib.tensor(rng.standard_normal((4, 3, 3, 2)), requires_grad=True)
    b = lib.tensor(rng.standard_normal(4), requires_grad=True)
    return x, w, b


def _run(lib, fn):
    out = fn(lib)
    (out**2).sum().backward()
    return out


@pytest.mark.parametrize("kwargs", CONV_CASES)
def test_conv2d_values_and_grads_match_torch(kwargs):
    results = []
    for lib in (engine, torch):
        x, w, b = _inputs(lib)
        y = lib.nn.functional.conv2d(x, w, b, **kwargs)
        (y**2).sum().backward()
        results.append((y.grad_fn.name(), y.detach().numpy(), x.grad.numpy(), w.grad.numpy(),
                        b.grad.numpy()))
    ours, theirs = results
    assert ours[0] == theirs[0] == "ConvolutionBackward0"
    for a, t in zip(ours[1:], theirs[1:]):
        np.testing.assert_allclose(a, t, rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize(("name", "kwargs"), [("max_pool2d", k) for k in MAX_CASES]
                         + [("avg_pool2d", k) for k in AVG_CASES])
def test_pooling_values_and_grads_match_torch(name, kwargs):
    results = []
    for lib in (engine, torch):
        x, _, _ = _inputs(lib)
        y = getattr(lib.nn.functional, name)(x, **kwargs)
        (y**3).sum().backward()
        results.append((y.grad_fn.name(), y.detach().numpy(), x.grad.numpy()))
    assert results[0][0] == results[1][0]
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-12)
    np.testing.assert_allclose(results[0][2], results[1][2], rtol=1e-12)


def test_max_pool_indices_match_torch():
    got = [lib.nn.functional.max_pool2d(_inputs(lib)[0], 3, 2, 1, return_indices=True)[1]
           for lib in (engine, torch)]
    assert got[0].tolist() == got[1].tolist()


def test_conv_and_pools_pass_first_and_second_order_gradcheck():
    rng = np.random.default_rng(1)
    x = engine.tensor(rng.standard_normal((1, 2, 5, 5)), requires_grad=True)
    w = engine.tensor(rng.standard_normal((3, 2, 2, 2)), requires_grad=True)
    b = engine.tensor(rng.standard_normal(3), requires_grad=True)
    conv = lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1)
    assert gradcheck(conv, (x, w, b))
    assert gradgradcheck(conv, (x, w, b))
    for pool in (lambda x: F.max_pool2d(x * x, 2), lambda x: F.avg_pool2d(x * x, 3, 2, 1)):
        assert gradcheck(pool, (x,))
        assert gradgradcheck(pool, (x,))


def test_conv2d_module_init_and_repr_match_torch():
    reprs, weights = [], []
    for lib in (engine, torch):
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Conv2d(1, 6, 5), lib.nn.MaxPool2d(2),
                                lib.nn.Conv2d(6, 4, 3, padding=1, bias=False),
                                lib.nn.AvgPool2d(2), lib.nn.Flatten())
        reprs.append(repr(net))
        weights.append((net[0].weight.detach().numpy(), net[0].bias.detach().numpy(),
                        net(lib.ones(1, 1, 12, 12)).detach().numpy()))
    assert reprs[0] == reprs[1]
    for a, t in zip(*weights):
        np.testing.assert_allclose(a, t, rtol=1e-5, atol=1e-6)


def _hook_log(lib):
    log = []
    lib.manual_seed(0)
    lin = lib.nn.Linear(3, 2)
    lin.register_forward_pre_hook(lambda m, args: log.append(("pre", tuple(args[0].shape))))
    lin.register_forward_hook(lambda m, args, out: log.append(("fwd", out.grad_fn.name())))
    lin.register_full_backward_pre_hook(lambda m, go: log.append(("bw pre", go[0].tolist())))
    lin.register_full_backward_hook(
        lambda m, gi, go: log.append(("bw", [None if g is None else g.tolist() for g in gi])))
    x = lib.ones(2, 3)
    y = lin(x)
    log.append(("out", y.grad_fn.name()))
    y.sum().backward()
    x.requires_grad_()
    lin(x).sum().backward()
    log.append(("x.grad", x.grad.tolist()))
    return log


def _rounded(value):
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def test_module_hooks_run_as_torch_s():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _rounded(_hook_log(engine)) == _rounded(_hook_log(torch))


def test_full_backward_hook_can_replace_grad_input():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 1))
        net[1].register_full_backward_hook(lambda m, gi, go: (gi[0] * 0.5,))
        handle = net[0].register_forward_hook(lambda m, args, out: out * 2)
        x = lib.ones(2, 3, requires_grad=True)
        net(x).sum().backward()
        handle.remove()
        results.append((x.grad.numpy(), net[0].weight.grad.numpy(), net(x).detach().numpy()))
    for a, t in zip(*results):
        np.testing.assert_allclose(a, t, rtol=1e-5)


def test_legacy_backward_hook_sees_the_last_node_s_gradients_and_warns():
    seen = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        lin = lib.nn.Linear(3, 2)
        got = []
        lin.register_backward_hook(lambda m, gi, go, got=got: got.append(
            [g.tolist() for g in gi] + [go[0].tolist()]))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y = lin(lib.ones(4, 3, requires_grad=True))
        y.sum().backward()
        seen.append((got, [w.category.__name__ for w in caught]))
    assert seen[0] == seen[1]
