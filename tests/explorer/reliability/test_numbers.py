"""Numbers at the edges: nan and inf are shown and flagged on the node, 0-size tensors work,
and a 10^7-element tensor is summarised without freezing the window."""
from __future__ import annotations

from monkey import press_return
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox

from explorer.canvas.node_item import MAX_CHARS
from explorer.commands import ConnectCommand

BIG_SHAPE = "10000, 1000"           # 10^7 elements


def add(window, op: str, x: float = 0.0, y: float = 0.0) -> str:
    return window.add_node_at(op, QPointF(x, y))


def set_param(window, node_id: str, name: str, value) -> None:
    """Change a param through the inspector's editor, as a user does."""
    window.scene.select_nodes([node_id])
    editor = window.inspector.param_editor(name)
    if isinstance(editor, QComboBox):
        index = editor.findText(value)
        editor.setCurrentIndex(index)
        editor.activated.emit(index)
    elif isinstance(editor, QCheckBox):
        if editor.isChecked() != value:
            editor.click()
    else:
        editor.setText(value)
        press_return(editor)
    assert window.document.node(node_id).params[name] == value


def wire(window, src: str, dst: str, port: str) -> None:
    assert window.push(ConnectCommand(window.document, (src, dst, port))) is None


def chain(window, value_text: str, *ops: str) -> list[str]:
    """An input holding `value_text` followed by unary ops; the ids in order."""
    ids = [add(window, "input")]
    set_param(window, ids[0], "value", value_text)
    for number, op in enumerate(ops, start=1):
        ids.append(add(window, op, 250.0 * number))
        wire(window, ids[-2], ids[-1], "x")
    return ids


def test_nan_and_inf_values_and_gradients_are_shown_and_flagged_on_the_node(window):
    x = add(window, "input")
    set_param(window, x, "value", "[1., nan, inf]")
    square = add(window, "mul", 250)
    wire(window, x, square, "a")
    wire(window, x, square, "b")
    total = add(window, "sum", 500)
    wire(window, square, total, "x")
    window.scene.select_nodes([total])
    window.backward_action.trigger()
    x_card, total_card = window.scene.node_item(x), window.scene.node_item(total)
    assert "[1., nan, inf]" in x_card.body_lines()
    assert "grad: [2., nan, inf]" in x_card.body_lines()
    assert x_card.non_finite() == {"value": "nan, inf", "grad": "nan, inf"}
    assert "⚠ value holds nan, inf" in x_card.body_lines()
    assert "⚠ grad holds nan, inf" in x_card.body_lines()
    assert "grad: nan, inf" in x_card.toolTip()
    assert total_card.non_finite() == {"value": "nan"}
    window.scene.select_nodes([x])
    assert "nan" in window.inspector.value_text.toPlainText()
    assert "inf" in window.inspector.grad_text.toPlainText()


def test_finite_values_carry_no_flag_and_engine_made_nan_and_inf_do(window):
    fine = chain(window, "[1., 2.]", "exp")
    assert window.scene.node_item(fine[1]).non_finite() == {}
    assert not any("⚠" in line for line in window.scene.node_item(fine[1]).body_lines())
    log_of_negative = chain(window, "-1.", "log")
    assert window.scene.node_item(log_of_negative[1]).non_finite() == {"value": "nan"}
    overflow = chain(window, "1e308", "exp")
    assert window.scene.node_item(overflow[1]).non_finite() == {"value": "inf"}
    constant = add(window, "constant", 0, 300)
    set_param(window, constant, "value", "-inf")
    assert window.scene.node_item(constant).non_finite() == {"value": "-inf"}
    assert not window.evaluation.errors


def test_zero_size_tensors_evaluate_and_backpropagate(window):
    empty = chain(window, "[]", "exp", "sum")
    mean = add(window, "mean", 750, 200)
    wire(window, empty[1], mean, "x")
    window.evaluate_now()
    assert not window.evaluation.errors
    assert window.evaluation.tensor(empty[1]).shape == (0,)
    assert window.evaluation.tensor(empty[2]).item() == 0.0
    assert window.scene.node_item(mean).non_finite() == {"value": "nan"}   # as torch: mean([])
    assert window.compute_gradients(empty[2]) is None
    grad = window.evaluation.tensor(empty[0]).grad
    assert grad is not None and grad.shape == (0,)
    rows = add(window, "input", 0, 400)
    set_param(window, rows, "init", "zeros")
    set_param(window, rows, "shape", "0, 3")
    weights = add(window, "input", 0, 600)
    set_param(window, weights, "init", "ones")
    set_param(window, weights, "shape", "3, 2")
    product = add(window, "matmul", 250, 500)
    wire(window, rows, product, "a")
    wire(window, weights, product, "b")
    window.evaluate_now()
    assert window.evaluation.tensor(product).shape == (0, 2)
    assert "shape (0, 2) · float32" in window.scene.node_item(product).body_lines()


def test_a_ten_million_element_tensor_is_summarised_and_does_not_freeze_the_window(window):
    big = add(window, "input")
    doubled = add(window, "mul", 250)
    two = add(window, "constant", 0, 200)
    wire(window, big, doubled, "a")
    wire(window, two, doubled, "b")
    total = add(window, "sum", 500)
    wire(window, doubled, total, "x")
    set_param(window, big, "init", "randn")

    # How long this takes is measured by `python -m explorer.bench`, not asserted here.
    set_param(window, big, "shape", BIG_SHAPE)      # the edit, its forward pass, the cards
    window.evaluate_now()
    window.view.viewport().repaint()
    QApplication.processEvents()
    window.scene.select_nodes([total])
    window.backward_action.trigger()                # backward through 10^7 elements
    window.view.viewport().repaint()
    QApplication.processEvents()

    assert window.evaluation.tensor(big).shape == (10_000, 1_000)
    assert window.evaluation.tensor(big).grad.shape == (10_000, 1_000)
    for node_id in (big, doubled):
        lines = window.scene.node_item(node_id).body_lines()
        # A few short lines (the painter elides each to the card's width), not the data.
        assert len(lines) <= 8 and sum(map(len, lines)) <= 8 * MAX_CHARS, lines
    window.scene.select_nodes([big])
    assert "..." in window.inspector.value_text.toPlainText()   # PyTorch's summarised repr
    assert len(window.inspector.value_text.toPlainText()) < 2_000
    assert len(window.inspector.grad_text.toPlainText()) < 2_000
