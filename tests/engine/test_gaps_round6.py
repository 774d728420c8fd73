"""What outside programs (tests/engine/programs, round 6) needed of the engine, torch the oracle."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


@pytest.mark.parametrize(
    ("name", "padding"),
    [("ReflectionPad2d", 1), ("ReflectionPad2d", (1, 0, 2, 1)), ("ReplicationPad2d", 2),
     ("ZeroPad2d", (1, 2, 0, 1)), ("ReflectionPad1d", 2)],
)
def test_padding_layers_pad_print_and_backward_as_torch(name, padding):
    x = np.arange(2 * 3 * 4 * 5, dtype=np.float32).reshape(2, 3, 4, 5) / 7
    if name.endswith("1d"):
        x = x[0]
    results = []
    for lib in (engine, torch):
        layer = getattr(lib.nn, name)(padding)
        inp = lib.tensor(x, requires_grad=True)
        out = layer(inp)
        (out * lib.arange(float(out.shape[-1]))).sum().backward()
        results.append((repr(layer), type(out.grad_fn).__name__, out.detach().numpy(),
                        inp.grad.numpy()))
    assert results[0][:2] == results[1][:2]
    np.testing.assert_allclose(results[0][2], results[1][2], rtol=1e-6)
    np.testing.assert_allclose(results[0][3], results[1][3], rtol=1e-6)


def test_a_data_loader_with_a_sampler_draws_torch_s_batches_and_refuses_shuffle_with_it():
    results = []
    for lib in (engine, torch):
        data = lib.utils.data
        lib.manual_seed(3)
        dataset = data.TensorDataset(lib.arange(10), lib.arange(10) * 2)
        random_loader = data.DataLoader(dataset, sampler=data.RandomSampler(dataset), batch_size=4)
        in_order = data.DataLoader(dataset, sampler=data.SequentialSampler(dataset), batch_size=3)
        with pytest.raises(ValueError) as error:
            data.DataLoader(dataset, sampler=data.SequentialSampler(dataset), shuffle=True)
        results.append(([[t.tolist() for t in batch] for _ in range(2) for batch in random_loader],
                        [batch[0].tolist() for batch in in_order], len(random_loader),
                        str(error.value)))
    assert results[0] == results[1]


def test_module_type_casts_parameters_grads_and_every_buffer_as_torch():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Linear(2, 3), lib.nn.BatchNorm1d(3))
        net(lib.ones(4, 2)).sum().backward()
        weight = net[0].weight
        same = net.type(lib.DoubleTensor) is net and net[0].weight is weight
        results.append((same, str(net[0].weight.dtype), str(net[0].weight.grad.dtype),
                        str(net[1].running_mean.dtype), str(net[1].num_batches_tracked.dtype),
                        net[0].weight.requires_grad, str(net.type(lib.float32)[0].bias.dtype)))
    assert results[0] == results[1]


def test_randint_with_only_high_and_size_by_keyword_draws_torch_s_numbers():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(3407)
        results.append((lib.randint(3, size=(6,), dtype=lib.long).tolist(),
                        lib.randint(5, size=(2, 2)).tolist(),
                        lib.randint(2, 9, size=(3,)).tolist()))
    assert results[0] == results[1]


def test_tanh_backward_rounds_one_minus_y_squared_once_as_torch():
    x = np.linspace(-6, 6, 2001, dtype=np.float32)
    values, grads = [], []
    for lib in (engine, torch):
        t = lib.tensor(x, requires_grad=True)
        y = lib.tanh(t)
        y.backward(lib.full((len(x),), 0.75))
        values.append(y.detach().numpy())
        grads.append(t.grad.numpy())
    # tanh itself is 1 ulp off PyTorch's (SLEEF's) at a few points: compare where it agrees
    same = values[0] == values[1]
    assert same.sum() > 1990
    np.testing.assert_array_equal(grads[0][same], grads[1][same])  # x = 5: 1.815475e-4 x 0.75


def test_a_backward_that_fails_midway_has_accumulated_the_leaves_torch_reached_first():
    results = []
    for lib in (engine, torch):
        a = lib.tensor(2.0, requires_grad=True)
        w = lib.tensor(1.0, requires_grad=True)
        y = a * a
        y.backward(retain_graph=False)
        loss = y + w * 3  # w's branch runs first (newer nodes first), then y's freed MulBackward0
        with pytest.raises(RuntimeError, match="second time"):
            loss.backward()
        results.append((a.grad.item(), None if w.grad is None else w.grad.item()))
    assert results[0] == results[1]  # torch: (4.0, 3.0)


@pytest.mark.parametrize("shape", [(2, 3, 4, 4), (2, 5, 3), (4, 6)])
def test_dropout2d_drops_what_torch_drops_and_warns_as_torch(shape):
    x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape) + 1
    results = []
    for lib in (engine, torch):
        inp = lib.tensor(x, requires_grad=True)
        lib.manual_seed(7)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = lib.nn.Dropout2d(0.4)(inp)
        out.sum().backward()
        layer = lib.nn.Dropout2d(0.25).eval()
        results.append((out.detach().numpy(), inp.grad.numpy(), type(out.grad_fn).__name__,
                        [str(w.message) for w in caught], repr(layer),
                        layer(inp) is inp, lib.randn(2).tolist()))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    assert results[0][2:] == results[1][2:]


def test_lbfgs_steps_count_and_stop_as_torch():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        w = lib.randn(5, 3, dtype=lib.float64, requires_grad=True)
        b = lib.zeros(3, dtype=lib.float64, requires_grad=True)
        x, y = lib.randn(20, 5, dtype=lib.float64), lib.randn(20, 3, dtype=lib.float64)
        opt = lib.optim.LBFGS([w, b], lr=0.8, history_size=4, max_iter=7)

        def closure(opt=opt, w=w, b=b, x=x, y=y, lib=lib):
            opt.zero_grad()
            loss = ((x @ w + b - y) ** 2).mean() + (w ** 4).sum() * 0.01
            loss.backward()
            return loss

        losses = [opt.step(closure).item() for _ in range(4)]
        results.append((losses, opt.state[w]["func_evals"], opt.state[w]["n_iter"],
                        w.detach().numpy(), repr(opt)))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-9)
    np.testing.assert_allclose(results[0][3], results[1][3], rtol=1e-9)
    assert results[0][1:3] + results[0][4:] == results[1][1:3] + results[1][4:]


@pytest.mark.parametrize("size", [1, 3, (2,)])
def test_adaptive_avg_pool1d_pools_prints_and_backwards_as_torch(size):
    x = np.linspace(-2, 3, 2 * 3 * 7, dtype=np.float32).reshape(2, 3, 7)
    results = []
    for lib in (engine, torch):
        inp = lib.tensor(x, requires_grad=True)
        out = lib.nn.AdaptiveAvgPool1d(size)(inp)
        (out * out).sum().backward()
        results.append((repr(lib.nn.AdaptiveAvgPool1d(size)), type(out.grad_fn).__name__,
                        tuple(out.shape), out.detach().numpy(), inp.grad.numpy()))
    assert results[0][:3] == results[1][:3]
    np.testing.assert_allclose(results[0][3], results[1][3], rtol=1e-6)
    np.testing.assert_allclose(results[0][4], results[1][4], rtol=1e-6)
