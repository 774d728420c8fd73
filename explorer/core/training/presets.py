"""The training presets: the tutorial's fit of sin(x) by a cubic, four ways.

Each preset is two faithful views of one program: the PyTorch source the user reads (rendered from
the current settings) and a trainer that runs exactly that source on the engine, one step at a
time. Pure Python: no widget code here, only `translate` for the names the user sees.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from string import Template
from typing import TYPE_CHECKING, Protocol

import numpy as np

import engine
import engine.autograd
import engine.backend
import engine.nn
import engine.optim
from explorer.core.i18n import translate
from explorer.core.training import custom
from explorer.core.training.module_trainer import ModuleTrainer, polynomial_features

if TYPE_CHECKING:
    from explorer.core.training.custom import Problem

DEVICES = ("cpu", "cuda")


@dataclass(frozen=True)
class TrainingConfig:
    """Everything one run depends on; equal configs give equal numbers."""

    preset: str
    learning_rate: float
    steps: int
    n_points: int
    seed: int | None  # None: the preset's fixed start (or, without one, PyTorch's unseeded init)
    optimizer: str | None  # None for presets that update the weights by hand
    device: str = "cpu"
    problem: Problem | None = None  # the "custom" preset's target, data, model and optimizer


class Trainer(Protocol):
    """One preset's program, set up and ready to run step by step on the engine."""

    def step(self) -> float:
        """Run one iteration of the loop; return the loss of that iteration (before the update)."""

    def coefficients(self) -> tuple[float, ...]:
        """The current a, b, c, ... as the program's Result line reads them from the engine
        (an MLP: the norms of the weight matrices the coefficient plot follows)."""

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The training points x and targets sin(x), copied out of the engine."""


@dataclass(frozen=True)
class Preset:
    key: str
    title: Callable[[], str]
    default_learning_rate: float
    optimizers: tuple[str, ...]  # empty: the program updates its weights by hand
    # How the program creates a, b, c, d: "tensor" (torch.tensor(v)), "full" (torch.full((), v)),
    # or None when they are the weights of an nn.Linear.
    scalar_start: str | None
    fixed_start: tuple[float, float, float, float] | None
    default_seed: int | None
    form: str  # "cubic": y = a + b x + c x^2 + d x^3; "legendre": y = a + b * P3(c + d x)
    template: Template | None  # None: `render` writes the program
    make_trainer: Callable[[TrainingConfig], Trainer]
    render: Callable[[TrainingConfig], str] | None = None

    def default_config(self) -> TrainingConfig:
        return TrainingConfig(
            preset=self.key,
            learning_rate=self.default_learning_rate,
            steps=2000,
            n_points=2000 if self.form != "custom" else 200,
            seed=self.default_seed,
            optimizer=self.optimizers[0] if self.optimizers else None,
            problem=custom.Problem() if self.form == "custom" else None,
        )

    def source(self, config: TrainingConfig) -> str:
        """The PyTorch program this preset runs with `config`, as the user would type it."""
        if self.render is not None:
            return self.render(config)
        assert self.template is not None
        return self.template.substitute(
            device=config.device,
            n_points=config.n_points,
            steps=config.steps,
            learning_rate=repr(config.learning_rate),
            optimizer=config.optimizer or "",
            init=_init_source(self, config.seed),
            seed_line="" if config.seed is None else f"torch.manual_seed({config.seed})\n",
            to_device="" if config.device == "cpu" else "model.to(device)\n",
        )

    def equation(self, coefficients: tuple[float, float, float, float]) -> str:
        """The fitted curve as the program's Result line prints it (without "Result: ")."""
        a, b, c, d = coefficients
        if self.form == "legendre":
            return f"y = {a} + {b} * P3({c} + {d} x)"
        return f"y = {a} + {b} x + {c} x^2 + {d} x^3"

    def predict(self, coefficients: tuple[float, float, float, float], x: np.ndarray) -> np.ndarray:
        """The curve's values at `x`, for drawing it (the engine trains; this only plots)."""
        a, b, c, d = coefficients
        if self.form == "legendre":
            u = c + d * x
            return a + b * 0.5 * (5 * u**3 - 3 * u)
        return a + b * x + c * x**2 + d * x**3


class ConfigError(ValueError):
    """A setting the program cannot run with; the message is translated and names the setting."""


