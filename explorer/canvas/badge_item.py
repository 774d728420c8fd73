"""A small rounded label pinned to a node or an edge (values and gradients during animation)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors

PAD_X, PAD_Y = 6.0, 3.0


def badge_font() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(8.5)
    return font


class BadgeItem(QGraphicsItem):
    """Multi-line text in a rounded box; `role` picks the colours ("value", "grad", "info",
    "error")."""

    def __init__(self, text: str, role: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        if role not in colors.BADGE:
            raise ValueError(f"unknown badge role {role!r}; expected one of {sorted(colors.BADGE)}")
        self.role = role
        self._font = badge_font()
        self._text = ""
        self._size = QRectF()
        self.setZValue(20)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self._text = text
        metrics = QFontMetricsF(self._font)
        lines = text.splitlines() or [""]
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() * len(lines)
        self._size = QRectF(0, 0, width + 2 * PAD_X, height + 2 * PAD_Y)
        self.update()

    def size(self) -> QRectF:
        return QRectF(self._size)

    def centre_on(self, point: QPointF) -> None:
        """Place the badge so that its centre is at `point` (in the parent's coordinates)."""
        self.setPos(point - self._size.center())

    def boundingRect(self) -> QRectF:
        return self._size.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        background, foreground = colors.BADGE[self.role]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(foreground.lighter(170), 1))
        painter.setBrush(QBrush(background))
        painter.drawRoundedRect(self._size, 5, 5)
        painter.setPen(foreground)
        painter.setFont(self._font)
        painter.drawText(self._size.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self._text)
