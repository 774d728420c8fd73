"""Groups in the window: Ctrl+G folds the selected cards into one card whose ports take the
crossing wires; double-click unfolds it into a labelled frame; all undoable."""
from group_graphs import hidden_layer, inner, mouse_drag, mouse_event
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from explorer.canvas.group_item import GroupCardItem, GroupFrameItem


def opened(window):
    doc, ids = hidden_layer()
    window.open_document(doc)
    return ids


def group_selected(window, ids) -> str:
    window.scene.select_nodes(inner(ids))
    window.group_actions.group_action.trigger()
    return window.document.group_of(ids["h"])


def test_ctrl_g_folds_the_selected_cards_into_one_card_with_the_outer_ports(window):
    ids = opened(window)
    assert window.group_actions.group_action.shortcut() == QKeySequence("Ctrl+G")
    group_id = group_selected(window, ids)
    card = window.scene.group_item(group_id)
    assert isinstance(card, GroupCardItem) and card.isSelected()
    assert (card.name, card.ops) == ("group 1", ["mul", "add", "relu"])
    assert [label for _edge, label in card.inputs] == ["w", "x", "b"]
    assert [label for _node, label in card.outputs] == ["r"]
    assert not any(window.scene.node_item(n).isVisible() for n in inner(ids))
    assert window.scene.node_item(ids["x"]).isVisible()
    # Wires from outside end on the card's ports; wires inside are hidden.
    entering = window.scene.edge_item(ids["w"], ids["wx"], "a")
    assert entering.isVisible() and entering in card.edges
    assert entering.endpoints()[1].x() < card.scenePos().x() + 1
    leaving = window.scene.edge_item(ids["r"], ids["out"], "a")
    assert leaving.endpoints()[0] == card.output_anchor(ids["r"])
    assert not window.scene.edge_item(ids["wx"], ids["h"], "a").isVisible()
    # The selected card stands for its members (Delete, Copy, the inspector).
    assert window.scene.selected_node_ids() == inner(ids)


def test_double_click_unfolds_into_a_labelled_frame_and_undo_folds_again(window):
    ids = opened(window)
    group_id = group_selected(window, ids)
    card = window.scene.group_item(group_id)
    centre = card.mapToScene(card.boundingRect().center())
    mouse_event(window.view, QEvent.Type.MouseButtonDblClick, centre)
    frame = window.scene.group_item(group_id)
    assert isinstance(frame, GroupFrameItem)
    assert frame.title() == "group 1 (mul, add, relu)"
    assert all(window.scene.node_item(n).isVisible() for n in inner(ids))
    for node_id in inner(ids):
        card_rect = window.scene.node_item(node_id).sceneBoundingRect()
        assert frame.boundingRect().contains(card_rect)
    assert window.scene.edge_item(ids["wx"], ids["h"], "a").isVisible()
    window.undo_stack.undo()
    assert isinstance(window.scene.group_item(group_id), GroupCardItem)
    window.undo_stack.undo()
    assert window.document.groups == {} and window.scene.group_items() == []
    assert all(window.scene.node_item(n).isVisible() for n in inner(ids))
    assert window.scene.edge_item(ids["w"], ids["wx"], "a").dst_anchor is None


def test_dragging_a_folded_card_moves_its_members_in_one_undo_step(window):
    ids = opened(window)
    group_id = group_selected(window, ids)
    card = window.scene.group_item(group_id)
    before = {n: window.document.node(n).pos for n in inner(ids)}
    start = card.mapToScene(QPointF(20, 10))
    mouse_drag(window.view, start, start + QPointF(60, 40))
    after = {n: window.document.node(n).pos for n in inner(ids)}
    dx, dy = card.scenePos().x() - before[ids["wx"]][0], card.scenePos().y() - before[ids["wx"]][1]
    assert abs(dx - 60) < 2 and abs(dy - 40) < 2   # the view's zoom rounds the mouse a little
    assert all(after[n] == (before[n][0] + dx, before[n][1] + dy) for n in inner(ids))
    window.undo_stack.undo()
    assert {n: window.document.node(n).pos for n in inner(ids)} == before
    assert card.scenePos() == QPointF(*before[ids["wx"]])


def test_ungroup_delete_and_rename_from_the_menu(window):
    ids = opened(window)
    actions = window.group_actions
    group_id = group_selected(window, ids)
    actions.ask_name = lambda title, current: "hidden"
    actions.rename_action.trigger()
    assert window.scene.group_item(group_id).name == "hidden"
    menu = actions.group_menu(group_id)
    assert [a.text() for a in menu.actions() if a.text()][:3] == [
        "Unfold", "Rename Group…", "Ungroup"]
    window.delete_action.trigger()
    assert len(window.document) == 5 and window.document.groups == {}
    window.undo_stack.undo()
    assert window.document.group(group_id).members == frozenset(inner(ids))
    assert isinstance(window.scene.group_item(group_id), GroupCardItem)
    window.scene.group_item(group_id).setSelected(True)
    actions.ungroup_action.trigger()
    assert window.document.groups == {} and window.scene.group_items() == []


