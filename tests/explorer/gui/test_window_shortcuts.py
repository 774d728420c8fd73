"""Shortcuts a desktop user expects, shown where they look for them."""
from __future__ import annotations


def test_quit_has_a_shortcut_even_where_the_platform_defines_none(window):
    assert window.quit_action.shortcut().toString() != ""


def test_undo_and_redo_tooltips_name_their_shortcut_without_the_menu_accelerator(window):
    assert window.undo_action.toolTip() == "Undo the last edit (Ctrl+Z)"
    assert window.redo_action.toolTip() == "Redo the edit just undone (Ctrl+Shift+Z)"
    window.code_actions.expression_bar.line_edit.setText("y = w*x + b")
    window.code_actions.expression_bar.submit()
    assert window.undo_action.text() != "&Undo"            # the menu still names the edit
    assert window.undo_action.toolTip() == "Undo the last edit (Ctrl+Z)"


def test_f2_renames_the_selected_node_in_the_inspector_and_the_context_menu_shows_it(window):
    assert window.open_example("x_squared", ask=False)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    assert window.rename_action.shortcut().toString() == "F2"
    window.rename_action.trigger()                     # nothing selected: say what to do
    assert window.statusBar().currentMessage() == "Select a node to rename it."
    menu = window.context_menu(window.scene.node_item(x), window.scene.node_item(x).scenePos())
    assert window.rename_action in menu.actions()      # shown with its F2
    assert window.scene.selected_node_ids() == [x]     # the right-clicked node is the target
    window.rename_action.trigger()
    assert window.inspector.name_edit.hasFocus() and window.inspector.name_edit.text() == "x"
    assert window.inspector.name_edit.selectedText() == "x"


def test_hovering_an_example_in_the_menu_says_what_it_shows(window):
    actions = {a.data(): a for a in window.menu("examples").actions() if a.data()}
    assert actions["x_squared"].statusTip() == "The first gradient: at x = 2, dy/dx = 2x = 4."
    assert all(action.statusTip() for action in actions.values())
