"""`autograd-explorer train`: run a training preset without a window, printing like the tutorial."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from explorer.core.i18n import translate
from explorer.core.training.presets import DEVICES, OPTIMIZER_LEARNING_RATES, PRESETS, ConfigError
from explorer.core.training.runner import TrainingRun


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
        help=translate("TrainingCli", "optimizer, for presets that use one: SGD, RMSprop, Adam"),
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    preset = PRESETS[args.preset]
    config = preset.default_config()
    if args.optimizer is not None:
        config = replace(
            config,
            optimizer=args.optimizer,
            learning_rate=OPTIMIZER_LEARNING_RATES.get(args.optimizer, config.learning_rate),
        )
    config = replace(
        config,
        steps=config.steps if args.steps is None else args.steps,
        learning_rate=config.learning_rate if args.lr is None else args.lr,
        seed=config.seed if args.seed is None else args.seed,
        n_points=config.n_points if args.points is None else args.points,
        device=args.device,
    )
    if args.code:
        print(preset.source(config), end="")
        return 0
    try:
        run = TrainingRun(config)
    except ConfigError as exc:
        print(translate("TrainingCli", "error: {message}").format(message=exc), file=sys.stderr)
        return 2
    for record in run:
        if record.step % 100 == 99:
            print(record.step, record.loss)
    if run.diverged:
        print(run.divergence_message(), file=sys.stderr)
        return 1
    print(f"Result: {preset.equation(run.coefficients())}")
    return 0
