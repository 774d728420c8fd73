"""engine.optim without the oracle: update rules worked by hand, groups, errors, convergence."""

import math

import numpy as np
import pytest

import engine
from engine import nn, optim


def _param(values):
    return nn.Parameter(engine.tensor(values, dtype=engine.float64))


def _set_grad(param, values):
    param.grad = engine.tensor(values, dtype=engine.float64)


def test_sgd_step_is_lr_times_grad():
    p = _param([1.0, -2.0])
    _set_grad(p, [0.5, 4.0])
    optim.SGD([p], lr=0.1).step()
    np.testing.assert_allclose(p.detach().numpy(), [0.95, -2.4])


def test_sgd_momentum_and_weight_decay_over_two_steps():
    p = _param([1.0])
    opt = optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.5, dampening=0.2)
    _set_grad(p, [2.0])
    opt.step()
    # g = 2 + 0.5*1 = 2.5; the first buffer is g itself (no dampening): p = 1 - 0.25
    np.testing.assert_allclose(p.detach().numpy(), [0.75])
    opt.step()
    # g = 2 + 0.5*0.75 = 2.375; b = 0.9*2.5 + 0.8*2.375 = 4.15; p = 0.75 - 0.415
    np.testing.assert_allclose(p.detach().numpy(), [0.335])
    np.testing.assert_allclose(opt.state[p]["momentum_buffer"].numpy(), [4.15])


def test_sgd_nesterov_looks_ahead_along_the_buffer():
    p = _param([0.0])
    opt = optim.SGD([p], lr=1.0, momentum=0.5, nesterov=True)
    _set_grad(p, [1.0])
    opt.step()  # b = 1; step = g + 0.5*b = 1.5
    np.testing.assert_allclose(p.detach().numpy(), [-1.5])
    opt.step()  # b = 0.5 + 1 = 1.5; step = 1 + 0.75
    np.testing.assert_allclose(p.detach().numpy(), [-3.25])


def test_rmsprop_first_step_divides_by_root_mean_square():
    p = _param([1.0, 1.0])
    _set_grad(p, [3.0, -0.5])
    optim.RMSprop([p], lr=0.01, alpha=0.9, eps=1e-8).step()
    g = np.array([3.0, -0.5])
    expected = 1.0 - 0.01 * g / (np.sqrt(0.1 * g * g) + 1e-8)
    np.testing.assert_allclose(p.detach().numpy(), expected)


def test_rmsprop_centered_with_momentum_by_hand():
    p = _param([0.0])
    opt = optim.RMSprop([p], lr=0.1, alpha=0.5, eps=0.0, momentum=0.5, centered=True)
    _set_grad(p, [2.0])
    opt.step()
    # square_avg = 0.5*4 = 2; grad_avg = 0.5*2 = 1; avg = sqrt(2 - 1) = 1; buf = 2; p = -0.2
    np.testing.assert_allclose(p.detach().numpy(), [-0.2])
    _set_grad(p, [2.0])
    opt.step()
    # square_avg = 1 + 2 = 3; grad_avg = 1.5; avg = sqrt(0.75); buf = 1 + 2/sqrt(0.75)
    np.testing.assert_allclose(p.detach().numpy(), [-0.2 - 0.1 * (1 + 2 / math.sqrt(0.75))])
    assert opt.state[p]["step"] == 2


def test_adam_first_step_moves_each_weight_by_about_lr():
    p = _param([1.0, 1.0, 1.0])
    _set_grad(p, [1e-3, -5.0, 200.0])
    optim.Adam([p], lr=0.01).step()
    # with both averages bias-corrected, m / sqrt(v) = sign(g) on the first step
    np.testing.assert_allclose(p.detach().numpy(), [0.99, 1.01, 0.99], rtol=1e-6)


def test_adam_amsgrad_keeps_the_largest_second_moment():
    p = _param([0.0])
    opt = optim.Adam([p], lr=0.1, betas=(0.0, 0.5), eps=0.0, amsgrad=True)
    _set_grad(p, [4.0])
    opt.step()
    _set_grad(p, [1.0])
    opt.step()
    # v1 = 0.5*16 = 8 (max 8); v2 = 4 + 0.5 = 4.5 < 8: the max stays 8
    np.testing.assert_allclose(opt.state[p]["max_exp_avg_sq"].numpy(), [8.0])
    bias_correction2 = 1 - 0.5**2
    expected_second = 0.1 * 1.0 / (math.sqrt(8.0) / math.sqrt(bias_correction2))
    np.testing.assert_allclose(p.detach().numpy(), [-0.1 - expected_second])


def test_parameters_without_grad_are_left_alone():
    used, unused = _param([1.0]), _param([5.0])
    _set_grad(used, [1.0])
    for make in (optim.SGD, optim.RMSprop, optim.Adam):
        make([used, unused], lr=0.1).step()
    assert unused.tolist() == [5.0]
    assert used.tolist() != [1.0]


def test_zero_grad_defaults_to_none_and_can_zero_in_place():
    p = _param([1.0, 2.0])
    opt = optim.Adam([p])
    _set_grad(p, [1.0, 1.0])
    held = p.grad
    opt.zero_grad(set_to_none=False)
    assert p.grad is held and held.tolist() == [0.0, 0.0]
    opt.zero_grad()
    assert p.grad is None


def test_param_group_lr_can_be_changed_between_steps():
    p = _param([0.0])
    opt = optim.SGD([p], lr=1.0)
    assert opt.param_groups[0]["lr"] == 1.0
    opt.param_groups[0]["lr"] = 0.25
    _set_grad(p, [1.0])
    opt.step()
    assert p.tolist() == [-0.25]


