"""Small pictures of a tensor's values, drawn with QPainter: a line plot for a vector, a heatmap
for a matrix. The numbers come from the engine's tensors; nothing here computes a derivative."""
from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

import engine

LINE, HEATMAP = "line", "heatmap"
MIN_PLOTTED = 8          # fewer elements read better as PyTorch's text
VALUE_COLOR = QColor("#343a40")
GRAD_COLOR = QColor("#1864ab")
AXIS_COLOR = QColor("#ced4da")
FRAME_COLOR = QColor("#dee2e6")
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


def plot_data(value: engine.Tensor) -> np.ndarray:
    """The tensor's numbers as float64, with nan and inf left out of the picture (as 0)."""
    data = np.asarray(value.detach().numpy(force=True), dtype=np.float64)
    return np.nan_to_num(data, nan=0.0, posinf=0.0, neginf=0.0)


def _envelope(data: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Per pixel column the lowest and highest value: a 2000-point vector draws in a few
    hundred segments and keeps its spikes."""
    if len(data) <= columns:
        return data, data
    edges = np.linspace(0, len(data), columns + 1).astype(int)
    return np.minimum.reduceat(data, edges[:-1]), np.maximum.reduceat(data, edges[:-1])


def draw_line_plot(painter: QPainter, rect: QRectF, value: engine.Tensor, color: QColor) -> None:
    """The vector's values left to right, scaled to fill `rect`; a grey line marks zero."""
    data = plot_data(value)
    lo, hi = float(data.min()), float(data.max())
    if hi == lo:
        lo, hi = lo - 1.0, hi + 1.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(FRAME_COLOR, 0.8))
    painter.setBrush(QColor(255, 255, 255))
    painter.drawRect(rect)

    def y_of(v: float) -> float:
        return rect.bottom() - 2 - (v - lo) / (hi - lo) * (rect.height() - 4)

    if lo < 0.0 < hi:
        painter.setPen(QPen(AXIS_COLOR, 0.8))
        painter.drawLine(QPointF(rect.left(), y_of(0.0)), QPointF(rect.right(), y_of(0.0)))
    low, high = _envelope(data, max(2, int(rect.width() * 2)))
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


def heatmap_scale(data: np.ndarray, diverging: bool) -> tuple[float, float]:
    """The values at the two ends of the colour map: symmetric about zero for a gradient, so
    white always means zero."""
    if diverging:
        reach = float(np.abs(data).max()) or 1.0
        return -reach, reach
    lo, hi = float(data.min()), float(data.max())
    return (lo, hi) if hi > lo else (lo - 1.0, hi + 1.0)


def heatmap_image(value: engine.Tensor, diverging: bool) -> QImage:
    """One pixel per element (rows top to bottom), coloured by the sequential or diverging map."""
    data = plot_data(value)
    lo, hi = heatmap_scale(data, diverging)
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
        lo, hi = heatmap_scale(plot_data(value), diverging)
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
