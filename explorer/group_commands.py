"""Undoable group edits: Group, Ungroup, Fold / Unfold and Rename, each one DocumentCommand.

Deleting a group's members goes through RemoveCommand: the document drops a group with its
last member and restore_node brings both back, so Delete and its undo need nothing here.
"""
from __future__ import annotations

from explorer.commands import DocumentCommand
from explorer.core.document.graph_document import GraphDocument, GroupData
from explorer.core.i18n import translate


class GroupCommand(DocumentCommand):
    """Make the nodes one group (folded by default) named `name` or "group N"."""

    def __init__(self, doc: GraphDocument, node_ids, name: str | None = None, *,
                 folded: bool = True) -> None:
        super().__init__(doc, translate("Commands", "Group"))
        self.node_ids = list(node_ids)
        self.name = name
        self.folded = folded
        self.group_id: str | None = None
        self._group: GroupData | None = None

    def apply(self) -> None:
        if self._group is None:
            self.group_id = self.doc.add_group(self.node_ids, self.name, folded=self.folded)
        else:
            self.doc.restore_group(self._group)

    def revert(self) -> None:
        self._group = self.doc.remove_group(self.group_id)


class UngroupCommand(DocumentCommand):
    """Dissolve groups; their members stay where they are."""

    def __init__(self, doc: GraphDocument, group_ids) -> None:
        super().__init__(doc, translate("Commands", "Ungroup"))
        self.group_ids = list(group_ids)
        self._groups: list[GroupData] = []

    def apply(self) -> None:
        for group_id in self.group_ids:
            self.doc.group(group_id)   # refuse before changing anything
        self._groups = [self.doc.remove_group(group_id) for group_id in self.group_ids]

    def revert(self) -> None:
        for group in reversed(self._groups):
            self.doc.restore_group(group)


class FoldGroupCommand(DocumentCommand):
    def __init__(self, doc: GraphDocument, group_id: str, folded: bool) -> None:
        text = translate("Commands", "Fold group") if folded \
            else translate("Commands", "Unfold group")
        super().__init__(doc, text)
        self.group_id, self.folded = group_id, folded
        self.was = doc.group(group_id).folded

    def apply(self) -> None:
        self.doc.set_group_folded(self.group_id, self.folded)

    def revert(self) -> None:
        self.doc.set_group_folded(self.group_id, self.was)


class RenameGroupCommand(DocumentCommand):
    def __init__(self, doc: GraphDocument, group_id: str, name: str) -> None:
        super().__init__(doc, translate("Commands", "Rename group to {name}").format(name=name))
        self.group_id, self.name = group_id, name
        self.old_name = doc.group(group_id).name

    def apply(self) -> None:
        self.doc.rename_group(self.group_id, self.name)

    def revert(self) -> None:
        self.doc.rename_group(self.group_id, self.old_name)
