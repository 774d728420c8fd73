"""The frames of a forward or backward replay, rendered offscreen from the scene at a fixed size:
the canvas as each step leaves it, with the step's explanation written underneath.

Frame 0 is the graph before the first step; frame k the state after step k (what the step
panel explains). The part of the scene shown is the same for every frame (the union of the
states of every step), so a video does not jump about.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QImage, QPainter

from explorer.canvas import colors
from explorer.core.i18n import translate
from explorer.core.replay.explain import explain

FRAME_SIZE = (1280, 720)
CAPTION_HEIGHT = 170           # pixels under the canvas for the step's words and formula
CAPTION_PIXELS = (18, 16, 14, 12)   # the largest type in which the step's text fits
MAX_SCALE = 2.0                # a small graph is not blown up beyond this
SCENE_MARGIN = 30.0


@dataclass(frozen=True)
class Frame:
    image: QImage
    title: str
    text: str                  # the step's explanation: title, sentence, formulas, one a line


def image_array(image: QImage) -> np.ndarray:
    """An RGB uint8 array (height, width, 3) of `image`."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), dtype=np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


class ReplayFrames:
    """Loads the `kind` ("forward" or "backward") replay into the window's animator and renders
    its frames one at a time (`frames()`), so a caller can show progress and cancel."""

    def __init__(self, window, kind: str, size: tuple[int, int] = FRAME_SIZE) -> None:
        self.window = window
        self.kind = kind
        self.size = size
        animator = window.animator
        animator.player.pause()
        if animator.timeline is None or animator.timeline.kind != kind:
            ok = animator.forward(play=False) if kind == "forward" \
                else animator.backward(play=False, gradient_text="ones")
            if not ok:
                raise ValueError(animator.refusal or translate(
                    "Classroom", "There is nothing to replay: add an operation node."))
        self.animator = animator
        self.count = len(animator.player) + 1
        self._source = self._scene_rect()

    def _scene_rect(self) -> QRectF:
        player = self.animator.player
        position = player.position
        rect = QRectF()
        for at in range(len(player) + 1):
            player.seek(at)
            for item in self.window.scene.items():
                if item.parentItem() is None and item.isVisible():
                    rect = rect.united(item.sceneBoundingRect())
        player.seek(position)
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        return rect.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)

    def frames(self) -> Iterator[Frame]:
        player = self.animator.player
        timeline = self.animator.timeline
        document = self.window.document
        values = self.window.evaluation.values
        selected = self.window.scene.selectedItems()
        self.window.scene.clearSelection()
        try:
            for position in range(self.count):
                if self.animator.timeline is not timeline:
                    # An edit or another replay took its place: its steps no longer apply.
                    raise ValueError(translate("Classroom", "The replay changed while it was "
                                               "being recorded; nothing was written."))
                player.seek(position)
                if position == 0:
                    title = translate("Classroom", "Before the first step")
                    lines = [title]
                else:
                    explanation = explain(timeline.steps[position - 1], document, values)
                    title = explanation.title
                    lines = [title, explanation.sentence, *explanation.formulas]
                yield Frame(self.render(lines), title, "\n".join(lines))
        finally:
            for item in selected:
                item.setSelected(True)

    def render(self, lines: list[str]) -> QImage:
        def draw(painter: QPainter, canvas: QRectF) -> None:
            scale = min(canvas.width() / self._source.width(),
                        canvas.height() / self._source.height(), MAX_SCALE)
            target = QRectF(0, 0, self._source.width() * scale, self._source.height() * scale)
            target.moveCenter(canvas.center())
            self.window.scene.render(painter, target, self._source)

        return captioned_frame(draw, lines, self.size)


def captioned_frame(draw: Callable[[QPainter, QRectF], None], lines: list[str],
                    size: tuple[int, int] = FRAME_SIZE) -> QImage:
    """A frame of `size`: `draw(painter, rect)` fills the top, `lines` (a title, then the
    words and formulas) are written under it in the largest type that fits."""
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(colors.CANVAS)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
    draw(painter, QRectF(0, 0, width, height - CAPTION_HEIGHT))
    _caption(painter, QRectF(0, height - CAPTION_HEIGHT, width, CAPTION_HEIGHT), lines)
    painter.end()
    return image


def _caption(painter: QPainter, rect: QRectF, lines: list[str]) -> None:
    painter.fillRect(rect, colors.CARD)
    painter.setPen(colors.CARD_BORDER)
    painter.drawLine(rect.topLeft(), rect.topRight())
    inner = rect.adjusted(24, 12, -24, -12)
    title_font = QFont()
    title_font.setPixelSize(24)
    title_font.setBold(True)
    painter.setPen(colors.TEXT)
    painter.setFont(title_font)
    title_rect = painter.boundingRect(inner, Qt.TextFlag.TextSingleLine, lines[0])
    painter.drawText(inner, Qt.TextFlag.TextSingleLine, lines[0])
    body = inner.adjusted(0, title_rect.height() + 6, 0, 0)
    text = "\n".join(lines[1:])
    body_font = QFont()
    for pixels in CAPTION_PIXELS:
        body_font.setPixelSize(pixels)
        painter.setFont(body_font)
        if painter.boundingRect(body, int(Qt.TextFlag.TextWordWrap),
                                text).height() <= body.height():
            break
    painter.drawText(body, int(Qt.TextFlag.TextWordWrap), text)
