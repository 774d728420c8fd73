"""Undo and redo of every kind of edit, through the main window's actions and commands.

After each step the canvas must mirror the document exactly, and the values shown must be
the ones a fresh evaluation gives."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from explorer.commands import (
    AddNodeCommand,
    ConnectCommand,
    DisconnectCommand,
    RenameNodeCommand,
    SetParamsCommand,
)
from explorer.core.document.evaluation import evaluate


def assert_canvas_mirrors_document(window):
    doc = window.document
    assert {i.node_id for i in window.scene.node_items()} == {d.id for d in doc.nodes()}
    assert {e.key for e in window.scene.edge_items()} == set(doc.edges())
    for data in doc.nodes():
        item = window.scene.node_item(data.id)
        assert (item.pos().x(), item.pos().y()) == data.pos
        assert item.name == data.name
    fresh = evaluate(doc)
    for node_id, value in fresh.values.items():
        assert repr(window.scene.node_item(node_id).value()) == repr(value)


def check_undo_redo(window, edit):
    """Run `edit`, then undo and redo it, checking document and canvas each time."""
    before = window.document.to_dict()
    depth = window.undo_stack.count()
    edit()
    after = window.document.to_dict()
    assert after != before
    assert window.undo_stack.count() == depth + 1
    assert_canvas_mirrors_document(window)
    window.undo_stack.undo()
    assert window.document.to_dict() == before
    assert_canvas_mirrors_document(window)
    window.undo_stack.redo()
    assert window.document.to_dict() == after
    assert_canvas_mirrors_document(window)


@pytest.fixture
def y_equals_w_x_plus_b(window):
    """y = w*x + b built with commands: returns {name: id}."""
    ids = {}
    for name, op, pos in [("w", "input", (0, 0)), ("x", "input", (0, 110)),
                          ("b", "input", (0, 220)), ("wx", "mul", (220, 55)),
                          ("y", "add", (440, 110))]:
        command = AddNodeCommand(window.document, op, pos, name=name)
        window.push(command)
        ids[name] = command.node_id
    for src, dst, port in [("w", "wx", "a"), ("x", "wx", "b"), ("wx", "y", "a"), ("b", "y", "b")]:
        window.push(ConnectCommand(window.document, (ids[src], ids[dst], port)))
    window.undo_stack.clear()
    return ids


def test_add_node(window):
    check_undo_redo(window, lambda: window.add_node_at("sin", QPointF(10, 20)))


def test_delete_nodes_with_their_edges(window, y_equals_w_x_plus_b):
    window.scene.select_nodes([y_equals_w_x_plus_b["wx"]])
    check_undo_redo(window, window.delete_action.trigger)
    # wx and its three edges are gone (after the redo); only b -> y.b is left.
    assert len(window.document) == 4
    assert window.document.edges() == [(y_equals_w_x_plus_b["b"], y_equals_w_x_plus_b["y"], "b")]


def test_delete_a_selected_edge(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.scene.clearSelection()
    window.scene.edge_item(ids["b"], ids["y"], "b").setSelected(True)
    check_undo_redo(window, window.delete_selection)
    assert len(window.document) == 5


def test_connect(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.push(DisconnectCommand(window.document, [(ids["b"], ids["y"], "b")]))
    check_undo_redo(window, lambda: window.push(
        ConnectCommand(window.document, (ids["x"], ids["y"], "b"))))


def test_disconnect(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    check_undo_redo(window, lambda: window.push(
        DisconnectCommand(window.document, [(ids["w"], ids["wx"], "a")])))
    assert window.evaluation.waiting[ids["wx"]] == ("a",)   # waits for its input, no error


def test_refused_command_is_not_pushed(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    before = window.document.to_dict()
    reason = window.push(ConnectCommand(window.document, (ids["y"], ids["wx"], "a")))
    assert reason is not None
    assert window.document.to_dict() == before
    assert window.undo_stack.count() == 0


def test_move_by_nudging_merges_consecutive_steps(window, y_equals_w_x_plus_b, qtbot):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["y"]])
    window.view.setFocus()
    before = window.document.to_dict()
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.document.node(ids["y"]).pos == (470, 110)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.document.to_dict() == before
    assert_canvas_mirrors_document(window)


def test_rename(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    check_undo_redo(window, lambda: window.push(
        RenameNodeCommand(window.document, ids["y"], "out")))
    # The code view follows the document: the program names the node by its new name.
    assert "out = wx + b" in window.code_view.text()


def test_set_params(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    check_undo_redo(window, lambda: window.push(
        SetParamsCommand(window.document, ids["x"], {"value": "3.0", "requires_grad": False})))


def test_copy_paste(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["w"], ids["x"], ids["wx"]])
    assert window.copy()
    check_undo_redo(window, window.paste)
    assert len(window.document) == 8
    # Only the edges among the copied nodes come along.
    assert len(window.document.edges()) == 6


def test_cut(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["b"]])
    check_undo_redo(window, window.clipboard.cut)
    assert len(window.document) == 4
    window.undo_stack.undo()
    pasted = window.paste()
    assert [window.document.node(n).name for n in pasted] == ["b_2"]


def test_duplicate(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["wx"]])
    check_undo_redo(window, window.clipboard.duplicate)
    names = sorted(d.name for d in window.document.nodes())
    assert "wx_2" in names


def test_duplicating_the_same_node_again_cascades_instead_of_stacking(window,
                                                                      y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    for _ in range(3):
        window.scene.select_nodes([ids["wx"]])
        window.clipboard.duplicate()
    spots = [data.pos for data in window.document.nodes()]
    assert len(set(spots)) == len(spots) == 8


def test_pasting_twice_puts_the_second_copy_beside_the_first(window, y_equals_w_x_plus_b,
                                                             tmp_path):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["w"], ids["wx"]])
    assert window.copy()
    first, second = window.paste(), window.paste()
    for a, b in zip(first, second):
        (ax, ay), (bx, by) = window.document.node(a).pos, window.document.node(b).pos
        assert (bx - ax, by - ay) == (40.0, 40.0)
    # No two cards share a spot, so reopening the file keeps every position.
    path = tmp_path / "pasted.json"
    saved = window.document.to_dict()
    assert window.save_to(str(path)) and window.open_file(str(path), ask=False)
    assert window.document.to_dict() == saved


def test_auto_layout(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.document.move_node(ids["y"], (900, -300))
    window.undo_stack.clear()
    check_undo_redo(window, window.auto_layout)


def test_pasting_text_that_is_not_a_fragment_changes_nothing(window, y_equals_w_x_plus_b):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText('{"format": "autograd-explorer-fragment", "nodes": '
                                        '[{"id": "q", "op": "nope", "name": "z", "pos": [0, 0]}],'
                                        ' "edges": []}')
    before = window.document.to_dict()
    assert window.paste() == []
    assert window.document.to_dict() == before
    assert window.undo_stack.count() == 0


def test_paste_lands_under_the_mouse_when_it_is_over_the_canvas(window, y_equals_w_x_plus_b):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["w"], ids["wx"]])
    assert window.copy()
    spot = QPoint(150, 120)
    QCursor.setPos(window.view.viewport().mapToGlobal(spot))
    if window.view.viewport().mapFromGlobal(QCursor.pos()) != spot:
        pytest.skip("this platform cannot place the mouse")
    pasted = window.paste()
    target = window.view.mapToScene(spot)
    w_copy = window.document.node(pasted[0])
    assert w_copy.pos == pytest.approx((target.x(), target.y()))
    # The pair keeps its arrangement: wx sits where it sat relative to w.
    wx_copy = window.document.node(pasted[1])
    assert wx_copy.pos[0] - w_copy.pos[0] == pytest.approx(220)


def test_a_delete_that_names_a_missing_node_changes_nothing(window, y_equals_w_x_plus_b):
    from explorer.commands import RemoveCommand

    ids = y_equals_w_x_plus_b
    before = window.document.to_dict()
    reason = window.push(RemoveCommand(window.document, [ids["wx"], "n999"]))
    assert reason is not None and "n999" in reason
    assert window.document.to_dict() == before
    assert_canvas_mirrors_document(window)
    assert window.undo_stack.count() == 0


def test_pasting_a_suffixed_name_twice_counts_the_suffix_on(window, y_equals_w_x_plus_b):
    ids = y_equals_w_x_plus_b
    window.scene.select_nodes([ids["b"]])
    window.copy()
    first = window.paste()
    window.scene.select_nodes(first)
    window.copy()
    second = window.paste()
    third = window.paste()
    assert [window.document.node(n).name for n in first + second + third] == ["b_2", "b_3", "b_4"]
