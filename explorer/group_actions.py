"""Graph > Group (Ctrl+G), Ungroup (Ctrl+Alt+G), Fold / Unfold and Rename Group, and a group's
context menu; double-clicking a group's card or frame title folds or unfolds it.

Ctrl+Shift+G is the gradient check's, so Ungroup takes Ctrl+Alt+G.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from explorer.core.i18n import translate
from explorer.group_commands import (
    FoldGroupCommand,
    GroupCommand,
    RenameGroupCommand,
    UngroupCommand,
)


class GroupActions:
    """The group actions of one main window; every edit goes through window.push (undoable)."""

    def __init__(self, window) -> None:
        self.window = window
        # (title, current name) -> new name or None; replaced in tests.
        self.ask_name: Callable[[str, str], str | None] = self._ask_name_dialog
        self.group_action = self._action(translate("GroupActions", "G&roup"), self.group,
                                         "Ctrl+G", translate("GroupActions", "Fold the selected "
                                                             "cards into one named card"))
        self.ungroup_action = self._action(translate("GroupActions", "&Ungroup"), self.ungroup,
                                           "Ctrl+Alt+G", translate("GroupActions", "Dissolve the "
                                                                   "selected groups"))
        self.fold_action = self._action(translate("GroupActions", "&Fold or Unfold Group"),
                                        self.toggle_fold, None,
                                        translate("GroupActions", "Show a group as one card, or "
                                                  "its cards in a frame"))
        self.rename_action = self._action(translate("GroupActions", "Re&name Group…"),
                                          self.rename, None, None)
        menu = window.menu("graph")
        menu.addSeparator()
        menu.addActions([self.group_action, self.ungroup_action, self.fold_action,
                         self.rename_action])
        window.scene.group_activated.connect(self.toggle_fold)
        window.scene.group_menu_requested.connect(self._show_group_menu)

    def _action(self, text: str, slot, shortcut: str | None, tip: str | None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip is not None:
            action.setStatusTip(tip)
        action.triggered.connect(lambda checked=False: slot())
        self.window.addAction(action)
        return action

    @property
    def document(self):
        return self.window.document

    def _target_group(self, group_id: str | None) -> str | None:
        if group_id is not None:
            return group_id
        groups = self.window.scene.selected_group_ids()
        if not groups:
            self.window.show_message(translate("GroupActions", "Select a group first."))
            return None
        return groups[0]

    # ---- the actions -------------------------------------------------------------------------

    def group(self, name: str | None = None) -> str | None:
        """Group the selected cards into one folded card; returns the new group's id."""
        selected = self.window.scene.selected_node_ids()
        if not selected:
            self.window.show_message(translate("GroupActions", "Select the cards to group "
                                               "first."))
            return None
        command = GroupCommand(self.document, selected, name)
        if self.window.push(command) is not None:
            return None
        card = self.window.scene.group_item(command.group_id)
        self.window.scene.clearSelection()
        card.setSelected(True)
        self.window.show_message(translate("GroupActions", "Grouped {n} cards as {name!r}; "
                                           "double-click it to unfold, Graph > Rename Group… to "
                                           "name it.").format(
                                               n=len(selected),
                                               name=self.document.group(command.group_id).name))
        return command.group_id

    def ungroup(self, group_id: str | None = None) -> None:
        groups = [group_id] if group_id is not None else self.window.scene.selected_group_ids()
        if not groups:
            self.window.show_message(translate("GroupActions", "Select a group first."))
            return
        self.window.push(UngroupCommand(self.document, groups))

    def toggle_fold(self, group_id: str | None = None) -> None:
        group_id = self._target_group(group_id)
        if group_id is not None:
            folded = self.document.group(group_id).folded
            self.window.push(FoldGroupCommand(self.document, group_id, not folded))

    def rename(self, group_id: str | None = None) -> None:
        group_id = self._target_group(group_id)
        if group_id is None:
            return
        old = self.document.group(group_id).name
        name = self.ask_name(translate("GroupActions", "Rename Group"), old)
        if name is not None and name != old:
            self.window.push(RenameGroupCommand(self.document, group_id, name))

    def _ask_name_dialog(self, title: str, current: str) -> str | None:
        text, ok = QInputDialog.getText(self.window, title, translate("GroupActions", "Name:"),
                                        QLineEdit.EchoMode.Normal, current)
        return text if ok else None

    # ---- context menu ------------------------------------------------------------------------

    def group_menu(self, group_id: str) -> QMenu:
        menu = QMenu(self.window)
        folded = self.document.group(group_id).folded
        fold = menu.addAction(translate("GroupActions", "Unfold") if folded
                              else translate("GroupActions", "Fold"))
        fold.triggered.connect(lambda: self.toggle_fold(group_id))
        rename = menu.addAction(translate("GroupActions", "Rename Group…"))
        rename.triggered.connect(lambda: self.rename(group_id))
        ungroup = menu.addAction(translate("GroupActions", "Ungroup"))
        ungroup.triggered.connect(lambda: self.ungroup(group_id))
        menu.addSeparator()
        menu.addActions([self.window.clipboard.copy_action, self.window.delete_action])
        return menu

    def _show_group_menu(self, group_id: str, screen_pos) -> None:
        self.group_menu(group_id).exec(screen_pos)


def install(window) -> GroupActions:
    return GroupActions(window)
