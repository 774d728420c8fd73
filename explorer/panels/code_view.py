"""The code view: the PyTorch program equivalent to the graph, regenerated after every edit.

The program comes from explorer.core.codegen.pytorch_export (the one exporter of the project).
A graph it cannot express shows the exporter's reason instead of a program.
"""
from __future__ import annotations

import keyword
import re

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from explorer.core.codegen.pytorch_export import export_script
from explorer.core.document.graph_document import GraphDocument


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


HIGHLIGHT_CHARS = 4_000
_RULES = (   # (token, pattern, format)
    ("keyword", r"\b(?:" + "|".join(keyword.kwlist) + r")\b", _format("#7048e8", bold=True)),
    ("module", r"\b(?:torch|print)\b", _format("#1971c2")),
    ("number", r"\b\d+\.?\d*(?:e[-+]?\d+)?\b", _format("#d9480f")),
    ("string", r"\"[^\"]*\"|'[^']*'", _format("#2b8a3e")),
    ("comment", r"#.*$", _format("#868e96", italic=True)),
)
# One pass over a line, left to right (a program of thousands of lines is coloured as it is
# shown): a string or a comment takes in whatever it holds.
_TOKENS = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _fmt in _RULES))
_FORMATS = {name: fmt for name, _pattern, fmt in _RULES}


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, numbers, strings and comments, enough to read a short generated program."""

    def highlightBlock(self, text: str) -> None:
        # A line holding a million numbers (a big tensor literal) is coloured only where a
        # reader can see it; colouring it all took seconds on every edit.
        for match in _TOKENS.finditer(text[:HIGHLIGHT_CHARS]):
            self.setFormat(match.start(), match.end() - match.start(), _FORMATS[match.lastgroup])


class CodeViewPanel(QWidget):
    def __init__(self, document: GraphDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CodeViewPanel")
        self.document = document
        self.editor = QPlainTextEdit()
        self.editor.setReadOnly(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(9.5)
        self.editor.setFont(font)
        self.highlighter = PythonHighlighter(self.editor.document())
        self.status = QLabel()
        self.status.setObjectName("CodeViewStatus")
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the program to the clipboard"))
        self.copy_button.clicked.connect(self.copy)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.editor)
        # (evaluation, the document's revision it is of) of a refresh not written yet
        self._waiting: tuple | None = None
        # Refreshes asked while shown are written once the event loop is free: after a file's
        # load and its first paint, once for several asked in a row.
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        self._coalesce.setInterval(0)
        self._coalesce.timeout.connect(self._catch_up)
        self.refresh()

    def refresh(self, evaluation=None) -> None:
        """Regenerate the program; `evaluation` (of the document) spares a second forward run.
        It is written when the event loop is next free, or while the view is hidden when it is
        shown or read (a graph of thousands of nodes makes a program of thousands of lines)."""
        self._waiting = (evaluation, self.document.revision)
        if self.isVisible():
            self._coalesce.start()

    def _show_program(self, evaluation) -> None:
        try:
            script = export_script(self.document, evaluation=evaluation)
        except Exception as exc:  # noqa: BLE001 - a graph the exporter cannot express yet
            self._show(self.tr("# This graph cannot be written as a program yet:\n# {reason}")
                       .format(reason=str(exc) or type(exc).__name__), available=False)
            return
        self._show(script, available=True)

    def _show(self, text: str, *, available: bool) -> None:
        if text != self.editor.toPlainText():
            scroll = self.editor.verticalScrollBar().value()
            self.editor.setPlainText(text)
            self.editor.verticalScrollBar().setValue(scroll)
        self.copy_button.setEnabled(available)
        self.status.setText(self.tr("Equivalent PyTorch program") if available
                            else self.tr("No program"))

    def showEvent(self, event) -> None:
        self._catch_up()
        super().showEvent(event)

    def _catch_up(self) -> None:
        self._coalesce.stop()
        if self._waiting is not None:
            evaluation, revision = self._waiting
            self._waiting = None
            # An edit since: the exporter runs the document itself rather than misread it.
            self._show_program(evaluation if revision == self.document.revision else None)

    def text(self) -> str:
        self._catch_up()
        return self.editor.toPlainText()

    def copy(self) -> None:
        self._catch_up()
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