def validate(config: TrainingConfig) -> None:
    """Raise ConfigError when `config` cannot run (checked before any engine work starts)."""
    if config.preset not in PRESETS:
        raise ConfigError(
            translate("TrainingPresets", "Unknown preset {name}; choose one of {names}.").format(
                name=config.preset, names=", ".join(PRESETS)
            )
        )
    preset = PRESETS[config.preset]
    if not (math.isfinite(config.learning_rate) and config.learning_rate > 0):
        raise ConfigError(
            translate(
                "TrainingPresets", "The learning rate must be a positive number, not {value}."
            ).format(value=config.learning_rate)
        )
    if config.steps < 1:
        raise ConfigError(
            translate(
                "TrainingPresets", "The number of steps must be at least 1, not {value}."
            ).format(value=config.steps)
        )
    if config.n_points < 2:
        raise ConfigError(
            translate(
                "TrainingPresets", "The number of points must be at least 2, not {value}."
            ).format(value=config.n_points)
        )
    if config.seed is not None and not 0 <= config.seed < 2**63:
        raise ConfigError(
            translate(
                "TrainingPresets", "The seed must be between 0 and 2^63 - 1, not {value}."
            ).format(value=config.seed)
        )
    if preset.optimizers and config.optimizer not in preset.optimizers:
        raise ConfigError(
            translate("TrainingPresets", "Unknown optimizer {name}; choose one of {names}.").format(
                name=config.optimizer, names=", ".join(preset.optimizers)
            )
        )
    if not preset.optimizers and config.optimizer is not None:
        raise ConfigError(
            translate(
                "TrainingPresets",
                "The preset {name} updates its weights by hand; it takes no optimizer.",
            ).format(name=preset.key)
        )
    if preset.form == "custom":
        reason = (
            translate("TrainingPresets", "The custom preset needs a problem.")
            if config.problem is None
            else custom.problem_errors(config.problem, config.n_points)
        )
        if reason is not None:
            raise ConfigError(reason)
    if config.device not in DEVICES:
        raise ConfigError(
            translate("TrainingPresets", "Unknown device {name}; choose cpu or cuda.").format(
                name=config.device
            )
        )
    if config.device == "cuda" and (reason := cuda_unavailable_reason()) is not None:
        raise ConfigError(reason)


@functools.cache
def cuda_unavailable_reason() -> str | None:
    """Why the engine cannot train on cuda here (its backend's words), or None when it can."""
    try:
        engine.backend.namespace("cuda")
    except RuntimeError as exc:  # names what is missing: CuPy, a driver, a GPU
        return str(exc)
    return None


def with_preset(config: TrainingConfig, key: str) -> TrainingConfig:
    """`config` moved to preset `key`: the new preset's learning rate, seed and optimizer."""
    fresh = PRESETS[key].default_config()
    if PRESETS[key].form == "custom":  # its own number of points, and the problem kept
        return replace(fresh, steps=config.steps, device=config.device,
                       problem=config.problem or fresh.problem)
    return replace(fresh, steps=config.steps, n_points=config.n_points, device=config.device)


def trace_names(config: TrainingConfig) -> tuple[tuple[str, ...], bool]:
    """The names of the coefficient plot's traces for `config`, and whether they are weight
    norms (an MLP's) rather than a polynomial's coefficients."""
    if PRESETS[config.preset].form == "custom" and config.problem is not None:
        spec = custom.parse_model(config.problem.model)
        return custom.trace_names(spec), spec.kind == "mlp"
    return ("a", "b", "c", "d"), False


# A float32 weight as Python prints it, a long one (1e-06 and the like print longer, and grow
# the label mid-run): room for it in the equation's label.
LONG_NUMBER = -0.12345678901234568


def equation_template(config: TrainingConfig) -> str:
    """The equation a run of `config` shows, with long numbers in it ("" for an MLP's)."""
    preset = PRESETS[config.preset]
    if preset.form != "custom":
        return preset.equation((LONG_NUMBER,) * 4)
    try:
        spec = custom.parse_model(config.problem.model if config.problem else "")
    except custom.ModelError:
        return ""
    if spec.kind != "poly":
        return ""
    return custom.polynomial_equation([LONG_NUMBER] * (spec.degree + 1))


def _init_source(preset: Preset, seed: int | None) -> str:
    if preset.scalar_start is None:
        return ""  # the Linear layer initialises its own weights (after manual_seed, if any)
    names = "abcd"
    if seed is None and preset.fixed_start is not None:
        factory = "tensor({value}, " if preset.scalar_start == "tensor" else "full((), {value}, "
        lines = ["# fixed start instead of torch.randn so that the printout is reproducible"]
        for name, value in zip(names, preset.fixed_start):
            call = factory.format(value=value)
            lines.append(f"{name} = torch.{call}device=device, dtype=dtype, requires_grad=True)")
        return "\n".join(lines) + "\n"
    lines = [] if seed is None else [f"torch.manual_seed({seed})"]
    for name in names:
        lines.append(f"{name} = torch.randn((), device=device, dtype=dtype, requires_grad=True)")
    return "\n".join(lines) + "\n"


