"""Pictures of the graph: File > Export Image as PNG / SVG, and `export_image(path)`, which
`--screenshot`-style scripts and tests call. Every visible item is drawn (cards, and after a
backward the step callouts and labels); the selection is not.

A feature of the main window (see explorer/features.py).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMessageBox

from explorer.canvas import colors
from explorer.image_file import cannot_encode_message, memory_buffer, write_bytes, write_image

EMPTY_RECT = QRectF(0, 0, 200, 100)   # the picture of an empty graph
MARGIN = 40


class ImageExport(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.export_png_action = window.make_action(
            self.tr("Export Image as &PNG…"), lambda: self.export_dialog("png"),
            tip=self.tr("Save a picture of the graph"))
        self.export_svg_action = window.make_action(
            self.tr("Export Image as S&VG…"), lambda: self.export_dialog("svg"),
            tip=self.tr("Save a scalable picture of the graph"))
        window.menu("file").insertActions(window.file_end_anchor,
                                          [self.export_png_action, self.export_svg_action])

    def export_rect(self) -> QRectF:
        """Every visible item: the cards and, after a backward, the step callouts and labels."""
        rect = QRectF()
        for item in self.window.scene.items():
            if item.parentItem() is None and item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isEmpty() else rect

    def _render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the scene's `source` into `target` with the selection hidden."""
        scene = self.window.scene
        selected = scene.selectedItems()
        scene.clearSelection()
        scene.render(painter, target, source)
        for item in selected:
            item.setSelected(True)

    def render_image(self, scale: float = 2.0) -> QImage:
        """The whole graph as an image, `scale` pixels per scene unit."""
        rect = self.export_rect()
        if rect.isEmpty():
            rect = EMPTY_RECT
        image = QImage(int(rect.width() * scale), int(rect.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.fill(colors.CANVAS)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        self._render(painter, QRectF(image.rect()), rect)
        painter.end()
        return image

    def export_image(self, path: str) -> bool:
        """Write the graph to `path` as PNG or SVG (by its suffix); a failed write keeps the
        old file whole (see atomic_write)."""
        window = self.window
        if path.lower().endswith(".svg"):
            reason = self._export_svg(path)
        else:
            reason = write_image(self.render_image(), path)
        if reason is not None:
            window.last_error = self.tr("{path} cannot be written ({reason}).").format(
                path=path, reason=reason)
            if window.interactive:
                QMessageBox.critical(window, self.tr("Cannot export"), window.last_error)
            return False
        window.show_message(self.tr("Exported {path}.").format(path=path))
        return True

    def _export_svg(self, path: str) -> str | None:
        """None once written, else the reason."""
        device = memory_buffer()
        rect = self.export_rect()
        if rect.isEmpty():
            rect = EMPTY_RECT
        generator = QSvgGenerator()
        generator.setOutputDevice(device)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.window.windowTitle().replace("[*]", ""))
        painter = QPainter()
        if not painter.begin(generator):
            return cannot_encode_message()
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), colors.CANVAS)
        self._render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        return write_bytes(bytes(device.data()), path)

    def export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export Image"),
                                              self.window.files.dialog_dir(), filters[kind])
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            self.export_image(path)
