"""optim.lr_scheduler against PyTorch: the rate (and cycled momentum) of every param group after
every step, for the schedulers programs chain, cycle and jump to an epoch with."""

import warnings

import pytest

import engine

torch = pytest.importorskip("torch")


def build(lib, make, optimizer="SGD"):
    params = [lib.nn.Parameter(lib.zeros(2)), lib.nn.Parameter(lib.zeros(1))]
    options = {"SGD": {"lr": 0.1, "momentum": 0.9}, "Adam": {"lr": 0.01}}[optimizer]
    opt = getattr(lib.optim, optimizer)([{"params": params[:1]},
                                         {"params": params[1:], "lr": 0.3}], **options)
    return opt, make(lib.optim.lr_scheduler, opt)


def sequential(s, opt):
    return s.SequentialLR(opt, [s.LinearLR(opt, start_factor=0.1, total_iters=4),
                                s.StepLR(opt, step_size=2, gamma=0.5),
                                s.CosineAnnealingLR(opt, T_max=5, eta_min=0.01)], milestones=[4, 9])


CASES = {
    "sequential-constant-exponential": lambda s, o: s.SequentialLR(
        o, [s.ConstantLR(o, factor=0.1, total_iters=5), s.ExponentialLR(o, gamma=0.9)], [5]),
    "sequential-three": sequential,
    "sequential-polynomial-multistep": lambda s, o: s.SequentialLR(
        o, [s.PolynomialLR(o, total_iters=3, power=2.0), s.MultiStepLR(o, [1, 3], 0.5)], [2]),
    "cyclic-triangular": lambda s, o: s.CyclicLR(o, 0.01, [0.1, 0.2], step_size_up=3),
    "cyclic-triangular2": lambda s, o: s.CyclicLR(o, 0.01, 0.1, 2, 3, mode="triangular2"),
    "cyclic-exp-range": lambda s, o: s.CyclicLR(o, 0.01, 0.1, 2, mode="exp_range", gamma=0.8),
    "one-cycle": lambda s, o: s.OneCycleLR(o, max_lr=[0.1, 0.5], total_steps=20),
    "one-cycle-three-phase-linear": lambda s, o: s.OneCycleLR(
        o, 0.1, epochs=4, steps_per_epoch=5, three_phase=True, anneal_strategy="linear"),
    "warm-restarts": lambda s, o: s.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01),
}


def trajectory(lib, make, optimizer="SGD", steps=20, epochs=None):
    opt, scheduler = build(lib, make, optimizer)
    seen = []
    for step in range(steps):
        opt.step()
        scheduler.step() if epochs is None else scheduler.step(epochs[step])
        for group in opt.param_groups:
            momentum = group["betas"][0] if "betas" in group else group["momentum"]
            seen += [group["lr"], momentum]
    return seen


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
@pytest.mark.parametrize("name", CASES)
def test_rates_and_momenta_match_pytorch(name, optimizer):
    ours = trajectory(engine, CASES[name], optimizer)
    theirs = trajectory(torch, CASES[name], optimizer)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)


EPOCHS = [0.5, 1.0, 1.75, 2.2, 3.0, 4.5, 8.9, 9.0, 10.0, 26.0, 27.0, 2.0, 0.0, 5.0, 7.0]


@pytest.mark.parametrize("name", ["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
                                  "ConstantLR", "LinearLR", "PolynomialLR", "warm-restarts"])
def test_step_to_an_epoch_uses_the_closed_form_as_pytorch(name):
    makers = {
        "StepLR": lambda s, o: s.StepLR(o, step_size=3, gamma=0.5),
        "MultiStepLR": lambda s, o: s.MultiStepLR(o, milestones=[2, 5, 5], gamma=0.5),
        "ExponentialLR": lambda s, o: s.ExponentialLR(o, gamma=0.9),
        "CosineAnnealingLR": lambda s, o: s.CosineAnnealingLR(o, T_max=6, eta_min=0.01),
        "ConstantLR": lambda s, o: s.ConstantLR(o, factor=0.25, total_iters=4),
        "LinearLR": lambda s, o: s.LinearLR(o, start_factor=0.2, total_iters=6),
        "PolynomialLR": lambda s, o: s.PolynomialLR(o, total_iters=8, power=0.5),
        "warm-restarts": CASES["warm-restarts"],
    }
    epochs = EPOCHS if name == "warm-restarts" else [int(e) for e in EPOCHS]
    with warnings.catch_warnings():  # PyTorch deprecates step(epoch), and still runs it
        warnings.simplefilter("ignore")
        theirs = trajectory(torch, makers[name], steps=len(epochs), epochs=epochs)
    ours = trajectory(engine, makers[name], steps=len(epochs), epochs=epochs)
    assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-15)


def test_sequential_lr_refuses_as_pytorch():
    for lib in (engine, torch):
        opt, _ = build(lib, lambda s, o: None)
        s = lib.optim.lr_scheduler
        with pytest.raises(ValueError, match="one more than the number of milestone points"):
            s.SequentialLR(opt, [s.ConstantLR(opt)], milestones=[3])
        with pytest.raises(ValueError, match="does not support `ReduceLROnPlateau`"):
            s.SequentialLR(opt, [s.ConstantLR(opt), s.ReduceLROnPlateau(opt)], milestones=[3])
        one_cycle = s.OneCycleLR(opt, max_lr=0.1, total_steps=2)
        for _ in range(2):
            opt.step()
            one_cycle.step()
        with pytest.raises(ValueError, match="Tried to step 3 times"):
            one_cycle.step()
