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


def _font(scale: float) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(8.0 * scale)
    return font


def _box(viewport: QRect, scale: float) -> QRectF:
    metrics = QFontMetricsF(_font(scale))
    entries = legend_entries()
    width = sum((CHIP + 5) * scale + metrics.horizontalAdvance(text) for _, text in entries) \
        + (GAP * (len(entries) - 1) + 2 * PAD) * scale
    height = metrics.height() + (2 * PAD - 4) * scale
    return QRectF(10, viewport.height() - height - 10, width, height)


def fitted_scale(viewport: QRect, scale: float) -> float:
    """`scale`, or less where the legend would be wider than `viewport` (large type on a
    laptop), never below its normal size."""
    if scale <= 1.0:
        return scale
    room = (viewport.width() - 20) / _box(viewport, 1.0).width()
    return max(1.0, min(scale, room))


def legend_box(viewport: QRect, scale: float = 1.0) -> QRectF:
    """Where the legend sits in `viewport` (the animation's labels keep clear of it); `scale`
    enlarges it (presentation mode's large type) as far as the viewport's width allows."""
    return _box(viewport, fitted_scale(viewport, scale))


def draw_legend(painter: QPainter, viewport: QRect, scale: float = 1.0) -> None:
    """One row of colour chips with labels, in the bottom-left corner of `viewport`."""
    scale = fitted_scale(viewport, scale)
    font = _font(scale)
    metrics = QFontMetricsF(font)
    entries = legend_entries()
    box = _box(viewport, scale)
    chip, gap, pad = CHIP * scale, GAP * scale, PAD * scale
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colors.CARD_BORDER, 1))
    painter.setBrush(colors.LEGEND)
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(font)
    x = box.left() + pad
    for color, text in entries:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x, box.center().y() - chip / 2, chip, chip), 3, 3)
        x += chip + 5 * scale
        painter.setPen(colors.MUTED)
        text_w = metrics.horizontalAdvance(text)
        painter.drawText(QRectF(x, box.top(), text_w + 2, box.height()),
                         int(Qt.AlignmentFlag.AlignVCenter), text)
        x += text_w + gap
