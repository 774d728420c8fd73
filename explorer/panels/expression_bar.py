"""The expression bar: type `y = w*x + b`, press Enter, and the nodes appear on the canvas.

The bar only parses (explorer.core.codegen.expression); it emits the parsed Additions and the
window applies them as one undoable command. A refused expression keeps its text and shows
the reason beside the line edit, in a place kept for it, so that the toolbar never changes height
and nothing jumps: the reason is elided to that place and whole in its tooltip and in the window's
status bar (on a laptop the place holds a few words).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from explorer.core.codegen.expression import parse_expression
from explorer.core.codegen.snippet_import import SnippetError
from explorer.core.document.graph_document import DocumentReset, GraphDocument

EXAMPLES = ("y = w*x + b", "z = x**y", "out = (3*(x+2)**2).mean()")


class ElidedLabel(QLabel):
    """One line that never asks for more room: a longer message is elided, whole in the tooltip.
    It keeps its place when hidden, so showing it moves nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = ""
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)

    def set_message(self, message: str) -> None:
        self.message = message
        self.setToolTip(message)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        one_line = " ".join(self.message.split())
        self.setText(self.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight,
                                                   self.contentsRect().width()))


class ExpressionBar(QWidget):
    additions_ready = Signal(object)   # an explorer.core.codegen.additions.Additions

    def __init__(self, document: GraphDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExpressionBar")
        self.document = document
        # A reason given against the previous graph (New, Open, an example) no longer applies.
        document.subscribe(lambda event: self.show_error(None)
                           if isinstance(event, DocumentReset) else None)
        self.line_edit = QLineEdit()
        self.line_edit.setObjectName("ExpressionLine")
        self.line_edit.setPlaceholderText(self.tr("Type an expression, e.g. {example}").format(
            example=EXAMPLES[0]))
        self.line_edit.setToolTip(self.tr(
            "Python with PyTorch operations, e.g. {a}   {b}   {c}\n"
            "Unknown names become input tensors (values 2.0, 3.0, 4.0, …, requires_grad) that "
            "you can edit; names already on the canvas are reused. Separate statements with ';'. "
            "Up and Down recall earlier expressions.").format(
                a=EXAMPLES[0], b=EXAMPLES[1], c=EXAMPLES[2]))
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.returnPressed.connect(self.submit)
        self.line_edit.textEdited.connect(lambda _text: self.show_error(None))
        self.line_edit.installEventFilter(self)
        self.history: list[str] = []   # expressions added, oldest first; Up/Down recall them
        self._history_index = 0
        self.add_button = QPushButton(self.tr("Add to Graph"))
        self.add_button.setToolTip(self.tr("Build the nodes of the expression (Enter)"))
        self.add_button.clicked.connect(self.submit)
        self.error_label = ElidedLabel()
        self.error_label.setObjectName("ExpressionError")
        # By name: a plain "color" would also paint the tooltip's text red on its dark ground.
        self.error_label.setStyleSheet("#ExpressionError { color: #c92a2a; }")
        self.error_label.hide()

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(QLabel(self.tr("Expression:")))
        row.addWidget(self.line_edit, 3)
        row.addWidget(self.add_button)
        row.addWidget(self.error_label, 2)

    def show_error(self, message: str | None) -> None:
        shown = self.error_label.message
        self.error_label.set_message(message or "")
        self.error_label.setVisible(bool(message))
        window = self.window()
        if isinstance(window, QMainWindow):
            status = window.statusBar()
            if message:
                status.showMessage(" ".join(message.split()))
            elif shown and status.currentMessage() == " ".join(shown.split()):
                status.clearMessage()  # only our own reason: another message stays

    def submit(self) -> bool:
        """Parse the text; emit additions_ready and clear the line on success."""
        text = self.line_edit.text().strip()
        if not text:
            self.show_error(self.tr("Type an expression first, e.g. {example}").format(
                example=EXAMPLES[0]))
            return False
        try:
            additions = parse_expression(text, self.document)
        except SnippetError as exc:
            self.show_error(exc.reason)
            self.line_edit.setFocus()
            return False
        if additions.is_empty():
            self.show_error(self.tr("The expression adds nothing to the graph."))
            return False
        self.show_error(None)
        if not self.history or self.history[-1] != text:
            self.history.append(text)
        self._history_index = len(self.history)
        self.line_edit.clear()
        self.additions_ready.emit(additions)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line_edit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.history:
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self._history_index = max(0, min(len(self.history), self._history_index + step))
            recalled = self.history[self._history_index] \
                if self._history_index < len(self.history) else ""
            self.line_edit.setText(recalled)
            self.show_error(None)
            return True
        return super().eventFilter(watched, event)
