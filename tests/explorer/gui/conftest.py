"""Real mouse events for the editor's GUI tests (the window and the slot-exception recorder
come from tests/explorer/conftest.py)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def send_mouse(view, kind: QEvent.Type, scene_pos: QPointF,
               button=Qt.MouseButton.LeftButton, buttons=None) -> None:
    """Deliver one real mouse event to the view's viewport at a scene position."""
    viewport_pos = QPointF(view.mapFromScene(scene_pos))
    global_pos = QPointF(view.viewport().mapToGlobal(viewport_pos.toPoint()))
    if buttons is None:
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
    event = QMouseEvent(kind, viewport_pos, global_pos,
                        button if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start: QPointF, end: QPointF, steps: int = 4) -> None:
    """Press at `start`, move in steps to `end`, release there (left button)."""
    send_mouse(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse(view, QEvent.Type.MouseMove, point, buttons=Qt.MouseButton.LeftButton)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end)


@pytest.fixture
def mouse():
    """Real mouse events on a GraphView: mouse.send(view, type, scene_pos), mouse.drag(...)."""
    class Mouse:
        send = staticmethod(send_mouse)
        drag = staticmethod(drag)
    return Mouse
