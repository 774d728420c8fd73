"""Code in the editor window: the expression bar, Import Python, paste of Python text, and
Export as PyTorch script, each one undoable command that leaves nothing behind when refused."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from explorer.codegen.backward_plan import read_plan
from explorer.codegen.pytorch_export import export_script
from explorer.panels.expression_bar import ExpressionBar

SNIPPET = ("import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x**2 + 1\n"
           "y.backward()\n")


def _names(window) -> set[str]:
    return {d.name for d in window.document.nodes()}


def test_enter_in_the_bar_emits_the_parsed_nodes_and_clears_the_line(qtbot):
    from explorer.document.graph_document import GraphDocument

    bar = ExpressionBar(GraphDocument())
    qtbot.addWidget(bar)
    qtbot.keyClicks(bar.line_edit, "y = w*x + b")
    with qtbot.waitSignal(bar.additions_ready) as signal:
        qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert {spec.name for spec in signal.args[0].nodes} == {"w", "x", "b", "mul1", "y"}
    assert bar.line_edit.text() == "" and bar.error_label.isHidden()


def test_a_refused_expression_keeps_its_text_and_shows_why_inline(qtbot):
    from explorer.document.graph_document import GraphDocument

    bar = ExpressionBar(GraphDocument())
    qtbot.addWidget(bar)
    bar.show()
    emitted = []
    bar.additions_ready.connect(emitted.append)
    qtbot.keyClicks(bar.line_edit, "y = (x +")
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert emitted == []
    assert bar.line_edit.text() == "y = (x +"
    assert bar.error_label.isVisible() and "syntax error" in bar.error_label.text()
    qtbot.keyClicks(bar.line_edit, "1)")
    assert bar.error_label.isHidden()   # editing clears the stale message


def test_up_and_down_recall_earlier_expressions(qtbot):
    from explorer.document.graph_document import GraphDocument

    bar = ExpressionBar(GraphDocument())
    qtbot.addWidget(bar)
    for text in ("y = w*x + b", "z = x**y"):
        bar.line_edit.setText(text)
        assert bar.submit()
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Up)
    assert bar.line_edit.text() == "z = x**y"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Up)
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Up)
    assert bar.line_edit.text() == "y = w*x + b"
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Down)
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Down)
    assert bar.line_edit.text() == ""


def test_expression_in_the_window_is_one_undoable_command(window, qtbot):
    bar = window.code_actions.expression_bar
    count = window.undo_stack.count()
    bar.line_edit.setText("y = w*x + b")
    assert bar.submit()
    assert _names(window) == {"w", "x", "b", "mul1", "y"}
    assert window.undo_stack.count() == count + 1
    ids = {d.name: d.id for d in window.document.nodes()}
    window.undo_stack.undo()
    assert len(window.document) == 0
    window.undo_stack.redo()
    assert {d.name: d.id for d in window.document.nodes()} == ids
    y = ids["y"]
    window.evaluate_now()
    assert window.evaluation.values[y].item() == pytest.approx(2.0 * 2.0 + 2.0)


def test_import_python_builds_the_graph_with_its_backward_root_and_undo_restores(
        window, tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    ids = window.code_actions.import_python(str(path))
    assert {window.document.node(i).name for i in ids} == {"x", "c1", "pow1", "c2", "y"}
    plan = read_plan(window.document)
    assert [window.document.node(s.node).name for s in plan] == ["y"]
    assert window.document.meta["root"] == plan[0].node
    window.undo_stack.undo()
    assert len(window.document) == 0 and "backward" not in window.document.meta


def test_hostile_file_adds_nothing_and_says_which_line(window, tmp_path):
    path = tmp_path / "hostile.py"
    marker = tmp_path / "ran"
    path.write_text(f"import torch\nx = torch.tensor(1.)\nopen({str(marker)!r}, 'w')\n")
    count = window.undo_stack.count()
    assert window.code_actions.import_python(str(path)) == []
    assert len(window.document) == 0 and window.undo_stack.count() == count
    assert "Line 3" in window.last_error
    assert not marker.exists()


def test_pasting_python_text_onto_the_canvas_imports_it(window):
    QGuiApplication.clipboard().setText(SNIPPET)
    ids = window.paste()
    assert {window.document.node(i).name for i in ids} >= {"x", "y"}
    assert set(window.scene.selected_node_ids()) == set(ids)


def test_pasting_text_that_is_not_a_snippet_changes_nothing(window):
    QGuiApplication.clipboard().setText("for i in range(30): print(i)")   # too long to unroll
    assert window.paste() == []
    assert len(window.document) == 0
    assert "Line 1" in window.statusBar().currentMessage()


def test_export_writes_the_program_of_the_current_graph(window, tmp_path):
    window.code_actions.import_source(SNIPPET, "Import")
    path = tmp_path / "graph.py"
    assert window.code_actions.export_pytorch(str(path))
    assert path.read_text() == export_script(window.document)
    assert "y.backward()" in path.read_text()


def test_file_menu_offers_import_and_export(window):
    texts = [a.text() for a in window.menu("file").actions()]
    assert "&Import Python…" in texts and "&Export as PyTorch Script…" in texts
    assert texts.index("&Import Python…") < texts.index(window.export_png_action.text())
    assert window.code_actions.import_action.shortcut().toString() == "Ctrl+I"


def test_ctrl_e_puts_the_cursor_in_the_expression_bar(window, qtbot):
    window.view.setFocus()
    window.code_actions.focus_action.trigger()
    assert window.code_actions.expression_bar.line_edit.hasFocus()
    assert window.code_actions.focus_action.shortcut().toString() == "Ctrl+E"


def test_pasting_python_that_builds_nothing_says_so_and_adds_nothing(window):
    window.show_message("earlier message")
    QGuiApplication.clipboard().setText("# only a comment\nimport torch\n")
    count = window.undo_stack.count()
    assert window.paste() == []
    assert window.undo_stack.count() == count and len(window.document) == 0
    assert window.statusBar().currentMessage() == "The clipboard text builds no tensors."


def test_a_successful_import_reports_what_it_built_in_the_status_bar(window, tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    ids = window.code_actions.import_python(str(path))
    message = window.statusBar().currentMessage()
    assert "snippet.py" in message and f"{len(ids)} nodes" in message


def test_a_new_graph_clears_the_expression_bars_message_about_the_old_one(window, qtbot):
    bar = window.code_actions.expression_bar
    bar.submit()   # empty line: the bar asks for an expression
    assert bar.error_label.isVisible()
    window.new_document()
    assert bar.error_label.isHidden()
