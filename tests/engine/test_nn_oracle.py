"""engine.nn against PyTorch: the tutorial's nn, optimizer and custom-Function programs, layers
and losses, run with `engine as torch` from PyTorch's own initial weights."""

import math

import numpy as np
import pytest

import engine
import engine.nn.functional as F

torch = pytest.importorskip("torch")
import torch.nn.functional as torch_F

STEPS = 50
RTOL = 1e-5


def _initial_linear_weights(seed: int) -> tuple[np.ndarray, np.ndarray]:
    torch.manual_seed(seed)
    layer = torch.nn.Linear(3, 1)
    return layer.weight.detach().numpy().copy(), layer.bias.detach().numpy().copy()


def polynomial_nn_program(lib, weight, bias, optimizer: str | None, learning_rate: float):
    """PyTorch's "nn" and "optim" polynomial tutorials, verbatim but for the weight copy."""
    x = lib.linspace(-math.pi, math.pi, 2000)
    y = lib.sin(x)
    p = lib.tensor([1, 2, 3])
    xx = x.unsqueeze(-1).pow(p)
    model = lib.nn.Sequential(lib.nn.Linear(3, 1), lib.nn.Flatten(0, 1))
    with lib.no_grad():
        model[0].weight.copy_(lib.tensor(weight))
        model[0].bias.copy_(lib.tensor(bias))
    loss_fn = lib.nn.MSELoss(reduction="sum")
    opt = None
    if optimizer is not None:
        opt = getattr(lib.optim, optimizer)(model.parameters(), lr=learning_rate)
    losses = []
    for _ in range(STEPS):
        y_pred = model(xx)
        loss = loss_fn(y_pred, y)
        losses.append(loss.item())
        if opt is None:
            model.zero_grad()
            loss.backward()
            with lib.no_grad():
                for param in model.parameters():
                    param -= learning_rate * param.grad
        else:
            opt.zero_grad()
            loss.backward()
            opt.step()
    linear_layer = model[0]
    return losses, linear_layer.weight.tolist()[0] + linear_layer.bias.tolist()


@pytest.mark.parametrize(
    ("optimizer", "learning_rate"),
    [(None, 1e-6), ("RMSprop", 1e-3), ("SGD", 1e-6), ("Adam", 1e-2)],
)
def test_polynomial_nn_tutorial_matches_pytorch(optimizer, learning_rate):
    weight, bias = _initial_linear_weights(seed=4)
    ours = polynomial_nn_program(engine, weight, bias, optimizer, learning_rate)
    theirs = polynomial_nn_program(torch, weight, bias, optimizer, learning_rate)
    np.testing.assert_allclose(ours[0], theirs[0], rtol=RTOL)
    # Adam and RMSprop move each weight by about lr per step whatever the gradient's size, so
    # a rounding difference in a near-zero gradient can show up as a fraction of lr (seen: 5.6e-4 lr
    # for RMSprop with NumPy 2.4.6 and torch 2.13.0)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=RTOL, atol=max(1e-7, 1e-3 * learning_rate))
    assert ours[0][-1] < ours[0][0]


def _legendre_function(lib):
    class LegendrePolynomial3(lib.autograd.Function):
        @staticmethod
        def forward(ctx, input):
            ctx.save_for_backward(input)
            return 0.5 * (5 * input**3 - 3 * input)

        @staticmethod
        def backward(ctx, grad_output):
            (input,) = ctx.saved_tensors
            return grad_output * 1.5 * (5 * input**2 - 1)

    return LegendrePolynomial3


def legendre_program(lib):
    """PyTorch's custom autograd.Function tutorial: y = a + b * P3(c + d x)."""
    x = lib.linspace(-math.pi, math.pi, 2000)
    y = lib.sin(x)
    a = lib.full((), 0.0, requires_grad=True)
    b = lib.full((), -1.0, requires_grad=True)
    c = lib.full((), 0.0, requires_grad=True)
    d = lib.full((), 0.3, requires_grad=True)
    learning_rate = 5e-6
    P3 = _legendre_function(lib).apply
    losses, names = [], set()
    for _ in range(STEPS):
        y_pred = a + b * P3(c + d * x)
        loss = (y_pred - y).pow(2).sum()
        losses.append(loss.item())
        names.add(type(y_pred.grad_fn.next_functions[1][0].next_functions[1][0]).__name__)
        loss.backward()
        with lib.no_grad():
            for weight in (a, b, c, d):
                weight -= learning_rate * weight.grad
                weight.grad = None
    return losses, [w.item() for w in (a, b, c, d)], names


def test_custom_function_tutorial_matches_pytorch():
    ours = legendre_program(engine)
    theirs = legendre_program(torch)
    np.testing.assert_allclose(ours[0], theirs[0], rtol=RTOL)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=RTOL, atol=1e-7)
    assert ours[2] == theirs[2] == {"LegendrePolynomial3Backward"}


def test_module_and_parameter_reprs_match_pytorch():
    weight, bias = _initial_linear_weights(seed=0)
    models = []
    for lib in (engine, torch):
        model = lib.nn.Sequential(lib.nn.Linear(3, 1), lib.nn.Flatten(0, 1))
        with lib.no_grad():
            model[0].weight.copy_(lib.tensor(weight))
            model[0].bias.copy_(lib.tensor(bias))
        models.append(model)
    ours, theirs = models
    assert repr(ours) == repr(theirs)
    assert repr(ours[0].weight) == repr(theirs[0].weight)
    assert repr(ours[0].bias) == repr(theirs[0].bias)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert repr(engine.nn.MSELoss(reduction="none")) == repr(torch.nn.MSELoss(reduction="none"))


