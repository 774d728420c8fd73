"""The mouse wheel scrolls panels: a combo box, spin box or slider takes the wheel only while it
has keyboard focus, so scrolling the inspector past "Initialise with" never edits the graph.

One application-wide event filter, so that every such box, wherever and whenever it is made
(the inspector rebuilds its editors for each node), follows the rule.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QSlider,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QSlider)   # scroll bars take the wheel, of course


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (kind == QEvent.Type.Polish and isinstance(watched, GUARDED)
                and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus):
            # WheelFocus would hand the box the focus at the first notch, and the next ones to it.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and isinstance(watched, GUARDED) and not watched.hasFocus():
            return _scroll_around(watched, event)
        return False


def _scroll_around(box: QWidget, event: QWheelEvent) -> bool:
    """Give the wheel to the scroll area holding `box` (Qt does not pass on a synthesized wheel
    event, and a scroll bar of the area is not the box's parent); True: the box never sees it."""
    area = box.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()   # nothing to scroll: a real wheel event goes on to the parents
        return True
    viewport = area.viewport()
    global_pos = event.globalPosition()
    QCoreApplication.sendEvent(viewport, QWheelEvent(
        QPointF(viewport.mapFromGlobal(global_pos.toPoint())), global_pos, event.pixelDelta(),
        event.angleDelta(), event.buttons(), event.modifiers(), event.phase(), event.inverted()))
    event.accept()
    return True


def install(app: QCoreApplication) -> None:
    """Guard every box of `app`; installing again does nothing."""
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
