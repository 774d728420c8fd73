"""Every edit of the document is one QUndoCommand; undo and redo call GraphDocument methods.

A command is applied once *before* it enters the undo stack (`push_command`), so a refused edit
(a GraphEditError with a translated reason) never reaches the stack and changes nothing.
Commands that make several changes roll back the ones already made when a later one fails.
"""
from __future__ import annotations

import contextlib
import math
import sys

from PySide6.QtGui import QUndoCommand, QUndoStack

from explorer.core.document.graph_document import Edge, GraphDocument, GraphEditError, NodeRecord
from explorer.core.document.group_layout import grouped_positions
from explorer.core.document.input_defaults import fresh_input_value
from explorer.core.i18n import translate

Pos = tuple[float, float]
MOVE_MERGE_ID = 1


class DocumentCommand(QUndoCommand):
    def __init__(self, doc: GraphDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self._applied_by_push = False

    def apply(self) -> None:
        """Make the change; raise GraphEditError (having changed nothing) when it is refused."""
        raise NotImplementedError

    def revert(self) -> None:
        """Undo exactly what apply did."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied_by_push:
            self._applied_by_push = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()


def push_command(stack: QUndoStack, command: DocumentCommand) -> None:
    """Apply `command`, then put it on `stack`. Raises GraphEditError and pushes nothing if refused.

    An unexpected exception inside apply (a bug, or input no check foresaw) is rolled back as far
    as the command can undo itself, never left half-applied; it still goes to sys.excepthook (the
    error report and its log, or a failing test) and then comes back as a refusal.
    """
    revision = command.doc.revision
    try:
        command.apply()
    except GraphEditError:
        raise
    except Exception as exc:
        if command.doc.revision != revision:
            with contextlib.suppress(Exception):   # the refusal below is what the user needs
                command.revert()
        sys.excepthook(type(exc), exc, exc.__traceback__)
        raise GraphEditError(translate("Commands", "The edit failed and was undone: {reason}")
                             .format(reason=exc)) from exc
    command._applied_by_push = True
    stack.push(command)


def _remove_all(doc: GraphDocument, node_ids: list[str]) -> list[NodeRecord]:
    """Remove the nodes in order; all or none (a refusal puts back those already removed)."""
    records: list[NodeRecord] = []
    try:
        for node_id in node_ids:
            records.append(doc.remove_node(node_id))
    except GraphEditError:
        _restore_all(doc, records)
        raise
    return records


def _restore_all(doc: GraphDocument, records: list[NodeRecord]) -> None:
    for record in reversed(records):
        doc.restore_node(record)


def _disconnect_all(doc: GraphDocument, edges: list[Edge]) -> None:
    """Remove the edges in order; all or none (a refusal puts back those already removed)."""
    done: list[Edge] = []
    try:
        for src, dst, port in edges:
            doc.disconnect(dst, port)
            done.append((src, dst, port))
    except GraphEditError:
        _reconnect_all(doc, done)
        raise


def _reconnect_all(doc: GraphDocument, edges: list[Edge]) -> None:
    for edge in reversed(edges):
        doc.connect(*edge)


class AddNodeCommand(DocumentCommand):
    def __init__(self, doc: GraphDocument, op: str, pos: Pos, *, name: str | None = None,
                 params: dict | None = None) -> None:
        super().__init__(doc, translate("Commands", "Add {op}").format(op=op))
        self.op, self.pos, self.name, self.params = op, pos, name, params
        self.node_id: str | None = None
        self._record: NodeRecord | None = None

    def apply(self) -> None:
        if self._record is None:
            params = self.params
            if self.op == "input" and "value" not in (params or {}):
                params = {**(params or {}), "value": fresh_input_value(self.doc)}
            self.node_id = self.doc.add_node(self.op, name=self.name, pos=self.pos,
                                             params=params)
        else:
            self.doc.restore_node(self._record)

    def revert(self) -> None:
        self._record = self.doc.remove_node(self.node_id)


class RemoveCommand(DocumentCommand):
    """Delete nodes (with all their edges) and separately selected edges."""

    def __init__(self, doc: GraphDocument, node_ids: list[str], edges: list[Edge] = (),
                 text: str | None = None) -> None:
        super().__init__(doc, text or translate("Commands", "Delete"))
        self.node_ids = list(node_ids)
        # Edges that go away with a deleted node are restored with it; only the others here.
        self.edges = [e for e in edges if e[0] not in node_ids and e[1] not in node_ids]
        self._records: list[NodeRecord] = []

    def apply(self) -> None:
        _disconnect_all(self.doc, self.edges)
        try:
            self._records = _remove_all(self.doc, self.node_ids)
        except GraphEditError:
            _reconnect_all(self.doc, self.edges)
            raise

    def revert(self) -> None:
        _restore_all(self.doc, self._records)
        for src, dst, port in self.edges:
            self.doc.connect(src, dst, port)


class ConnectCommand(DocumentCommand):
    """Connect src -> dst.port, optionally replacing an edge the user picked up and moved."""

    def __init__(self, doc: GraphDocument, edge: Edge, replacing: Edge | None = None) -> None:
        text = translate("Commands", "Connect") if replacing is None \
            else translate("Commands", "Reconnect")
        super().__init__(doc, text)
        self.edge, self.replacing = edge, replacing

    def apply(self) -> None:
        if self.replacing is not None:
            self.doc.disconnect(self.replacing[1], self.replacing[2])
        try:
            self.doc.connect(*self.edge)
        except GraphEditError:
            if self.replacing is not None:
                self.doc.connect(*self.replacing)
            raise

    def revert(self) -> None:
        self.doc.disconnect(self.edge[1], self.edge[2])
        if self.replacing is not None:
            self.doc.connect(*self.replacing)


class DisconnectCommand(DocumentCommand):
    def __init__(self, doc: GraphDocument, edges: list[Edge]) -> None:
        super().__init__(doc, translate("Commands", "Disconnect"))
        self.edges = list(edges)

    def apply(self) -> None:
        _disconnect_all(self.doc, self.edges)

    def revert(self) -> None:
        _reconnect_all(self.doc, self.edges)


class MoveNodesCommand(DocumentCommand):
    """Move nodes; consecutive moves with the same `merge_key` and nodes become one command."""

    def __init__(self, doc: GraphDocument, moves: dict[str, tuple[Pos, Pos]], *,
                 text: str | None = None, merge_key: str | None = None) -> None:
        super().__init__(doc, text or translate("Commands", "Move"))
        self.moves = dict(moves)
        self.merge_key = merge_key

    def apply(self) -> None:
        self._set({node_id: new for node_id, (_old, new) in self.moves.items()})

    def revert(self) -> None:
        self._set({node_id: old for node_id, (old, _new) in self.moves.items()})

    def _set(self, positions: dict[str, Pos]) -> None:
        for node_id, pos in positions.items():
            if self.doc.node(node_id).pos != pos:
                self.doc.move_node(node_id, pos)

    def id(self) -> int:
        return MOVE_MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveNodesCommand) or other.merge_key != self.merge_key \
                or set(other.moves) != set(self.moves):
            return False
        self.moves = {n: (self.moves[n][0], other.moves[n][1]) for n in self.moves}
        return True


class AutoLayoutCommand(MoveNodesCommand):
    def __init__(self, doc: GraphDocument, sizes: dict | None = None) -> None:
        # sizes: the cards' (width, height) by node id, so columns fit the cards on show.
        moves = {node_id: (doc.node(node_id).pos, pos)
                 for node_id, pos in grouped_positions(doc, sizes).items()}
        super().__init__(doc, moves, text=translate("Commands", "Auto-layout"))


class RenameNodeCommand(DocumentCommand):
    def __init__(self, doc: GraphDocument, node_id: str, name: str) -> None:
        super().__init__(doc, translate("Commands", "Rename to {name}").format(name=name))
        self.node_id, self.name = node_id, name
        self.old_name = doc.node(node_id).name

    def apply(self) -> None:
        self.doc.rename_node(self.node_id, self.name)

    def revert(self) -> None:
        self.doc.rename_node(self.node_id, self.old_name)


class SetParamsCommand(DocumentCommand):
    """Change some params of one node (value, requires_grad, dtype, dim, retain_grad, ...)."""

    def __init__(self, doc: GraphDocument, node_id: str, changes: dict) -> None:
        names = ", ".join(sorted(changes))
        super().__init__(doc, translate("Commands", "Set {params}").format(params=names))
        self.node_id = node_id
        self.changes = dict(changes)
        params = doc.node(node_id).params
        self.old = {key: params[key] for key in changes if key in params}

    def apply(self) -> None:
        self.doc.set_params(self.node_id, self.changes)

    def revert(self) -> None:
        self.doc.set_params(self.node_id, self.old)


class PasteCommand(DocumentCommand):
    """Add a fragment (nodes and the edges among them) shifted by `offset`, with fresh ids and
    names; used for Paste and Duplicate."""

    def __init__(self, doc: GraphDocument, fragment: dict, offset: Pos, *,
                 text: str | None = None) -> None:
        super().__init__(doc, text or translate("Commands", "Paste"))
        self.fragment, self.offset = fragment, offset
        self.node_ids: list[str] = []
        self._records: list[NodeRecord] = []

    def apply(self) -> None:
        if self._records:
            _restore_all(self.doc, self._records)
            self._records = []
            return
        created: dict[str, str] = {}
        try:
            positions = [self._shifted(entry["pos"]) for entry in self.fragment["nodes"]]
            for entry, pos in zip(self.fragment["nodes"], positions):
                created[entry["id"]] = self.doc.add_node(
                    entry["op"], name=self._free_name(entry["name"]), pos=pos,
                    params=entry.get("params") or {})
            for edge in self.fragment["edges"]:
                self.doc.connect(created[edge["src"]], created[edge["dst"]], edge["port"])
            for group in self.fragment.get("groups", ()):   # copied whole: grouped again
                self.doc.add_group([created[m] for m in group["members"]],
                                   self._free_group_name(group["name"]),
                                   folded=group.get("folded", True))
        except Exception as exc:   # all or nothing, whatever the fragment holds
            for node_id in reversed(list(created.values())):
                self.doc.remove_node(node_id)
            if isinstance(exc, GraphEditError):
                raise
            raise GraphEditError(translate("Commands", "The clipboard does not hold valid graph "
                                                       "nodes.")) from exc
        self.node_ids = list(created.values())

    def revert(self) -> None:
        self._records = _remove_all(self.doc, list(reversed(self.node_ids)))

    def _shifted(self, pos) -> Pos:
        """The entry's position moved by the offset, checked before any node is added."""
        x, y = pos
        shifted = (float(x) + self.offset[0], float(y) + self.offset[1])
        if not all(math.isfinite(v) and abs(v) <= 1e9 for v in shifted):
            raise ValueError("position out of range")
        return shifted

    def _free_group_name(self, name: object) -> str | None:
        """The copied group's name if free, else `name 2`, `name 3` ...; None: "group N"."""
        if not isinstance(name, str):
            return None
        taken = {group.name for group in self.doc.groups.values()}
        n, candidate = 2, name
        while candidate in taken:
            candidate, n = f"{name} {n}", n + 1
        return candidate if self.doc.check_group_name(candidate) is None else None

    def _free_name(self, name: object) -> str | None:
        """The copied name if it is free, else name_2, name_3, ...; None lets the document pick."""
        if not isinstance(name, str):
            return None
        candidate = self.doc.free_variant(name)
        return candidate if self.doc.check_name(candidate) is None else None
