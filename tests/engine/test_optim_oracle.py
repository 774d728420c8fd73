"""engine.optim against PyTorch: the same gradients in, the same parameters out, step by step."""

import numpy as np
import pytest

import engine
from engine import nn, optim

torch = pytest.importorskip("torch")

STEPS = 6
CASES = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.1, "momentum": 0.5, "dampening": 0.3, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 1e-3, "centered": True}),
    ("RMSprop", {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.1}),
    ("RMSprop", {"lr": 1e-2, "alpha": 0.9, "centered": True, "momentum": 0.5}),
    ("Adam", {}),
    ("Adam", {"lr": 0.01, "amsgrad": True}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.1, "betas": (0.5, 0.6), "amsgrad": True, "weight_decay": 0.05}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("Adadelta", {}),  # pytorch/examples' MNIST trains with Adadelta(lr=1.0)
    ("Adadelta", {"lr": 0.5, "rho": 0.8, "weight_decay": 0.1, "maximize": True}),
]


@pytest.mark.parametrize(("name", "options"), CASES, ids=[f"{n}-{o}" for n, o in CASES])
def test_update_matches_pytorch_over_several_steps(name, options):
    rng = np.random.default_rng(len(str(options)))
    shapes = [(3, 4), (5,), ()]
    initial = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    grads = [[rng.standard_normal(s).astype(np.float32) for s in shapes] for _ in range(STEPS)]

    ours = [nn.Parameter(engine.tensor(v)) for v in initial]
    theirs = [torch.nn.Parameter(torch.tensor(v)) for v in initial]
    our_opt = getattr(optim, name)(ours, **options)
    their_opt = getattr(torch.optim, name)(theirs, **options)
    for step_grads in grads:
        for ours_p, theirs_p, g in zip(ours, theirs, step_grads):
            ours_p.grad = engine.tensor(g)
            theirs_p.grad = torch.tensor(g)
        our_opt.step()
        their_opt.step()
        for ours_p, theirs_p in zip(ours, theirs):
            assert ours_p.dtype == engine.float32
            np.testing.assert_allclose(
                ours_p.detach().numpy(), theirs_p.detach().numpy(), rtol=1e-5, atol=1e-6
            )
    assert repr(our_opt) == repr(their_opt)


def test_state_buffers_match_pytorch():
    values = np.array([0.5, -1.5, 2.0], dtype=np.float32)
    grad = np.array([1.0, 0.25, -3.0], dtype=np.float32)
    ours, theirs = nn.Parameter(engine.tensor(values)), torch.nn.Parameter(torch.tensor(values))
    our_opt = optim.Adam([ours], lr=0.01, amsgrad=True)
    their_opt = torch.optim.Adam([theirs], lr=0.01, amsgrad=True)
    for _ in range(3):
        ours.grad, theirs.grad = engine.tensor(grad), torch.tensor(grad)
        our_opt.step()
        their_opt.step()
    our_state, their_state = our_opt.state[ours], their_opt.state[theirs]
    assert our_state["step"] == their_state["step"].item() == 3
    for key in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq"):
        np.testing.assert_allclose(our_state[key].numpy(), their_state[key].numpy(), rtol=1e-6)


@pytest.mark.parametrize("name", ["SGD", "RMSprop", "Adam"])
def test_same_errors_as_pytorch_for_bad_options(name):
    for options in ({"lr": -0.5}, {"weight_decay": -1.0}):
        with pytest.raises(ValueError) as theirs:
            getattr(torch.optim, name)([torch.zeros(1, requires_grad=True)], **options)
        with pytest.raises(ValueError) as ours:
            getattr(optim, name)([engine.zeros(1, requires_grad=True)], **options)
        assert str(ours.value) == str(theirs.value)
