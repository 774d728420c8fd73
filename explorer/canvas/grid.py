"""The canvas background: a light fill with a subtle two-level grid."""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QPainter, QPen

from explorer.canvas import colors

MINOR = 20.0
MAJOR = 100.0


def _lines(rect: QRectF, step: float) -> list[QLineF]:
    left = math.floor(rect.left() / step) * step
    top = math.floor(rect.top() / step) * step
    lines = []
    x = left
    while x < rect.right():
        lines.append(QLineF(x, rect.top(), x, rect.bottom()))
        x += step
    y = top
    while y < rect.bottom():
        lines.append(QLineF(rect.left(), y, rect.right(), y))
        y += step
    return lines


def draw_grid(painter: QPainter, rect: QRectF, scale: float) -> None:
    """Fill `rect` and draw the grid; the minor lines fade out when zoomed far out."""
    painter.fillRect(rect, colors.CANVAS)
    if scale * MINOR >= 8:
        painter.setPen(QPen(colors.GRID_MINOR, 0))
        painter.drawLines(_lines(rect, MINOR))
    painter.setPen(QPen(colors.GRID_MAJOR, 0))
    major = MAJOR
    while scale * major < 24:   # far out, every fifth line: thousands of lines cost a frame
        major *= 5
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)   # axis-aligned: no need
    painter.drawLines(_lines(rect, major))
    painter.restore()
