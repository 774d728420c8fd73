"""The user's own problem: a target expression (or CSV points), a polynomial or a small MLP, and
one of four optimizers. Like the presets, two views of one program: the PyTorch source shown in the
code view and a trainer that runs exactly that on the engine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

import engine
import engine.nn
import engine.optim
from explorer.core.i18n import translate
from explorer.core.training.module_trainer import ModuleTrainer, polynomial_features
from explorer.core.training.target import parse_target

if TYPE_CHECKING:
    from explorer.core.training.presets import TrainingConfig

OPTIMIZERS = ("Adam", "SGD", "momentum", "RMSprop")
# Starting learning rates for a mean squared error (the presets sum theirs).
LEARNING_RATES = {"Adam": 1e-2, "SGD": 1e-3, "momentum": 1e-3, "RMSprop": 1e-3}
ACTIVATIONS = {"tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid"}
MAX_DEGREE = 9
MAX_WIDTH = 256
MAX_DEPTH = 4
# y = a + b x + c x^2 + ... + j x^9: the names of a polynomial's coefficients, the bias first.
COEFFICIENT_NAMES = "abcdefghij"


@dataclass(frozen=True)
class ModelSpec:
    """`poly:D` (a polynomial of degree D) or `mlp:WxD:act` (D hidden layers of W units)."""

    kind: str  # "poly" or "mlp"
    degree: int = 3
    width: int = 32
    depth: int = 2
    activation: str = "tanh"

    def text(self) -> str:
        if self.kind == "poly":
            return f"poly:{self.degree}"
        return f"mlp:{self.width}x{self.depth}:{self.activation}"


class ModelError(ValueError):
    """A model description that is not poly:D or mlp:WxD:act within the limits."""


def parse_model(text: str) -> ModelSpec:
    text = text.strip().lower()
    if match := re.fullmatch(r"poly:(\d{1,3})", text):
        spec = ModelSpec("poly", degree=int(match[1]))
        if not 1 <= spec.degree <= MAX_DEGREE:
            raise ModelError(
                translate(
                    "TrainingModel", "The polynomial's degree must be 1 to {top}, not {value}."
                ).format(top=MAX_DEGREE, value=spec.degree)
            )
        return spec
    if match := re.fullmatch(r"mlp:(\d{1,4})x(\d{1,2}):(\w+)", text):
        spec = ModelSpec("mlp", width=int(match[1]), depth=int(match[2]), activation=match[3])
        if not (1 <= spec.width <= MAX_WIDTH and 1 <= spec.depth <= MAX_DEPTH):
            raise ModelError(
                translate(
                    "TrainingModel",
                    "An MLP has 1 to {width} units per layer and 1 to {depth} hidden layers.",
                ).format(width=MAX_WIDTH, depth=MAX_DEPTH)
            )
        if spec.activation not in ACTIVATIONS:
            raise ModelError(
                translate("TrainingModel", "Unknown activation {name}; choose one of {names}.")
                .format(name=spec.activation, names=", ".join(ACTIVATIONS))
            )
        return spec
    raise ModelError(
        translate(
            "TrainingModel", "Unknown model {text}; write poly:3 or mlp:32x2:tanh, for example."
        ).format(text=text)
    )


@dataclass(frozen=True)
class Problem:
    """What to fit and with what. `points` (from a CSV file) replace the target when given."""

    target: str = "sin(x)"
    x_min: float = -math.pi
    x_max: float = math.pi
    noise: float = 0.0
    points: tuple[tuple[float, ...], tuple[float, ...]] | None = None  # xs, ys
    points_name: str = ""  # the CSV file's name, for the listing's comment
    model: str = "poly:3"
    momentum: float = 0.9
    alpha: float = 0.99
    beta1: float = 0.9
    beta2: float = 0.999


def problem_errors(problem: Problem, n_points: int) -> str | None:
    """Why `problem` cannot run (translated), or None."""
    try:
        parse_model(problem.model)
        if problem.points is None:
            parse_target(problem.target)
    except ValueError as exc:
        return str(exc)
    if problem.points is None and not (
        math.isfinite(problem.x_min) and math.isfinite(problem.x_max)
        and problem.x_min < problem.x_max
    ):
        return translate("TrainingProblem", "The data range needs a start below its end.")
    if not (math.isfinite(problem.noise) and problem.noise >= 0):
        return translate("TrainingProblem", "The noise must be 0 or more.")
    if not (0 <= problem.momentum < 1 and 0 <= problem.alpha < 1):
        return translate("TrainingProblem", "Momentum and alpha must be in [0, 1).")
    if not (0 <= problem.beta1 < 1 and 0 <= problem.beta2 < 1):
        return translate("TrainingProblem", "Adam's betas must be in [0, 1).")
    return None


def _number(value: float) -> str:
    for name, constant in (("math.pi", math.pi), ("math.e", math.e)):
        if value == constant:
            return name
        if value == -constant:
            return f"-{name}"
    return repr(float(value))


def _optimizer_call(config: TrainingConfig) -> str:
    problem = config.problem
    assert problem is not None
    lr = repr(config.learning_rate)
    if config.optimizer == "momentum":
        return f"torch.optim.SGD(model.parameters(), lr={lr}, momentum={problem.momentum!r})"
    if config.optimizer == "RMSprop":
        return f"torch.optim.RMSprop(model.parameters(), lr={lr}, alpha={problem.alpha!r})"
    if config.optimizer == "Adam":
        betas = f"({problem.beta1!r}, {problem.beta2!r})"
        return f"torch.optim.Adam(model.parameters(), lr={lr}, betas={betas})"
    return f"torch.optim.SGD(model.parameters(), lr={lr})"


def _model_source(spec: ModelSpec) -> str:
    if spec.kind == "poly":
        powers = ", ".join(str(p) for p in range(1, spec.degree + 1))
        return (
            f"# x, x^2, ... x^{spec.degree} are the input features of a linear layer\n"
            f"p = torch.tensor([{powers}], device=device)\n"
            "xx = x.unsqueeze(-1).pow(p)\n"
            f"model = torch.nn.Sequential(torch.nn.Linear({spec.degree}, 1), "
            "torch.nn.Flatten(0, 1))\n"
        )
    act = f"torch.nn.{ACTIVATIONS[spec.activation]}()"
    layers = [f"    torch.nn.Linear(1, {spec.width}), {act},"]
    layers += [f"    torch.nn.Linear({spec.width}, {spec.width}), {act},"] * (spec.depth - 1)
    layers.append(f"    torch.nn.Linear({spec.width}, 1), torch.nn.Flatten(0, 1),")
    return "xx = x.unsqueeze(-1)\nmodel = torch.nn.Sequential(\n" + "\n".join(layers) + "\n)\n"


def custom_source(config: TrainingConfig) -> str:
    """The PyTorch program `CustomTrainer` runs with `config`."""
    problem = config.problem
    assert problem is not None
    spec = parse_model(problem.model)
    lines = ["import math", "import torch", "", "dtype = torch.float"]
    lines.append(f'device = "{config.device}"')
    if config.seed is not None:
        lines.append(f"torch.manual_seed({config.seed})")
    if problem.points is not None:
        xs, ys = problem.points
        if problem.points_name:
            lines.append(f"# the {len(xs)} points read from {problem.points_name}")
        lines.append(f"x = torch.tensor({list(xs)!r}, device=device, dtype=dtype)")
        lines.append(f"y = torch.tensor({list(ys)!r}, device=device, dtype=dtype)")
    else:
        start, end = _number(problem.x_min), _number(problem.x_max)
        lines.append(
            f"x = torch.linspace({start}, {end}, {config.n_points}, device=device, dtype=dtype)"
        )
        lines.append(f"y = {parse_target(problem.target).torch_source()}")
    if problem.noise > 0:
        noise = f"{problem.noise!r} * torch.randn(y.shape, device=device, dtype=dtype)"
        lines.append(f"y = y + {noise}")
    source = "\n".join(lines) + "\n" + _model_source(spec)
    if config.device != "cpu":
        source += "model.to(device)\n"
    return source + (
        "loss_fn = torch.nn.MSELoss()\n"
        f"optimizer = {_optimizer_call(config)}\n"
        f"for t in range({config.steps}):\n"
        "    y_pred = model(xx)\n"
        "    loss = loss_fn(y_pred, y)\n"
        "    if t % 100 == 99:\n"
        "        print(t, loss.item())\n"
        "    optimizer.zero_grad()\n"
        "    loss.backward()\n"
        "    optimizer.step()\n"
        + _result_source(spec)
    )


def _result_source(spec: ModelSpec) -> str:
    if spec.kind == "mlp":
        layers = f"{spec.width}x{spec.depth} {spec.activation}"
        return (
            "count = sum(param.numel() for param in model.parameters())\n"
            f"print(f'Result: MLP {layers}: {{count}} weights')\n"
        )
    return (
        "linear_layer = model[0]\n"
        "terms = [f'{w} x^{i + 1}' for i, w in enumerate(linear_layer.weight[0].tolist())]\n"
        "print('Result: y = ' + ' + '.join([str(linear_layer.bias.item())] + terms))\n"
    )


def traced_layer_indices(spec: ModelSpec) -> list[int]:
    """Which Linear layers of an MLP the coefficient plot follows: all, or the first three and
    the output layer of a deeper one."""
    count = spec.depth + 1
    return list(range(count)) if count <= 4 else [0, 1, 2, count - 1]


def trace_names(spec: ModelSpec) -> tuple[str, ...]:
    """The names of the coefficient plot's traces: a polynomial's coefficients a, b, c, ... (y =
    a + b x + c x^2 + ...), or an MLP's weight norms named by the weights as the program reaches
    them (model[0].weight is the first Linear layer's, model[2].weight the next one's, after its
    activation)."""
    if spec.kind == "poly":
        return tuple(COEFFICIENT_NAMES[: spec.degree + 1])
    return tuple(f"‖model[{2 * index}].weight‖" for index in traced_layer_indices(spec))


def polynomial_equation(coefficients: Sequence[float]) -> str:
    """y = a + b x^1 + ... as the program's Result line prints the polynomial (bias first)."""
    first, *rest = coefficients
    terms = [f"{w} x^{i + 1}" for i, w in enumerate(rest)]
    return "y = " + " + ".join([str(first), *terms])