def _sample(config: TrainingConfig) -> tuple[engine.Tensor, engine.Tensor]:
    x = engine.linspace(
        -math.pi, math.pi, config.n_points, device=config.device, dtype=engine.float
    )
    return x, engine.sin(x)


def _scalar_weights(preset_key: str, config: TrainingConfig) -> list[engine.Tensor]:
    """a, b, c, d exactly as `_init_source` writes them."""
    preset = PRESETS[preset_key]
    options = {"device": config.device, "dtype": engine.float, "requires_grad": True}
    if config.seed is None and preset.fixed_start is not None:
        if preset.scalar_start == "tensor":
            return [engine.tensor(value, **options) for value in preset.fixed_start]
        return [engine.full((), value, **options) for value in preset.fixed_start]
    if config.seed is not None:
        engine.manual_seed(config.seed)
    return [engine.randn((), **options) for _ in range(4)]


def _update_by_hand(weights: list[engine.Tensor], learning_rate: float) -> None:
    with engine.no_grad():
        for weight in weights:
            weight -= learning_rate * weight.grad
        for weight in weights:
            weight.grad = None


class ScalarWeightsTrainer:
    """a, b, c, d as four scalar tensors: the summed squared error of `forward`, autograd, and
    the tutorial's manual update under no_grad."""

    preset_key = ""

    def __init__(self, config: TrainingConfig) -> None:
        self.learning_rate = config.learning_rate
        self.x, self.y = _sample(config)
        self.weights = _scalar_weights(self.preset_key, config)

    def forward(self, x: engine.Tensor) -> engine.Tensor:
        """The model's prediction at `x` (y_pred)."""
        raise NotImplementedError

    def loss_value(self) -> float:
        """The loss at the current weights, as `step` computes it, without the update."""
        with engine.no_grad():
            return (self.forward(self.x) - self.y).pow(2).sum().item()

    def step(self) -> float:
        y_pred = self.forward(self.x)
        loss = (y_pred - self.y).pow(2).sum()
        value = loss.item()
        loss.backward()
        _update_by_hand(self.weights, self.learning_rate)
        return value

    def coefficients(self) -> tuple[float, float, float, float]:
        a, b, c, d = (weight.item() for weight in self.weights)
        return a, b, c, d

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x.cpu().numpy(), self.y.cpu().numpy()


class TensorsTrainer(ScalarWeightsTrainer):
    """The PyTorch tutorial's cubic fit: y = a + b x + c x^2 + d x^3."""

    preset_key = "tensors"

    def forward(self, x: engine.Tensor) -> engine.Tensor:
        a, b, c, d = self.weights
        return a + b * x + c * x**2 + d * x**3


class LinearModelTrainer(ModuleTrainer):
    """The nn versions: Linear(3, 1) over the features x, x^2, x^3, MSELoss(reduction='sum');
    updated by hand (no optimizer) or by the chosen optimizer."""

    def __init__(self, config: TrainingConfig) -> None:
        x, y = _sample(config)
        xx = polynomial_features(x, 3, config.device)
        if config.seed is not None:
            engine.manual_seed(config.seed)
        model = engine.nn.Sequential(engine.nn.Linear(3, 1), engine.nn.Flatten(0, 1))
        if config.device != "cpu":
            model.to(config.device)
        optimizer = None
        if config.optimizer is not None:
            optimizer_class = getattr(engine.optim, config.optimizer)
            optimizer = optimizer_class(model.parameters(), lr=config.learning_rate)
        super().__init__(x, y, xx, model, engine.nn.MSELoss(reduction="sum"),
                         learning_rate=config.learning_rate, optimizer=optimizer)

    def coefficients(self) -> tuple[float, float, float, float]:
        linear_layer = self.model[0]
        ((b, c, d),) = linear_layer.weight.tolist()
        return linear_layer.bias.item(), b, c, d


class LegendrePolynomial3(engine.autograd.Function):
    """The tutorial's custom Function: P3(x) = (5x^3 - 3x) / 2 with its derivative written out."""

    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input**3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        (input,) = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input**2 - 1)


class LegendreTrainer(ScalarWeightsTrainer):
    """y = a + b * P3(c + d x) with P3 a custom autograd.Function."""

    preset_key = "legendre"

    def forward(self, x: engine.Tensor) -> engine.Tensor:
        a, b, c, d = self.weights
        P3 = LegendrePolynomial3.apply
        return a + b * P3(c + d * x)


_HEADER = """\
import math
import torch

dtype = torch.float
device = "$device"
x = torch.linspace(-math.pi, math.pi, $n_points, device=device, dtype=dtype)
y = torch.sin(x)
"""

