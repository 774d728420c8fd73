"""Canvas items: the kinds of node look different, errors and 'not computed' are shown, and the
public hooks the animation uses (states, badges, lookups, points along edges) behave."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from explorer.canvas import colors
from explorer.canvas.value_preview import CONSTANT, LEAF, NO_GRAD, NON_LEAF
from explorer.commands import AddNodeCommand, ConnectCommand, SetParamsCommand


@pytest.fixture
def linear(window):
    assert window.open_example("linear_int_x", ask=False)
    return window, {d.name: d.id for d in window.document.nodes()}


def add_nodes(window, specs) -> dict[str, str]:
    """Add (name, op, params) nodes through undoable commands; their ids by name."""
    ids = {}
    for name, op, params in specs:
        command = AddNodeCommand(window.document, op, (0, 0), name=name, params=params)
        window.push(command)
        ids[name] = command.node_id
    return ids


def test_leaf_non_leaf_no_grad_and_constant_nodes_look_different(window):
    ids = add_nodes(window, [("w", "input", {}), ("k", "input", {"requires_grad": False}),
                             ("c", "constant", {}), ("p", "mul", {})])
    window.push(ConnectCommand(window.document, (ids["w"], ids["p"], "a")))
    window.push(ConnectCommand(window.document, (ids["c"], ids["p"], "b")))
    kinds = {name: window.scene.node_item(i).kind for name, i in ids.items()}
    assert kinds == {"w": LEAF, "k": NO_GRAD, "c": CONSTANT, "p": NON_LEAF}
    headers = {window.scene.node_item(i).header_color().name() for i in ids.values()}
    assert len(headers) == 4


def test_a_node_missing_an_input_waits_for_it_and_downstream_is_dimmed(window):
    ids = add_nodes(window, [("x", "input", {"value": "-1.0"}),
                             ("s", "sqrt", {}), ("m", "mul", {})])
    window.push(ConnectCommand(window.document, (ids["x"], ids["m"], "a")))
    window.push(ConnectCommand(window.document, (ids["m"], ids["s"], "x")))
    # m misses its input b: it waits for it (no error) and s is not computed.
    m, s = window.scene.node_item(ids["m"]), window.scene.node_item(ids["s"])
    assert window.evaluation.waiting[ids["m"]] == ("b",)
    assert m.error() is None and m.body_lines() == ["waiting for input b"]
    assert m.header_color() != colors.ERROR
    assert s.opacity() < 1.0
    assert s.body_lines() == ["not computed"]
    # Connecting the missing input computes both again.
    window.push(ConnectCommand(window.document, (ids["x"], ids["m"], "b")))
    assert m.error() is None and s.opacity() == 1.0
    assert repr(s.value()) == repr(window.evaluation.values[ids["s"]])


def test_changing_an_input_updates_every_value_shown_downstream(linear):
    window, ids = linear
    y = window.document.meta["root"]
    before = repr(window.scene.node_item(y).value())
    window.push(SetParamsCommand(window.document, ids["w"], {"value": "10.0"}))
    after = repr(window.scene.node_item(y).value())
    assert after != before
    assert after == repr(window.evaluation.values[y])


def test_state_and_badges_for_the_animation(linear):
    window, ids = linear
    item = window.scene.node_item(ids["w"])
    item.set_state("active-backward")
    assert item.state == "active-backward"
    with pytest.raises(ValueError):
        item.set_state("sparkly")
    badge = item.show_badge("grad 3", "grad")
    assert badge.parentItem() is item and badge.text() == "grad 3"
    assert item.show_badge("grad 6", "grad") is badge and badge.text() == "grad 6"
    item.show_badge("value 2", "value")
    item.clear_badge("grad")
    assert item.badge("grad") is None and item.badge("value") is not None
    item.clear_badge()
    assert item.badge("value") is None
    assert badge.scene() is None


def test_edge_lookup_path_and_badges(linear):
    window, _ids = linear
    src, dst, port = window.document.edges()[0]
    edge = window.scene.edge_item(src, dst, port)
    assert edge.key == (src, dst, port)
    start = window.scene.node_item(src).output_port.scenePos()
    assert edge.point_at(0.0) == start
    end = window.scene.node_item(dst).input_port(port).scenePos()
    assert edge.point_at(1.0).x() < end.x() and abs(edge.point_at(1.0).y() - end.y()) < 0.01
    badge = edge.show_badge("× 3", "grad")
    assert badge.scene() is window.scene
    edge.set_state("active-forward")
    # The edge follows its node when the node moves, and its badge with it.
    window.scene.node_item(dst).setPos(window.scene.node_item(dst).pos() + QPointF(0, 300))
    assert abs(edge.point_at(1.0).y() - window.scene.node_item(dst).input_port(port)
               .scenePos().y()) < 0.01
    assert badge.sceneBoundingRect().center().y() > start.y()
    window.undo_stack.clear()
    window.document.disconnect(dst, port)
    assert badge.scene() is None and window.scene.edge_item(src, dst, port) is None


def test_exception_in_a_slot_is_recorded(window, slot_exceptions):
    window.scene.message.connect(lambda text: 1 / 0)
    window.scene.message.emit("boom")
    assert len(slot_exceptions) == 1 and "ZeroDivisionError" in slot_exceptions[0]
    slot_exceptions.clear()
