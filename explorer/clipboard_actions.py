"""Edit > Cut, Copy, Paste and Duplicate of node selections (a JSON fragment on the system
clipboard, see graph_clipboard.py). Clipboard text that is no fragment goes to the handlers
other features register in `text_paste_handlers` (Code actions reads a PyTorch snippet).

A feature of the main window (see explorer/features.py): its actions go in the Edit menu before
Delete, and in the canvas's context menus.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QCursor, QGuiApplication, QKeySequence

from explorer.commands import PasteCommand, RemoveCommand
from explorer.graph_clipboard import copy_to_clipboard, fragment_from_clipboard, selection_fragment

PASTE_OFFSET = 40.0   # pasted nodes land this far below-right of the originals or earlier copies


class ClipboardActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        # handler(text) -> new node ids, or None when the text is not for it; the first answers.
        self.text_paste_handlers: list[Callable[[str], list[str] | None]] = []
        K = QKeySequence.StandardKey
        self.cut_action = window.make_action(self.tr("Cu&t"), self.cut, K.Cut)
        self.copy_action = window.make_action(self.tr("&Copy"), self.copy, K.Copy)
        self.paste_action = window.make_action(self.tr("&Paste"), self.paste, K.Paste)
        self.duplicate_action = window.make_action(
            self.tr("Dupl&icate"), self.duplicate, "Ctrl+D",
            self.tr("Copy the selected nodes and paste them"))
        window.menu("edit").insertActions(window.delete_action, [
            self.cut_action, self.copy_action, self.paste_action, self.duplicate_action])
        window.node_menu_actions.extend([self.cut_action, self.copy_action,
                                         self.duplicate_action])
        window.canvas_menu_actions.append(self.paste_action)

    def copy(self) -> bool:
        window = self.window
        node_ids = window.scene.selected_node_ids()
        if not node_ids:
            window.show_message(self.tr("Select nodes to copy."))
            return False
        copy_to_clipboard(selection_fragment(window.document, node_ids))
        window.show_message(self.tr("Copied {count} nodes.").format(count=len(node_ids)))
        return True

    def cut(self) -> None:
        window = self.window
        node_ids = window.scene.selected_node_ids()
        if node_ids and self.copy():
            window.push(RemoveCommand(window.document, node_ids, text=self.tr("Cut")))

    def paste(self) -> list[str]:
        fragment = fragment_from_clipboard()
        if fragment is None:
            text = QGuiApplication.clipboard().text()
            if text.strip():
                for handler in self.text_paste_handlers:
                    node_ids = handler(text)
                    if node_ids is not None:
                        return node_ids
            self.window.show_message(self.tr("The clipboard holds no graph nodes."))
            return []
        return self._paste_fragment(fragment, self.tr("Paste"), at_cursor=True)

    def duplicate(self) -> list[str]:
        window = self.window
        node_ids = window.scene.selected_node_ids()
        if not node_ids:
            window.show_message(self.tr("Select nodes to duplicate."))
            return []
        return self._paste_fragment(selection_fragment(window.document, node_ids),
                                    self.tr("Duplicate"))

    def _paste_offset(self, fragment: dict, at_cursor: bool) -> tuple[float, float]:
        """Shift for pasted nodes: their top-left under the mouse when it is over the canvas,
        else a little below-right of the originals."""
        view = self.window.view
        cursor = view.viewport().mapFromGlobal(QCursor.pos())
        if not at_cursor or not view.viewport().rect().contains(cursor):
            return (PASTE_OFFSET, PASTE_OFFSET)
        target = view.mapToScene(cursor)
        try:
            left = min(float(n["pos"][0]) for n in fragment["nodes"])
            top = min(float(n["pos"][1]) for n in fragment["nodes"])
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            return (PASTE_OFFSET, PASTE_OFFSET)   # PasteCommand reports the malformed entry
        return (target.x() - left, target.y() - top)

    def _clear_of_cards(self, fragment: dict, offset: tuple[float, float]
                        ) -> tuple[float, float]:
        """`offset`, moved on by PASTE_OFFSET steps until no pasted card lands on a card's spot:
        pasting or duplicating the same nodes again cascades instead of stacking them."""
        taken = {data.pos for data in self.window.document.nodes()}
        try:
            spots = [(float(n["pos"][0]), float(n["pos"][1])) for n in fragment["nodes"]]
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            return offset   # PasteCommand reports the malformed entry
        dx, dy = offset
        # Each (pasted card, taken spot) pair collides at one step at most, so this ends.
        for _ in range(len(spots) * len(taken) + 1):
            if not any((x + dx, y + dy) in taken for x, y in spots):
                break
            dx, dy = dx + PASTE_OFFSET, dy + PASTE_OFFSET
        return (dx, dy)

    def _paste_fragment(self, fragment: dict, text: str, at_cursor: bool = False) -> list[str]:
        window = self.window
        offset = self._clear_of_cards(fragment, self._paste_offset(fragment, at_cursor))
        command = PasteCommand(window.document, fragment, offset, text=text)
        if window.push(command) is not None:
            return []
        window.scene.select_nodes(command.node_ids)
        return command.node_ids
