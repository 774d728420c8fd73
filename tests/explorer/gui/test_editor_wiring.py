"""Wiring with the mouse through the scene: connect, refuse (cycle, occupied, self-loop), move
and drop an edge, and move nodes by dragging."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from explorer.commands import AddNodeCommand


@pytest.fixture
def three_nodes(window):
    """x (input) at the left, a = exp(.) and b = mul(., .) to its right, none connected."""
    ids = {}
    for name, op, pos in [("x", "input", (0, 0)), ("a", "exp", (260, 0)), ("b", "mul", (520, 0))]:
        command = AddNodeCommand(window.document, op, pos, name=name)
        assert window.push(command) is None
        ids[name] = command.node_id
    window.view.fit_to_view()
    return ids


def output_of(window, node_id):
    return window.scene.node_item(node_id).output_port.scenePos()


def input_of(window, node_id, port):
    return window.scene.node_item(node_id).input_port(port).scenePos()


def test_dragging_from_an_output_to_an_input_connects_them(window, three_nodes, mouse):
    x, a = three_nodes["x"], three_nodes["a"]
    mouse.drag(window.view, output_of(window, x), input_of(window, a, "x"))
    assert window.document.edges() == [(x, a, "x")]
    assert window.scene.edge_item(x, a, "x") is not None
    # The value flowed: a = exp(x) is computed now.
    assert a in window.evaluation.values


def test_dragging_from_an_input_to_an_output_also_connects(window, three_nodes, mouse):
    x, b = three_nodes["x"], three_nodes["b"]
    mouse.drag(window.view, input_of(window, b, "b"), output_of(window, x))
    assert window.document.edges() == [(x, b, "b")]


def test_releasing_on_a_node_body_uses_its_first_free_input(window, three_nodes, mouse):
    x, b = three_nodes["x"], three_nodes["b"]
    window.document.connect(x, b, "a")
    body = window.scene.node_item(b).sceneBoundingRect().center()
    mouse.drag(window.view, output_of(window, x), body)
    assert sorted(window.document.edges()) == [(x, b, "a"), (x, b, "b")]


def test_a_cycle_is_refused_with_the_documents_reason_and_nothing_changes(
        window, three_nodes, mouse):
    a, b = three_nodes["a"], three_nodes["b"]
    window.document.connect(a, b, "a")
    before = window.document.to_dict()
    reason = window.document.check_connect(b, a, "x")
    assert reason is not None and "cycle" in reason
    depth = window.undo_stack.count()
    mouse.drag(window.view, output_of(window, b), input_of(window, a, "x"))
    assert window.document.to_dict() == before
    assert window.undo_stack.count() == depth
    assert window.statusBar().currentMessage() == reason


def test_an_occupied_input_is_refused(window, three_nodes, mouse):
    x, a, b = three_nodes["x"], three_nodes["a"], three_nodes["b"]
    window.document.connect(x, b, "a")
    before = window.document.to_dict()
    mouse.drag(window.view, output_of(window, a), input_of(window, b, "a"))
    assert window.document.to_dict() == before
    assert window.statusBar().currentMessage() == window.document.check_connect(a, b, "a")


def test_a_self_loop_is_refused(window, three_nodes, mouse):
    b = three_nodes["b"]
    before = window.document.to_dict()
    mouse.drag(window.view, output_of(window, b), input_of(window, b, "a"))
    assert window.document.to_dict() == before
    assert window.statusBar().currentMessage() == window.document.check_connect(b, b, "a")


def test_output_to_output_is_refused_with_a_hint(window, three_nodes, mouse):
    x, a = three_nodes["x"], three_nodes["a"]
    mouse.drag(window.view, output_of(window, x), output_of(window, a))
    assert window.document.edges() == []
    assert window.statusBar().currentMessage() != ""


def test_picking_up_an_edge_and_dropping_it_on_empty_canvas_disconnects(
        window, three_nodes, mouse):
    x, a = three_nodes["x"], three_nodes["a"]
    mouse.drag(window.view, output_of(window, x), input_of(window, a, "x"))
    empty = input_of(window, a, "x") + QPointF(-60, 160)
    mouse.drag(window.view, input_of(window, a, "x"), empty)
    assert window.document.edges() == []
    window.undo_stack.undo()
    assert window.document.edges() == [(x, a, "x")]


def test_moving_an_edge_to_another_input_is_one_undoable_reconnect(window, three_nodes, mouse):
    x, b = three_nodes["x"], three_nodes["b"]
    mouse.drag(window.view, output_of(window, x), input_of(window, b, "a"))
    mouse.drag(window.view, input_of(window, b, "a"), input_of(window, b, "b"))
    assert window.document.edges() == [(x, b, "b")]
    window.undo_stack.undo()
    assert window.document.edges() == [(x, b, "a")]


def test_dragging_a_node_moves_it_as_one_undo_step(window, three_nodes, mouse):
    a = three_nodes["a"]
    item = window.scene.node_item(a)
    header = item.scenePos() + QPointF(30, 10)
    depth = window.undo_stack.count()
    mouse.drag(window.view, header, header + QPointF(80, 120), steps=8)
    assert window.undo_stack.count() == depth + 1
    assert window.document.node(a).pos == pytest.approx((340, 120), abs=1.0)
    window.undo_stack.undo()
    assert window.document.node(a).pos == (260, 0)
    assert (item.pos().x(), item.pos().y()) == (260, 0)


def test_a_wire_over_a_refused_input_says_why_before_release(window, three_nodes, mouse):
    from PySide6.QtCore import QEvent, Qt

    x, a, b = three_nodes["x"], three_nodes["a"], three_nodes["b"]
    window.document.connect(x, b, "a")
    view = window.view
    mouse.send(view, QEvent.Type.MouseButtonPress, output_of(window, a))
    mouse.send(view, QEvent.Type.MouseMove, input_of(window, b, "a"),
               buttons=Qt.MouseButton.LeftButton)
    port = window.scene.node_item(b).input_port("a")
    assert port.refused
    assert window.statusBar().currentMessage() == window.document.check_connect(a, b, "a")
    mouse.send(view, QEvent.Type.MouseMove, input_of(window, b, "b"),
               buttons=Qt.MouseButton.LeftButton)
    assert not port.refused and not window.scene.node_item(b).input_port("b").refused
    mouse.send(view, QEvent.Type.MouseButtonRelease, input_of(window, b, "b"))
    assert sorted(window.document.edges()) == sorted([(a, b, "b"), (x, b, "a")])


def test_escape_puts_a_picked_up_edge_back(window, three_nodes, mouse, qtbot):
    from PySide6.QtCore import QEvent, Qt

    x, a = three_nodes["x"], three_nodes["a"]
    window.document.connect(x, a, "x")
    view = window.view
    view.setFocus()
    mouse.send(view, QEvent.Type.MouseButtonPress, input_of(window, a, "x"))
    mouse.send(view, QEvent.Type.MouseMove, input_of(window, a, "x") + QPointF(-50, 120),
               buttons=Qt.MouseButton.LeftButton)
    assert not window.scene.edge_item(x, a, "x").isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.scene.edge_item(x, a, "x").isVisible()
    mouse.send(view, QEvent.Type.MouseButtonRelease, input_of(window, a, "x") + QPointF(-50, 120))
    assert window.document.edges() == [(x, a, "x")]
    assert window.undo_stack.count() == 3   # only the three additions


def test_a_connection_after_a_refusal_replaces_the_refusal_in_the_status_bar(
        window, three_nodes, mouse):
    x, b = three_nodes["x"], three_nodes["b"]
    mouse.drag(window.view, output_of(window, b), input_of(window, b, "a"))   # self-loop
    assert window.statusBar().currentMessage() == window.document.check_connect(b, b, "a")
    mouse.drag(window.view, output_of(window, x), input_of(window, b, "a"))
    assert window.document.edges() == [(x, b, "a")]
    assert window.statusBar().currentMessage() == "Connected x → b.a"
    mouse.drag(window.view, input_of(window, b, "a"), QPointF(260, 300))      # pull it off
    assert window.document.edges() == []
    assert window.statusBar().currentMessage() == "Disconnected x → b.a"
