"""One undoable command for everything an expression or a snippet adds to the document."""
from __future__ import annotations

from explorer.commands import DocumentCommand
from explorer.core.codegen.additions import Additions, apply_additions
from explorer.core.document.graph_document import GraphDocument


class AddCodeCommand(DocumentCommand):
    """Adds the nodes, edges and backward steps of an Additions; undo removes them all."""

    def __init__(self, doc: GraphDocument, additions: Additions, text: str) -> None:
        super().__init__(doc, text)
        self.additions = additions
        self.node_ids: list[str] = []
        self._ids: dict[str, str] | None = None    # key -> id, kept so redo restores the same ids
        self._meta_before: dict[str, str] = {}

    def apply(self) -> None:
        self._meta_before = dict(self.doc.meta)
        self._ids = apply_additions(self.doc, self.additions, self._ids)
        self.node_ids = list(self._ids.values())

    def revert(self) -> None:
        for node_id in reversed(self.node_ids):
            self.doc.remove_node(node_id)
        self.doc.meta.clear()
        self.doc.meta.update(self._meta_before)
