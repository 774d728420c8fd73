"""`explorer.draw(t)`: a picture of a graph made of the canvas's own cards.

Jupyter shows it inline through `_repr_svg_` / `_repr_png_`; `.save("g.svg")` or `.save("g.png")`
writes a file. No Graphviz: the scene is laid out and rendered by Qt, offscreen if need be.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from explorer.canvas import colors
from explorer.canvas.scene import GraphScene
from explorer.core.document.layout import apply_layout
from explorer.core.i18n import translate
from explorer.core.live.graph_builder import LiveGraph
from explorer.live_view.application import ensure_application

MARGIN = 30.0


class Drawing:
    """A rendered graph: PNG and SVG on demand."""

    def __init__(self, graph: LiveGraph, scale: float = 1.5) -> None:
        ensure_application()
        self.graph = graph
        self.scale = scale
        self.scene = GraphScene(graph.document)
        self.scene.apply_evaluation(graph.evaluation)
        # Lay out again with the cards' real sizes, so that wide values never overlap.
        apply_layout(graph.document, self.scene.card_sizes())
        self.scene.apply_evaluation(graph.evaluation)

    def _rect(self) -> QRectF:
        rect = self.scene.nodes_bounding_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def _paint(self, painter: QPainter, target: QRectF) -> None:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(target, colors.CANVAS)
        self.scene.render(painter, target, self._rect())

    def image(self) -> QImage:
        rect = self._rect()
        image = QImage(int(rect.width() * self.scale), int(rect.height() * self.scale),
                       QImage.Format.Format_ARGB32)
        image.fill(colors.CANVAS)
        painter = QPainter(image)
        self._paint(painter, QRectF(image.rect()))
        painter.end()
        return image

    def png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def svg(self) -> str:
        rect = self._rect()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(translate("Drawing", "Graph of {name}").format(
            name=self.graph.root_name))
        painter = QPainter(generator)
        self._paint(painter, QRectF(0, 0, rect.width(), rect.height()))
        painter.end()
        buffer.close()
        text = bytes(data.data()).decode("utf-8")
        # Qt sizes the picture in millimetres; a notebook cell needs pixels and room to shrink.
        size = f'width="{rect.width():.0f}px" height="{rect.height():.0f}px" ' \
               'style="max-width: 100%; height: auto"'
        return re.sub(r'width="[\d.]+mm" height="[\d.]+mm"', size, text, count=1)

    def _repr_png_(self) -> tuple[bytes, dict]:
        # Drawn at `scale` pixels per unit; shown at one, so it stays sharp on dense screens.
        rect = self._rect()
        return self.png(), {"width": round(rect.width()), "height": round(rect.height())}

    def _repr_svg_(self) -> str:
        return self.svg()

    def save(self, path: str | Path) -> Path:
        """Write the drawing as SVG or PNG, by the file's suffix; returns the path."""
        path = Path(path)
        if path.suffix.lower() == ".svg":
            path.write_text(self.svg(), encoding="utf-8")
        elif path.suffix.lower() == ".png":
            path.write_bytes(self.png())
        else:
            raise ValueError(translate("Drawing", "Save as .svg or .png, not {name}.").format(
                name=path.name))
        return path

    def __repr__(self) -> str:
        return f"<explorer drawing of {self.graph.root_name}: {len(self.graph.document)} nodes>"
