"""Help > Keyboard Shortcuts (F1) lists every shortcut the menus hold, read from the actions;
Ctrl+F finds a node by name, selects it and centres its card, or says that nothing matches."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from explorer.language import install_translator
from explorer.panels.find_bar import best_match
from explorer.shortcuts_dialog import keys_text


def menu_shortcuts(menu) -> set[tuple[str, str]]:
    found = set()
    for action in menu.actions():
        if action.menu() is not None:
            found |= menu_shortcuts(action.menu())
        elif not action.shortcut().isEmpty():
            found.add((action.text().replace("&", ""), action.shortcut().toString(
                QKeySequence.SequenceFormat.NativeText)))
    return found


def test_f1_lists_every_shortcut_in_the_menus(window):
    assert window.shortcuts_action.shortcut().toString() == "F1"
    assert window.shortcuts_action in window.menu("help").actions()
    dialog = window.show_shortcuts()
    listed = {(command, keys.split(", ")[0]) for _group, command, keys in dialog.rows()}
    expected = set()
    for top in window.menuBar().actions():
        expected |= menu_shortcuts(top.menu())
    assert expected <= listed
    rows = {command: (group, keys) for group, command, keys in dialog.rows()}
    assert rows["Undo"][0] == "Edit" and rows["Undo"][1].startswith("Ctrl+Z")
    assert rows["Find Node…"] == ("Edit", "Ctrl+F")
    assert rows["Keyboard Shortcuts"] == ("Help", "F1")
    assert rows["Forward"][0] == "Animation"           # added by the animation, not by hand
    assert "Ctrl+=" in rows["Zoom In"][1]               # every key of an action
    dialog.close()


def test_the_shortcuts_list_is_translated(make_window, qapp):
    install_translator(qapp, "zh_CN")
    try:
        window = make_window()
        dialog = window.show_shortcuts()
        assert dialog.windowTitle() == "键盘快捷键"
        commands = [command for _group, command, _keys in dialog.rows()]
        assert "撤销" in commands and not any("(&" in c or "&" in c for c in commands)
        dialog.close()
    finally:
        install_translator(qapp, "en")


def test_ctrl_f_finds_a_node_selects_it_and_centres_its_card(window, qtbot):
    assert window.open_example("polynomial_loss", ask=False)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    assert "y_pred" in bar.completer.model().stringList()
    qtbot.keyClicks(bar.field, "Y_PR")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    y_pred = window.document.node_by_name("y_pred").id
    assert window.scene.selected_node_ids() == [y_pred]
    card = window.view.mapFromScene(window.scene.node_item(y_pred).sceneBoundingRect().center())
    centre = window.view.viewport().rect().center()
    assert (card - centre).manhattanLength() <= 2
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_find_says_when_nothing_matches_and_keeps_the_selection(window):
    assert window.open_example("x_squared", ask=False)
    x = window.document.node_by_name("x").id
    window.scene.select_nodes([x])
    window.find_action.trigger()
    window.find_bar.field.setText("weight")
    window.find_bar.field.returnPressed.emit()
    QApplication.processEvents()
    assert window.find_bar.result.text() == "No node matches “weight”."
    assert window.statusBar().currentMessage() == "No node matches “weight”."
    assert window.scene.selected_node_ids() == [x]
    bar = window.find_bar
    top_right = bar.mapTo(window.view, QPoint(bar.width(), 0))
    assert window.view.rect().contains(top_right - QPoint(1, 0))


def test_the_best_match_prefers_the_exact_name_then_a_prefix_then_a_part():
    names = {"x": "1", "x_sq": "2", "max_x": "3", "X2": "4"}
    assert best_match(names, "x") == "1"
    assert best_match(names, "x2") == "4"
    assert best_match(names, "x_") == "2"
    assert best_match(names, "ax") == "3"
    assert best_match(names, "w") is None and best_match(names, "  ") is None


def test_the_list_leaves_out_keys_a_pc_keyboard_lacks(qapp):
    # X11's standard Undo is Ctrl+Z, F14 and a dedicated Undo key: the list says Ctrl+Z.
    action = QAction("Undo")
    action.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence(Qt.Key.Key_F14),
                         QKeySequence(Qt.Key.Key_Undo), QKeySequence(Qt.Key.Key_Backspace)])
    assert keys_text(action) == ", ".join(
        QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)
        for text in ("Ctrl+Z", "Backspace"))