class CustomTrainer(ModuleTrainer):
    """`custom_source(config)` run step by step on the engine."""

    def __init__(self, config: TrainingConfig) -> None:
        problem = config.problem
        assert problem is not None
        self.spec = parse_model(problem.model)
        options = {"device": config.device, "dtype": engine.float}
        if config.seed is not None:
            engine.manual_seed(config.seed)
        if problem.points is not None:
            xs, ys = problem.points
            x = engine.tensor(list(xs), **options)
            y = engine.tensor(list(ys), **options)
        else:
            x = engine.linspace(problem.x_min, problem.x_max, config.n_points, **options)
            y = parse_target(problem.target).evaluate(x)
            if not bool(engine.isfinite(y).all()):
                raise ValueError(
                    translate(
                        "TrainingProblem",
                        "The target {text} is not finite everywhere in the data range.",
                    ).format(text=problem.target)
                )
        if problem.noise > 0:
            y = y + problem.noise * engine.randn(y.shape, **options)
        if self.spec.kind == "poly":
            xx = polynomial_features(x, self.spec.degree, config.device)
            layers = [engine.nn.Linear(self.spec.degree, 1)]
        else:
            xx = x.unsqueeze(-1)
            act = getattr(engine.nn, ACTIVATIONS[self.spec.activation])
            width = self.spec.width
            layers = [engine.nn.Linear(1, width), act()]
            for _ in range(self.spec.depth - 1):
                layers += [engine.nn.Linear(width, width), act()]
            layers.append(engine.nn.Linear(width, 1))
        model = engine.nn.Sequential(*layers, engine.nn.Flatten(0, 1))
        if config.device != "cpu":
            model.to(config.device)
        super().__init__(x, y, xx, model, engine.nn.MSELoss(),
                         learning_rate=config.learning_rate,
                         optimizer=_make_optimizer(model, config))

    def coefficients(self) -> tuple[float, ...]:
        """The traces of the coefficient plot (`trace_names`): every coefficient of a
        polynomial, a to j; for an MLP, the norms of (up to) four of its weight matrices."""
        if self.spec.kind != "poly":
            return tuple(layer.weight.detach().norm().item() for layer in self.traced_layers())
        return tuple(self.polynomial())

    def traced_layers(self) -> list[engine.nn.Linear]:
        linear_layers = [module for module in self.model if isinstance(module, engine.nn.Linear)]
        return [linear_layers[index] for index in traced_layer_indices(self.spec)]

    def polynomial(self) -> list[float]:
        linear_layer = self.model[0]
        return [linear_layer.bias.item(), *linear_layer.weight[0].tolist()]

    def prediction(self) -> np.ndarray:
        """The model's current values at the data's x, from the engine."""
        with engine.no_grad():
            return self.model(self.xx).cpu().numpy()

    def equation(self) -> str:
        if self.spec.kind == "poly":
            return polynomial_equation(self.polynomial())
        count = sum(param.numel() for param in self.model.parameters())
        return translate("TrainingProblem", "MLP {layers} {act}: {count} weights").format(
            layers=f"{self.spec.width}x{self.spec.depth}", act=self.spec.activation, count=count
        )


def _make_optimizer(model: engine.nn.Module, config: TrainingConfig):
    problem = config.problem
    assert problem is not None
    params = model.parameters()
    lr = config.learning_rate
    if config.optimizer == "momentum":
        return engine.optim.SGD(params, lr=lr, momentum=problem.momentum)
    if config.optimizer == "RMSprop":
        return engine.optim.RMSprop(params, lr=lr, alpha=problem.alpha)
    if config.optimizer == "Adam":
        return engine.optim.Adam(params, lr=lr, betas=(problem.beta1, problem.beta2))
    return engine.optim.SGD(params, lr=lr)
