"""What the canvas shows a beginner in the first minutes: a card still being wired is waiting,
not failing; new inputs are told apart by their values."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from explorer.canvas import palette_colors as colors
from explorer.commands import SetParamsCommand
from explorer.panels.palette import op_mime_data


def drop(view, op: str, viewport_point: QPoint) -> None:
    """A real palette drop of `op` on the view's viewport."""
    mime = op_mime_data(op)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(
        viewport_point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(view.viewport(), QDropEvent(
        QPointF(viewport_point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))


def test_a_freshly_dropped_operation_waits_for_its_inputs_in_a_neutral_colour(window):
    drop(window.view, "mul", QPoint(300, 200))
    [data] = window.document.nodes()
    item = window.scene.node_item(data.id)
    assert item.error() is None
    assert item.waiting() == ("a", "b")
    assert item.body_lines() == ["waiting for inputs a and b"]
    assert item.header_color() != colors.ERROR
    assert item.tag_text() != "error"
    assert item.opacity() == 1.0


def test_a_real_error_stays_red(window):
    drop(window.view, "input", QPoint(300, 200))
    [data] = window.document.nodes()
    window.push(SetParamsCommand(window.document, data.id, {"value": "[1.0, "}))
    window.evaluate_now()
    item = window.scene.node_item(data.id)
    assert item.error() is not None and item.waiting() == ()
    assert item.header_color() == colors.ERROR
