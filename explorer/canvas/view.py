"""The canvas view: pan (middle drag or space + drag), wheel zoom about the cursor, fit to view,
the map of a graph larger than the view, rubber-band selection, and the one drop handler for
palette entries."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip

from explorer.canvas import colors
from explorer.canvas.grid import draw_grid
from explorer.canvas.legend import draw_legend, legend_box
from explorer.canvas.minimap import Minimap
from explorer.canvas.overview_drawing import BATCHED_ZOOM
from explorer.canvas.scene import GraphScene

OP_MIME_TYPE = "application/x-autograd-explorer-op"
MIN_ZOOM, MAX_ZOOM = 0.15, 4.0
FIT_MARGIN = 28.0   # scene units around the nodes after fit-to-view
# The least zoom a graph opens at: below it the cards' overview text would be under 9 px on screen.
READABLE_ZOOM = 0.5
ALMOST_FITS_ZOOM = 0.95


class GraphView(QGraphicsView):
    # (op key, scene position): a palette entry was dropped on the canvas.
    op_dropped = Signal(str, QPointF)
    zoom_changed = Signal(float)

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setAcceptDrops(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self._space_down = False
        self._pan_from: QPoint | None = None
        self.legend_visible = True
        self.legend_scale = 1.0   # presentation mode's large type sets it
        self.hint_covered = False   # the guided tour's card is over the canvas
        self._hint_shown = scene.is_empty()
        self.minimap = Minimap()
        self._on_map = False   # a left drag that began on the map moves the view

    def set_legend_visible(self, visible: bool) -> None:
        self.legend_visible = visible
        self.viewport().update()

    # ---- zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Scale to `factor` (clamped), keeping the scene point under `anchor` in place. Fit to
        View may have gone below MIN_ZOOM: from there the wheel does not jump back to it."""
        factor = min(MAX_ZOOM, max(min(MIN_ZOOM, self.zoom()), factor))
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        before = self.mapToScene(anchor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.scale(factor / self.zoom(), factor / self.zoom())
        after = self.mapToScene(anchor)
        self.translate(after.x() - before.x(), after.y() - before.y())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.2)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.2)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_to_view(self, readable: bool = False) -> None:
        """Show every node, with a margin, never magnified beyond 100 %. With `readable` (a
        graph just opened), never below READABLE_ZOOM either: a graph too big for the view then
        shows its output end (show_output_end), and the map in the corner shows the rest."""
        rect = self.scene().nodes_bounding_rect()
        if rect.isEmpty():
            self.resetTransform()
            self.centerOn(0, 0)
            self.zoom_changed.emit(self.zoom())
            return
        rect = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.legend_visible:   # the bottom cards above the legend, not under it
            viewport = self.viewport().rect()
            band = viewport.height() - legend_box(viewport, self.legend_scale).top()
            rect.adjust(0, 0, 0, band / self.zoom())
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        # A graph that almost fits opens at 100 %: its margin gives way, not its text's size.
        if self.zoom() > 1.0 or (readable and self.zoom() >= ALMOST_FITS_ZOOM):
            self.set_zoom(1.0)
        if readable and self.zoom() < READABLE_ZOOM:
            self.set_zoom(READABLE_ZOOM)
            self.show_output_end()
        else:
            self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def show_output_end(self) -> None:
        """At the present zoom, show the card backward starts from (the loss: where a replay
        begins, and what the learner looks for first) at the right of the view, level with
        its centre, with the cards that feed it to its left; no more empty canvas beyond the
        graph's edges than the view's size demands, and no card under the legend."""
        scene = self.scene()
        rect = scene.nodes_bounding_rect().adjusted(-FIT_MARGIN, -FIT_MARGIN,
                                                    FIT_MARGIN, FIT_MARGIN)
        focus = scene.backward_start_rect()
        if rect.isEmpty():
            return
        if focus.isEmpty():
            focus = rect
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        band = 0.0
        if self.legend_visible:
            viewport = self.viewport().rect()
            band = (viewport.height() - legend_box(viewport, self.legend_scale).top()) \
                / self.zoom()
        room = shown.height() - band
        if rect.width() <= shown.width():
            x = rect.center().x()
        else:
            x = min(focus.right() + FIT_MARGIN, rect.right()) - shown.width() / 2
        if rect.height() <= room:
            top = rect.center().y() - room / 2
        else:
            top = min(max(focus.center().y() - room / 2, rect.top()), rect.bottom() - room)
        self.centerOn(x, top + shown.height() / 2)

    def visible_centre(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom() * (1.15 ** steps), event.position().toPoint())
        event.accept()

    # ---- pan ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        box = self.minimap.box
        if event.button() == Qt.MouseButton.LeftButton and not self._space_down and \
                box is not None and box.contains(event.position()):
            self._on_map = True
            self.centerOn(self.minimap.scene_point(event.position()))
            event.accept()
            return
        pans = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_down)
        if pans:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._on_map and self.minimap.box is not None:
            self.centerOn(self.minimap.scene_point(event.position()))
            event.accept()
            return
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._on_map:
            self._on_map = False
            event.accept()
            return
        if self._pan_from is not None:
            self._pan_from = None
            if self._space_down:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the content by (dx, dy) screen pixels, as a hand dragging the canvas."""
        zoom = self.zoom()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.translate(dx / zoom, dy / zoom)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    # ---- background --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        # Far zoomed out on a big graph the cards are drawn batched, under any badge or label.
        scene = self.scene()
        scene.flush_layout()   # a rebuilt graph's cards, before Qt reads their bounds
        scene.set_batched(self.zoom() < BATCHED_ZOOM or scene.overview.crowded(
            scene, self.mapToScene(self.viewport().rect()).boundingRect()))
        # The empty-canvas hint spans the viewport, but a first card repaints only its own box
        # (and a last one removed only its): the whole viewport follows, no hint left half drawn.
        # (Not through the scene's changed signal: connecting it slows every item's update.)
        if scene.is_empty() != self._hint_shown:
            self._hint_shown = scene.is_empty()
            self.viewport().update()
        super().paintEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        draw_grid(painter, rect, self.zoom())
        scene = self.scene()
        if scene.batched:
            viewport = self.viewport()
            scene.overview.draw(painter, scene, rect, self.zoom(), viewport.size(),
                                viewport.devicePixelRatioF(), viewport.update)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()
        viewport = self.viewport().rect()
        legend = None
        if self.legend_visible:
            draw_legend(painter, viewport, self.legend_scale)
            legend = legend_box(viewport, self.legend_scale)
        self.minimap.draw(painter, self.scene(), self.viewport(),
                          self.mapToScene(viewport).boundingRect(), legend)
        if self.scene().is_empty() and not self.hint_covered:
            self._draw_empty_hint(painter)
        painter.restore()

    def map_tooltip(self) -> str:
        return self.tr("The whole graph: the frame is the part in view. Click or drag here to "
                       "move the view; Fit to View (F) shows it all.")

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.minimap.box is not None and \
                self.minimap.box.contains(event.pos()):
            QToolTip.showText(event.globalPos(), self.map_tooltip(), self.viewport())
            return True
        return super().viewportEvent(event)

    def set_hint_covered(self, covered: bool) -> None:
        """The guided tour's card lies over the canvas: the empty canvas's hint, half hidden
        under it, would read as a second, broken message."""
        self.hint_covered = covered
        self.viewport().update()

    def empty_hint(self) -> str:
        return self.tr("Drag an operation from the palette onto the canvas (or double-click it),\n"
                       "then connect an output (right) to an input (left).\n"
                       "Or type an expression such as y = w*x + b, or open an example.")

    def _draw_empty_hint(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setPointSizeF(11.0)
        painter.setFont(font)
        painter.setPen(colors.MUTED)
        painter.drawText(QRectF(self.viewport().rect()), int(Qt.AlignmentFlag.AlignCenter),
                         self.empty_hint())

    # ---- drops from the palette (the one drop handler) ---------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(OP_MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(OP_MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not mime.hasFormat(OP_MIME_TYPE):
            super().dropEvent(event)
            return
        op = bytes(mime.data(OP_MIME_TYPE).data()).decode("utf-8", errors="replace")
        self.op_dropped.emit(op, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
