"""A larger plot of a tensor for the inspector: the card's line plot or heatmap, with its range."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

import engine
from explorer.canvas.tensor_plot import (
    LINE,
    VALUE_COLOR,
    draw_tensor,
    plot_kind,
    plot_range,
    short_number,
)

LINE_H, HEATMAP_H = 110, 150


class TensorPlotView(QWidget):
    """Shows a vector or matrix as the cards draw it (hidden for anything else); `grad` picks
    the gradient colour and the diverging map."""

    def __init__(self, grad: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grad = grad
        self._tensor: engine.Tensor | None = None
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(8.0, self._font.pointSizeF() - 1))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.hide()

    def tensor(self) -> engine.Tensor | None:
        return self._tensor

    def set_tensor(self, value: object) -> None:
        """Plot `value` when the cards would (a vector or matrix of 8 or more), else hide."""
        self._tensor = value if plot_kind(value) is not None else None
        self.setFixedHeight(LINE_H if plot_kind(self._tensor) == LINE else HEATMAP_H)
        self.setVisible(self._tensor is not None)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._tensor is None:
            return
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        if plot_kind(self._tensor) == LINE:
            # The range on the left, the plot beside it.
            lowest, highest = plot_range(self._tensor)
            metrics = QFontMetricsF(self._font)
            high, low = short_number(highest), short_number(lowest)
            label_w = max(metrics.horizontalAdvance(high), metrics.horizontalAdvance(low)) + 4
            painter.setFont(self._font)
            painter.setPen(VALUE_COLOR)
            labels = QRectF(rect.left(), rect.top(), label_w, rect.height())
            painter.drawText(labels, int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight),
                             high)
            painter.drawText(labels, int(Qt.AlignmentFlag.AlignBottom
                                         | Qt.AlignmentFlag.AlignRight), low)
            rect.setLeft(labels.right() + 3)
            draw_tensor(painter, rect, self._tensor, grad=self.grad)
        else:
            draw_tensor(painter, rect, self._tensor, grad=self.grad, scale_font=self._font)
        painter.end()
