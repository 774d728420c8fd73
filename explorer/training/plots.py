"""The workbench's live plots: loss against step, the fit over the data, the coefficient traces.

`TrainingHistory` collects the records as they arrive (cheap appends into growing arrays);
`TrainingPlots` draws from it only when asked (the workbench asks on a ~30 Hz timer), so the
number of redraws does not depend on how fast training runs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGridLayout, QWidget

from explorer.core.training.landscape import Landscape
from explorer.core.training.runner import StepRecord
from explorer.training import plot_menu

# log10 of 0 is -inf and leaves a gap; the smallest positive float keeps the curve whole.
SMALLEST_POSITIVE = float(np.finfo(np.float64).tiny)
LARGEST = float(np.finfo(np.float64).max)

# Decades below the loss that a live frame's loss axis shows: while the loss falls through them,
# the axis stays put (redrawing an axis and re-laying out its plot is most of a frame's cost).
LIVE_LOSS_HEADROOM = 1.0

# a to j: ten hues, each at least 3:1 against the light and the dark plot background (the
# contrast WCAG asks of lines), no two alike (tests/explorer/training/test_training_traces.py).
COEFFICIENT_COLORS = (
    "#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#e8590c",
    "#a9744f", "#e64980", "#7f7f7f", "#869a1a", "#1098ad",
)
LOSS_COLOR = "#ff7f0e"
DATA_COLOR = "#9e9e9e"
FIT_COLOR = "#1f77b4"
# The plot property that tells the look a plot's title changed (appearance.TITLE_TEXT).
TITLE_TEXT = "plotTitle"


def thinned(x: np.ndarray, y: np.ndarray, most: int, *, peaks: bool = False
            ) -> tuple[np.ndarray, np.ndarray]:
    """At most about `most` of the points (x, y): every k-th one, or with `peaks` the lowest
    and the highest of every k (a spike of the loss stays in view)."""
    k = -(-len(x) // max(most, 1))
    if k <= 1:
        return x, y
    if not peaks:
        return x[::k], y[::k]
    whole = len(x) // k * k
    bins = y[:whole].reshape(-1, k)
    low, high = bins.argmin(axis=1), bins.argmax(axis=1)
    starts = np.arange(0, whole, k)
    picks = np.sort(np.stack([starts + low, starts + high], axis=1), axis=1).ravel()
    picks = np.concatenate([picks, np.arange(whole, len(x))])
    return x[picks], y[picks]


def _layer_index(name: str) -> str:
    """'[2]' of '‖model[2].weight‖'."""
    found = re.search(r"\[\d+\]", name)
    return found.group(0) if found else name


def loss_for_log_axis(loss: np.ndarray) -> np.ndarray:
    """`loss` made drawable on a log axis: zero, tiny, nan and inf values clamped into range."""
    finite = np.nan_to_num(loss, nan=LARGEST, posinf=LARGEST, neginf=SMALLEST_POSITIVE)
    return np.clip(finite, SMALLEST_POSITIVE, LARGEST)


class TrainingHistory:
    """Every record of the current run, as arrays: step, loss, and the traces (a, b, c, ...)
    per step."""

    def __init__(self) -> None:
        self._steps = np.empty(0, dtype=np.int64)
        self._values = np.empty((0, 5))  # loss, a, b, c, d: as wide as the run's first record
        self.count = 0
        # What the traces are in this run (an MLP's are weight norms), for the CSV's header.
        self.trace_names: tuple[str, ...] = ("a", "b", "c", "d")
        # The latest (prediction at the data's x, equation) the engine sent, for models that
        # the preset's formula does not draw.
        self.last_fit: tuple[np.ndarray, str] | None = None

    def clear(self) -> None:
        self.count = 0
        self.last_fit = None

    @property
    def trace_count(self) -> int:
        """How many traces each step has (a degree-9 polynomial: ten, a to j)."""
        return self._values.shape[1] - 1

    def extend(self, records: Sequence[StepRecord]) -> None:
        if not records:
            return
        needed = self.count + len(records)
        width = 1 + len(records[0].coefficients)
        if self.count == 0 and width != self._values.shape[1]:  # a run with other traces
            self._values = np.empty((len(self._steps), width))
        if needed > len(self._steps):
            capacity = max(needed, 2 * len(self._steps), 1024)
            self._steps = np.resize(self._steps, capacity)
            self._values = np.resize(self._values, (capacity, width))
        rows = slice(self.count, needed)
        self._steps[rows] = [record.step for record in records]
        self._values[rows] = [(r.loss, *r.coefficients) for r in records]
        self.count = needed
        fits = [record.fit for record in records if record.fit is not None]
        if fits:
            self.last_fit = fits[-1]

    @property
    def steps(self) -> np.ndarray:
        return self._steps[: self.count]

    @property
    def losses(self) -> np.ndarray:
        return self._values[: self.count, 0]

    def coefficient(self, index: int) -> np.ndarray:
        """The trace of coefficient `index` (0 = a, 1 = b, ...)."""
        return self._values[: self.count, 1 + index]

    def last(self) -> tuple[int, float, tuple[float, ...]] | None:
        """(step, loss, (a, b, c, ...)) of the latest record, or None before the first."""
        if self.count == 0:
            return None
        loss, *coefficients = (float(v) for v in self._values[self.count - 1])
        return int(self._steps[self.count - 1]), loss, tuple(coefficients)


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


def decade_range(values: np.ndarray) -> tuple[float, float]:
    """Exponents of ten, in half-decade steps, that enclose the positive `values`."""
    low = float(np.floor(2 * np.log10(values.min())) / 2)
    high = float(np.ceil(2 * np.log10(values.max())) / 2)
    return low, max(high, low + 0.5)


def rounded_range(low: float, high: float) -> tuple[float, float]:
    """[low, high] widened outward to multiples of a round unit (a tenth of the span's scale)."""
    span = max(high - low, 1e-6, abs(high) * 1e-6)
    unit = 10.0 ** np.floor(np.log10(span)) / 2
    return float(np.floor(low / unit) * unit), float(np.ceil(high / unit) * unit)


def _plot(title: str, left: str, bottom: str, *, log_y: bool = False) -> pg.PlotWidget:
    widget = pg.PlotWidget(axisItems={"left": LogAxis("left")} if log_y else None)
    widget.setBackground("w")
    item = widget.getPlotItem()
    item.setTitle(title, color="#333333", size="10pt")
    item.setLabel("left", left)
    item.setLabel("bottom", bottom)
    # No grid: pyqtgraph's grid made each frame four times slower to paint (~35 ms against
    # ~8 ms), time the training thread would lose.
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#777777"))
        axis.setTextPen(pg.mkPen("#333333"))
    plot_menu.install(widget)
    return widget


class TrainingPlots(QWidget):
    """Three plots: the loss (log y) on top; the fit and the coefficient traces beneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = _plot(
            self.tr("Loss"), self.tr("loss (log scale)"), self.tr("step"), log_y=True
        )
        self.loss_plot.getPlotItem().setLogMode(x=False, y=True)
        self.loss_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        # Named for the CSV the plot's Export... writes (loss_x, loss_y); the plot has no legend.
        self.loss_curve = self.loss_plot.plot(pen=pg.mkPen(LOSS_COLOR, width=2), name="loss")
        # Long runs: draw the visible part only, thinned to the pixels there are.
        self.loss_curve.setClipToView(True)
        self.loss_curve.setDownsampling(auto=True, method="peak")

        self.fit_plot = _plot(self.tr("Data and fit"), "y", "x")
        self.fit_plot.addLegend(offset=(10, 10), labelTextColor="#333333")
        self.data_curve = self.fit_plot.plot(
            pen=pg.mkPen(DATA_COLOR, width=4), name=self.tr("sin(x)")
        )
        self._legend = self.fit_plot.getPlotItem().legend
        self.fit_curve = self.fit_plot.plot(
            pen=pg.mkPen(FIT_COLOR, width=2), name=self.tr("prediction")
        )
        for curve in (self.data_curve, self.fit_curve):
            # Smooth curves: a point per pixel looks the same and paints a third as fast.
            curve.setDownsampling(auto=True, method="subsample")
        # The data stay put during a run: painted once into a pixmap, not every frame.
        self.data_curve.curve.setCacheMode(pg.PlotCurveItem.CacheMode.DeviceCoordinateCache)

        self.coefficient_plot = _plot("", self.tr("value"), self.tr("step"))
        self.coefficient_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.coefficient_curves: list[pg.PlotDataItem] = []  # one per trace of the run

        self._traces: tuple[tuple[str, ...], bool] | None = None
        self.set_traces(("a", "b", "c", "d"), norms=False)

        self.landscape_plot = _plot(self.tr("Loss landscape"), "b", "a")
        for name in ("left", "bottom"):
            self.landscape_plot.getPlotItem().getAxis(name).enableAutoSIPrefix(False)
        self.landscape_image = pg.ImageItem()
        self.landscape_image.setColorMap(pg.colormap.get("viridis"))
        self.landscape_plot.addItem(self.landscape_image)
        self.path_curve = self.landscape_plot.plot(
            pen=pg.mkPen("#ff4040", width=2), symbol=None
        )
        self.path_head = self.landscape_plot.plot(
            pen=None, symbol="o", symbolSize=8, symbolBrush="#ff4040", symbolPen="w"
        )
        self._path = np.empty((0, 2))  # (alpha, beta) rows; the first `_path_count` are drawn
        self._path_count = 0
        # A child from the start (laid out when asked for), so that a change of look reaches it.
        self.landscape_plot.setParent(self)
        self._data_style: tuple[str, bool] | None = None
        self.landscape_plot.setVisible(False)

        layout = QGridLayout(self)
        self._layout = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 0, 0, 1, 2)
        layout.addWidget(self.fit_plot, 1, 0)
        layout.addWidget(self.coefficient_plot, 1, 1)
        layout.setRowStretch(0, 1)
        layout.setRowStretch(1, 1)
        self._x = np.empty(0)
        self.comparing = False
        # The view ranges change only in round steps: an axis whose range moves every frame
        # is re-rendered every frame, which tripled the cost of painting.
        for plot in (self.loss_plot, self.fit_plot, self.coefficient_plot):
            plot.getPlotItem().disableAutoRange()
        self._loss_decades: tuple[float, float] | None = None
        self._coefficient_range: tuple[float, float] | None = None
        # Before the first run: the frame the tutorial's run will fill.
        self.show_steps(2000)
        self.loss_plot.setYRange(0, 4, padding=0)
        end = float(np.float32(np.pi))  # the tutorial's x: linspace(-pi, pi) in float32
        self._frame_fit(-end, end, -1.0, 1.0)
        self.coefficient_plot.setYRange(-1, 1, padding=0.02)

    def set_traces(self, names: Sequence[str], *, norms: bool) -> None:
        """Title the coefficient plot for traces `names`: a polynomial's coefficients, or the
        norms of an MLP's weight matrices (`norms`)."""
        # The title is the legend (coloured names): a legend box would sit on the traces. Norms
        # are named by their layer's index ([0] for ‖model[0].weight‖): whole names do not fit.
        if (tuple(names), norms) == self._traces:
            return  # a new title re-lays out the plot and redraws its axes: ~2 ms per run
        self._traces = (tuple(names), norms)
        self._keep_coefficient_curves(len(names))
        labels = [_layer_index(name) if norms else name for name in names]
        for curve, name in zip(self.coefficient_curves, names):
            curve.opts["name"] = name  # the columns of the plot's CSV export
        legend = " ".join(
            f'<span style="color:{color}">■ {html.escape(label)}</span>'
            for label, color in zip(labels, COEFFICIENT_COLORS)
        )
        if norms:
            title = self.tr("Weight norms {names}").format(names=legend)
        else:
            title = self.tr("Coefficients {names}").format(names=legend)
        # In the title's colour and size on show (presentation mode's are larger, in contrast);
        # the look fits that size to the new legend's width (explorer/classroom/appearance.py).
        self.coefficient_plot.getPlotItem().setTitle(title)
        self.coefficient_plot.setProperty(TITLE_TEXT, title)
        self.coefficient_plot.getPlotItem().setLabel(
            "left", "‖model[i].weight‖" if norms else self.tr("value")
        )

    def _keep_coefficient_curves(self, count: int) -> None:
        """Exactly `count` trace curves on the plot: only the traces that exist are drawn, and
        the plot's CSV export has a column for each of them and no other."""
        while len(self.coefficient_curves) < count:
            color = COEFFICIENT_COLORS[len(self.coefficient_curves) % len(COEFFICIENT_COLORS)]
            curve = self.coefficient_plot.plot(pen=pg.mkPen(color, width=2))
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="subsample")  # smooth traces
            self.coefficient_curves.append(curve)
        while len(self.coefficient_curves) > count:
            self.coefficient_plot.removeItem(self.coefficient_curves.pop())

    def show_landscape(self, on: bool) -> None:
        """Put the landscape beside the loss plot (on) or let the loss plot span the row."""
        self._layout.removeWidget(self.loss_plot)
        if on:
            self._layout.addWidget(self.loss_plot, 0, 0)
            self._layout.addWidget(self.landscape_plot, 0, 1)
        else:
            self._layout.removeWidget(self.landscape_plot)
            self._layout.addWidget(self.loss_plot, 0, 0, 1, 2)
        self.landscape_plot.setVisible(on)

    def show_comparison(self, on: bool) -> None:
        """A comparison of learning rates (on) draws only losses, one curve per run: the fit
        and the coefficient traces, which are one run's, make room for them."""
        if on == self.comparing:
            return  # a new layout costs a relayout of every plot: not at every Start
        self.comparing = on
        self.fit_plot.setVisible(not on)
        self.coefficient_plot.setVisible(not on)
        self._layout.setRowStretch(1, 0 if on else 1)

    def set_landscape(self, result: Landscape) -> None:
        """Show the loss over the grid (log10, as the loss plot) with its axes' names."""
        alphas, betas = result.alphas, result.betas
        image = np.log10(loss_for_log_axis(result.losses))
        self.landscape_image.setImage(image, autoLevels=True)
        self.landscape_image.setRect(
            QRectF(
                float(alphas[0]), float(betas[0]),
                float(alphas[-1] - alphas[0]), float(betas[-1] - betas[0]),
            )
        )
        item = self.landscape_plot.getPlotItem()
        item.setLabel("bottom", result.plane.labels[0])
        item.setLabel("left", result.plane.labels[1])
        item.setXRange(float(alphas[0]), float(alphas[-1]), padding=0)
        item.setYRange(float(betas[0]), float(betas[-1]), padding=0)

    @property
    def path(self) -> np.ndarray:
        """The optimizer's path on the landscape so far: (alpha, beta) rows."""
        return self._path[: self._path_count]

    def extend_path(self, points: np.ndarray) -> None:
        """Append `points` ((alpha, beta) rows) to the path: into spare room of its arrays,
        which grow by doubling, so a long run's path is not copied at every batch."""
        needed = self._path_count + len(points)
        if needed > len(self._path):
            grown = np.empty((max(needed, 2 * len(self._path), 256), 2))
            grown[: self._path_count] = self.path
            self._path = grown
        self._path[self._path_count: needed] = points
        self._path_count = needed
        path = self.path
        self.path_curve.setData(path[:, 0], path[:, 1])
        self.path_head.setData(path[-1:, 0], path[-1:, 1])

    def begin_run(self, steps: int) -> None:
        """Empty plots for a run of `steps` steps."""
        self.clear()
        self.show_steps(steps)

    def show_steps(self, steps: int) -> None:
        """Let the step axes span a whole run of `steps` steps."""
        for plot in (self.loss_plot, self.coefficient_plot):
            plot.setXRange(0, max(steps - 1, 1), padding=0.02)

    def set_data_style(self, name: str, points: bool) -> None:
        """Name the data in the legend; `points`: draw it as dots (noisy or measured data)."""
        if (name, points) == self._data_style:
            return  # restyling re-lays out the legend: a few ms of every Start otherwise
        self._data_style = (name, points)
        if points:
            self.data_curve.setPen(None)
            self.data_curve.setSymbol("o")
            self.data_curve.setSymbolSize(4)
            self.data_curve.setSymbolBrush(DATA_COLOR)
            self.data_curve.setSymbolPen(None)
        else:
            self.data_curve.setSymbol(None)
            self.data_curve.setPen(pg.mkPen(DATA_COLOR, width=4))
        label = self._legend.getLabel(self.data_curve)
        if label is not None:
            label.setText(name)

    def set_data(self, x: np.ndarray, y: np.ndarray) -> None:
        """The training points of the run; the fit plot frames them (a wild prediction is cut)."""
        self._x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self.data_curve.setData(self._x, y)
        self.fit_curve.setData([], [])
        self._frame_fit(self._x.min(), self._x.max(), y.min(), y.max())

    def _frame_fit(self, x_low: float, x_high: float, y_low: float, y_high: float) -> None:
        """Frame the data (x and y from low to high) with a margin, in round numbers: the
        frame shown before the first run is then the tutorial run's, and its axes are not
        redrawn when the run starts."""
        self.fit_plot.setXRange(float(x_low), float(x_high), padding=0.02)
        margin = 0.5 * max(float(y_high - y_low), 1e-6)
        self.fit_plot.setYRange(*rounded_range(y_low - margin, y_high + margin), padding=0)

    def clear(self) -> None:
        self._x = np.empty(0)
        self._loss_decades = None
        self._coefficient_range = None
        for curve in (self.loss_curve, self.data_curve, self.fit_curve, *self.coefficient_curves,
                      self.path_curve, self.path_head):
            curve.setData([], [])
        self._path_count = 0
        self.landscape_image.clear()

    def redraw(
        self,
        history: TrainingHistory,
        predict: Callable[[tuple[float, ...], np.ndarray], np.ndarray],
        *,
        live: bool = False,
    ) -> None:
        """Show `history`; the fit curve is `predict(latest coefficients, x)`. `live` (a frame
        of a running run): each curve thinned to about a point per pixel, since a wide line
        costs by its segments; otherwise every step, for zooming in and exporting."""
        steps = history.steps
        losses = loss_for_log_axis(history.losses)
        most = self._pixels(self.loss_plot) if live else len(steps)
        self.loss_curve.setData(*thinned(steps, losses, most, peaks=True))
        most = self._pixels(self.coefficient_plot) if live else len(steps)
        for index, curve in enumerate(self.coefficient_curves[: history.trace_count]):
            curve.setData(*thinned(steps, history.coefficient(index), most))
        if history.count:
            self._follow_ranges(losses, history, live=live)
        last = history.last()
        most = self._pixels(self.fit_plot) if live else len(self._x)
        if history.last_fit is not None and len(history.last_fit[0]) == len(self._x):
            fit = np.asarray(history.last_fit[0], dtype=np.float64)
            self.fit_curve.setData(*thinned(self._x, fit, most))
        elif last is not None and len(self._x):
            x, _ = thinned(self._x, self._x, most)
            self.fit_curve.setData(x, predict(last[2], x))

    @staticmethod
    def _pixels(plot: pg.PlotWidget) -> int:
        return max(int(plot.getPlotItem().getViewBox().width()), 100)

    def _follow_ranges(self, losses: np.ndarray, history: TrainingHistory, *, live: bool
                       ) -> None:
        decades = decade_range(losses)
        current = self._loss_decades
        if live and current is not None and current[0] <= decades[0] <= decades[1] <= current[1]:
            pass  # a live frame keeps the loss axis while the loss stays in view
        elif decades != current:
            if live:  # room for the loss to fall: its axis is redrawn less often
                decades = (decades[0] - LIVE_LOSS_HEADROOM, decades[1])
            self._loss_decades = decades
            self.loss_plot.setYRange(*decades, padding=0)  # log mode: exponents
        traces = [history.coefficient(index) for index in range(history.trace_count)]
        traces = [trace for trace in traces if np.isfinite(trace).any()]
        if not traces:
            return
        low = min(float(np.nanmin(trace)) for trace in traces)
        high = max(float(np.nanmax(trace)) for trace in traces)
        if not (np.isfinite(low) and np.isfinite(high)):
            return
        current = self._coefficient_range
        if current is None or low < current[0] or high > current[1]:
            self._coefficient_range = rounded_range(low, high)
            self.coefficient_plot.setYRange(*self._coefficient_range, padding=0.02)
