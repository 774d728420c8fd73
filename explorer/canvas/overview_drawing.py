"""Far zoomed out on a big graph, every card and wire drawn in a few batched calls.

Painting thousands of cards one by one costs a Python call per card, port and wire in every
frame (about 2 s for 5000 cards). Below BATCHED_ZOOM, or with more than CROWDED_CARDS cards in
view, on a graph of at least BATCHED_CARDS cards, the items stop painting themselves
(ItemHasNoContents: they still move, select, hover and take clicks) and the view replays one
QPicture of plain cards, headers in their kind's colour and straight wires, recorded again only
when a card or wire changed. Names are drawn on top while few cards are in view and the zoom
leaves them legible.
"""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPicture,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem

from explorer.canvas import colors
from explorer.canvas.port_item import PortItem
from explorer.core.document.layout import HEADER_H

BATCHED_ZOOM = 0.35     # below this zoom a card's own text is under about 7 px anyway
BATCHED_CARDS = 200     # smaller graphs paint card by card at any zoom
CROWDED_CARDS = 300     # more cards than this in view are drawn batched at any zoom
NAMES_MAX_CARDS = 400   # names are drawn while at most this many cards are in view
NAME_PX = 22.0          # the names' size in scene units...
NAME_MIN_SCREEN_PX = 4.5   # ...drawn while at least this big on screen
PAN_MARGIN = 200        # pixels drawn around the viewport, so that panning only moves a pixmap
MAX_STRETCH = 2.0       # a zoom this far from the last drawn one draws afresh
SHARPEN_AFTER_MS = 150  # the zoom has rested this long: the stretched picture is redrawn
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def set_painted_by_items(items, painted: bool) -> None:
    """Let cards, their ports and wires paint themselves (True) or leave it to the batched
    drawing (False); badges and the animation's labels always paint themselves."""
    for item in items:
        item.setFlag(NO_CONTENTS, not painted)
        for child in item.childItems():
            if isinstance(child, PortItem):
                child.setFlag(NO_CONTENTS, not painted)


def mark_stale(item: QGraphicsItem) -> None:
    """The item looks different or moved: the batched picture is recorded again when drawn."""
    drawing = getattr(item.scene(), "overview", None)
    if drawing is not None:
        drawing.stale = True


