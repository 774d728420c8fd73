"""The headless training loop: one run of a preset, step by step, as plain records.

The command line and the GUI worker both drive a `TrainingRun`, so both see the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from explorer.core.i18n import translate
from explorer.core.training.presets import PRESETS, Preset, TrainingConfig, validate


@dataclass(frozen=True)
class StepRecord:
    """One iteration: its index t, the loss it computed, and the coefficient plot's traces
    after its update (a polynomial's coefficients a, b, c, ... or an MLP's weight norms)."""

    step: int
    loss: float
    coefficients: tuple[float, ...]
    # The model's values at the data's x and its equation, from the engine: attached by the
    # worker to the last record of a batch for models that the preset's formula does not draw.
    fit: tuple[np.ndarray, str] | None = field(default=None, compare=False, repr=False)

    @property
    def a(self) -> float:
        return self._coefficient(0)

    @property
    def b(self) -> float:
        return self._coefficient(1)

    @property
    def c(self) -> float:
        return self._coefficient(2)

    @property
    def d(self) -> float:
        return self._coefficient(3)

    def _coefficient(self, index: int) -> float:
        """nan past the last trace (a line has no c)."""
        values = self.coefficients
        return values[index] if index < len(values) else math.nan


class TrainingRun:
    """A preset set up on the engine; `step()` runs one iteration until `done`.

    Construction validates the config (ConfigError) and builds the tensors; engine errors from a
    step propagate unchanged. A loss that stops being finite ends the run early (`diverged`).
    """

    def __init__(self, config: TrainingConfig) -> None:
        validate(config)
        self.config = config
        self.preset: Preset = PRESETS[config.preset]
        self._trainer = self.preset.make_trainer(config)
        self.steps_done = 0
        self.diverged = False

    @property
    def done(self) -> bool:
        return self.diverged or self.steps_done >= self.config.steps

    def coefficients(self) -> tuple[float, ...]:
        """The coefficient plot's traces now: a, b, c, ... (or an MLP's weight norms)."""
        return self._trainer.coefficients()

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self._trainer.data()

    @property
    def trainer(self):
        """The preset's program on the engine (for the landscape: its weights and loss)."""
        return self._trainer

    @property
    def describes_fit(self) -> bool:
        """The preset's a, b, c, d formula does not draw this model: the fit comes from `fit()`."""
        return self.preset.form == "custom"

    def fit(self) -> tuple[np.ndarray, str]:
        """The model's values at the data's x (the engine's) and its equation."""
        trainer = self._trainer
        if hasattr(trainer, "prediction"):
            return trainer.prediction(), trainer.equation()
        x, _ = trainer.data()
        coefficients = trainer.coefficients()
        return self.preset.predict(coefficients, x), self.preset.equation(coefficients)

    def equation(self) -> str:
        """The fitted model as the program's Result line prints it (without "Result: ")."""
        return self.fit()[1]

    def step(self) -> StepRecord:
        if self.done:
            raise RuntimeError(translate("TrainingRun", "The run has finished; start a new one."))
        loss = self._trainer.step()
        record = StepRecord(self.steps_done, loss, tuple(self._trainer.coefficients()))
        self.steps_done += 1
        self.diverged = not math.isfinite(loss)
        return record

    def __iter__(self) -> Iterator[StepRecord]:
        while not self.done:
            yield self.step()

    def divergence_message(self) -> str:
        return translate(
            "TrainingRun",
            "The loss stopped being finite at step {step}: lower the learning rate.",
        ).format(step=self.steps_done - 1)
