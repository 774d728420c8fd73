"""The colour legend of the animation: warm values forward, cool gradients backward, and the labels
and badges the overlay draws. (The canvas's own corner legend explains the node header colours.)"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from explorer.animation.overlay import BACKWARD_COLOR, FORWARD_COLOR
from explorer.canvas import palette_colors as colors
from explorer.canvas.value_preview import NO_GRAD


class _Swatch(QWidget):
    """A small picture of what the overlay draws: a ring (a lit node), a chip, or a text label."""

    def __init__(self, color: QColor, style: str, text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor(color)
        self._style = style
        self._text = text
        self.setFixedSize(QSize(44, 22))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        if self._style == "ring":
            painter.setPen(QPen(self._color, 3.0))
            painter.setBrush(QColor("#ffffff"))
        elif self._style == "label":
            painter.setPen(QPen(self._color, 1.5))
            painter.setBrush(QColor("#ffffff"))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._color)
        painter.drawRoundedRect(rect, 5, 5)
        if self._text:
            font = QFont("DejaVu Sans Mono")
            font.setPointSizeF(8.5)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(self._color.darker(130))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self._text)


class Legend(QWidget):
    """Swatches with one short line each, four to a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grad_text = colors.BADGE["grad"][1]
        info_text = colors.BADGE["info"][1]
        entries = [
            (_Swatch(FORWARD_COLOR, "ring"), self.tr("Forward: a value is computed")),
            (_Swatch(BACKWARD_COLOR, "ring"), self.tr("Backward: a gradient flows back")),
            (_Swatch(colors.STATE["done"], "ring"), self.tr("Done: the node had its turn")),
            (_Swatch(BACKWARD_COLOR, "label", "a×b=c"),
             self.tr("local × upstream = contribution")),
            (_Swatch(BACKWARD_COLOR, "label", "Σ"), self.tr("paths meet: gradients add up")),
            (_Swatch(grad_text, "label", "grad"),
             self.tr("a leaf's .grad: before + new = after")),
            (_Swatch(colors.HEADER[NO_GRAD], "fill"),
             self.tr("requires_grad=False: nothing flows in")),
            (_Swatch(info_text, "label", "grad"),
             self.tr("non-leaf: grad passes, .grad not kept")),
        ]
        self.labels: list[QLabel] = []
        for i, (swatch, text) in enumerate(entries):
            row, column = i // 4, 2 * (i % 4)
            swatch.setParent(self)
            grid.addWidget(swatch, row, column)
            label = QLabel(text, self)
            label.setWordWrap(True)   # a narrow window wraps the legend instead of widening
            grid.addWidget(label, row, column + 1)
            self.labels.append(label)
        for column in (1, 3, 5, 7):
            grid.setColumnStretch(column, 1)