class OverviewDrawing:
    """The batched picture of a GraphScene's cards and wires, kept until `stale` is set."""

    def __init__(self) -> None:
        self.stale = True
        self._picture = QPicture()
        self._pixmap: QPixmap | None = None   # the picture as the view showed it last
        self._pixmap_key: tuple = ()
        self._pixmap_at = QPointF()
        self._pixmap_to_scene = QTransform()
        self._sharpen = QTimer()
        self._sharpen.setSingleShot(True)
        self._sharpen.setInterval(SHARPEN_AFTER_MS)
        self._sharpen.timeout.connect(self._sharpen_now)
        self._sharpen_later = None
        # Every card's (x, y, width, height, name), and whether the picture is older than it.
        self._cards: list[tuple[float, float, float, float, str]] = []
        self._picture_stale = True
        self.generation = 0   # counts the refreshes, for the other drawings of the cards
        self._font = QFont("DejaVu Sans")
        self._font.setBold(True)
        self._font.setPixelSize(round(NAME_PX))

    def draw(self, painter: QPainter, scene, exposed: QRectF, zoom: float,
             viewport: QSize, pixel_ratio: float, repaint=None) -> None:
        """Draw the picture on the view's `painter` (scene coordinates): from a pixmap of the
        viewport and a margin while only panning, that pixmap stretched while zooming (then,
        once the zoom rests, `repaint` is called to draw it sharp), replayed when the content
        changed or the pan left the margin."""
        self._refresh(scene)
        if self._picture_stale:
            self._record(scene)
            self._pixmap = None
        world = painter.worldTransform()
        key = (world.m11(), world.m12(), world.m21(), world.m22(), viewport.width(),
               viewport.height(), pixel_ratio)
        shift = QPointF(world.dx(), world.dy())
        panned = self._pixmap is not None and self._pixmap_key == key and \
            abs(shift.x() - self._pixmap_at.x()) <= PAN_MARGIN and \
            abs(shift.y() - self._pixmap_at.y()) <= PAN_MARGIN
        zooming = self._pixmap is not None and self._pixmap_key[4:] == key[4:] and \
            1 / MAX_STRETCH <= world.m11() / self._pixmap_key[0] <= MAX_STRETCH
        painter.save()
        if panned:
            painter.resetTransform()
            painter.drawPixmap(shift - self._pixmap_at - QPointF(PAN_MARGIN, PAN_MARGIN),
                               self._pixmap)
        elif zooming:
            # While the wheel turns, the last picture stretched; drawn sharp once it rests.
            painter.setWorldTransform(self._pixmap_to_scene * world)
            painter.drawPixmap(QPointF(0, 0), self._pixmap)
            self._sharpen_later = repaint
            self._sharpen.start()
        else:
            self._pixmap = self._render(world, viewport, pixel_ratio)
            self._pixmap_key, self._pixmap_at = key, shift
            self._pixmap_to_scene = QTransform.fromTranslate(-PAN_MARGIN, -PAN_MARGIN) * \
                world.inverted()[0]
            painter.resetTransform()
            painter.drawPixmap(QPointF(-PAN_MARGIN, -PAN_MARGIN), self._pixmap)
        painter.restore()
        if NAME_PX * zoom >= NAME_MIN_SCREEN_PX:
            painter.save()
            self._draw_names(painter, exposed)
            painter.restore()

    def _sharpen_now(self) -> None:
        self._pixmap = None
        if self._sharpen_later is not None:
            self._sharpen_later()

    def _render(self, world: QTransform, viewport: QSize, pixel_ratio: float) -> QPixmap:
        size = viewport + QSize(2 * PAN_MARGIN, 2 * PAN_MARGIN)
        pixmap = QPixmap(size * pixel_ratio)
        pixmap.setDevicePixelRatio(pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(PAN_MARGIN, PAN_MARGIN)
        painter.setWorldTransform(world, combine=True)
        painter.drawPicture(0, 0, self._picture)
        painter.end()
        return pixmap

    def _record(self, scene) -> None:
        picture = QPicture()
        painter = QPainter(picture)
        wires: dict[tuple, list[QLineF]] = {}
        for edge in scene.edge_items():
            if edge.isVisible():
                start, end = edge.endpoints()
                color = edge.paint_color()
                wires.setdefault((color.rgba(), edge.state != "normal"), []).append(
                    QLineF(start, end))
        for (rgba, lit), lines in wires.items():
            pen = QPen(QColor.fromRgba(rgba), 3.0 if lit else 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLines(lines)
        cards: list[QRectF] = []
        headers: dict[int, list[QRectF]] = {}
        outlines: dict[int, list[QRectF]] = {}
        for item in scene.node_items():
            pos = item.pos()
            width, height = item.size()
            cards.append(QRectF(pos.x(), pos.y(), width, height))
            headers.setdefault(item.header_color().rgba(), []).append(
                QRectF(pos.x(), pos.y(), width, HEADER_H))
            outline = item.outline_color()
            if outline is not None:
                outlines.setdefault(outline.rgba(), []).append(
                    QRectF(pos.x() - 3, pos.y() - 3, width + 6, height + 6))
        painter.setPen(QPen(colors.CARD_BORDER, 0))
        painter.setBrush(colors.CARD)
        painter.drawRects(cards)
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba, rects in headers.items():
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rgba, rects in outlines.items():
            pen = QPen(QColor.fromRgba(rgba), 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawRects(rects)
        painter.end()
        self._picture = picture
        self._picture_stale = False

    def _refresh(self, scene) -> None:
        if self.stale:
            self._cards = []
            for item in scene.node_items():
                pos = item.pos()
                width, height = item.size()
                self._cards.append((pos.x(), pos.y(), width, height, item.name))
            self.stale = False
            self._picture_stale = True
            self.generation += 1

    def changes(self, scene) -> int:
        """A number that changes whenever a card or wire of `scene` changed since it was last
        asked: the view's map draws the cards again only then."""
        self._refresh(scene)
        return self.generation

    def _cards_in(self, rect: QRectF) -> list[tuple[float, float, float, float, str]]:
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        return [card for card in self._cards if card[0] < right and card[0] + card[2] > left
                and card[1] < bottom and card[1] + card[3] > top]

    def crowded(self, scene, rect: QRectF) -> bool:
        """True when more than CROWDED_CARDS cards lie in `rect` (too many to paint one by one
        at a frame rate, e.g. a file whose thousands of cards overlap)."""
        if len(scene.node_items()) < BATCHED_CARDS:
            return False
        self._refresh(scene)
        return len(self._cards) > CROWDED_CARDS and len(self._cards_in(rect)) > CROWDED_CARDS

    def _draw_names(self, painter: QPainter, exposed: QRectF) -> None:
        shown = self._cards_in(exposed)
        if len(shown) > NAMES_MAX_CARDS:
            return
        painter.setFont(self._font)
        painter.setPen(QColor("#ffffff"))
        metrics = QFontMetricsF(self._font)
        for x, y, w, _h, name in shown:
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, w - 8)
            painter.drawText(QRectF(x + 4, y - 6, w - 8, HEADER_H + 12),
                             int(Qt.AlignmentFlag.AlignVCenter), text)
