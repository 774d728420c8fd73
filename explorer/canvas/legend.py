"""The colour key in the canvas corner: what the node header colours mean, and the animation's two
colours (warm values forward, cool gradients backward): the app's one legend."""
from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from explorer.canvas import colors
from explorer.canvas.value_preview import CONSTANT, LEAF, NO_GRAD, NON_LEAF, kind_tag
from explorer.core.i18n import translate


def legend_entries() -> list[tuple[QColor, str]]:
    return [
        (colors.HEADER[LEAF], translate("Legend", "leaf (requires grad)")),
        (colors.HEADER[NON_LEAF], translate("Legend", "non-leaf (has grad_fn)")),
        (colors.HEADER[NO_GRAD], kind_tag(NO_GRAD)),
        (colors.HEADER[CONSTANT], translate("Legend", "constant")),
        (colors.ERROR, translate("Legend", "error")),
        (colors.STATE["active-forward"], translate("Legend", "forward: value")),
        (colors.STATE["active-backward"], translate("Legend", "backward: gradient")),
    ]


CHIP, GAP, PAD = 10.0, 14.0, 8.0


def _font() -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8.0)
    return font


def legend_box(viewport: QRect) -> QRectF:
    """Where the legend sits in `viewport` (the animation's labels keep clear of it)."""
    metrics = QFontMetricsF(_font())
    width = sum(CHIP + 5 + metrics.horizontalAdvance(text) for _, text in legend_entries()) \
        + GAP * (len(legend_entries()) - 1) + 2 * PAD
    height = metrics.height() + 2 * PAD - 4
    return QRectF(10, viewport.height() - height - 10, width, height)


def draw_legend(painter: QPainter, viewport: QRect) -> None:
    """One row of colour chips with labels, in the bottom-left corner of `viewport`."""
    font = _font()
    metrics = QFontMetricsF(font)
    entries = legend_entries()
    box = legend_box(viewport)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colors.CARD_BORDER, 1))
    painter.setBrush(colors.LEGEND)
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(font)
    x = box.left() + PAD
    for color, text in entries:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x, box.center().y() - CHIP / 2, CHIP, CHIP), 3, 3)
        x += CHIP + 5
        painter.setPen(colors.MUTED)
        text_w = metrics.horizontalAdvance(text)
        painter.drawText(QRectF(x, box.top(), text_w + 2, box.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), text)
        x += text_w + GAP
