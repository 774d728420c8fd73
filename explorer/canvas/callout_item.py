"""A refusal said where the user acted: a short-lived bubble pointing at a port or drop point.

The status bar says it too, but a beginner looks at the wire in hand, not at the window's
bottom edge. The bubble keeps its size at any zoom and goes away by itself after a while.
"""
from __future__ import annotations

import textwrap

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors

SHOWN_MS = 4500        # long enough to read two lines
WRAP_CHARS = 46
PAD_X, PAD_Y = 8.0, 5.0
TIP = 7.0              # the pointer's length: the bubble sits left of the point it names,
                       # in the gap before an input port rather than on the card


class CalloutItem(QGraphicsObject):
    """Text in a bubble whose pointer's tip (on its right) is at the item's position."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setZValue(60)   # over cards, edges and the animation's labels
        self._font = QFont("DejaVu Sans")
        self._font.setPointSizeF(9.0)
        self._text = ""
        self._box = QRectF()
        self._timer = QTimer(self)   # goes with the item: no timeout after the scene is gone
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def text(self) -> str:
        return self._text

    def show_at(self, text: str, scene_pos: QPointF) -> None:
        """Say `text` pointing at `scene_pos`, replacing whatever the bubble said before."""
        self.prepareGeometryChange()
        self._text = "\n".join(textwrap.wrap(text, WRAP_CHARS)) or text
        metrics = QFontMetricsF(self._font)
        lines = self._text.splitlines()
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * PAD_X
        height = metrics.height() * len(lines) + 2 * PAD_Y
        self._box = QRectF(-TIP - width, -height / 2, width, height)
        self.setPos(scene_pos)
        self.show()
        self._timer.start()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-2, -2, TIP + 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        background, foreground = colors.BADGE["error"]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bubble = QPainterPath()
        bubble.addRoundedRect(self._box, 6, 6)
        pointer = QPainterPath(QPointF(-TIP - 0.5, -TIP))
        pointer.lineTo(0.0, 0.0)
        pointer.lineTo(-TIP - 0.5, TIP)
        pointer.closeSubpath()
        painter.setPen(QPen(foreground.lighter(150), 1.0))
        painter.setBrush(background)
        painter.drawPath(bubble.united(pointer))
        painter.setPen(foreground)
        painter.setFont(self._font)
        painter.drawText(self._box.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self._text)
