"""View interactions: wheel zoom about the cursor, panning, rubber-band selection, context menus,
and the code view following the graph."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from explorer.commands import SetParamsCommand


def wheel(view, viewport_pos: QPoint, steps: int) -> None:
    event = QWheelEvent(QPointF(viewport_pos), QPointF(view.viewport().mapToGlobal(viewport_pos)),
                        QPoint(), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)


def test_wheel_zoom_keeps_the_point_under_the_cursor(window):
    view = window.view
    cursor = QPoint(120, 90)
    under = view.mapToScene(cursor)
    zoom = view.zoom()
    wheel(view, cursor, 2)
    assert view.zoom() > zoom
    after = view.mapToScene(cursor)
    assert abs(after.x() - under.x()) < 1.5 and abs(after.y() - under.y()) < 1.5
    assert window.zoom_label.text().endswith("%")


def test_middle_drag_pans_the_canvas(window, mouse):
    view = window.view
    centre = view.visible_centre()
    start = view.mapToScene(QPoint(200, 200))
    end = view.mapToScene(QPoint(260, 230))
    mouse.send(view, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.MiddleButton)
    mouse.send(view, QEvent.Type.MouseMove, end, buttons=Qt.MouseButton.MiddleButton)
    mouse.send(view, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.MiddleButton)
    moved = view.visible_centre()
    zoom = view.zoom()
    assert abs((centre.x() - moved.x()) * zoom - 60) < 1.5
    assert abs((centre.y() - moved.y()) * zoom - 30) < 1.5


def test_space_and_drag_pans_instead_of_selecting(window, mouse, qtbot):
    assert window.open_example("x_squared", ask=False)
    view = window.view
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    centre = view.visible_centre()
    start = view.mapToScene(QPoint(50, 50))
    mouse.drag(view, start, view.mapToScene(QPoint(10, 90)))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.visible_centre() != centre
    assert window.scene.selected_node_ids() == []


def test_rubber_band_selects_the_nodes_it_touches(window, mouse):
    assert window.open_example("x_squared", ask=False)
    rect = window.scene.nodes_bounding_rect()
    mouse.drag(window.view, rect.topLeft() - QPointF(30, 30), rect.bottomRight() + QPointF(5, 5))
    assert set(window.scene.selected_node_ids()) == {d.id for d in window.document.nodes()}


def test_edge_context_menu_deletes_the_connection(window):
    assert window.open_example("x_squared", ask=False)
    src, dst, port = window.document.edges()[0]
    edge = window.scene.edge_item(src, dst, port)
    menu = window.context_menu(edge, edge.point_at(0.5))
    [delete] = [a for a in menu.actions() if a.text() == "Delete Connection"]
    delete.trigger()
    assert (src, dst, port) not in window.document.edges()
    window.undo_stack.undo()
    assert (src, dst, port) in window.document.edges()


def test_canvas_context_menu_adds_a_node_at_the_click(window):
    menu = window.context_menu(None, QPointF(500, 300))
    [add_menu] = [a.menu() for a in menu.actions() if a.menu() is not None]
    [functions] = [a.menu() for a in add_menu.actions() if a.text() == "Functions"]
    [tanh] = [a for a in functions.actions() if a.text() == "tanh"]
    tanh.trigger()
    [data] = window.document.nodes()
    assert data.op == "tanh"
    assert window.scene.node_item(data.id).sceneBoundingRect().contains(QPointF(500, 300))


def test_code_view_follows_edits_and_explains_what_it_cannot_write(window):
    assert window.open_example("x_squared", ask=False)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    assert "torch.tensor(2.0, requires_grad=True)" in window.code_view.text()
    window.push(SetParamsCommand(window.document, x, {"value": "5.0"}))
    assert "torch.tensor(5.0, requires_grad=True)" in window.code_view.text()
    window.push(SetParamsCommand(window.document, x, {"value": "[1, 2"}))
    # The exporter leaves the broken node out and says why, in a comment.
    assert "bracket" in window.code_view.text()


def test_double_clicking_a_node_puts_the_cursor_in_its_name_field(window, qtbot):
    assert window.open_example("x_squared", ask=False)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    card = window.scene.node_item(x).sceneBoundingRect().center()
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                      pos=window.view.mapFromScene(card))
    assert window.inspector.node_id == x
    assert window.inspector.name_edit.hasFocus()
    assert window.inspector.name_edit.selectedText() == "x"


def test_recent_files_menu_reopens_a_file(window, tmp_path):
    path = tmp_path / "g.json"
    assert window.open_example("dot", ask=False)
    assert window.save_to(str(path))
    window.new_document()
    window.files.recent_menu.aboutToShow.emit()
    [entry] = [a for a in window.files.recent_menu.actions() if a.text() == "g.json"]
    entry.trigger()
    assert window.file_path == str(path)
    assert len(window.document) > 0


def test_export_of_an_empty_graph_still_writes_files(window, tmp_path):
    assert window.export_image(str(tmp_path / "empty.svg"))
    assert window.export_image(str(tmp_path / "empty.png"))


def test_a_far_away_node_can_be_reached(window):
    from explorer.commands import AddNodeCommand

    command = AddNodeCommand(window.document, "input", (40000.0, -25000.0))
    window.push(command)
    window.view.fit_to_view()
    item = window.scene.node_item(command.node_id)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(item.sceneBoundingRect())
