"""Code in the editor window: the expression bar, Import Python, paste of Python text, and
Export as PyTorch script, each one undoable command that leaves nothing behind when refused."""
from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from explorer.core.codegen.backward_plan import read_plan
from explorer.core.codegen.pytorch_export import export_script
from explorer.panels.expression_bar import ExpressionBar

SNIPPET = ("import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x**2 + 1\n"
           "y.backward()\n")


def _names(window) -> set[str]:
    return {d.name for d in window.document.nodes()}


def test_enter_in_the_bar_emits_the_parsed_nodes_and_clears_the_line(qtbot):
    from explorer.core.document.graph_document import GraphDocument

    bar = ExpressionBar(GraphDocument())
    qtbot.addWidget(bar)
    qtbot.keyClicks(bar.line_edit, "y = w*x + b")
    with qtbot.waitSignal(bar.additions_ready) as signal:
        qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert {spec.name for spec in signal.args[0].nodes} == {"w", "x", "b", "mul1", "y"}
    assert bar.line_edit.text() == "" and bar.error_label.isHidden()


def test_a_refused_expression_keeps_its_text_and_shows_why_inline(qtbot):
    from explorer.core.document.graph_document import GraphDocument

    bar = ExpressionBar(GraphDocument())
    qtbot.addWidget(bar)
    bar.show()
    emitted = []
    bar.additions_ready.connect(emitted.append)
    qtbot.keyClicks(bar.line_edit, "y = (x +")
    qtbot.keyClick(bar.line_edit, Qt.Key.Key_Return)
    assert emitted == []
    assert bar.line_edit.text() == "y = (x +"
    assert bar.error_label.isVisible() and "syntax error" in bar.error_label.message
    qtbot.keyClicks(bar.line_edit, "1)")
    assert bar.error_label.isHidden()   # editing clears the stale message


def test_a_refused_expression_does_not_change_the_toolbars_height(window, qtbot):
    """The reason takes a place kept beside the line: the layout does not jump; the reason is
    elided to that place and whole in its tooltip."""
    window.resize(1366, 768)
    qtbot.wait(10)
    bar = window.code_actions.expression_bar
    toolbar = bar.parentWidget()
    before = (bar.height(), toolbar.geometry(), window.view.geometry(), bar.line_edit.geometry())
    bar.line_edit.setText("y = (x + w * " + " + ".join(f"v{n}" for n in range(30)))
    assert not bar.submit()
    qtbot.wait(10)
    after = (bar.height(), toolbar.geometry(), window.view.geometry(), bar.line_edit.geometry())
    assert after == before
    label = bar.error_label
    assert label.isVisible() and "syntax error" in label.toolTip()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    # whole where there is room: the status bar
    status = window.statusBar()
    assert status.currentMessage() == label.toolTip()
    assert status.currentMessage().startswith("syntax error")
    bar.line_edit.setText("y = w*x + b")
    bar.line_edit.textEdited.emit("y = w*x + b")
    assert status.currentMessage() == ""


def test_up_and_down_recall_earlier_expressions(qtbot):
    from explorer.core.document.graph_document import GraphDocument

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
    assert window.evaluation.values[y].item() == pytest.approx(2.0 * 3.0 + 4.0)   # w, x, b


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
    export_png = window.image_export.export_png_action.text()
    assert texts.index("&Import Python…") < texts.index(export_png)
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


def test_the_code_view_writes_unnamed_constants_inline(window):
    assert window.open_example("mean_of_square", ask=False)
    code = window.code_view.text()
    assert "y = x + 2\n" in code and "z = 3 * y_sq\n" in code
    assert "sq = 2\n" in code and "y_sq = y ** sq\n" in code   # a name of its own stays


# ---- a snippet into a graph that holds work: a new graph or this one, as the user says ------

def _open_message_box():
    from PySide6.QtWidgets import QApplication, QMessageBox

    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


@contextlib.contextmanager
def user_answers(window, button_text: str | None):
    """The window asks as it would ask a user; the next question is answered with
    `button_text` (None: the default button). Yields [(button texts, default text)] seen."""
    from PySide6.QtCore import QTimer

    seen: list[tuple[list[str], str]] = []
    asking = [True]

    def answer() -> None:
        if not asking[0]:
            return   # no question came: stop looking
        box = _open_message_box()
        if box is None:
            QTimer.singleShot(20, answer)
            return
        seen.append(([b.text() for b in box.buttons()], box.defaultButton().text()))
        wanted = [b for b in box.buttons() if b.text() == button_text]
        (wanted or [box.defaultButton()])[0].click()

    QTimer.singleShot(0, answer)
    window.interactive = True
    try:
        yield seen
    finally:
        asking[0] = False
        window.interactive = False   # closing the window at teardown asks nothing


