"""The four presets: they train, their listings are the programs they run, bad settings say why."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import engine
from explorer.core.training.presets import (
    PRESETS,
    ConfigError,
    TrainingConfig,
    cuda_unavailable_reason,
    validate,
    with_preset,
)
from explorer.core.training.runner import TrainingRun

ROOT = Path(__file__).resolve().parents[3]


def short(key: str, **changes) -> TrainingConfig:
    return replace(PRESETS[key].default_config(), **{"steps": 300, "n_points": 200, **changes})


@pytest.mark.parametrize("key", list(PRESETS))
def test_each_preset_lowers_the_loss(key):
    losses = [record.loss for record in TrainingRun(short(key))]
    assert len(losses) == 300
    assert all(math.isfinite(loss) for loss in losses)
    assert losses[-1] < 0.75 * losses[0]


@pytest.mark.parametrize("key", list(PRESETS))
def test_listing_prints_what_the_preset_computes(key, tmp_path):
    # The listing run as a script (engine standing in for torch) must print exactly what the
    # headless runner prints: the code shown to the user is the code that runs.
    config = short(key, steps=200)
    script = tmp_path / "listing.py"
    script.write_text(PRESETS[key].source(config), encoding="utf-8")
    as_engine = (
        "import runpy, sys, engine, engine.nn, engine.optim, engine.autograd\n"
        "sys.modules.update(torch=engine, **{'torch.nn': engine.nn, 'torch.optim': engine.optim,"
        " 'torch.autograd': engine.autograd})\n"
        "runpy.run_path(sys.argv[1], run_name='__main__')\n"
    )
    listing = subprocess.run(
        [sys.executable, "-c", as_engine, str(script)],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listing.returncode == 0, listing.stderr
    run = TrainingRun(config)
    records = list(run)
    expected = [f"{r.step} {r.loss}" for r in records if r.step % 100 == 99]
    expected.append(f"Result: {run.equation()}")
    assert listing.stdout.splitlines() == expected


def test_tensors_listing_with_fixed_start_is_seed_004():
    source = PRESETS["tensors"].default_config()
    text = PRESETS["tensors"].source(source)
    reference = Path("/work/shared/reference/programs/seed004_polynomial.py")
    for line in (
        "    y_pred = a + b * x + c * x ** 2 + d * x ** 3",
        "    loss = (y_pred - y).pow(2).sum()",
        "learning_rate = 1e-06",
        "for t in range(2000):",
        "a = torch.tensor(-0.3, device=device, dtype=dtype, requires_grad=True)",
    ):
        assert line in text
    if reference.exists():
        ref = reference.read_text()
        for line in ref.splitlines():
            if line.startswith(("    ", "print(f'Result")):
                assert line in text.splitlines()


def test_listing_follows_the_settings():
    config = replace(short("optim_rmsprop"), optimizer="Adam", seed=7, steps=123, n_points=45)
    text = PRESETS["optim_rmsprop"].source(config)
    assert "torch.optim.Adam(model.parameters(), lr=learning_rate)" in text
    assert "torch.manual_seed(7)" in text
    assert "for t in range(123):" in text
    assert "torch.linspace(-math.pi, math.pi, 45, device=device, dtype=dtype)" in text
    seeded = PRESETS["tensors"].source(replace(short("tensors"), seed=3))
    assert "torch.manual_seed(3)" in seeded
    assert "a = torch.randn((), device=device, dtype=dtype, requires_grad=True)" in seeded


def test_seeded_start_is_reproducible_and_differs_from_the_fixed_start():
    first = TrainingRun(short("tensors", seed=11)).coefficients()
    second = TrainingRun(short("tensors", seed=11)).coefficients()
    fixed = TrainingRun(short("tensors")).coefficients()
    assert first == second
    assert first != fixed
    assert fixed == pytest.approx((-0.3, 0.5, 0.2, -0.1), rel=1e-6)


@pytest.mark.parametrize("key", list(PRESETS))
def test_plotted_curve_is_the_models_prediction(key):
    run = TrainingRun(short(key, steps=20))
    for _ in run:
        pass
    x, _y = run.data()
    a, b, c, d = (engine.tensor(v) for v in run.coefficients())
    xt = engine.tensor(x)
    if key == "legendre":
        u = c + d * xt
        model = a + b * (0.5 * (5 * u**3 - 3 * u))
    else:
        model = a + b * xt + c * xt**2 + d * xt**3
    np.testing.assert_allclose(
        run.preset.predict(run.coefficients(), x), model.numpy(), rtol=1e-4, atol=1e-5
    )


def test_equation_reads_like_the_result_line():
    assert PRESETS["tensors"].equation((1.5, -2.0, 0.25, 3.0)) == (
        "y = 1.5 + -2.0 x + 0.25 x^2 + 3.0 x^3"
    )
    assert PRESETS["legendre"].equation((1.5, -2.0, 0.25, 3.0)) == (
        "y = 1.5 + -2.0 * P3(0.25 + 3.0 x)"
    )


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"learning_rate": 0.0}, "learning rate"),
        ({"learning_rate": float("nan")}, "learning rate"),
        ({"steps": 0}, "steps"),
        ({"n_points": 1}, "points"),
        ({"seed": -4}, "seed"),
        ({"optimizer": "Adam"}, "by hand"),
        ({"device": "tpu"}, "tpu"),
        ({"preset": "nope"}, "nope"),
    ],
)
def test_bad_settings_are_refused_with_a_reason(changes, words):
    with pytest.raises(ConfigError, match=words):
        validate(replace(short("tensors"), **changes))


def test_unknown_optimizer_is_refused():
    with pytest.raises(ConfigError, match="LBFGS"):
        validate(replace(short("optim_rmsprop"), optimizer="LBFGS"))


def test_cuda_without_a_gpu_is_refused_with_the_engines_reason():
    reason = cuda_unavailable_reason()
    if reason is None:
        pytest.skip("this machine can train on cuda")
    with pytest.raises(ConfigError) as caught:
        validate(replace(short("tensors"), device="cuda"))
    assert str(caught.value) == reason


def test_switching_preset_keeps_the_run_size_and_takes_the_presets_defaults():
    config = replace(short("tensors"), steps=77, n_points=99, seed=5)
    moved = with_preset(config, "optim_rmsprop")
    assert (moved.steps, moved.n_points, moved.device) == (77, 99, "cpu")
    assert (moved.learning_rate, moved.optimizer, moved.seed) == (1e-3, "RMSprop", 0)
    back = with_preset(moved, "tensors")
    assert (back.optimizer, back.seed, back.learning_rate) == (None, None, 1e-6)


@pytest.mark.parametrize("optimizer", ["SGD", "RMSprop", "Adam"])
def test_optimizer_preset_matches_torch(optimizer):
    torch = pytest.importorskip("torch")
    config = replace(short("optim_rmsprop"), optimizer=optimizer, steps=50)
    if optimizer == "SGD":
        config = replace(config, learning_rate=1e-6)
    run = TrainingRun(config)
    start = run.coefficients()
    ours = [record.loss for record in run]

    # The same program in PyTorch, started from the engine's initial weights.
    x = torch.linspace(-math.pi, math.pi, config.n_points, dtype=torch.float)
    y = torch.sin(x)
    xx = x.unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    with torch.no_grad():
        model[0].bias.fill_(start[0])
        model[0].weight.copy_(torch.tensor([list(start[1:])]))
    loss_fn = torch.nn.MSELoss(reduction="sum")
    opt = getattr(torch.optim, optimizer)(model.parameters(), lr=config.learning_rate)
    theirs = []
    for _ in range(config.steps):
        loss = loss_fn(model(xx), y)
        theirs.append(loss.item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    np.testing.assert_allclose(ours, theirs, rtol=1e-3)
    final = [model[0].bias.item(), *model[0].weight[0].tolist()]
    np.testing.assert_allclose(run.coefficients(), final, rtol=1e-3, atol=1e-6)
