"""`autograd-explorer train`: run a training preset without a window, printing like the tutorial."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace

from explorer.core.i18n import translate
from explorer.core.training.custom import Problem
from explorer.core.training.points_csv import PointsError, load_points
from explorer.core.training.presets import (
    DEVICES,
    PRESETS,
    ConfigError,
    TrainingConfig,
    optimizer_learning_rate,
)
from explorer.core.training.runner import TrainingRun

# The workbench's pace for a first run: 2000 steps make a 10 s recording.
RECORD_SPEED = 200.0
# (config, path, steps per second) -> exit status; the Qt side, given by explorer/cli.py.
Recorder = Callable[[TrainingConfig, str, float], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograd-explorer train",
        description=translate(
            "TrainingCli",
            "Fit y = a + b x + c x^2 + d x^3 to sin(x) with the engine, as the PyTorch tutorial "
            "does; print the loss every 100 steps and the result.",
        ),
    )
    parser.add_argument(
        "--preset",
        choices=tuple(PRESETS),
        default="tensors",
        help=translate("TrainingCli", "which version of the program to run (default: tensors)"),
    )
    parser.add_argument(
        "--steps", type=int, help=translate("TrainingCli", "number of steps (default: 2000)")
    )
    parser.add_argument(
        "--lr", type=float, help=translate("TrainingCli", "learning rate (default: the preset's)")
    )
    parser.add_argument(
        "--seed",
        type=int,
        help=translate("TrainingCli", "seed for the initial weights (default: the preset's start)"),
    )
    parser.add_argument(
        "--points",
        type=int,
        help=translate("TrainingCli", "number of points in [-pi, pi] (default: 2000)"),
    )
    parser.add_argument(
        "--optimizer",
        help=translate(
            "TrainingCli",
            "optimizer, for presets that use one: SGD, RMSprop, Adam (your own problem: also "
            "momentum)",
        ),
    )
    problem = parser.add_mutually_exclusive_group()
    problem.add_argument(
        "--target",
        metavar="EXPR",
        help=translate(
            "TrainingCli",
            "fit your own target in x, such as 'exp(-x**2)' (the custom preset)",
        ),
    )
    problem.add_argument(
        "--data",
        metavar="FILE.csv",
        help=translate("TrainingCli", "fit the x,y rows of a CSV file (the custom preset)"),
    )
    parser.add_argument(
        "--model",
        help=translate(
            "TrainingCli",
            "the custom preset's model: poly:D (D 1 to 9) or mlp:WxD:tanh|relu|sigmoid",
        ),
    )
    parser.add_argument(
        "--range",
        nargs=2,
        type=float,
        metavar=("START", "END"),
        help=translate("TrainingCli", "the target's x range (default: -pi pi)"),
    )
    parser.add_argument(
        "--noise",
        type=float,
        help=translate("TrainingCli", "standard deviation of noise added to the target"),
    )
    parser.add_argument(
        "--device",
        choices=DEVICES,
        default="cpu",
        help=translate("TrainingCli", "where the tensors live (cuda needs CuPy and a GPU)"),
    )
    parser.add_argument(
        "--code",
        action="store_true",
        help=translate("TrainingCli", "print the PyTorch program instead of running it"),
    )
    parser.add_argument(
        "--record",
        metavar="OUT.gif|OUT.mp4|FOLDER",
        help=translate(
            "TrainingCli",
            "record the run's loss, fit and coefficient plots as a GIF, an MP4 or a folder of "
            "numbered PNGs, instead of printing",
        ),
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=RECORD_SPEED,
        metavar="STEPS_PER_S",
        help=translate(
            "TrainingCli", "steps per second while recording (default: {speed:g})"
        ).format(speed=RECORD_SPEED),
    )
    return parser


def _error(message: object) -> int:
    print(translate("TrainingCli", "error: {message}").format(message=message), file=sys.stderr)
    return 2


def _custom_problem(args: argparse.Namespace, config: TrainingConfig) -> TrainingConfig:
    """`config` with the problem that --target, --data, --model, --range and --noise describe.
    Raises PointsError for a CSV file without usable rows (its bad rows are on stderr)."""
    problem = config.problem or Problem()
    if args.target is not None:
        problem = replace(problem, target=args.target)
    if args.data is not None:
        points = load_points(args.data)
        if points.bad_rows:
            print(points.report(limit=20), file=sys.stderr)
        problem = replace(problem, points=(points.xs, points.ys), points_name=args.data)
        config = replace(config, n_points=len(points.xs))
    if args.model is not None:
        problem = replace(problem, model=args.model)
    if args.range is not None:
        problem = replace(problem, x_min=args.range[0], x_max=args.range[1])
    if args.noise is not None:
        problem = replace(problem, noise=args.noise)
    return replace(config, problem=problem)


def main(argv: list[str] | None = None, record: Recorder | None = None) -> int:
    """Run (or, with --record and a `record` function, record) the training `argv` describes."""
    parser = build_parser()
    args = parser.parse_args(argv)
    own_problem = any(
        value is not None for value in (args.target, args.data, args.model, args.range, args.noise)
    )
    if own_problem and args.preset not in ("tensors", "custom"):
        parser.error(
            translate(
                "TrainingCli", "--target, --data, --model, --range and --noise need --preset custom"
            )
        )
    preset = PRESETS["custom" if own_problem else args.preset]
    config = preset.default_config()
    if args.optimizer is not None:
        # Any case: adam is Adam.
        known = {name.lower(): name for name in preset.optimizers}
        optimizer = known.get(args.optimizer.lower(), args.optimizer)
        try:
            learning_rate = optimizer_learning_rate(preset.key, optimizer)
        except KeyError:
            learning_rate = config.learning_rate  # validate() names the choices
        config = replace(config, optimizer=optimizer, learning_rate=learning_rate)
    if preset.form == "custom":
        try:
            config = _custom_problem(args, config)
        except PointsError as exc:
            return _error(exc)
    config = replace(
        config,
        steps=config.steps if args.steps is None else args.steps,
        learning_rate=config.learning_rate if args.lr is None else args.lr,
        seed=config.seed if args.seed is None else args.seed,
        n_points=config.n_points if args.points is None or args.data else args.points,
        device=args.device,
    )
    if args.code:
        try:
            source = preset.source(config)
        except ValueError as exc:  # a target or model that has no program
            return _error(exc)
        print(source, end="")
        return 0
    try:
        run = TrainingRun(config)
    except (ConfigError, ValueError) as exc:  # ValueError: a target the engine cannot compute
        return _error(exc)
    if args.record is not None:
        if record is None:
            return _error(translate("TrainingCli", "--record needs the explorer's window "
                                                   "toolkit: run autograd-explorer train"))
        if args.speed <= 0:
            parser.error(translate("TrainingCli", "--speed must be positive"))
        return record(config, args.record, args.speed)
    for step in run:
        if step.step % 100 == 99:
            print(step.step, step.loss)
    if run.diverged:
        print(run.divergence_message(), file=sys.stderr)
        return 1
    print(f"Result: {run.equation()}")
    return 0