def test_param_groups_with_their_own_options():
    a, b = _param([0.0]), _param([0.0])
    opt = optim.SGD([{"params": [a]}, {"params": b, "lr": 0.5}], lr=0.1, momentum=0.9)
    assert [g["lr"] for g in opt.param_groups] == [0.1, 0.5]
    assert opt.param_groups[1]["momentum"] == 0.9
    _set_grad(a, [1.0])
    _set_grad(b, [1.0])
    opt.step()
    assert a.tolist() == [-0.1] and b.tolist() == [-0.5]


def test_repr_lists_each_group_sorted():
    opt = optim.SGD([_param([0.0])], lr=0.1)
    assert repr(opt) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n"
        "    foreach: None\n    fused: None\n    lr: 0.1\n    maximize: False\n"
        "    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)"
    )


def test_step_runs_the_closure_and_returns_its_loss():
    p = _param([3.0])
    opt = optim.SGD([p], lr=0.1)

    def closure():
        opt.zero_grad()
        loss = (p * p).sum()
        loss.backward()
        return loss

    loss = opt.step(closure)
    assert loss.item() == 9.0
    np.testing.assert_allclose(p.detach().numpy(), [2.4])


def test_step_counts_as_an_in_place_change_for_saved_tensors():
    p = _param([1.0, 2.0])
    opt = optim.SGD([p], lr=0.1)
    _set_grad(p, [1.0, 1.0])
    loss = (p * p).sum()  # MulBackward0 saves p
    version = p._version
    opt.step()
    assert p._version == version + 1
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: optim.SGD(p, lr=-1.0), "Invalid learning rate: -1.0"),
        (lambda p: optim.SGD(p, lr=0.1, momentum=-0.1), "Invalid momentum value: -0.1"),
        (lambda p: optim.SGD(p, lr=0.1, nesterov=True), "Nesterov momentum requires"),
        (lambda p: optim.RMSprop(p, alpha=-0.5), "Invalid alpha value: -0.5"),
        (lambda p: optim.RMSprop(p, eps=-1.0), "Invalid epsilon value: -1.0"),
        (lambda p: optim.Adam(p, betas=(1.0, 0.9)), "Invalid beta parameter at index 0: 1.0"),
        (lambda p: optim.Adam(p, weight_decay=-1), "Invalid weight_decay value: -1"),
        (lambda p: optim.Adam([], lr=0.1), "optimizer got an empty parameter list"),
    ],
)
def test_bad_hyper_parameters_are_refused_with_pytorchs_words(make, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        make([_param([0.0])])


def test_non_tensors_and_non_leaves_are_refused():
    p = _param([1.0])
    with pytest.raises(TypeError, match="should be an iterable of Tensors or dicts"):
        optim.SGD(p, lr=0.1)
    with pytest.raises(TypeError, match="optimizer can only optimize Tensors"):
        optim.SGD([p, 3.0], lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([p * 2], lr=0.1)
    with pytest.raises(ValueError, match="some parameters appear in more than one"):
        optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)


@pytest.mark.parametrize(
    "make",
    [
        lambda params: optim.SGD(params, lr=1e-5, momentum=0.9),
        lambda params: optim.RMSprop(params, lr=1e-3),
        lambda params: optim.Adam(params, lr=1e-2),
    ],
)
def test_each_optimizer_lowers_the_polynomial_loss(make):
    engine.manual_seed(3)
    x = engine.linspace(-math.pi, math.pi, 200)
    xx = x.unsqueeze(-1).pow(engine.tensor([1, 2, 3]))
    y = engine.sin(x)
    model = nn.Sequential(nn.Linear(3, 1), nn.Flatten(0, 1))
    loss_fn = nn.MSELoss(reduction="sum")
    opt = make(model.parameters())
    first = last = None
    for _ in range(40):
        loss = loss_fn(model(xx), y)
        first = loss.item() if first is None else first
        last = loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert last < 0.7 * first


def _train_on(device, make_optimizer):
    engine.manual_seed(5)
    model = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1), nn.Flatten(0, 1))
    model.to(device)
    opt = make_optimizer(model.parameters())
    x = engine.linspace(-1, 1, 12, device=device).reshape(4, 3)
    y = engine.tensor([0.5, -0.5, 1.0, 0.0], device=device)
    for _ in range(3):
        loss = nn.MSELoss()(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return model


@pytest.mark.parametrize(
    ("make", "functions"),
    [
        (lambda p: optim.SGD(p, lr=0.1, momentum=0.9), set()),
        (lambda p: optim.RMSprop(p, centered=True, momentum=0.5), {"sqrt", "zeros_like"}),
        (lambda p: optim.Adam(p, lr=0.1, amsgrad=True), {"sqrt", "maximum", "zeros_like"}),
    ],
)
def test_model_moved_to_cuda_trains_like_cpu_through_the_device_namespace(
    fake_cuda, make, functions
):
    on_cpu = _train_on("cpu", make)
    fake_cuda.calls.clear()
    on_cuda = _train_on("cuda", make)
    assert functions <= fake_cuda.calls
    for (name, mine), (_, reference) in zip(on_cuda.named_parameters(), on_cpu.named_parameters()):
        assert mine.device.type == "cuda", name
        np.testing.assert_allclose(mine.detach().cpu().numpy(), reference.detach().numpy())
