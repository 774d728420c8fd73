"""Code in and out of the editor window: the expression bar, File > Import Python...,
pasting Python text onto the canvas, opening a .py file, and File > Export as PyTorch script....

A snippet imported or pasted into a graph that holds work opens as a new graph or joins this
one, as the user chooses (joining renames its clashing variables: x_1, y_1).

Installed by the main window with one call (`CodeActions(window)`); it uses only the window's
interface (menu, file_export_anchor, add_toolbar, push, show_message) and the clipboard's
text_paste_handlers.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from explorer.codegen.add_code_command import AddCodeCommand
from explorer.core.codegen.additions import Additions
from explorer.core.codegen.pytorch_export import export_script
from explorer.core.codegen.snippet_file import SnippetFileError, read_snippet
from explorer.core.codegen.snippet_import import SnippetError, import_snippet, parse_snippet
from explorer.core.document.graph_document import GraphDocument
from explorer.panels.expression_bar import ExpressionBar

NEW_GRAPH, THIS_GRAPH = "new graph", "this graph"


class CodeActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.expression_bar = ExpressionBar(window.document)
        self.expression_bar.additions_ready.connect(
            lambda additions: self.add(additions, self.tr("Add Expression")))
        toolbar = QToolBar(self.tr("Expression"), window)
        toolbar.setObjectName("ExpressionToolBar")
        toolbar.addWidget(self.expression_bar)
        window.addToolBarBreak()
        window.add_toolbar(toolbar)

        self.import_action = QAction(self.tr("&Import Python…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setStatusTip(self.tr(
            "Build the graph of a PyTorch snippet (.py); nothing in it is run"))
        self.import_action.triggered.connect(lambda checked=False: self.import_python())
        self.export_action = QAction(self.tr("&Export as PyTorch Script…"), window)
        self.export_action.setStatusTip(self.tr(
            "Save a Python program that builds this graph with PyTorch and prints the gradients"))
        self.export_action.triggered.connect(lambda checked=False: self.export_pytorch())
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        window.menu("file").insertActions(window.file_export_anchor,
                                          [self.import_action, self.export_action])
        self.focus_action = QAction(self.tr("Type an &Expression"), window)
        self.focus_action.setShortcut(QKeySequence("Ctrl+E"))
        self.focus_action.setStatusTip(self.tr("Build nodes by typing Python, e.g. y = w*x + b"))
        self.focus_action.triggered.connect(lambda checked=False: self.focus_expression_bar())
        window.menu("edit").addAction(self.focus_action)
        window.clipboard.text_paste_handlers.append(self.paste_python)

    def focus_expression_bar(self) -> None:
        self.expression_bar.line_edit.setFocus()
        self.expression_bar.line_edit.selectAll()

    def add(self, additions: Additions, text: str) -> list[str]:
        """Apply `additions` as one undoable command; the new node ids (empty if refused)."""
        command = AddCodeCommand(self.window.document, additions, text)
        if self.window.push(command) is not None:
            return []
        self.window.scene.select_nodes(command.node_ids)
        self.window.view.fit_to_view()
        return command.node_ids

    def import_source(self, source: str, text: str) -> list[str]:
        """Import a snippet into the document; on a refusal, say why and add nothing."""
        try:
            additions = parse_snippet(source, self.window.document)
        except SnippetError as exc:
            self._problem(self.tr("The Python code cannot be imported.\n{reason}").format(
                reason=exc))
            return []
        if additions.is_empty():
            self._problem(self.tr("The Python code builds no tensors."))
            return []
        return self.add(additions, text)

    def paste_python(self, source: str) -> list[str]:
        """Paste clipboard text that is not a graph fragment: a snippet, if it is one."""
        def refuse(exc: SnippetError | None) -> None:
            self.window.show_message(
                self.tr("The clipboard text builds no tensors.") if exc is None
                else self.tr("The clipboard text is not a snippet the graph can show: {reason}")
                .format(reason=exc))

        return self._open_or_add(source, self.tr("Paste Python"), refuse)

    def import_python(self, path: str | None = None) -> list[str]:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import Python"), "",
                                                  self.tr("Python files (*.py);;All files (*)"))
            if not path:
                return []
        source = self._read(path)
        if source is None:
            return []

        def refuse(exc: SnippetError | None) -> None:
            self._problem(self.tr("The Python code builds no tensors.") if exc is None
                          else self.tr("The Python code cannot be imported.\n{reason}").format(
                              reason=exc))

        ids = self._open_or_add(source, self.tr("Import {name}").format(name=Path(path).name),
                                refuse)
        if ids:
            self.window.show_message(self.tr(
                "Imported {name}: {count} nodes. Press Backward to see the gradients.").format(
                    name=Path(path).name, count=len(ids)))
        return ids

    def open_python(self, path: str) -> bool:
        """File > Open of a .py file: its snippet as a new, untitled graph (nothing is run)."""
        source = self._read(path)
        if source is None:
            return False
        try:
            doc = import_snippet(source)
        except SnippetError as exc:
            self._problem(self.tr("The Python code cannot be imported.\n{reason}").format(
                reason=exc))
            return False
        if not len(doc):
            self._problem(self.tr("The Python code builds no tensors."))
            return False
        self._open_new(doc)
        self.window.files.recent.add(path)
        self.window.show_message(self.tr(
            "Imported {name}: {count} nodes. Press Backward to see the gradients.").format(
                name=Path(path).name, count=len(doc)))
        return True

    def where_to_import(self) -> str | None:
        """NEW_GRAPH, THIS_GRAPH or None (cancelled) for a snippet that could stand alone."""
        window = self.window
        if len(window.document) == 0:
            return THIS_GRAPH   # the same graph either way; this way it can be undone
        if window.file_path is None and not window.is_modified():
            return NEW_GRAPH    # nothing of the user's to keep (an example as it came)
        if not window.interactive:
            return THIS_GRAPH   # headless runs never block on a question
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Import Python"),
                          self.tr("Open the code as a new graph, or add it to this graph? "
                                  "Added variables whose names are taken get new names "
                                  "(x_1)."), QMessageBox.StandardButton.Cancel, window)
        new = box.addButton(self.tr("Open as a New Graph"), QMessageBox.ButtonRole.AcceptRole)
        here = box.addButton(self.tr("Add to This Graph"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(new)
        box.exec()
        return {new: NEW_GRAPH, here: THIS_GRAPH}.get(box.clickedButton())

    def _open_or_add(self, source: str, text: str,
                     refuse: Callable[[SnippetError | None], None]) -> list[str]:
        """Import `source` where the user wants it; `refuse(error or None for "builds
        nothing")` reports a snippet that cannot be imported."""
        try:
            alone = import_snippet(source)
        except SnippetError:
            alone = None   # it may use the names of this graph's nodes: tried with them below
        if alone is not None and not len(alone):
            refuse(None)
            return []
        where = THIS_GRAPH if alone is None else self.where_to_import()
        if where is None:
            return []
        if where == NEW_GRAPH:
            if not self.window.maybe_save():
                return []
            self._open_new(alone)
            return [data.id for data in self.window.document.nodes()]
        try:
            additions = parse_snippet(source, self.window.document)
        except SnippetError as exc:
            refuse(exc)
            return []
        if additions.is_empty():
            refuse(None)
            return []
        return self.add(additions, text)

    def _open_new(self, doc: GraphDocument) -> None:
        self.window.open_document(doc)
        self.window.scene.select_nodes([data.id for data in self.window.document.nodes()])

    def _read(self, path: str) -> str | None:
        """The text of a .py file, or None after saying why it cannot be read."""
        try:
            return read_snippet(path)   # size checked first; no device or pipe is read
        except SnippetFileError as exc:
            self._problem(str(exc))
            return None

    def export_pytorch(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export as PyTorch Script"),
                                                  "graph.py", self.tr("Python files (*.py)"))
            if not path:
                return False
        script = export_script(self.window.document, evaluation=self.window.evaluation)
        try:
            Path(path).write_text(script, encoding="utf-8")
        except OSError as exc:
            self._problem(self.tr("The script cannot be written: {reason}").format(reason=exc))
            return False
        self.window.show_message(self.tr("Exported the PyTorch script to {path}.").format(
            path=path))
        return True

    def _problem(self, message: str) -> None:
        self.window.last_error = message
        self.window.show_message(message.splitlines()[-1])
        if self.window.interactive:
            QMessageBox.warning(self.window, self.tr("Python code"), message)
