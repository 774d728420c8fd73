"""Edit > Find Node (Ctrl+F): a small bar over the canvas's top right corner; typing completes
the names in the graph, Enter selects the node and centres its card, or says that none matches.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton

MARGIN = 10   # pixels between the bar and the canvas's edges


def best_match(names: dict[str, str], text: str) -> str | None:
    """The node id whose name is `text`; else the one it names ignoring case; else the shortest
    name that starts with it, then that contains it (ignoring case); None when none does."""
    wanted = text.strip()
    if not wanted:
        return None
    if wanted in names:
        return names[wanted]
    folded = wanted.casefold()
    for rank in (lambda name: name == folded, lambda name: name.startswith(folded),
                 lambda name: folded in name):
        found = sorted((len(name), name) for name in names if rank(name.casefold()))
        if found:
            return names[found[0][1]]
    return None


class FindBar(QFrame):
    """Over `window.view`; `open()` shows it with the focus in its field."""

    def __init__(self, window) -> None:
        super().__init__(window.view)
        self.setObjectName("FindBar")
        self.window_ = window
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.field = QLineEdit(self)
        self.field.setObjectName("FindField")
        self.field.setPlaceholderText(self.tr("Node name"))
        self.field.setClearButtonEnabled(True)
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.field.setCompleter(self.completer)
        self.field.returnPressed.connect(self.find)
        self.completer.activated.connect(self.find)
        self.result = QLabel(self)
        self.result.setObjectName("FindResult")
        self.result.hide()
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 4, 4)
        row.addWidget(QLabel(self.tr("Find node:"), self))
        row.addWidget(self.field)
        row.addWidget(self.result)
        row.addWidget(close)
        window.view.installEventFilter(self)   # stay in the corner when the canvas is resized
        self.hide()

    def open(self) -> None:
        names = sorted(data.name for data in self.window_.document.nodes())
        self.names.setStringList(names)
        self.result.hide()   # no room kept for a message not given
        self.show()
        self.raise_()
        self._place()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.window_.view.setFocus()

    def find(self, text: str | None = None) -> str | None:
        """Select and centre the node named by `text` (the field's text when None); its id, or
        None after saying that nothing matches."""
        text = self.field.text() if text is None else text
        names = {data.name: data.id for data in self.window_.document.nodes()}
        node_id = best_match(names, text)
        item = self.window_.scene.node_item(node_id) if node_id is not None else None
        if item is None:
            message = self.tr("No node matches “{text}”.").format(text=text.strip())
            self.result.setText(message)
            self.result.show()
            self.window_.show_message(message)
            self._place()
            return None
        self.result.hide()
        self._place()
        self.window_.scene.select_nodes([node_id])
        self.window_.view.centerOn(item)
        return node_id

    def _place(self) -> None:
        self.adjustSize()
        view = self.window_.view
        self.move(max(0, view.width() - self.width() - MARGIN), MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
