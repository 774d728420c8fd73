"""HoverHighlight: a graphics item drawn differently while the pointer is over it."""
from __future__ import annotations


class HoverHighlight:
    """Mixin for a QGraphicsItem (listed before it): `_hovered` says whether the pointer is over
    the item, which repaints when that changes. The item accepts hover events itself."""

    _hovered = False

    def hoverEnterEvent(self, event) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)
