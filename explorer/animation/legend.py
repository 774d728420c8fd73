"""The colour legend of the canvas and the animation: what warm, cool, green and grey mean."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from explorer.animation.overlay import BACKWARD_COLOR, FORWARD_COLOR
from explorer.canvas import palette_colors as colors
from explorer.canvas.value_preview import CONSTANT, LEAF, NO_GRAD, NON_LEAF


class _Swatch(QWidget):
    """A rounded colour chip: filled for node kinds, an outline ring for animation states."""

    def __init__(self, color: QColor, ring: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = QColor(color)
        self._ring = ring
        self.setFixedSize(QSize(30, 20))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(3, 3, -3, -3)
        if self._ring:
            painter.setPen(QPen(self._color, 3.0))
            painter.setBrush(QColor("#ffffff"))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._color)
        painter.drawRoundedRect(rect, 5, 5)


class Legend(QWidget):
    """Two columns of colour chips with one line of explanation each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        entries = [
            (FORWARD_COLOR, True, self.tr("Forward: a value is computed and flows along the edge")),
            (BACKWARD_COLOR, True,
             self.tr("Backward: a gradient flows back (local × upstream = contribution)")),
            (colors.STATE["done"], True, self.tr("Done: the node has had its turn")),
            (colors.HEADER[LEAF], False, self.tr("Leaf that requires grad: .grad accumulates")),
            (colors.HEADER[NON_LEAF], False,
             self.tr("Non-leaf (has grad_fn): .grad kept only with retain_grad")),
            (colors.HEADER[NO_GRAD], False, self.tr("No grad: no gradient flows into it")),
            (colors.HEADER[CONSTANT], False, self.tr("Constant: a plain number")),
        ]
        self.labels: list[QLabel] = []
        for row, (color, ring, text) in enumerate(entries):
            grid.addWidget(_Swatch(color, ring, self), row, 0)
            label = QLabel(text, self)
            label.setWordWrap(True)
            grid.addWidget(label, row, 1)
            self.labels.append(label)
        grid.setColumnStretch(1, 1)
