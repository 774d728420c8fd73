"""The node palette: every op of the catalog by category, searchable; drag onto the canvas or
double-click to add at the centre of the view."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from explorer.canvas.view import OP_MIME_TYPE
from explorer.core.document.op_catalog import CATEGORIES, ops_in_category

OP_ROLE = Qt.ItemDataRole.UserRole
# A colour per category, so related operations are easy to spot in a long list.
CATEGORY_COLORS = {
    "inputs": "#12b886",
    "arithmetic": "#7950f2",
    "functions": "#e64980",
    "reductions": "#15aabf",
    "linalg": "#fd7e14",
    "shape": "#868e96",
    "autograd": "#fab005",
}


def _category_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, 10, 10, 3, 3)
    painter.end()
    return QIcon(pixmap)


def op_mime_data(op: str) -> QMimeData:
    """The drag payload for one palette entry (what the canvas's drop handler reads)."""
    mime = QMimeData()
    mime.setData(OP_MIME_TYPE, op.encode("utf-8"))
    mime.setText(op)
    return mime


class _OpTree(QTreeWidget):
    entry_chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.setAnimated(True)

    def mouseDoubleClickEvent(self, event) -> None:
        if not self._choose(self.itemAt(event.position().toPoint()), event):
            super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if not (enter and self._choose(self.currentItem(), event)):
            super().keyPressEvent(event)

    def _choose(self, item, event) -> bool:
        """Emit entry_chosen for an op's item and take the event; False for anything else."""
        if item is None or item.data(0, OP_ROLE) is None:
            return False
        self.entry_chosen.emit(item.data(0, OP_ROLE))
        event.accept()
        return True

    def startDrag(self, actions) -> None:
        item = self.currentItem()
        op = item.data(0, OP_ROLE) if item is not None else None
        if op is None:
            return
        drag = QDrag(self)
        drag.setMimeData(op_mime_data(op))
        drag.exec(Qt.DropAction.CopyAction)


class PalettePanel(QWidget):
    # An entry was double-clicked or activated with Enter: add it at the view's centre.
    op_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PalettePanel")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search operations…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Type part of an operation's name, e.g. mul or mean"))
        self.tree = _OpTree(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._populate()
        self.search.textChanged.connect(self.filter)
        self.tree.entry_chosen.connect(self.op_activated)

    def _populate(self) -> None:
        for key, category in CATEGORIES.items():
            icon = _category_icon(CATEGORY_COLORS.get(key, "#868e96"))
            group = QTreeWidgetItem(self.tree, [category()])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for spec in ops_in_category(key):
                entry = QTreeWidgetItem(group, [spec.label])
                entry.setIcon(0, icon)
                entry.setData(0, OP_ROLE, spec.key)
                entry.setToolTip(0, spec.tooltip)
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                               | Qt.ItemFlag.ItemIsDragEnabled)
            group.setExpanded(True)

    def entries(self) -> dict[str, QTreeWidgetItem]:
        """Every op entry by op key."""
        result = {}
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                entry = group.child(j)
                result[entry.data(0, OP_ROLE)] = entry
        return result

    def filter(self, text: str) -> None:
        """Show only entries whose label or op key contains `text` (case-insensitive)."""
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                entry = group.child(j)
                haystack = f"{entry.text(0)} {entry.data(0, OP_ROLE)}".lower()
                hidden = bool(needle) and needle not in haystack
                entry.setHidden(hidden)
                visible += not hidden
            group.setHidden(visible == 0)
