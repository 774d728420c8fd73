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
