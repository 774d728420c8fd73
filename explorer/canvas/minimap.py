"""The map in the canvas's bottom-right corner while the graph is larger than the view.

Every shown card is a block of its header's colour, the card backward starts from (the loss)
is ringed in the backward colour, and the part of the graph in view is a frame: a learner sees
that the graph goes on, and where. A click or a drag on the map moves the view there, as the
outline of draw.io does; Fit to View (F, Home) shows it all.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from explorer.canvas import colors
from explorer.canvas.group_item import GroupCardItem

MAX_SIZE = QSize(180, 100)   # pixels: the graph's shape decides how much of it is used
MIN_SIDE = 24.0
CORNER = 10.0     # from the viewport's edges, as the legend
PAD = 5.0
MARGIN = 40.0     # scene units of canvas around the cards on the map
REDRAW_AFTER_S = 0.3   # a replay changes cards every frame: the map follows at this pace


class Minimap:
    """Draws the map for a GraphView and turns a point on it into a point of the scene."""

    def __init__(self) -> None:
        self._changes = -1   # the scene overview's count of changes when the cards were read
        self._cards: list[tuple[QRectF, QColor]] = []
        self._bounds = QRectF()   # the shown cards'
        self._focus = QRectF()
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple = ()
        self._read_at = 0.0
        self._catching_up = False
        self.box: QRectF | None = None   # where the map was last drawn (viewport pixels)

    def _read(self, scene, changes: int) -> None:
        if changes == self._changes:
            return
        self._cards = [(item.sceneBoundingRect(), item.header_color())
                       for item in scene.node_items() if item.isVisible()]
        self._cards += [(item.sceneBoundingRect(), colors.MUTED) for item in scene.group_items()
                        if isinstance(item, GroupCardItem)]
        bounds = QRectF()
        for rect, _color in self._cards:
            bounds = bounds.united(rect)
        self._bounds = bounds
        self._focus = scene.backward_start_rect()
        self._changes = changes
        self._pixmap = None
        self._read_at = time.monotonic()

    def _graph(self) -> QRectF:
        return self._bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def _place(self, viewport: QRect, legend: QRectF | None) -> QRectF:
        """In the bottom-right corner; above the legend where the legend reaches under it."""
        graph = self._graph()
        scale = min(MAX_SIZE.width() / graph.width(), MAX_SIZE.height() / graph.height())
        width = max(MIN_SIDE, graph.width() * scale) + 2 * PAD
        height = max(MIN_SIDE, graph.height() * scale) + 2 * PAD
        box = QRectF(viewport.width() - CORNER - width, viewport.height() - CORNER - height,
                     width, height)
        if legend is not None and legend.right() + CORNER > box.left():
            box.moveBottom(legend.top() - CORNER / 2)
        return box

    def _on_map(self, box: QRectF):
        """A function from scene rects to rects on the map drawn in `box`."""
        inner = box.adjusted(PAD, PAD, -PAD, -PAD)
        graph = self._graph()
        scale = min(inner.width() / graph.width(), inner.height() / graph.height())
        dx = inner.center().x() - graph.center().x() * scale
        dy = inner.center().y() - graph.center().y() * scale
        return lambda r: QRectF(r.left() * scale + dx, r.top() * scale + dy,
                                r.width() * scale, r.height() * scale)

    def scene_point(self, pos: QPointF) -> QPointF:
        """The scene point under `pos` (viewport pixels) on the map as last drawn."""
        unit = self._on_map(self.box)(QRectF(0, 0, 1, 1))
        return QPointF((pos.x() - unit.left()) / unit.width(),
                       (pos.y() - unit.top()) / unit.height())

    def map_point(self, scene_point: QPointF) -> QPointF:
        """Where `scene_point` is on the map as last drawn (viewport pixels)."""
        unit = self._on_map(self.box)(QRectF(0, 0, 1, 1))
        return QPointF(scene_point.x() * unit.width() + unit.left(),
                       scene_point.y() * unit.height() + unit.top())

    def draw(self, painter: QPainter, scene, viewport: QWidget, shown: QRectF,
             legend: QRectF | None = None) -> None:
        """Draw the map on `painter` (the `viewport` widget's pixels) if the shown cards reach
        outside `shown` (the part of the scene in view), clear of the `legend`'s box."""
        changes = scene.overview.changes(scene)
        if self._changes < 0 or time.monotonic() - self._read_at >= REDRAW_AFTER_S:
            self._read(scene, changes)
        elif changes != self._changes and not self._catching_up:
            self._catching_up = True
            QTimer.singleShot(round(REDRAW_AFTER_S * 1000), viewport,
                              lambda: self._caught_up(viewport))
        if self._bounds.isEmpty() or shown.contains(self._bounds):
            self.box = None
            return
        self.box = box = self._place(viewport.rect(), legend)
        pixel_ratio = viewport.devicePixelRatioF()
        on_map = self._on_map(box)
        key = (box.size().toSize(), pixel_ratio, colors.CARD_BORDER.rgba())
        if self._pixmap is None or self._pixmap_key != key:
            self._pixmap = self._render(box, on_map, pixel_ratio)
            self._pixmap_key = key
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colors.CARD_BORDER, 1))
        painter.setBrush(colors.LEGEND)
        painter.drawRoundedRect(box, 6, 6)
        painter.drawPixmap(box.topLeft(), self._pixmap)
        painter.setClipRect(box)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if not self._focus.isEmpty():
            painter.setPen(QPen(colors.STATE["active-backward"], 2))
            painter.drawEllipse(on_map(self._focus).center(), 5, 5)
        frame = QColor(colors.TEXT)
        painter.setPen(QPen(frame, 1.5))
        frame.setAlpha(28)
        painter.setBrush(frame)
        painter.drawRect(on_map(shown).intersected(box.adjusted(1, 1, -1, -1)))
        painter.restore()

    def _caught_up(self, viewport: QWidget) -> None:
        self._catching_up = False
        self._read_at = 0.0
        viewport.update()

    def _render(self, box: QRectF, on_map, pixel_ratio: float) -> QPixmap:
        pixmap = QPixmap((box.size() * pixel_ratio).toSize())
        pixmap.setDevicePixelRatio(pixel_ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(-box.topLeft())
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, color in self._cards:
            block = on_map(rect)
            painter.setBrush(color)
            painter.drawRect(QRectF(block.left(), block.top(), max(1.5, block.width()),
                                    max(1.5, block.height())))
        painter.end()
        return pixmap
