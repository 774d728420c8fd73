"""The workbench's live plots: loss against step, the fit over the data, the coefficient traces.

`TrainingHistory` collects the records as they arrive (cheap appends into growing arrays);
`TrainingPlots` draws from it only when asked (the workbench asks on a ~30 Hz timer), so the
number of redraws does not depend on how fast training runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QWidget

from explorer.training.runner import StepRecord

# log10 of 0 is -inf and leaves a gap; the smallest positive float keeps the curve whole.
SMALLEST_POSITIVE = float(np.finfo(np.float64).tiny)
LARGEST = float(np.finfo(np.float64).max)

COEFFICIENT_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd")  # a, b, c, d
LOSS_COLOR = "#ff7f0e"
DATA_COLOR = "#9e9e9e"
FIT_COLOR = "#1f77b4"


def loss_for_log_axis(loss: np.ndarray) -> np.ndarray:
    """`loss` made drawable on a log axis: zero, tiny, nan and inf values clamped into range."""
    finite = np.nan_to_num(loss, nan=LARGEST, posinf=LARGEST, neginf=SMALLEST_POSITIVE)
    return np.clip(finite, SMALLEST_POSITIVE, LARGEST)


class TrainingHistory:
    """Every record of the current run, as arrays: step, loss, and a, b, c, d per step."""

    def __init__(self) -> None:
        self._steps = np.empty(0, dtype=np.int64)
        self._values = np.empty((0, 5))  # loss, a, b, c, d
        self.count = 0

    def clear(self) -> None:
        self.count = 0

    def extend(self, records: Sequence[StepRecord]) -> None:
        needed = self.count + len(records)
        if needed > len(self._steps):
            capacity = max(needed, 2 * len(self._steps), 1024)
            self._steps = np.resize(self._steps, capacity)
            self._values = np.resize(self._values, (capacity, 5))
        rows = slice(self.count, needed)
        self._steps[rows] = [record.step for record in records]
        self._values[rows] = [(r.loss, r.a, r.b, r.c, r.d) for r in records]
        self.count = needed

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self.count]

    @property
    def losses(self) -> np.ndarray:
        return self._values[: self.count, 0]

    def coefficient(self, index: int) -> np.ndarray:
        """The trace of coefficient `index` (0 = a ... 3 = d)."""
        return self._values[: self.count, 1 + index]

    def last(self) -> tuple[int, float, tuple[float, float, float, float]] | None:
        """(step, loss, (a, b, c, d)) of the latest record, or None before the first."""
        if self.count == 0:
            return None
        loss, a, b, c, d = (float(v) for v in self._values[self.count - 1])
        return int(self._steps[self.count - 1]), loss, (a, b, c, d)


class LogAxis(pg.AxisItem):
    """A log axis that labels only the powers of ten once two of them are in view.

    pyqtgraph labels every minor tick (2·10², 3·10², ...), which piles up over a narrow range.
    """

    def logTickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        strings = super().logTickStrings(values, scale, spacing)
        decades = [value for value in values if float(value).is_integer()]
        if len(decades) < 2:
            return strings
        return [text if float(value).is_integer() else "" for value, text in zip(values, strings)]


def _plot(title: str, left: str, bottom: str, *, log_y: bool = False) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"left": LogAxis("left")} if log_y else None)
    widget.setBackground("w")
    item = widget.getPlotItem()
    item.setTitle(title, color="#333333", size="10pt")
    item.setLabel("left", left)
    item.setLabel("bottom", bottom)
    item.showGrid(x=True, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#777777"))
        axis.setTextPen(pg.mkPen("#333333"))
    return widget


class TrainingPlots(QWidget):
    """Three plots: the loss (log y) on top; the fit and the coefficient traces beneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = _plot(
            self.tr("Loss"), self.tr("loss (log scale)"), self.tr("step"), log_y=True
        )
        self.loss_plot.getPlotItem().setLogMode(x=False, y=True)
        self.loss_curve = self.loss_plot.plot(pen=pg.mkPen(LOSS_COLOR, width=2))
        # Long runs: draw the visible part only, thinned to the pixels there are.
        self.loss_curve.setClipToView(True)
        self.loss_curve.setDownsampling(auto=True, method="peak")

        self.fit_plot = _plot(self.tr("Data and fit"), "y", "x")
        self.fit_plot.addLegend(offset=(10, 10), labelTextColor="#333333")
        self.data_curve = self.fit_plot.plot(
            pen=pg.mkPen(DATA_COLOR, width=5), name=self.tr("sin(x)")
        )
        self.fit_curve = self.fit_plot.plot(
            pen=pg.mkPen(FIT_COLOR, width=2), name=self.tr("prediction"), antialias=True
        )

        # The title is the legend (coloured names): a legend box would sit on the traces.
        names = " ".join(
            f'<span style="color:{color}">■ {name}</span>'
            for name, color in zip("abcd", COEFFICIENT_COLORS)
        )
        coefficients_title = self.tr("Coefficients {names}").format(names=names)
        self.coefficient_plot = _plot(coefficients_title, self.tr("value"), self.tr("step"))
        self.coefficient_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.coefficient_curves = []
        for name, color in zip("abcd", COEFFICIENT_COLORS):
            curve = self.coefficient_plot.plot(pen=pg.mkPen(color, width=2), name=name)
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            self.coefficient_curves.append(curve)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 0, 0, 1, 2)
        layout.addWidget(self.fit_plot, 1, 0)
        layout.addWidget(self.coefficient_plot, 1, 1)
        layout.setRowStretch(0, 1)
        layout.setRowStretch(1, 1)
        self._x = np.empty(0)

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        """The training points of a new run."""
        self._x = np.asarray(x, dtype=np.float64)
        self.data_curve.setData(self._x, np.asarray(y, dtype=np.float64))
        self.fit_curve.setData([], [])

    def clear(self) -> None:
        self._x = np.empty(0)
        for curve in (self.loss_curve, self.data_curve, self.fit_curve, *self.coefficient_curves):
            curve.setData([], [])

    def redraw(
        self,
        history: TrainingHistory,
        predict: Callable[[tuple[float, float, float, float], np.ndarray], np.ndarray],
    ) -> None:
        """Show `history`; the fit curve is `predict(latest coefficients, x)`."""
        steps = history.steps
        self.loss_curve.setData(steps, loss_for_log_axis(history.losses))
        for index, curve in enumerate(self.coefficient_curves):
            curve.setData(steps, history.coefficient(index))
        last = history.last()
        if last is not None and len(self._x):
            self.fit_curve.setData(self._x, predict(last[2], self._x))