@pytest.mark.parametrize("input_shape", [(3,), (5, 3), (2, 4, 3)])
@pytest.mark.parametrize("with_bias", [True, False])
def test_linear_values_and_grads_match_pytorch(input_shape, with_bias):
    rng = np.random.default_rng(7)
    x = rng.standard_normal(input_shape).astype(np.float32)
    w = rng.standard_normal((2, 3)).astype(np.float32)
    b = rng.standard_normal(2).astype(np.float32) if with_bias else None
    results = []
    for lib, functional in ((engine, F), (torch, torch_F)):
        tx = lib.tensor(x, requires_grad=True)
        tw = lib.tensor(w, requires_grad=True)
        tb = lib.tensor(b, requires_grad=True) if with_bias else None
        out = functional.linear(tx, tw, tb)
        (out * out).sum().backward()
        grads = [tx.grad.numpy(), tw.grad.numpy()] + ([tb.grad.numpy()] if with_bias else [])
        results.append((out.detach().numpy(), grads, out.grad_fn.name()))
    (ours, our_grads, our_name), (theirs, their_grads, their_name) = results
    np.testing.assert_allclose(ours, theirs, rtol=1e-5)
    for mine, reference in zip(our_grads, their_grads):
        np.testing.assert_allclose(mine, reference, rtol=1e-5)
    assert our_name == their_name


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_mse_loss_values_grads_and_node_match_pytorch(reduction):
    rng = np.random.default_rng(11)
    pred = rng.standard_normal((4, 3)).astype(np.float32)
    target = rng.standard_normal((4, 3)).astype(np.float32)
    results = []
    for lib in (engine, torch):
        tp = lib.tensor(pred, requires_grad=True)
        loss = lib.nn.MSELoss(reduction=reduction)(tp, lib.tensor(target))
        loss.sum().backward() if reduction == "none" else loss.backward()
        results.append((loss.detach().numpy(), tp.grad.numpy(), loss.grad_fn.name()))
    (ours, our_grad, our_name), (theirs, their_grad, their_name) = results
    np.testing.assert_allclose(ours, theirs, rtol=1e-6)
    np.testing.assert_allclose(our_grad, their_grad, rtol=1e-6)
    assert our_name == their_name


def test_second_order_gradients_through_linear_and_mse_loss_match_pytorch():
    rng = np.random.default_rng(5)
    x, w, b, target = (
        rng.standard_normal(shape).astype(np.float32) for shape in ((4, 3), (2, 3), (2,), (4, 2))
    )
    results = []
    for lib in (engine, torch):
        tx, tw, tb = (lib.tensor(v, requires_grad=True) for v in (x, w, b))
        loss = lib.nn.functional.mse_loss(
            lib.nn.functional.linear(tx, tw, tb).tanh(), lib.tensor(target)
        )
        (grad_w,) = lib.autograd.grad(loss, (tw,), create_graph=True)
        (grad_w * grad_w).sum().backward()
        results.append([loss.item()] + [t.grad.numpy() for t in (tx, tw, tb)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-7)


def _mlp(lib):
    nn = lib.nn
    return nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 4), nn.Tanh(), nn.Linear(4, 1))


def test_small_network_loaded_from_pytorchs_state_dict_trains_the_same():
    torch.manual_seed(2)
    theirs = _mlp(torch)
    theirs.add_module("5", torch.nn.Sigmoid())
    ours = _mlp(engine)
    ours.add_module("5", engine.nn.Sigmoid())
    state = {name: engine.tensor(value.numpy()) for name, value in theirs.state_dict().items()}
    assert repr(ours.load_state_dict(state)) == "<All keys matched successfully>"
    assert repr(ours) == repr(theirs)
    rng = np.random.default_rng(3)
    x, y = rng.standard_normal((16, 3)).astype(np.float32), rng.random((16, 1)).astype(np.float32)
    losses = []
    for lib, model in ((engine, ours), (torch, theirs)):
        opt = lib.optim.Adam(model.parameters(), lr=0.05)
        run = []
        for _ in range(10):
            loss = lib.nn.functional.mse_loss(model(lib.tensor(x)), lib.tensor(y))
            run.append(loss.item())
            opt.zero_grad()
            loss.backward()
            opt.step()
        losses.append(run)
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-4)
    for (_, mine), (_, reference) in zip(ours.named_parameters(), theirs.named_parameters()):
        np.testing.assert_allclose(mine.detach().numpy(), reference.detach().numpy(), atol=1e-5)


def test_relu_inplace_module_matches_pytorch():
    for lib in (engine, torch):
        x = lib.tensor([-1.0, 0.5, 2.0])
        out = lib.nn.ReLU(inplace=True)(x)
        assert out.tolist() == [0.0, 0.5, 2.0] and x.tolist() == [0.0, 0.5, 2.0]
    assert repr(engine.nn.ReLU(inplace=True)) == repr(torch.nn.ReLU(inplace=True))
