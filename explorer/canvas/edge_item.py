"""Edges: smooth cubic curves from an output port to an input port, with an arrow head."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors
from explorer.canvas.badge_item import BadgeHolder, BadgeItem
from explorer.canvas.hover_highlight import HoverHighlight
from explorer.canvas.op_formula import edge_formula_text
from explorer.canvas.overview_drawing import mark_stale
from explorer.canvas.port_item import RADIUS

STATES = ("normal", "active-forward", "active-backward", "done")
ARROW = 9.0


def _reach(start: QPointF, end: QPointF) -> float:
    """How far the curve's control points lie from its ends, along x."""
    return max(40.0, abs(end.x() - start.x()) * 0.5)


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """A left-to-right cubic from `start` to `end` that stays readable when `end` is behind."""
    dx = _reach(start, end)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + dx, start.y()), QPointF(end.x() - dx, end.y()), end)
    return path


def curve_bounds(start: QPointF, end: QPointF) -> QRectF:
    """A rectangle holding curve(start, end): its control points' (a cubic stays inside them),
    found without building the path."""
    (x0, y0), (x1, y1) = (start.x(), start.y()), (end.x(), end.y())
    dx = max(40.0, abs(x1 - x0) * 0.5)   # _reach
    left, right = min(x0, x1 - dx), max(x0 + dx, x1)
    return QRectF(left, min(y0, y1), right - left, abs(y1 - y0))


class EdgeItem(BadgeHolder, HoverHighlight, QGraphicsPathItem):
    """The edge src -> dst.port. Public for the animation: `path()`, `point_at(t)`, `set_state`,
    `show_badge(text, role)`, `clear_badge(role)`."""

    def __init__(self, src_item, dst_item, port: str, deferred: bool = False) -> None:
        super().__init__()
        self.src_item = src_item
        self.dst_item = dst_item
        self.port = port
        self.state = "normal"
        self._badges: dict[str, BadgeItem] = {}
        # Where the wire starts or ends instead of the ports, when an end is inside a folded
        # group: callables giving scene points (set by the scene).
        self.src_anchor = None
        self.dst_anchor = None
        self._bounds = QRectF()   # boundingRect(), kept with the path (Qt asks for it often)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)
        # A wire of a whole new graph gets its path once, after its cards have their final size.
        self.path_due = deferred
        # Its ends (the curve's), and whether the curve was built for them: only when drawn in
        # detail or asked for (the overview of a big graph draws straight lines).
        self._ends = (QPointF(), QPointF())
        self._curve_due = False
        if not deferred:
            self.update_path()

    @property
    def key(self) -> tuple[str, str, str]:
        return self.src_item.node_id, self.dst_item.node_id, self.port

    def endpoints(self) -> tuple[QPointF, QPointF]:
        self.src_item.size()   # sized: the output port sits at the card's final width
        start = self.src_item.output_port.scenePos() if self.src_anchor is None \
            else self.src_anchor()
        end = self.dst_item.input_port(self.port).scenePos() if self.dst_anchor is None \
            else self.dst_anchor()
        return start, QPointF(end.x() - RADIUS, end.y())

    def path(self) -> QPainterPath:
        if self.path_due:
            self.update_path()
        if self._curve_due:
            self._curve_due = False
            self.setPath(curve(*self._ends))
        return super().path()

    def update_path(self) -> None:
        """Follow the ports: the wire's bounds now, its curve when it is next drawn or read."""
        self.path_due = False
        start, tip = self.endpoints()
        # The curve stops at the arrow's base (it arrives horizontally); the head covers the rest.
        self._ends = (start, QPointF(tip.x() - ARROW, tip.y()))
        self._curve_due = True
        self.prepareGeometryChange()   # Qt repaints where the wire was, and where it goes
        margin = ARROW + 4
        self._bounds = curve_bounds(*self._ends).adjusted(-margin, -margin, margin, margin)
        self._place_badges()
        mark_stale(self)

    def point_at(self, t: float) -> QPointF:
        """The point at fraction `t` (0 = source port, 1 = target port) of the edge's length."""
        return self.path().pointAtPercent(min(1.0, max(0.0, t)))

    def set_state(self, kind: str) -> None:
        if kind not in STATES:
            raise ValueError(f"unknown edge state {kind!r}; expected one of {STATES}")
        self.state = kind
        mark_stale(self)
        self.update()

    def _new_badge(self, text: str, role: str) -> BadgeItem:
        # at the middle of the edge, in the scene (not a child: the edge's shape stays a wire)
        badge = BadgeItem(text, role)
        if self.scene() is not None:
            self.scene().addItem(badge)
        return badge

    def _place_badges(self) -> None:
        if not self._badges:
            return
        centre = self.point_at(0.5)
        offset = 0.0
        for badge in self._badges.values():
            if badge.scene() is None and self.scene() is not None:
                self.scene().addItem(badge)
            badge.centre_on(QPointF(centre.x(), centre.y() - 14.0 + offset))
            offset -= badge.size().height() + 4.0

    def paint_color(self) -> QColor:
        """The colour it is drawn in now (state, selection, hover)."""
        return self._color()

    def _color(self):
        if self.state != "normal":
            return colors.STATE[self.state]
        if self.isSelected():
            return colors.SELECTED
        touches_selection = self.src_item.isSelected() or self.dst_item.isSelected()
        return colors.EDGE_HOVER if self._hovered or touches_selection else colors.EDGE

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12.0)
        return stroker.createStroke(self.path())

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = self._color()
        width = 3.0 if self.state in ("active-forward", "active-backward") else 2.0
        if self.isSelected():
            width += 0.5
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = self.path()
        painter.drawPath(path)
        base = path.pointAtPercent(1.0)
        angle = math.radians(-path.angleAtPercent(1.0))
        tip = QPointF(base.x() + ARROW * math.cos(angle), base.y() + ARROW * math.sin(angle))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color))
        painter.drawPolygon(_arrow_head(tip, angle, ARROW + width * 0.5))

    def formula_text(self) -> str:
        """The target op's formula, the local derivative for this input and the chain rule."""
        dst = self.dst_item
        return edge_formula_text(dst.op, dst.name, self.port, dst.params, self.src_item.name)

    def hoverEnterEvent(self, event) -> None:
        self.setToolTip(self.formula_text())   # names may have changed since the last hover
        super().hoverEnterEvent(event)


def _arrow_head(tip: QPointF, angle: float, size: float) -> QPolygonF:
    back = QPointF(tip.x() - size * math.cos(angle), tip.y() - size * math.sin(angle))
    normal = QPointF(-math.sin(angle) * size * 0.45, math.cos(angle) * size * 0.45)
    return QPolygonF([tip, back + normal, back - normal])


class WireItem(QGraphicsPathItem):
    """The rubber edge that follows the mouse while the user drags a connection."""

    def __init__(self, anchor: QPointF, from_output: bool) -> None:
        super().__init__()
        self.anchor = anchor
        self.from_output = from_output
        pen = QPen(colors.EDGE_HOVER, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setZValue(10)
        self.follow(anchor)

    def follow(self, point: QPointF) -> None:
        start, end = (self.anchor, point) if self.from_output else (point, self.anchor)
        self.setPath(curve(start, end))
