"""The no_grad param is a checkbox in the inspector of every op node: ticking it is one undoable
command after which the node's value has no grad_fn and its card is drawn as "no grad"; a
detach node is drawn from the catalog like any other op."""
from __future__ import annotations

import pytest

from explorer.canvas.value_preview import LEAF, NO_GRAD, NON_LEAF, kind_tag
from explorer.core.document.op_catalog import OPS


def test_ticking_no_grad_recomputes_the_node_without_grad_fn_and_undo_restores_it(window):
    assert window.open_example("diamond", ask=False)
    b = window.document.node_by_name("b").id
    window.scene.select_nodes([b])
    inspector = window.inspector
    checkbox = inspector.param_editor("no_grad")
    assert inspector.params_form.labelForField(checkbox).text() == \
        OPS["mul"].param("no_grad").label
    assert window.scene.node_item(b).kind == NON_LEAF
    checkbox.click()
    assert window.document.node(b).params["no_grad"] is True
    value = window.evaluation.values[b]
    assert value.grad_fn is None and not value.requires_grad
    assert inspector.grad_fn_label.text() == "None"
    assert window.scene.node_item(b).kind == NO_GRAD
    assert window.scene.node_item(b).tag_text() == kind_tag(NO_GRAD)
    window.undo_stack.undo()
    assert window.document.node(b).params["no_grad"] is False
    assert window.evaluation.values[b].grad_fn is not None
    assert window.scene.node_item(b).kind == NON_LEAF


def test_inputs_have_no_no_grad_checkbox(window):
    assert window.open_example("x_squared", ask=False)
    window.scene.select_nodes([window.document.node_by_name("x").id])
    assert window.inspector.param_editor("requires_grad") is not None
    with pytest.raises(KeyError):
        window.inspector.param_editor("no_grad")


def test_detach_example_draws_a_detach_card_without_grad(window):
    assert window.open_example("detach", ask=False)
    ids = {d.name: d.id for d in window.document.nodes()}
    card = window.scene.node_item(ids["c"])
    assert card is not None and card.kind == NO_GRAD
    assert card.tag_text() == kind_tag(NO_GRAD)
    assert window.scene.node_item(ids["y"]).kind == NON_LEAF
    assert window.scene.node_item(ids["x"]).kind == LEAF
    assert "c = y.detach()" in window.code_view.text()
