"""What the canvas shows a beginner in the first minutes: a card still being wired is waiting,
not failing; new inputs are told apart by their values."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QRegion
from PySide6.QtWidgets import QApplication

from explorer.canvas import colors
from explorer.canvas.float_fix import float_value_fix
from explorer.commands import AddNodeCommand, SetParamsCommand
from explorer.panels.op_palette import op_mime_data


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
    assert item.header_color() == colors.WAITING
    assert item.tag_text() == "waiting"
    assert item.opacity() == 1.0


def test_a_real_error_stays_red(window):
    drop(window.view, "input", QPoint(300, 200))
    [data] = window.document.nodes()
    window.push(SetParamsCommand(window.document, data.id, {"value": "[1.0, "}))
    window.evaluate_now()
    item = window.scene.node_item(data.id)
    assert item.error() is not None and item.waiting() == ()
    assert item.header_color() == colors.ERROR


def input_values(window) -> dict[str, str]:
    return {d.name: d.params["value"] for d in window.document.nodes() if d.op == "input"}


def test_inputs_dropped_from_the_palette_get_distinct_values(window):
    for x in (100, 300, 500):
        drop(window.view, "input", QPoint(x, 200))
    assert sorted(input_values(window).values()) == ["2.0", "3.0", "4.0"]
    # Undo and redo give the node back its value; the next new input takes the free 4.0 again.
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert sorted(input_values(window).values()) == ["2.0", "3.0", "4.0"]


def test_in_y_equals_w_x_plus_b_typed_into_the_bar_the_gradients_of_x_and_w_differ(window):
    bar = window.code_actions.expression_bar
    bar.line_edit.setText("y = w*x + b")
    assert bar.submit()
    window.evaluate_now()
    ids = {d.name: d.id for d in window.document.nodes()}
    assert input_values(window) == {"w": "2.0", "x": "3.0", "b": "4.0"}
    assert window.compute_gradients(ids["y"]) is None
    grads = {name: window.evaluation.values[ids[name]].grad.item() for name in ("w", "x", "b")}
    assert grads["x"] != grads["w"]
    assert grads == {"w": 3.0, "x": 2.0, "b": 1.0}


def test_a_new_input_skips_values_the_graph_already_holds(window):
    bar = window.code_actions.expression_bar
    bar.line_edit.setText("y = a + b")
    assert bar.submit()
    bar.line_edit.setText("z = c * y")
    assert bar.submit()
    assert input_values(window) == {"a": "2.0", "b": "3.0", "c": "4.0"}


def test_an_integer_input_keeps_pytorchs_refusal_and_offers_a_one_click_undoable_fix(
        window, mouse):
    add = AddNodeCommand(window.document, "input", (0, 0), name="x", params={"value": "3"})
    window.push(add)
    window.evaluate_now()
    item = window.scene.node_item(add.node_id)
    # PyTorch's semantics stay: 3 is an int64 tensor, which cannot require grad.
    assert "Only Tensors of floating point" in item.error()
    assert item.header_color() == colors.ERROR
    assert "write 3.0 for a float tensor" in item.body_lines()
    assert "Use 3.0" in item.body_lines()
    link = item.mapRectToScene(item.value_fix_rect())
    window.view.centerOn(link.center())
    mouse.send(window.view, QEvent.Type.MouseButtonPress, link.center())
    mouse.send(window.view, QEvent.Type.MouseButtonRelease, link.center())
    window.evaluate_now()
    assert window.document.node(add.node_id).params["value"] == "3.0"
    assert item.error() is None and window.evaluation.values[add.node_id].dtype.is_floating_point
    window.undo_stack.undo()
    window.evaluate_now()
    assert window.document.node(add.node_id).params["value"] == "3"
    assert item.error() is not None


def test_the_float_fix_rewrites_every_integer_literal_and_only_for_that_refusal():
    refusal = "Only Tensors of floating point and complex dtype can require gradients"
    params = {"init": "value", "value": "[[1, 2], [3.5, 1e3]]", "dtype": "auto",
              "requires_grad": True}
    assert float_value_fix("input", params, refusal) == "[[1.0, 2.0], [3.5, 1e3]]"
    assert float_value_fix("input", params, "Unknown name 'q'") is None
    assert float_value_fix("input", {**params, "dtype": "int64"}, refusal) is None


class _PaintedRegion(QObject):
    """The union of what the viewport repaints after it is installed."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region += event.region()
        return False


def test_the_first_card_wipes_the_empty_canvas_hint_off_the_whole_view(window, qtbot):
    # The hint is drawn over the view's centre; a card dropped in a corner changes only its
    # own box, so the hint's pixels must be repainted too, not left behind the new card.
    viewport = window.view.viewport()
    qtbot.waitUntil(lambda: window.scene.is_empty() and viewport.isVisible())
    QApplication.processEvents()
    painted = _PaintedRegion()
    viewport.installEventFilter(painted)
    drop(window.view, "mul", QPoint(40, 40))
    assert not window.scene.is_empty()
    qtbot.waitUntil(lambda: painted.region.contains(viewport.rect().center()))
    viewport.removeEventFilter(painted)