def test_grouping_a_gap_is_refused_in_the_status_bar(window):
    ids = opened(window)
    window.scene.select_nodes([ids["wx"], ids["r"]])
    window.group_actions.group_action.trigger()
    assert window.document.groups == {}
    assert "h lies on a path" in window.statusBar().currentMessage()


def test_a_folded_card_is_readable_in_semantic_zoom(window):
    ids = opened(window)
    group_id = group_selected(window, ids)
    window.view.resetTransform()
    window.view.scale(0.5, 0.5)
    window.view.centerOn(window.scene.group_item(group_id))
    window.view.viewport().grab()
    card = window.scene.group_item(group_id)
    texts = dict(card.painted_texts)
    assert "group 1" in texts and "mul, add, relu" in texts
    assert min(px * 0.5 for px in texts.values()) >= 9


def test_ctrl_g_key_press_on_the_canvas_groups(window, qtbot):
    ids = opened(window)
    window.scene.select_nodes(inner(ids))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.document.group_of(ids["h"]) is not None


def test_backward_replay_lights_the_folded_card_for_one_step_named_after_its_ops(window):
    from explorer.core.replay.group_steps import GroupStep

    ids = opened(window)
    group_id = group_selected(window, ids)
    window.evaluate_now()
    assert window.animator.backward(ids["out"], play=False)
    steps = window.animator.timeline.steps
    position = next(i for i, s in enumerate(steps) if isinstance(s, GroupStep)) + 1
    window.animator.player.seek(position)
    card = window.scene.group_item(group_id)
    assert card.state == "active-backward"
    step_panel = window.animator.step_panel
    assert step_panel.title_label.text() == "group 'group 1' (mul, add, relu)"
    assert "ReluBackward0 → AddBackward0 → MulBackward0" in step_panel.formula_label.text()
    lit = window.scene.edge_item(ids["w"], ids["wx"], "a")
    assert lit.state == "active-backward" and lit in card.edges
    window.animator.player.seek(len(steps))
    assert card.state == "done"


def test_copy_and_paste_of_a_folded_card_pastes_a_group_of_copies(window):
    ids = opened(window)
    group_id = group_selected(window, ids)
    window.scene.group_item(group_id).setSelected(True)
    assert window.copy()
    window.paste()
    groups = window.document.group_list()
    assert [g.name for g in groups] == ["group 1", "group 1 2"]
    pasted = groups[1]
    assert pasted.folded and len(pasted.members) == 3
    assert not pasted.members & frozenset(inner(ids))
    window.undo_stack.undo()
    assert [g.name for g in window.document.group_list()] == ["group 1"]
    window.undo_stack.redo()
    assert [g.name for g in window.document.group_list()] == ["group 1", "group 1 2"]


def test_selecting_a_hidden_member_selects_its_folded_card(window):
    ids = opened(window)
    group_id = group_selected(window, ids)
    window.scene.clearSelection()
    window.scene.select_nodes([ids["h"]])      # as Find (Ctrl+F) does
    assert window.scene.group_item(group_id).isSelected()
    assert window.scene.selected_group_ids() == [group_id]


def test_group_shortcuts_are_taken_by_no_other_action(window):
    from PySide6.QtGui import QAction

    actions = window.group_actions
    assert actions.ungroup_action.shortcut() == QKeySequence("Ctrl+Alt+G")
    for mine in (actions.group_action, actions.ungroup_action):
        others = [a for a in window.findChildren(QAction) if a is not mine
                  and mine.shortcut() in a.shortcuts()]
        assert others == [], [a.text() for a in others]


def test_a_selected_card_stays_selected_quietly_through_edits_of_its_group(window):
    from explorer.commands import SetParamsCommand

    ids = opened(window)
    group_id = group_selected(window, ids)
    card = window.scene.group_item(group_id)
    announced = []
    window.scene.selectionChanged.connect(lambda: announced.append(True))
    window.push(SetParamsCommand(window.document, ids["h"], {"retain_grad": True}))
    assert window.scene.group_item(group_id) is card   # a param edit leaves the card be
    window.group_actions.ask_name = lambda title, current: "hidden"
    window.group_actions.rename_action.trigger()       # a new card, still selected
    assert window.scene.group_item(group_id).isSelected() and announced == []
    window.group_actions.ungroup(group_id)
    assert announced == [True]                          # the selection did change
