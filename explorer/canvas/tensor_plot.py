"""Small pictures of a tensor's values, drawn with QPainter: a line plot for a vector, a heatmap
for a matrix. The numbers come from the engine's tensors; nothing here computes a derivative."""
from __future__ import annotations

import math
import weakref
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

import engine
from explorer.canvas import colors

LINE, HEATMAP = "line", "heatmap"
MIN_PLOTTED = 8          # fewer elements read better as PyTorch's text
# A big tensor is reduced once (per version) to what a plot can show: a vector to the lowest and
# highest value of each of LINE_COLUMNS slices, a matrix to every k-th row and column.
LINE_COLUMNS, HEATMAP_CELLS = 512, 128
# The theme's colours (changed in place when it changes: these names follow).
VALUE_COLOR = colors.PLOT_VALUE
GRAD_COLOR = colors.PLOT_GRAD
AXIS_COLOR = colors.PLOT_AXIS
FRAME_COLOR = colors.PLOT_FRAME
# Sequential map for values (dark blue -> teal -> yellow), diverging map for gradients
# (blue for negative, white at zero, red for positive), as (position, colour) stops.
SEQUENTIAL = ((0.0, (40, 44, 110)), (0.5, (33, 145, 140)), (1.0, (250, 230, 80)))
DIVERGING = ((0.0, (33, 102, 172)), (0.5, (247, 247, 247)), (1.0, (178, 24, 43)))


def plot_kind(value: object) -> str | None:
    """LINE for a vector of 8 or more numbers, HEATMAP for a matrix of 8 or more, else None
    (scalars, tiny tensors and other dimensions keep their printed text)."""
    if not isinstance(value, engine.Tensor) or value.numel() < MIN_PLOTTED:
        return None
    if value.dim() == 1:
        return LINE
    return HEATMAP if value.dim() == 2 else None


def _finite(data: np.ndarray) -> np.ndarray:
    """float64, with nan and inf left out of the picture (as 0)."""
    return np.nan_to_num(np.asarray(data, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)


def _envelope(data: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column the lowest and highest value: a long vector draws in a few hundred segments
    and keeps its spikes."""
    if len(data) <= columns:
        return data, data
    edges = np.linspace(0, len(data), columns + 1).astype(int)
    return np.minimum.reduceat(data, edges[:-1]), np.maximum.reduceat(data, edges[:-1])


# id(tensor) -> (weak reference, reduction); keyed by identity because a tensor's == is
# elementwise. An entry goes with its tensor.
_reduced: dict[int, tuple[weakref.ref, tuple]] = {}


def _reduction(value: engine.Tensor) -> tuple[int, tuple[np.ndarray, ...], float, float]:
    """(version, reduced data, lowest, highest) of `value`, computed once per tensor version:
    a ten-million-element tensor repaints as fast as a small one."""
    version = getattr(value, "_version", 0)
    ref, cached = _reduced.get(id(value), (None, None))
    if ref is not None and ref() is value and cached[0] == version:
        return cached
    raw = value.detach().numpy(force=True)
    if raw.ndim == 1:
        low, high = _envelope(raw, LINE_COLUMNS)
        parts = (_finite(low), _finite(high))
    else:
        step_r = max(1, math.ceil(raw.shape[0] / HEATMAP_CELLS))
        step_c = max(1, math.ceil(raw.shape[1] / HEATMAP_CELLS))
        parts = (_finite(raw[::step_r, ::step_c]),)
    finite = _finite(raw) if raw.size <= 1_000_000 else None
    lo = float(finite.min() if finite is not None else min(p.min() for p in parts))
    hi = float(finite.max() if finite is not None else max(p.max() for p in parts))
    result = (version, parts, lo, hi)
    key = id(value)
    _reduced[key] = (weakref.ref(value, lambda _ref: _reduced.pop(key, None)), result)
    return result


def plot_data(value: engine.Tensor) -> np.ndarray:
    """What the plot shows: a vector's values (a long one as per-slice lows), a matrix's cells
    (a big one sampled), as float64 with nan and inf as 0."""
    return _reduction(value)[1][0]


def plot_range(value: engine.Tensor) -> tuple[float, float]:
    """The lowest and highest value plotted."""
    _version, _parts, lo, hi = _reduction(value)
    return lo, hi


def draw_line_plot(painter: QPainter, rect: QRectF, value: engine.Tensor, color: QColor) -> None:
    """The vector's values left to right, scaled to fill `rect`; a grey line marks zero."""
    _version, (low_data, high_data), lo, hi = _reduction(value)
    if hi == lo:
        lo, hi = lo - 1.0, hi + 1.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(FRAME_COLOR, 0.8))
    painter.setBrush(colors.PLOT_PAPER)
    painter.drawRect(rect)

    def y_of(v: float) -> float:
        return rect.bottom() - 2 - (v - lo) / (hi - lo) * (rect.height() - 4)

    if lo < 0.0 < hi:
        painter.setPen(QPen(AXIS_COLOR, 0.8))
        painter.drawLine(QPointF(rect.left(), y_of(0.0)), QPointF(rect.right(), y_of(0.0)))
    columns = max(2, int(rect.width() * 2))
    low, high = _envelope(low_data, columns)
    if high_data is not low_data:
        high = _envelope(high_data, columns)[1]
    step = (rect.width() - 4) / max(1, len(low) - 1)
    points = [QPointF(rect.left() + 2 + i * step, y_of(float(v))) for i, v in enumerate(low)]
    if high is not low:
        points += [QPointF(rect.left() + 2 + i * step, y_of(float(v)))
                   for i, v in reversed(list(enumerate(high)))]
    painter.setPen(QPen(color, 1.3))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(QPolygonF(points))
    painter.restore()


def colour_at(stops: tuple, t: float) -> tuple[int, int, int]:
    """The colour at `t` in [0, 1] of a map given by (position, rgb) stops."""
    t = min(1.0, max(0.0, t))
    for (p0, c0), (p1, c1) in pairwise(stops):
        if t <= p1:
            f = (t - p0) / (p1 - p0)
            return tuple(round(a + (b - a) * f) for a, b in zip(c0, c1))
    return stops[-1][1]


def heatmap_scale(value: engine.Tensor, diverging: bool) -> tuple[float, float]:
    """The values at the two ends of the colour map: symmetric about zero for a gradient, so
    white always means zero."""
    lo, hi = plot_range(value)
    if diverging:
        reach = max(abs(lo), abs(hi)) or 1.0
        return -reach, reach
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)


