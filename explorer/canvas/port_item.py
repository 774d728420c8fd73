"""A node's connection point: named inputs on the left edge, the one output on the right."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors

RADIUS = 5.5
_HIT = RADIUS + 4   # a little larger than drawn, so the port is easy to hit
_BOUNDS = QRectF(-_HIT, -_HIT, 2 * _HIT, 2 * _HIT)


class PortItem(QGraphicsItem):
    """A port of a NodeItem; `port` is the input's name, or None for the output."""

    def __init__(self, node_id: str, port: str | None, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.node_id = node_id
        self.port = port
        self.connected = False
        self._hovered = False
        self._refused = False   # hovered by a wire that may not connect here
        # The cross cursor is set by the card when first hovered. (No z: a child is drawn over
        # its card anyway, and a call less for each of a big graph's ten thousand ports.)
        self.setAcceptHoverEvents(True)

    @property
    def is_output(self) -> bool:
        return self.port is None

    @property
    def refused(self) -> bool:
        """True while a dragged wire hovers here and may not connect."""
        return self._hovered and self._refused

    def set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self.update()

    def set_hovered(self, hovered: bool, refused: bool = False) -> None:
        if (hovered, refused) != (self._hovered, self._refused):
            self._hovered, self._refused = hovered, refused
            self.update()

    def boundingRect(self) -> QRectF:
        return _BOUNDS   # asked twice per port when the scene indexes a big graph

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        hover = colors.ERROR if self._refused else colors.PORT_HOVER
        border = hover if self._hovered else colors.PORT_BORDER
        painter.setPen(QPen(border, 1.6))
        if self._hovered:
            fill = hover
        elif self.connected or self.is_output:
            fill = colors.PORT_BORDER
        else:
            fill = colors.PORT_FILL
        painter.setBrush(QBrush(fill))
        painter.drawEllipse(QRectF(-RADIUS, -RADIUS, 2 * RADIUS, 2 * RADIUS))

    def hoverEnterEvent(self, event) -> None:
        self.set_hovered(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.set_hovered(False)
        super().hoverLeaveEvent(event)