@pytest.fixture
def saved_window(window, tmp_path):
    """A window showing a saved graph of its own (x, y, ...)."""
    window.code_actions.import_source(SNIPPET, "Import")
    assert window.save_to(str(tmp_path / "mine.json"))
    return window


OTHER = "import torch\nx = torch.tensor(3.0, requires_grad=True)\ny = x * 5\n"
CHOICES = ["Open as a New Graph", "Add to This Graph", "Cancel"]


def test_import_into_a_graph_with_work_asks_and_opens_a_new_graph_by_default(
        saved_window, tmp_path):
    path = tmp_path / "other.py"
    path.write_text(OTHER)
    with user_answers(saved_window, None) as seen:
        ids = saved_window.code_actions.import_python(str(path))
    assert [(sorted(texts), default) for texts, default in seen] == \
        [(sorted(CHOICES), "Open as a New Graph")]
    assert _names(saved_window) == {"x", "c1", "y"} and len(ids) == 3
    assert saved_window.file_path is None   # a save does not overwrite mine.json


def test_paste_into_a_graph_with_work_can_add_to_it_renaming_clashes(saved_window):
    before = _names(saved_window)
    QGuiApplication.clipboard().setText(OTHER)
    with user_answers(saved_window, "Add to This Graph") as seen:
        ids = saved_window.paste()
    added = {saved_window.document.node(i).name for i in ids}
    assert len(seen) == 1 and before < _names(saved_window)
    assert "x" not in added and "y" not in added
    saved_window.undo_stack.undo()
    assert _names(saved_window) == before


def test_cancelling_the_question_changes_nothing(saved_window):
    before = saved_window.document.to_dict()
    QGuiApplication.clipboard().setText(OTHER)
    with user_answers(saved_window, "Cancel") as seen:
        assert saved_window.paste() == []
    assert len(seen) == 1 and saved_window.document.to_dict() == before


def test_an_untouched_example_is_replaced_without_a_question(window, qtbot):
    assert window.open_example("x_squared", ask=False)
    QGuiApplication.clipboard().setText(OTHER)
    with user_answers(window, "Cancel") as seen:   # would cancel a question, if one came
        window.paste()
        qtbot.wait(50)
    assert seen == [] and _names(window) == {"x", "c1", "y"}


def test_a_snippet_using_the_graphs_names_is_added_without_a_question(saved_window, qtbot):
    QGuiApplication.clipboard().setText("z = y * 3\n")
    with user_answers(saved_window, "Cancel") as seen:
        ids = saved_window.paste()
        qtbot.wait(50)
    assert seen == [] and "z" in {saved_window.document.node(i).name for i in ids}


# ---- a .py file opened like a graph file ---------------------------------------------------

def test_file_open_reads_a_py_file_through_the_safe_import(window, tmp_path, monkeypatch):
    from explorer import file_actions

    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    filters = []

    def choose(_parent, _caption, _directory, file_filter):
        filters.append(file_filter)
        return str(path), ""

    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileName", choose)
    window.files.open_dialog()
    assert "*.py" in filters[0].split(";;")[0]
    assert window.last_error is None
    assert _names(window) == {"x", "c1", "pow1", "c2", "y"}
    assert [window.document.node(s.node).name for s in read_plan(window.document)] == ["y"]
    assert window.file_path is None   # Save must not write JSON over the .py


def test_a_py_file_on_the_command_line_opens_its_graph(qtbot, tmp_path):
    from explorer import cli

    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    window = cli.prepare_window(cli.build_parser().parse_args(
        [str(path), "--screenshot", str(tmp_path / "unused.png")]))
    assert window is not None
    qtbot.addWidget(window)
    assert {d.name for d in window.document.nodes()} == {"x", "c1", "pow1", "c2", "y"}
    assert "snippet (.py)" in " ".join(cli.build_parser().format_help().split())


def test_opening_a_hostile_py_file_refuses_it_and_keeps_the_graph(window, tmp_path):
    assert window.open_example("x_squared", ask=False)
    before = window.document.to_dict()
    path = tmp_path / "hostile.py"
    marker = tmp_path / "ran"
    path.write_text(f"import torch\nx = torch.tensor(1.)\nopen({str(marker)!r}, 'w')\n")
    assert not window.open_file(str(path), ask=False)
    assert "Line 3" in window.last_error and not marker.exists()
    assert window.document.to_dict() == before


def test_a_py_file_dropped_on_the_canvas_opens_its_graph(window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    target = window.view.viewport()
    where = target.rect().center()
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    qtbot.waitUntil(lambda: _names(window) == {"x", "c1", "pow1", "c2", "y"}, timeout=5_000)
