"""Your own problem: target expressions (never eval), CSV points (fuzzed), models, optimizers;
the listing is the program the engine runs, and torch agrees with it."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from explorer.core.training.cli import main
from explorer.core.training.custom import Problem, parse_model
from explorer.core.training.points_csv import PointsError, load_points, parse_points
from explorer.core.training.presets import PRESETS, ConfigError, TrainingConfig, validate
from explorer.core.training.runner import TrainingRun
from explorer.core.training.target import TargetError, parse_target


def custom(steps: int = 200, n_points: int = 100, **problem) -> TrainingConfig:
    config = PRESETS["custom"].default_config()
    return replace(config, steps=steps, n_points=n_points,
                   problem=replace(config.problem, **problem))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sin(x)", np.sin),
        ("exp(-x**2)", lambda x: np.exp(-(x**2))),
        ("abs(x)", np.abs),
        ("step(x)", lambda x: (np.sign(x) + 1) / 2),
        ("2*x + pi", lambda x: 2 * x + np.pi),
        ("3", lambda x: np.full_like(x, 3)),
    ],
)
def test_targets_are_computed_by_the_engine(text, expected):
    x = np.linspace(-2, 2, 9)
    values = parse_target(text).evaluate(engine.tensor(x, dtype=engine.float64)).numpy()
    assert np.allclose(values, expected(x))


@pytest.mark.parametrize(
    "text",
    ["__import__('os').system('true')", "x.__class__", "open('f')", "lambda: 1",
     "[x]", "x if x else 1", "sin(x, x)", "y", "'text'", "", "x" * 300, "sin(x", "True"],
)
def test_anything_but_arithmetic_in_x_is_refused(text):
    with pytest.raises(TargetError):
        parse_target(text)


def test_constants_that_overflow_are_refused_not_raised():
    with pytest.raises(TargetError):
        parse_target("9.0**9**9 * x").evaluate(engine.linspace(0, 1, 3))
    with pytest.raises(TargetError):
        TrainingRun(replace(custom(), n_points=3, problem=Problem(target="1/0")))
    with pytest.raises(ValueError, match="not finite"):
        TrainingRun(replace(custom(), n_points=3, problem=Problem(target="1/x")))


def test_torch_source_of_a_target_computes_the_same():
    torch = pytest.importorskip("torch")
    x = np.linspace(-2, 2, 9)
    for text in ("exp(-x**2)", "step(x) - abs(x)/2", "sin(2) * x", "tanh(3*x) + 1"):
        source = parse_target(text).torch_source()
        namespace = {"torch": torch, "math": math, "x": torch.tensor(x)}
        # Our own generated code, checked against torch (not user input).
        ours = eval(source, namespace).numpy()
        assert np.allclose(ours, parse_target(text).evaluate(engine.tensor(x)).numpy()), text


@pytest.mark.parametrize(
    ("text", "kind"),
    [("poly:1", "poly"), ("poly:9", "poly"), ("mlp:32x2:tanh", "mlp"), ("MLP:4x1:relu", "mlp")],
)
def test_models_parse(text, kind):
    assert parse_model(text).kind == kind


@pytest.mark.parametrize("text", ["poly:0", "poly:10", "mlp:0x1:tanh", "mlp:8x9:tanh",
                                  "mlp:8x2:swish", "cubic", ""])
def test_bad_models_are_refused_with_a_reason(text):
    with pytest.raises(ConfigError):
        validate(custom(model=text))


def test_default_custom_problem_is_the_tutorials_cubic_on_sin():
    config = PRESETS["custom"].default_config()
    assert config.problem.model == "poly:3" and config.problem.target == "sin(x)"


@pytest.mark.parametrize(
    ("model", "optimizer", "lr"),
    [("poly:3", "Adam", 1e-2), ("poly:5", "SGD", 1e-4), ("mlp:8x2:tanh", "momentum", 1e-2),
     ("mlp:6x1:relu", "RMSprop", 1e-3), ("mlp:4x2:sigmoid", "Adam", 1e-2)],
)
def test_each_model_and_optimizer_lowers_the_loss(model, optimizer, lr):
    config = replace(custom(steps=150, model=model, target="exp(-x**2)", noise=0.05),
                     optimizer=optimizer, learning_rate=lr)
    losses = [record.loss for record in TrainingRun(config)]
    assert losses[-1] < 0.9 * losses[0]


@pytest.mark.parametrize(
    ("model", "optimizer", "problem"),
    [("poly:5", "Adam", {"target": "abs(x)", "noise": 0.1, "beta1": 0.8}),
     ("mlp:8x2:tanh", "momentum", {"target": "step(x)", "x_min": -1.5, "x_max": 2.0,
                                   "momentum": 0.5}),
     ("mlp:5x1:relu", "RMSprop", {"points": ((0.0, 1.0, 2.0, 3.0), (1.0, 0.0, 2.0, 1.5)),
                                  "alpha": 0.9}),
     ("poly:2", "SGD", {"target": "x**2"})],
)
def test_listing_run_by_torch_prints_the_engines_losses(model, optimizer, problem, tmp_path):
    pytest.importorskip("torch")
    config = replace(custom(steps=300, model=model, **problem), optimizer=optimizer,
                     learning_rate=1e-2)
    script = tmp_path / "listing.py"
    script.write_text(PRESETS["custom"].source(config), encoding="utf-8")
    listing = subprocess.run([sys.executable, str(script)], check=False, capture_output=True,
                             text=True, timeout=300)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    run = TrainingRun(config)
    records = list(run)
    expected = [r.loss for r in records if r.step % 100 == 99]
    assert [float(line.split()[1]) for line in lines[:-1]] == pytest.approx(expected, rel=1e-4)
    assert lines[-1].split(":")[0] == "Result"


def test_csv_bad_rows_are_reported_with_their_line_numbers():
    text = "x,y\n0,1\n\n# a comment\n1,two\n2,4,8\n3,inf\n4,9\n\"5\",\"11\"\n"
    points = parse_points(text)
    assert points.xs == (0.0, 4.0, 5.0) and points.ys == (1.0, 9.0, 11.0)
    assert [line for line, _ in points.bad_rows] == [5, 6, 7]
    report = points.report()
    assert "line 5" in report and "'two'" in report and "line 6" in report


def test_csv_points_are_sorted_by_x():
    assert parse_points("3,1\n1,2\n2,3\n").xs == (1.0, 2.0, 3.0)


def test_csv_without_two_good_rows_is_refused_with_the_bad_rows():
    with pytest.raises(PointsError, match="line 2"):
        parse_points("x,y\nfoo,bar\n1,2\n")


def test_unreadable_csv_files_are_refused(tmp_path):
    with pytest.raises(PointsError):
        load_points(tmp_path / "missing.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(PointsError):
        load_points(binary)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789.,-+e \t\n\"#;x\0nai"), max_size=200))
def test_csv_fuzzing_never_crashes(text):
    try:
        points = parse_points(text)
    except PointsError:
        return
    assert len(points.xs) == len(points.ys) >= 2
    assert all(math.isfinite(v) for v in points.xs + points.ys)
    assert list(points.xs) == sorted(points.xs)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_target_fuzzing_only_ever_refuses(text):
    try:
        target = parse_target(text)
    except TargetError:
        return
    try:
        target.evaluate(engine.linspace(-1, 1, 5))
    except TargetError:
        pass


def test_cli_trains_a_typed_target_with_an_mlp(capsys):
    argv = ["--target", "exp(-x**2)", "--model", "mlp:8x2:tanh", "--optimizer", "adam",
            "--lr", "0.01", "--steps", "200"]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and out[-1].startswith("Result: MLP 8x2 tanh")


def test_cli_trains_csv_points_and_reports_bad_rows(tmp_path, capsys):
    data = tmp_path / "points.csv"
    data.write_text("x,y\n0,1\n1,3\noops\n2,5\n3,7\n", encoding="utf-8")
    argv = ["--data", str(data), "--model", "poly:1", "--optimizer", "SGD", "--lr", "0.05",
            "--steps", "400"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "line 4" in captured.err
    intercept, slope = (float(v) for v in captured.out.splitlines()[-1].split()[3:6:2])
    assert intercept == pytest.approx(1, abs=1e-2) and slope == pytest.approx(2, abs=1e-2)


def test_cli_code_shows_the_program_of_the_options(capsys):
    assert main(["--target", "abs(x)", "--model", "poly:5", "--optimizer", "momentum",
                 "--code"]) == 0
    code = capsys.readouterr().out
    assert "y = torch.abs(x)" in code and "torch.nn.Linear(5, 1)" in code
    assert "momentum=0.9" in code


@pytest.mark.parametrize("argv", [["--target", "__import__('os')"], ["--model", "poly:12"],
                                  ["--data", "/nonexistent.csv"]])
def test_cli_refuses_bad_problems_with_a_message(argv, capsys):
    assert main(argv) == 2
    assert "error:" in capsys.readouterr().err
