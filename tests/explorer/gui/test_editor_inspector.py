"""The inspector shows the selected node's tensor facts and edits its name and params, each edit
one undoable command; text that does not parse shows the parser's message and changes nothing."""
from __future__ import annotations

import pytest

from explorer.core.document.value_text import ValueTextError, parse_value


@pytest.fixture
def x_squared(window):
    assert window.open_example("x_squared", ask=False)
    by_name = {d.name: d.id for d in window.document.nodes()}
    return window, by_name


def select(window, node_id):
    window.scene.select_nodes([node_id])
    assert window.inspector.node_id == node_id
    return window.inspector


def test_shows_the_facts_of_a_leaf(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    value = window.evaluation.values[ids["x"]]
    assert inspector.name_edit.text() == "x"
    assert inspector.value_text.toPlainText() == repr(value)
    assert inspector.dtype_label.text() == str(value.dtype)
    assert inspector.requires_grad_label.text() == "True"
    assert inspector.is_leaf_label.text() == "True"
    assert inspector.grad_fn_label.text() == "None"
    assert inspector.grad_text.toPlainText().startswith("None")


def test_shows_grad_fn_and_why_a_non_leaf_has_no_grad(x_squared, qtbot):
    window, ids = x_squared
    root = window.document.meta["root"]
    with qtbot.waitSignal(window.gradients_changed, timeout=1000):
        assert window.compute_gradients(root) is None
    inspector = select(window, root)
    value = window.evaluation.values[root]
    assert inspector.grad_fn_label.text() == f"<{value.grad_fn.name()}>"
    assert inspector.is_leaf_label.text() == "False"
    assert "retain_grad" in inspector.grad_text.toPlainText()
    # The leaf's grad after backward is the engine's.
    inspector = select(window, ids["x"])
    assert inspector.grad_text.toPlainText() == repr(window.evaluation.values[ids["x"]].grad)


def test_a_bad_value_shows_the_parsers_message_and_changes_nothing(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    editor = inspector.param_editor("value")
    before = window.document.to_dict()
    with pytest.raises(ValueTextError) as parser:
        parse_value("[1, 2")
    editor.setText("[1, 2")
    editor.editingFinished.emit()
    assert window.document.to_dict() == before
    assert window.undo_stack.count() == 0
    assert inspector.error_label.isVisibleTo(inspector)
    assert inspector.error_label.text() == str(parser.value)


def test_editing_the_value_is_one_undoable_command(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    editor = inspector.param_editor("value")
    editor.setText("3.0")
    editor.editingFinished.emit()
    assert window.document.node(ids["x"]).params["value"] == "3.0"
    assert repr(window.evaluation.values[ids["x"]]) == "tensor(3., requires_grad=True)"
    assert inspector.value_text.toPlainText() == "tensor(3., requires_grad=True)"
    window.undo_stack.undo()
    assert window.document.node(ids["x"]).params["value"] == "2.0"
    assert inspector.param_editor("value").text() == "2.0"


def test_requires_grad_and_dtype_editors(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    checkbox = inspector.param_editor("requires_grad")
    checkbox.click()
    assert window.document.node(ids["x"]).params["requires_grad"] is False
    assert inspector.requires_grad_label.text() == "False"
    combo = inspector.param_editor("dtype")
    combo.activated.emit(combo.findText("float64"))
    assert window.document.node(ids["x"]).params["dtype"] == "float64"
    assert inspector.dtype_label.text() == "torch.float64"
    assert window.undo_stack.count() == 2


def test_retain_grad_keeps_the_non_leaf_grad(x_squared):
    window, _ids = x_squared
    root = window.document.meta["root"]
    inspector = select(window, root)
    inspector.retain_grad.click()
    assert window.document.node(root).params["retain_grad"] is True
    window.compute_gradients(root)
    assert inspector.grad_text.toPlainText() == "tensor(1.)"
    assert "grad: tensor(1.)" in window.scene.node_item(root).body_lines()


def test_renaming_to_a_used_name_is_refused_with_the_documents_reason(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    other = next(d.name for d in window.document.nodes() if d.id != ids["x"])
    inspector.name_edit.setText(other)
    inspector.name_edit.editingFinished.emit()
    assert window.document.node(ids["x"]).name == "x"
    assert inspector.error_label.text() == window.document.check_name(other, ids["x"])
    inspector.name_edit.setText("t")
    inspector.name_edit.editingFinished.emit()
    assert window.document.node(ids["x"]).name == "t"
    assert window.scene.node_item(ids["x"]).name == "t"


def test_params_shown_follow_the_initialiser(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    combo = inspector.param_editor("init")
    combo.activated.emit(combo.findText("ones"))
    assert window.document.node(ids["x"]).params["init"] == "ones"
    assert inspector.param_editor("shape").text() == "2, 2"
    with pytest.raises(KeyError):
        inspector.param_editor("value")


def test_follows_the_step_on_show_while_backward_replays(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["x"])
    assert window.animator.backward(play=False)
    engine_grad = repr(window.evaluation.values[ids["x"]].grad)
    player = window.animator.player
    player.seek(0)
    # The engine already holds the final .grad, but the replay has not reached x yet.
    assert inspector.replay is not None
    assert "step 0 of" in inspector.replay_label.text()
    assert inspector.grad_text.toPlainText().startswith("None")
    assert engine_grad not in inspector.grad_text.toPlainText()
    player.seek(len(player))
    assert inspector.grad_text.toPlainText() == engine_grad
    # Stepping back hides it again; leaving the replay shows the engine's state.
    player.seek(len(player) - 1)
    assert inspector.grad_text.toPlainText().startswith("None")
    window.animator.stop()
    assert inspector.replay is None and not inspector.replay_label.isVisibleTo(inspector)
    assert inspector.grad_text.toPlainText() == engine_grad


def test_a_non_leaf_shows_the_gradient_passing_through_it_during_the_replay(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["y"])
    assert window.animator.backward(play=False)
    window.animator.player.seek(1)   # backward starts at the root y
    assert inspector.flow_label.isVisibleTo(inspector)
    assert "tensor(1.)" in inspector.flow_label.text()
    assert "retain_grad" in inspector.grad_text.toPlainText()


def test_a_forward_replay_shows_values_only_once_computed(x_squared):
    window, ids = x_squared
    inspector = select(window, ids["y"])
    assert window.animator.forward(play=False)
    window.animator.player.seek(0)
    assert "not computed yet" in inspector.value_text.toPlainText()
    window.animator.player.seek(len(window.animator.player))
    assert inspector.value_text.toPlainText() == repr(window.evaluation.values[ids["y"]])
