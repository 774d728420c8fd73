"""A small rounded label pinned to a node or an edge (values and gradients during animation)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.canvas import colors

PAD_X, PAD_Y = 6.0, 3.0


def badge_font() -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(8.5)
    return font


class BadgeItem(QGraphicsItem):
    """Multi-line text in a rounded box; `role` picks the colours ("value", "grad", "info",
    "error")."""

    def __init__(self, text: str, role: str, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        if role not in colors.BADGE:
            raise ValueError(f"unknown badge role {role!r}; expected one of {sorted(colors.BADGE)}")
        self.role = role
        self._font = badge_font()
        self._text = ""
        self._size = QRectF()
        self.setZValue(20)
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self._text = text
        metrics = QFontMetricsF(self._font)
        lines = text.splitlines() or [""]
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() * len(lines)
        self._size = QRectF(0, 0, width + 2 * PAD_X, height + 2 * PAD_Y)
        self.update()

    def size(self) -> QRectF:
        return QRectF(self._size)

    def centre_on(self, point: QPointF) -> None:
        """Place the badge so that its centre is at `point` (in the parent's coordinates)."""
        self.setPos(point - self._size.center())

    def boundingRect(self) -> QRectF:
        return self._size.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        background, foreground = colors.BADGE[self.role]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(foreground.lighter(170), 1))
        painter.setBrush(QBrush(background))
        painter.drawRoundedRect(self._size, 5, 5)
        painter.setPen(foreground)
        painter.setFont(self._font)
        painter.drawText(self._size.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), self._text)


class BadgeHolder:
    """Mixed into an item that pins badges (a card, an edge): one badge per role in
    `self._badges`; the item makes a new one (`_new_badge`) and places them (`_place_badges`)."""

    _badges: dict[str, BadgeItem]

    def _new_badge(self, text: str, role: str) -> BadgeItem:
        raise NotImplementedError

    def _place_badges(self) -> None:
        raise NotImplementedError

    def show_badge(self, text: str, role: str = "value") -> BadgeItem:
        """Pin a label; one badge per role, a second call replaces the text."""
        badge = self._badges.get(role)
        if badge is None:
            badge = self._badges[role] = self._new_badge(text, role)
        else:
            badge.set_text(text)
        self._place_badges()
        return badge

    def clear_badge(self, role: str | None = None) -> None:
        """Remove the badge of `role`, or every badge when role is None."""
        for key in [role] if role is not None else list(self._badges):
            badge = self._badges.pop(key, None)
            if badge is not None and badge.scene() is not None:
                badge.scene().removeItem(badge)
            elif badge is not None:
                badge.setParentItem(None)
        self._place_badges()

    def badge(self, role: str) -> BadgeItem | None:
        return self._badges.get(role)