_MANUAL_UPDATE = """\
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None
"""

_LINEAR_MODEL = """\
# x, x^2, x^3 are the three input features of a linear layer
p = torch.tensor([1, 2, 3], device=device)
xx = x.unsqueeze(-1).pow(p)
${seed_line}model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
${to_device}loss_fn = torch.nn.MSELoss(reduction='sum')
learning_rate = $learning_rate
"""

_LINEAR_RESULT = """\
linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item()} + {linear_layer.weight[:, 0].item()} x + \
{linear_layer.weight[:, 1].item()} x^2 + {linear_layer.weight[:, 2].item()} x^3')
"""

TENSORS_SOURCE = Template(
    _HEADER
    + """${init}learning_rate = $learning_rate
for t in range($steps):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
"""
    + _MANUAL_UPDATE
    + """print(f'Result: y = {a.item()} + {b.item()} x + {c.item()} x^2 + {d.item()} x^3')
"""
)

NN_SOURCE = Template(
    _HEADER
    + _LINEAR_MODEL
    + """for t in range($steps):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
"""
    + _LINEAR_RESULT
)

OPTIM_SOURCE = Template(
    _HEADER
    + _LINEAR_MODEL
    + """optimizer = torch.optim.$optimizer(model.parameters(), lr=learning_rate)
for t in range($steps):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
"""
    + _LINEAR_RESULT
)

LEGENDRE_SOURCE = Template(
    """\
import math
import torch


class LegendrePolynomial3(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


dtype = torch.float
device = "$device"
x = torch.linspace(-math.pi, math.pi, $n_points, device=device, dtype=dtype)
y = torch.sin(x)
${init}learning_rate = $learning_rate
for t in range($steps):
    P3 = LegendrePolynomial3.apply
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, loss.item())
"""
    + _MANUAL_UPDATE
    + """print(f'Result: y = {a.item()} + {b.item()} * P3({c.item()} + {d.item()} x)')
"""
)

PRESETS: dict[str, Preset] = {
    preset.key: preset
    for preset in (
        Preset(
            key="tensors",
            scalar_start="tensor",
            title=lambda: translate("TrainingPresets", "Tensors and autograd"),
            default_learning_rate=1e-6,
            optimizers=(),
            fixed_start=(-0.3, 0.5, 0.2, -0.1),
            default_seed=None,
            form="cubic",
            template=TENSORS_SOURCE,
            make_trainer=TensorsTrainer,
        ),
        Preset(
            key="nn",
            scalar_start=None,
            title=lambda: translate("TrainingPresets", "nn module"),
            default_learning_rate=1e-6,
            optimizers=(),
            fixed_start=None,
            default_seed=0,
            form="cubic",
            template=NN_SOURCE,
            make_trainer=LinearModelTrainer,
        ),
        Preset(
            key="optim_rmsprop",
            scalar_start=None,
            title=lambda: translate("TrainingPresets", "optimizer (RMSprop)"),
            default_learning_rate=1e-3,
            optimizers=("RMSprop", "SGD", "Adam"),
            fixed_start=None,
            default_seed=0,
            form="cubic",
            template=OPTIM_SOURCE,
            make_trainer=LinearModelTrainer,
        ),
        Preset(
            key="legendre",
            scalar_start="full",
            title=lambda: translate("TrainingPresets", "custom Function (Legendre P3)"),
            default_learning_rate=5e-6,
            optimizers=(),
            fixed_start=(0.0, -1.0, 0.0, 0.3),
            default_seed=None,
            form="legendre",
            template=LEGENDRE_SOURCE,
            make_trainer=LegendreTrainer,
        ),
        Preset(
            key="custom",
            scalar_start=None,
            title=lambda: translate("TrainingPresets", "your own problem"),
            default_learning_rate=custom.LEARNING_RATES[custom.OPTIMIZERS[0]],
            optimizers=custom.OPTIMIZERS,
            fixed_start=None,
            default_seed=0,
            form="custom",
            template=None,
            make_trainer=custom.CustomTrainer,
            render=custom.custom_source,
        ),
    )
}

# What each optimizer starts from when chosen: plain SGD on a summed loss needs the tutorial's
# tiny step, the adaptive ones the tutorial's 1e-3.
OPTIMIZER_LEARNING_RATES = {"SGD": 1e-6, "RMSprop": 1e-3, "Adam": 1e-3}


def optimizer_learning_rate(preset_key: str, optimizer: str) -> float:
    """The learning rate an optimizer starts from in preset `preset_key`."""
    if PRESETS[preset_key].form == "custom":
        return custom.LEARNING_RATES[optimizer]
    return OPTIMIZER_LEARNING_RATES[optimizer]
