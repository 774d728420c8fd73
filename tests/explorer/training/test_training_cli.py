"""The headless loop and `autograd-explorer train`: the tutorial's printout, from the engine."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest

from explorer.core.training.cli import main
from explorer.core.training.presets import PRESETS, cuda_unavailable_reason
from explorer.core.training.runner import TrainingRun

# What PyTorch 2.13 printed for seed 004 (a copy of ../shared/reference/pytorch-output).
REFERENCE = Path(__file__).parent / "data" / "seed004_pytorch_output.txt"
NUMBER = re.compile(r"-?\d+\.\d+(?:e-?\d+)?")


def short(key: str = "tensors", **changes):
    return replace(PRESETS[key].default_config(), **{"steps": 120, "n_points": 100, **changes})


def test_records_count_the_steps_and_carry_the_coefficients_after_the_update():
    run = TrainingRun(short())
    records = list(run)
    assert [record.step for record in records] == list(range(120))
    assert run.done and run.steps_done == 120 and not run.diverged
    assert records[-1].coefficients == run.coefficients()
    assert records[0].coefficients != (-0.3, 0.5, 0.2, -0.1)  # already updated once


def test_a_finished_run_refuses_another_step():
    run = TrainingRun(short(steps=1))
    run.step()
    with pytest.raises(RuntimeError, match="finished"):
        run.step()


def test_a_diverging_run_stops_at_the_first_infinite_loss():
    run = TrainingRun(short(learning_rate=0.5, steps=500))
    records = list(run)
    assert run.diverged and run.done
    assert len(records) < 500
    assert not math.isfinite(records[-1].loss)
    assert all(math.isfinite(r.loss) for r in records[:-1])
    assert str(len(records) - 1) in run.divergence_message()


def test_train_prints_twenty_loss_lines_and_a_result_like_seed_004(capsys):
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 21
    assert [int(line.split()[0]) for line in lines[:20]] == list(range(99, 2000, 100))
    assert lines[20].startswith("Result: y = ") and lines[20].endswith(" x^3")
    expected = REFERENCE.read_text().splitlines()
    assert len(expected) == 21
    for ours, theirs in zip(lines, expected):
        assert NUMBER.sub("#", ours) == NUMBER.sub("#", theirs)
        for a, b in zip(NUMBER.findall(ours), NUMBER.findall(theirs), strict=True):
            assert float(a) == pytest.approx(float(b), rel=1e-3, abs=1e-6)


def test_train_follows_steps_lr_seed_and_points(capsys):
    assert main(["--steps", "300", "--lr", "2e-6", "--seed", "4", "--points", "50"]) == 0
    out = capsys.readouterr().out.splitlines()
    run = TrainingRun(short(steps=300, learning_rate=2e-6, seed=4, n_points=50))
    records = list(run)
    assert out[:3] == [f"{r.step} {r.loss}" for r in records if r.step % 100 == 99]
    assert out[3] == f"Result: {run.preset.equation(run.coefficients())}"


def test_train_legendre_prints_its_own_result_form(capsys):
    assert main(["--preset", "legendre", "--steps", "100", "--points", "100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert re.fullmatch(r"Result: y = \S+ \+ \S+ \* P3\(\S+ \+ \S+ x\)", out[1])


def test_train_code_prints_the_listing(capsys):
    assert main(["--preset", "optim_rmsprop", "--optimizer", "Adam", "--code"]) == 0
    out = capsys.readouterr().out
    assert "optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)" in out
    assert "learning_rate = 0.001" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--steps", "0"], "steps"),
        (["--lr", "-1"], "learning rate"),
        (["--optimizer", "Adam"], "by hand"),
        (["--preset", "optim_rmsprop", "--optimizer", "Nope"], "Nope"),
    ],
)
def test_train_refuses_bad_settings_with_a_message(argv, words, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_train_on_cuda_without_a_gpu_says_why(capsys):
    reason = cuda_unavailable_reason()
    if reason is None:
        pytest.skip("this machine can train on cuda")
    assert main(["--device", "cuda", "--steps", "1"]) == 2
    assert reason in capsys.readouterr().err


def test_train_reports_divergence(capsys):
    assert main(["--lr", "0.5", "--steps", "500", "--points", "100"]) == 1
    assert "learning rate" in capsys.readouterr().err
