"""Learning rates side by side: one training run per rate, each in a `TrainingSession` of its own,
their losses as curves in the workbench's loss plot. A run whose loss stops being finite stops
alone, with a message naming its learning rate. Each run's worker process ends with its run."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Signal

from explorer.core.training.presets import TrainingConfig, validate
from explorer.core.training.runner import StepRecord
from explorer.training.plots import TrainingHistory, decade_range, loss_for_log_axis
from explorer.training.worker import TrainingSession

MAX_RUNS = 6
COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def parse_learning_rates(text: str) -> list[float]:
    """`1e-6, 1e-5 1e-4` as numbers; raise ValueError (translated) for anything else."""
    words = [word for word in re.split(r"[,;\s]+", text.strip()) if word]
    try:
        rates = [float(word) for word in words]
    except ValueError:
        rates = []
    if not 2 <= len(rates) <= MAX_RUNS or not all(rate > 0 for rate in rates):
        raise ValueError(
            QCoreApplication.translate(
                "LearningRateComparison",
                "Type 2 to {count} positive learning rates, such as 1e-6, 1e-5, 1e-4.",
            ).format(count=MAX_RUNS)
        )
    return rates


class LearningRateComparison(QObject):
    """Runs `config` once per learning rate and draws each loss into `loss_plot`."""

    message = Signal(str)  # a run diverged or failed, or all have finished
    finished = Signal()

    def __init__(self, loss_plot: pg.PlotWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plot = loss_plot
        self._legend = loss_plot.getPlotItem().legend or loss_plot.addLegend(
            offset=(-10, 10), labelTextColor="#333333"
        )
        self.sessions: list[TrainingSession] = []
        self.histories: list[TrainingHistory] = []
        self.rates: list[float] = []
        self.curves: list[pg.PlotDataItem] = []
        self.markers: list[pg.ScatterPlotItem] = []  # where a diverged run's loss was last finite
        self.notes: list[str] = []
        self.diverged_at: dict[float, int] = {}  # rate -> the step whose loss was not finite

    @property
    def active(self) -> bool:
        return any(session.active for session in self.sessions)

    def start(self, config: TrainingConfig, rates: list[float], speed: float) -> None:
        """Raise ConfigError when a run's config is refused (nothing is started then)."""
        configs = [replace(config, learning_rate=rate) for rate in rates]
        for each in configs:
            validate(each)
        self.clear()
        self.rates = list(rates)
        for index, each in enumerate(configs):
            session = TrainingSession(self)
            session.set_speed(speed)
            history = TrainingHistory()
            pen = pg.mkPen(COLORS[index % len(COLORS)], width=2)
            curve = self._plot.plot(pen=pen, name=f"lr {each.learning_rate:g}")
            session.records_arrived.connect(
                lambda records, h=history, c=curve: self._on_records(h, c, records)
            )
            session.diverged.connect(
                lambda text, i=index, rate=each.learning_rate: self._on_diverged(i, rate, text)
            )
            session.failed.connect(lambda text, rate=each.learning_rate: self._note(rate, text))
            session.state_changed.connect(lambda _state, s=session: self._on_state(s))
            self.sessions.append(session)
            self.histories.append(history)
            self.curves.append(curve)
            session.start(each)

    def set_speed(self, speed: float) -> None:
        for session in self.sessions:
            session.set_speed(speed)

    def clear(self) -> None:
        """Stop the runs and take their curves off the plot."""
        for session in self.sessions:
            session.shutdown(wait=False)  # waiting for six running ones: seen 5 s frozen
            session.deleteLater()
        for curve in self.curves:
            self._legend.removeItem(curve)
            self._plot.removeItem(curve)
        for marker in self.markers:
            self._plot.removeItem(marker)
        self.sessions, self.histories, self.curves, self.rates, self.notes = [], [], [], [], []
        self.markers, self.diverged_at = [], {}

    def _on_records(
        self, history: TrainingHistory, curve: pg.PlotDataItem, records: list[StepRecord]
    ) -> None:
        history.extend(records)
        curve.setData(history.steps, loss_for_log_axis(history.losses))
        self._follow_range()

    def _cap(self) -> float:
        """The highest loss the plot frames: 100x the highest first loss (inf before any)."""
        firsts = [float(h.losses[0]) for h in self.histories
                  if h.count and np.isfinite(h.losses[0])]
        return 100 * max(firsts) if firsts else np.inf

    def _follow_range(self) -> None:
        # Frame the runs that train: a diverging loss leaves through the top instead of
        # squashing the others into a line.
        started = [history for history in self.histories if history.count]
        cap = self._cap()
        if not np.isfinite(cap):
            return
        values = np.concatenate([history.losses for history in started])
        values = values[np.isfinite(values) & (values > 0) & (values <= cap)]
        if len(values):
            self._plot.setYRange(*decade_range(values), padding=0)  # log mode: exponents

    def _on_diverged(self, index: int, rate: float, text: str) -> None:
        """Flag the run on the plot, where a glance finds it: a cross where its curve leaves
        the plot (a run that diverges within a few steps is otherwise a hair on the y axis),
        and the step in its legend entry."""
        history, curve = self.histories[index], self.curves[index]
        if history.count:
            step = int(history.steps[-1])
            self.diverged_at[rate] = step
            losses = history.losses
            shown = np.flatnonzero(np.isfinite(losses) & (losses > 0) & (losses <= self._cap()))
            if len(shown):
                last = shown[-1]
                color = COLORS[index % len(COLORS)]
                marker = pg.ScatterPlotItem(
                    [float(history.steps[last])], [float(np.log10(history.losses[last]))],
                    symbol="x", size=16, pen=pg.mkPen(color, width=3), brush=pg.mkBrush(color),
                )
                marker.setZValue(curve.zValue() + 1)
                self._plot.addItem(marker)
                self.markers.append(marker)
            label = self._legend.getLabel(curve)
            if label is not None:
                label.setText(QCoreApplication.translate(
                    "LearningRateComparison", "lr {rate}: diverged at step {step}"
                ).format(rate=f"{rate:g}", step=step))
        self._note(rate, text)

    def summary(self) -> str:
        """A short line for the status bar: which runs diverged (their steps are in the legend,
        the full notes in `notes`)."""
        if not self.diverged_at:
            return ""
        return QCoreApplication.translate(
            "LearningRateComparison", "Diverged (×): lr {rates}."
        ).format(rates=", ".join(f"{rate:g}" for rate in self.diverged_at))

    def _note(self, rate: float, text: str) -> None:
        note = QCoreApplication.translate("LearningRateComparison", "lr {rate}: {text}").format(
            rate=f"{rate:g}", text=text
        )
        self.notes.append(note)
        if self.sessions and not self.active:
            # The last run's note can come after its state: the summary must include it.
            self.finished.emit()
        else:
            self.message.emit("\n".join(self.notes))

    def _on_state(self, session: TrainingSession) -> None:
        if not session.active:  # its run is over (finished, diverged, failed, stopped)
            session.end_worker()
        if self.sessions and not self.active:
            self.finished.emit()
