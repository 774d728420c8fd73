"""Messages a beginner must not miss: a refusal is said where the user acted, an example's
description stays above the canvas until closed."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from explorer.canvas.view import OP_MIME_TYPE
from explorer.commands import AddNodeCommand, ConnectCommand


def add(window, op: str, name: str, pos: tuple[float, float]) -> str:
    command = AddNodeCommand(window.document, op, pos, name=name)
    window.push(command)
    return command.node_id


def test_a_refused_connection_is_said_at_the_port_and_stays_after_the_next_message(
        window, mouse):
    w, x = add(window, "input", "w", (0, 0)), add(window, "input", "x", (0, 150))
    mul = add(window, "mul", "mul1", (250, 60))
    window.push(ConnectCommand(window.document, (w, mul, "a")))
    window.view.fit_to_view()
    port = window.scene.node_item(mul).input_port("a")
    start = window.scene.node_item(x).output_port.scenePos()
    mouse.drag(window.view, start, port.scenePos())
    callout = window.scene.callout
    assert callout.isVisible()
    assert "already connected" in callout.text().replace("\n", " ")
    assert callout.pos() == port.scenePos()
    window.show_message("Something else happened.")
    assert callout.isVisible()
    # It is transient: its timer, the next click on the canvas or another graph puts it away.
    window.open_example("diamond", ask=False)
    assert not callout.isVisible()


def test_a_refused_drop_is_said_at_the_drop_point(window):
    mime = QMimeData()
    mime.setData(OP_MIME_TYPE, b"frobnicate")
    point = QPoint(200, 200)
    QApplication.sendEvent(window.view.viewport(), QDragEnterEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(window.view.viewport(), QDropEvent(
        QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    callout = window.scene.callout
    assert callout.isVisible() and "frobnicate" in callout.text()
    assert callout.pos() == window.view.mapToScene(point)


def test_an_examples_description_stays_above_the_canvas_until_closed(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    banner = window.description_banner
    description = window.document.meta["description"]
    assert banner.isVisible() and banner.label.text() == description
    assert banner.geometry().bottom() < window.view.geometry().top()
    window.show_message("Something else happened.")
    assert banner.isVisible()
    banner.close_button.click()
    assert not banner.isVisible()
    # The next graph with a description shows its own; one without has no banner.
    assert window.open_example("diamond", ask=False)
    assert banner.isVisible() and banner.label.text() == window.document.meta["description"]
    window.new_document()
    assert not banner.isVisible()
