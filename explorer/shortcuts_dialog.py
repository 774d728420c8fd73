"""Help > Keyboard Shortcuts (F1): every shortcut of the window, read from its actions (so the
list cannot drift from what the keys do), grouped by the menu that holds each action."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

_ACCELERATOR = re.compile(r"\(&\w\)|&(?=[^&])")   # "打开(&O)…" and "&Open…" alike


def plain_text(text: str) -> str:
    """A menu text as read, without its accelerator mark."""
    return _ACCELERATOR.sub("", text).replace("&&", "&")


def on_a_common_keyboard(key: QKeySequence) -> bool:
    """False for the keys X11's standard bindings add that a PC keyboard lacks (Undo: F14 and
    the dedicated Undo key): they still work, but a list of them only puzzles the reader."""
    for index in range(key.count()):
        code = key[index].key()
        if Qt.Key.Key_F13 <= code <= Qt.Key.Key_F35 or code >= Qt.Key.Key_Back:
            return False
    return not key.isEmpty()


def keys_text(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                     for key in action.shortcuts() if on_a_common_keyboard(key))


def _menu_actions(menu: QMenu, seen: set[int]) -> list[QAction]:
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_actions(action.menu(), seen)
        elif keys_text(action) and id(action) not in seen:
            seen.add(id(action))
            found.append(action)
    return found


def shortcut_groups(window: QMainWindow, other_title: str) -> list[tuple[str, list[QAction]]]:
    """(menu title, actions with a shortcut) for each top-level menu, in menu-bar order, then the
    window's other actions with a shortcut under `other_title`."""
    seen: set[int] = set()
    groups = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            actions = _menu_actions(top.menu(), seen)
            if actions:
                groups.append((plain_text(top.text()), actions))
    # Kept alive by their Python wrappers: compare the actions themselves, not their ids.
    listed = [action for _title, actions in groups for action in actions]
    others = [action for action in window.findChildren(QAction)
              if keys_text(action) and action not in listed and action.isVisible()]
    if others:
        groups.append((other_title, others))
    return groups


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for title, actions in shortcut_groups(window, self.tr("Other")):
            group = QTreeWidgetItem(self.tree, [title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for action in actions:
                row = QTreeWidgetItem(group, [plain_text(action.text()), keys_text(action)])
                row.setToolTip(0, action.statusTip())
            group.setExpanded(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(520, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, command, shortcut) as listed."""
        return [(self.tree.topLevelItem(g).text(0), item.text(0), item.text(1))
                for g in range(self.tree.topLevelItemCount())
                for item in (self.tree.topLevelItem(g).child(i)
                             for i in range(self.tree.topLevelItem(g).childCount()))]