def heatmap_image(value: engine.Tensor, diverging: bool) -> QImage:
    """One pixel per element (rows top to bottom), coloured by the sequential or diverging map."""
    data = plot_data(value)
    lo, hi = heatmap_scale(value, diverging)
    stops = DIVERGING if diverging else SEQUENTIAL
    table = np.array([colour_at(stops, i / 255) for i in range(256)], dtype=np.uint8)
    index = np.clip(np.rint((data - lo) / (hi - lo) * 255), 0, 255).astype(np.intp)
    rgb = np.ascontiguousarray(table[index])
    rows, cols = data.shape
    image = QImage(rgb.data, cols, rows, 3 * cols, QImage.Format.Format_RGB888)
    return image.copy()    # own the pixels: `rgb` goes away with this frame


def short_number(x: float) -> str:
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    return f"{x:.3g}"


def draw_heatmap(painter: QPainter, rect: QRectF, value: engine.Tensor, diverging: bool,
                 scale_font: QFont | None = None) -> None:
    """The matrix as coloured cells filling `rect`; with `scale_font`, a colour bar and the
    values at its ends are drawn under it (inside `rect`)."""
    painter.save()
    cells = QRectF(rect)
    if scale_font is not None:
        bar_h = QFontMetricsF(scale_font).height()
        cells.setBottom(rect.bottom() - bar_h - 2)
    painter.drawImage(cells, heatmap_image(value, diverging))
    painter.setPen(QPen(FRAME_COLOR, 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(cells)
    if scale_font is not None:
        lo, hi = heatmap_scale(value, diverging)
        metrics = QFontMetricsF(scale_font)
        lo_text, hi_text = short_number(lo), short_number(hi)
        bar = QRectF(rect.left() + metrics.horizontalAdvance(lo_text) + 3, cells.bottom() + 3,
                     0, metrics.height() - 4)
        bar.setRight(rect.right() - metrics.horizontalAdvance(hi_text) - 3)
        stops = DIVERGING if diverging else SEQUENTIAL
        strip = QImage(64, 1, QImage.Format.Format_RGB888)
        for i in range(64):
            strip.setPixelColor(i, 0, QColor(*colour_at(stops, i / 63)))
        if bar.width() > 0:
            painter.drawImage(bar, strip)
        painter.setFont(scale_font)
        painter.setPen(VALUE_COLOR)
        text_row = QRectF(rect.left(), cells.bottom() + 2, rect.width(), metrics.height())
        painter.drawText(text_row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         lo_text)
        painter.drawText(text_row, int(Qt.AlignmentFlag.AlignRight
                                       | Qt.AlignmentFlag.AlignVCenter), hi_text)
    painter.restore()


def draw_tensor(painter: QPainter, rect: QRectF, value: engine.Tensor, *, grad: bool,
                scale_font: QFont | None = None) -> None:
    """A line plot or heatmap of `value`; `grad` picks the gradient colour / diverging map."""
    if plot_kind(value) == LINE:
        draw_line_plot(painter, rect, value, GRAD_COLOR if grad else VALUE_COLOR)
    else:
        draw_heatmap(painter, rect, value, diverging=grad, scale_font=scale_font)
