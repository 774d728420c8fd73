"""Groups on the canvas: a folded group is one card with its outer ports; an unfolded group is a
labelled frame drawn behind its members.

Both are views of a document GroupData; the scene creates them and routes the crossing wires.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors
from explorer.canvas.node_item import (
    CORNER,
    OVERVIEW_MAX_PX,
    OVERVIEW_PX,
    OVERVIEW_ZOOM,
    PAD,
    PaintsText,
    paint_card,
)
from explorer.canvas.port_item import RADIUS
from explorer.core.document.layout import HEADER_H, PORT_STEP
from explorer.core.i18n import translate

GROUP_HEADER = QColor("#7048e8")     # violet: a group, unlike any kind of tensor
FRAME_FILL = QColor(112, 72, 232, 18)
MIN_W, MAX_W = 170.0, 300.0
LINE_H = 17.0
FRAME_MARGIN, FRAME_TITLE_H = 14.0, 24.0


def _font(size: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def ops_summary(ops: list[str]) -> str:
    return ", ".join(ops) if ops else translate("GroupItem", "no operations")


class GroupCardItem(PaintsText, QGraphicsItem):
    """A folded group: its name, its inner ops, its member count, and one port per wire that
    enters it (left, named by the source) or value that leaves it (right, named by the member).
    Public for the animation, like a NodeItem: `set_state`, `show_result`, `show_grad`, `name`."""

    def __init__(self, group_id: str, name: str, ops: list[str], members: frozenset[str],
                 inputs: list[tuple[tuple[str, str, str], str]],
                 outputs: list[tuple[str, str]]) -> None:
        super().__init__()
        self.group_id = self.node_id = group_id
        self.name = name
        self.ops = list(ops)
        self.members = members
        self.inputs = inputs      # (entering edge, label)
        self.outputs = outputs    # (member id, label)
        self.edges: set = set()   # crossing EdgeItems drawn to this card, kept by the scene
        self.state = "normal"
        self.painted_texts = []
        self._header_font = _font(10.5, bold=True)
        self._body_font = _font(8.5)
        self._port_font = _font(7.5)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsScenePositionChanges)
        self.setZValue(1)
        self.setToolTip(translate("GroupItem", "Group {name}: {ops}. Double-click to unfold.")
                        .format(name=name, ops=ops_summary(ops)))
        self._width, self._height = self._measure()

    def _body_lines(self) -> list[str]:
        return [ops_summary(self.ops),
                translate("GroupItem", "{n} nodes, folded").format(n=len(self.members))]

    def _measure(self) -> tuple[float, float]:
        header = QFontMetricsF(self._header_font).horizontalAdvance(self.name) + 2 * PAD
        body = max(QFontMetricsF(self._body_font).horizontalAdvance(t)
                   for t in self._body_lines()) + 2 * PAD
        ports = QFontMetricsF(self._port_font)
        labels = max((ports.horizontalAdvance(label) for _, label in self.inputs), default=0) \
            + max((ports.horizontalAdvance(label) for _, label in self.outputs), default=0)
        width = min(MAX_W, max(MIN_W, header, body, labels + 4 * PAD))
        rows = max(len(self.inputs), len(self.outputs))
        height = HEADER_H + 2 * LINE_H + PAD + rows * PORT_STEP + PAD / 2
        return width, height

    def _ports_top(self) -> float:
        return HEADER_H + 2 * LINE_H + PAD + PORT_STEP / 2

    def input_anchor(self, edge: tuple[str, str, str]) -> QPointF:
        """Where the entering wire `edge` ends (scene coordinates)."""
        row = next((i for i, (e, _label) in enumerate(self.inputs) if e == edge), 0)
        return self.mapToScene(QPointF(0.0, self._ports_top() + row * PORT_STEP))

    def output_anchor(self, node_id: str) -> QPointF:
        """Where wires leaving the member `node_id` start (scene coordinates)."""
        row = next((i for i, (n, _label) in enumerate(self.outputs) if n == node_id), 0)
        return self.mapToScene(QPointF(self._width, self._ports_top() + row * PORT_STEP))

    # ---- what the animation calls, as on a NodeItem ------------------------------------------

    def set_state(self, kind: str) -> None:
        self.state = kind
        self.update()

    def show_result(self, *args, **kwargs) -> None:
        """A folded card shows no value of its own; its members keep theirs."""

    def show_grad(self, grad: object) -> None:
        """See show_result."""

    def size(self) -> tuple[float, float]:
        return self._width, self._height

    # ---- painting ----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return QRectF(-RADIUS - 4, -4, self._width + 2 * RADIUS + 8, self._height + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self._width, self._height), CORNER, CORNER)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painted_texts = []
        rect = QRectF(0, 0, self._width, self._height)
        # Two offset sheets behind the card say "several cards in one".
        painter.setPen(QPen(colors.CARD_BORDER, 1.0))
        painter.setBrush(colors.CARD)
        for shift in (6.0, 3.0):
            painter.drawRoundedRect(rect.translated(shift, shift), CORNER, CORNER)
        paint_card(painter, rect, colors.CARD_BORDER, GROUP_HEADER)
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        if zoom < OVERVIEW_ZOOM:
            self._paint_overview(painter, zoom)
        else:
            self._paint_full(painter)
        self._paint_ports(painter, zoom >= OVERVIEW_ZOOM)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.state != "normal":
            painter.setPen(QPen(colors.STATE.get(self.state, colors.SELECTED), 3.0))
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), CORNER + 2, CORNER + 2)
        if self.isSelected():
            painter.setPen(QPen(colors.SELECTED, 2.0))
            painter.drawRoundedRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5), CORNER, CORNER)

    def _paint_full(self, painter: QPainter) -> None:
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self._header_font)
        header = QRectF(PAD, 0, self._width - 2 * PAD, HEADER_H)
        name = QFontMetricsF(self._header_font).elidedText(
            self.name, Qt.TextElideMode.ElideRight, header.width())
        self._draw_text(painter, header, int(Qt.AlignmentFlag.AlignVCenter), name)
        painter.setFont(self._body_font)
        metrics = QFontMetricsF(self._body_font)
        for i, (text, color) in enumerate(zip(self._body_lines(), (colors.TEXT, colors.MUTED))):
            painter.setPen(color)
            line = QRectF(PAD, HEADER_H + PAD / 2 + i * LINE_H, self._width - 2 * PAD, LINE_H)
            self._draw_text(painter, line, int(Qt.AlignmentFlag.AlignVCenter),
                            metrics.elidedText(text, Qt.TextElideMode.ElideRight, line.width()))

    def _paint_overview(self, painter: QPainter, zoom: float) -> None:
        """Semantic zoom: the name and the ops in type large enough to read at `zoom`."""
        px = round(min(OVERVIEW_MAX_PX, OVERVIEW_PX / max(zoom, 1e-3)) + 0.5)
        rows = ((self.name, True, QColor("#ffffff")), (ops_summary(self.ops), False, colors.TEXT))
        for i, (text, bold, color) in enumerate(rows):
            font = _font(8.0, bold=bold)
            font.setPixelSize(px)
            painter.setFont(font)
            painter.setPen(color)
            rect = QRectF(PAD / 2, 0, self._width - PAD, HEADER_H) if i == 0 else \
                QRectF(PAD / 2, HEADER_H, self._width - PAD, self._height - HEADER_H)
            shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            self._draw_text(painter, rect, int(Qt.AlignmentFlag.AlignCenter if i else
                                               Qt.AlignmentFlag.AlignVCenter), shown)

    def _paint_ports(self, painter: QPainter, labelled: bool) -> None:
        painter.setFont(self._port_font)
        half = self._width / 2 - PAD
        for x, rows, align in ((0.0, self.inputs, Qt.AlignmentFlag.AlignLeft),
                               (self._width, self.outputs, Qt.AlignmentFlag.AlignRight)):
            for i, (_key, label) in enumerate(rows):
                y = self._ports_top() + i * PORT_STEP
                painter.setPen(QPen(colors.PORT_BORDER, 1.6))
                painter.setBrush(colors.PORT_BORDER)
                painter.drawEllipse(QPointF(x, y), RADIUS, RADIUS)
                if not labelled:
                    continue
                painter.setPen(colors.MUTED)
                left = PAD + 2 if x == 0.0 else self._width / 2
                rect = QRectF(left, y - PORT_STEP / 2, half - 2, PORT_STEP)
                text = QFontMetricsF(self._port_font).elidedText(
                    label, Qt.TextElideMode.ElideRight, rect.width())
                self._draw_text(painter, rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemScenePositionHasChanged:
            for edge in self.edges:
                edge.update_path()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(1.5 if value else 1.0)
        return super().itemChange(change, value)


class GroupFrameItem(PaintsText, QGraphicsItem):
    """An unfolded group: a tinted frame around its members with the name and ops on top. Only
    the title bar takes clicks (double-click folds it), so the cards inside stay usable."""

    def __init__(self, group_id: str, name: str, ops: list[str],
                 members: frozenset[str]) -> None:
        super().__init__()
        self.group_id = group_id
        self.name = name
        self.ops = list(ops)
        self.members = members
        self.painted_texts = []
        self._rect = QRectF()
        self._title_font = _font(9.0, bold=True)
        self.setZValue(-1)
        self.setToolTip(translate("GroupItem", "Group {name}: {ops}. Double-click the title to "
                                  "fold it.").format(name=name, ops=ops_summary(ops)))

    def title(self) -> str:
        return translate("GroupItem", "{name} ({ops})").format(name=self.name,
                                                               ops=ops_summary(self.ops))

    def fit(self, members_rect: QRectF) -> None:
        """Frame `members_rect` (the member cards' scene rectangle)."""
        rect = members_rect.adjusted(-FRAME_MARGIN, -FRAME_MARGIN - FRAME_TITLE_H,
                                     FRAME_MARGIN, FRAME_MARGIN)
        title_w = QFontMetricsF(self._title_font).horizontalAdvance(self.title()) + 2 * PAD
        rect.setWidth(max(rect.width(), min(title_w, 2 * MAX_W)))
        self.prepareGeometryChange()
        self._rect = rect

    def title_rect(self) -> QRectF:
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), FRAME_TITLE_H)

    def boundingRect(self) -> QRectF:
        # Room above for the overview's larger title (semantic zoom).
        return self._rect.adjusted(-2, -2 * OVERVIEW_MAX_PX, 2, 2)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.title_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painted_texts = []
        painter.setPen(QPen(GROUP_HEADER, 1.4, Qt.PenStyle.DashLine))
        painter.setBrush(FRAME_FILL)
        painter.drawRoundedRect(self._rect, CORNER + 3, CORNER + 3)
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        font = QFont(self._title_font)
        if zoom < OVERVIEW_ZOOM:
            font.setPixelSize(round(min(OVERVIEW_MAX_PX, OVERVIEW_PX / max(zoom, 1e-3)) + 0.5))
        painter.setFont(font)
        painter.setPen(GROUP_HEADER.darker(130))
        title = self.title_rect().adjusted(PAD, 0, -PAD, 0)
        if zoom < OVERVIEW_ZOOM:   # large type grows upward, out of the members' way
            title.setTop(title.bottom() - max(FRAME_TITLE_H, font.pixelSize() * 1.4))
        text = QFontMetricsF(font).elidedText(self.title(), Qt.TextElideMode.ElideRight,
                                              title.width())
        self._draw_text(painter, title, int(Qt.AlignmentFlag.AlignVCenter), text)
