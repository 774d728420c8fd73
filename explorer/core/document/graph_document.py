"""The graph document: the editor's source of truth, a networkx MultiDiGraph of op nodes.

Edges run from a source node's single output to a named input port of the destination; the
edge key is that port, so `b = a * a` is two parallel edges a->b with keys "a" and "b".
Every edit validates first and changes nothing when refused, then tells its subscribers.
"""
from __future__ import annotations

import functools
import heapq
import keyword
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import networkx as nx

from explorer.core.document.op_catalog import OPS, check_params
from explorer.core.i18n import translate

Edge = tuple[str, str, str]   # (src, dst, port)

# "backward": JSON text of an imported snippet's backward calls
# (explorer.core.codegen.backward_plan).
META_KEYS = ("title", "description", "root", "backward")
# Names the exported PyTorch program needs for itself.
RESERVED_NAMES = frozenset({"torch", "math", "print", "engine"})
MAX_NODES = 20_000   # what a graph file holds (file_format): never more than can be saved
MAX_PARAM_CHARS = 32 * 2**20   # half of a graph file's 64 MB: one value never fills a file
_INPUT_NAMES = ("x", "y", "z", "w", "b", "u", "v")


@dataclass
class NodeData:
    id: str
    op: str
    name: str
    pos: tuple[float, float]
    params: dict = field(default_factory=dict)

    def copy(self) -> NodeData:
        return NodeData(self.id, self.op, self.name, self.pos, dict(self.params))


@dataclass
class GroupData:
    """A named set of nodes shown as one card (folded) or framed (unfolded). Groups do not nest:
    a node is in one group at most. The group's outer ports are the edges crossing its edge."""
    id: str
    name: str
    members: frozenset[str]
    folded: bool = True

    def copy(self) -> GroupData:
        return replace(self)


@dataclass(frozen=True)
class NodeRecord:
    """What remove_node took away, so restore_node can put it back exactly."""
    data: NodeData
    edges: tuple[Edge, ...]
    group: GroupData | None = None   # the node's group as it was, members included


class GraphEditError(ValueError):
    """An edit was refused; the message is translated and user-readable."""


@dataclass(frozen=True)
class NodeAdded:
    node_id: str


@dataclass(frozen=True)
class NodeRemoved:
    node_id: str


@dataclass(frozen=True)
class EdgeAdded:
    src: str
    dst: str
    port: str


@dataclass(frozen=True)
class EdgeRemoved:
    src: str
    dst: str
    port: str


@dataclass(frozen=True)
class NodeChanged:
    node_id: str
    field: str   # "pos" | "name" | "params"


@dataclass(frozen=True)
class DocumentReset:
    pass


@dataclass(frozen=True)
class GroupAdded:
    group_id: str


@dataclass(frozen=True)
class GroupRemoved:
    group_id: str


@dataclass(frozen=True)
class GroupChanged:
    group_id: str
    field: str   # "name" | "folded" | "members"


GroupEvent = GroupAdded | GroupRemoved | GroupChanged
DocumentEvent = (NodeAdded | NodeRemoved | EdgeAdded | EdgeRemoved | NodeChanged | DocumentReset
                 | GroupEvent)
_GROUP_EVENTS = (GroupAdded, GroupRemoved, GroupChanged)   # none changes the graph's shape
# Events after which the topological order still holds (a reset brings its own).
_ORDER_KEEPING = (NodeChanged, EdgeAdded, DocumentReset, *_GROUP_EVENTS)
MAX_GROUP_NAME = 80


@functools.lru_cache(maxsize=65536)   # sorting 20,000 ids asks for each many times
def _id_number(node_id: str) -> int:
    match = re.fullmatch(r"n(\d+)", node_id)
    return int(match.group(1)) if match else 0


def _order_key(node_id: str) -> tuple[int, str]:
    return (_id_number(node_id), node_id)


def _group_number(group_id: str) -> int:
    match = re.fullmatch(r"g(\d+)", group_id)
    return int(match.group(1)) if match else 0


class GraphDocument:
    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph()
        # Document metadata kept in the file: META_KEYS ("root" is the node to run backward from).
        self.meta: dict[str, str] = {}
        self.revision = 0   # bumped on every change; lets views tell "modified since save"
        self._ids_by_name: dict[str, str] = {}
        self._last_id = 0   # never decreases, so a removed node's id is not handed out again
        self._subscribers: list[Callable[[DocumentEvent], None]] = []
        # topological_order() until the structure changes: {node id: place}; None when stale.
        self._order: dict[str, int] | None = None
        self.groups: dict[str, GroupData] = {}
        self._group_of: dict[str, str] = {}   # node id -> its group's id
        self._last_group = 0

    # ---- events ----------------------------------------------------------------------------

    def subscribe(self, fn: Callable[[DocumentEvent], None]) -> None:
        self._subscribers.append(fn)

    def unsubscribe(self, fn: Callable[[DocumentEvent], None]) -> None:
        self._subscribers.remove(fn)

    def _emit(self, event: DocumentEvent) -> None:
        self.revision += 1
        if not isinstance(event, _ORDER_KEEPING):
            self._order = None   # an added edge keeps it (connect checks that it agrees)
        for fn in list(self._subscribers):
            fn(event)

    # ---- queries ---------------------------------------------------------------------------

    def node(self, node_id: str) -> NodeData:
        if node_id not in self.graph:
            raise GraphEditError(translate("GraphDocument", "There is no node {id!r}.").format(
                id=node_id))
        return self.graph.nodes[node_id]["data"]

    def has_node(self, node_id: str) -> bool:
        return node_id in self.graph

    def nodes(self) -> list[NodeData]:
        """Every node, in id order (stable across remove/restore, so undo gives equal dicts)."""
        return [self.graph.nodes[n]["data"] for n in sorted(self.graph.nodes, key=_order_key)]

    def edges(self) -> list[Edge]:
        """Every edge, ordered by destination id then port."""
        return sorted(((src, dst, port) for src, dst, port in self.graph.edges(keys=True)),
                      key=lambda e: (_order_key(e[1]), e[2]))

    def node_by_name(self, name: str) -> NodeData | None:
        node_id = self._ids_by_name.get(name)
        return None if node_id is None else self.node(node_id)

    def input_sources(self, node_id: str) -> dict[str, str]:
        # networkx's own adjacency dict, not a view of it: a file's load, every evaluation and
        # every export ask once per node or edge (a view costs four times as much).
        return {port: src for src, ports in self.graph._pred.get(node_id, {}).items()
                for port in ports}

    def consumers(self, node_id: str) -> list[tuple[str, str]]:
        """(dst, port) for every edge leaving node_id."""
        return [(dst, port) for _, dst, port in self.graph.out_edges(node_id, keys=True)]

    def topological_order(self) -> list[str]:
        """Every node, inputs before their consumers; ties broken by id, so evaluation follows
        creation order (the program's order). Sorted once per change of the graph's shape."""
        return list(self.topological_places())

    def topological_places(self) -> dict[str, int]:
        """{node id: its place in topological_order()}; callers must not change it."""
        if self._order is None:
            order = _lexicographic_order(self.graph)
            self._order = {node_id: i for i, node_id in enumerate(order)}
        return self._order

    def outputs(self) -> list[str]:
        """Nodes whose value feeds nothing: the candidates for a backward root."""
        return [n for n in self.topological_order() if self.graph.out_degree(n) == 0]

    roots = outputs

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    # ---- names and ids ---------------------------------------------------------------------

    def check_name(self, name: str, node_id: str | None = None) -> str | None:
        """None if `name` may be given to node_id (or a new node), else a translated reason."""
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            return translate("GraphDocument",
                             "{name!r} is not a valid Python variable name.").format(
                name=name)
        if name in RESERVED_NAMES:
            return translate("GraphDocument", "The name {name!r} is reserved.").format(name=name)
        holder = self.node_by_name(name)
        if holder is not None and holder.id != node_id:
            return translate("GraphDocument", "The name {name!r} is already used.").format(
                name=name)
        return None

    def unique_name(self, op: str) -> str:
        """A fresh name: x, y, z ... for inputs, c1, c2 ... for constants, and the op's own
        name (mul1, add2 ...) otherwise, as the expression bar and the importer name them."""
        used = self._ids_by_name
        if op == "input":
            for name in _INPUT_NAMES:
                if name not in used:
                    return name
        prefix = {"input": "x", "constant": "c"}.get(op, op)
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def free_variant(self, name: str) -> str:
        """`name` if no node has it, else the next unused name_2, name_3 ...; a name that already
        ends in _N counts on from N (a second copy of x_2 is x_3, not x_2_2). The result may
        still be invalid (check_name) when `name` is."""
        if self.node_by_name(name) is None:
            return name
        match = re.fullmatch(r"(.+?)_(\d+)", name)
        base, n = (match.group(1), int(match.group(2)) + 1) if match else (name, 2)
        while self.node_by_name(f"{base}_{n}") is not None:
            n += 1
        return f"{base}_{n}"

    def new_id(self) -> str:
        return f"n{self._last_id + 1}"

    def _insert(self, data: NodeData) -> None:
        self.graph.add_node(data.id, data=data)
        self._ids_by_name[data.name] = data.id
        self._last_id = max(self._last_id, _id_number(data.id))

    # ---- edits -----------------------------------------------------------------------------

    def add_node(self, op: str, *, name: str | None = None, pos: tuple[float, float] = (0, 0),
                 params: dict | None = None, node_id: str | None = None) -> str:
        if op not in OPS:
            raise GraphEditError(
                translate("GraphDocument", "Unknown operation {op!r}.").format(op=op))
        if len(self.graph) >= MAX_NODES:
            raise GraphEditError(translate("GraphDocument", "The graph already has {n} nodes, the "
                                           "most a graph file holds.").format(n=MAX_NODES))
        if node_id is None:
            node_id = self.new_id()
        elif not isinstance(node_id, str) or not node_id:
            raise GraphEditError(translate("GraphDocument", "A node id must be a non-empty text."))
        elif node_id in self.graph:
            raise GraphEditError(translate("GraphDocument", "The node id {id!r} is already used.")
                                 .format(id=node_id))
        name = self.unique_name(op) if name is None else name
        _refuse_if(self.check_name(name))
        full_params = OPS[op].default_params()
        if params:
            _refuse_if(check_params(op, params) or _check_param_sizes(params))
            full_params.update(params)
        data = NodeData(node_id, op, name, _check_pos(pos), full_params)
        self._insert(data)
        self._emit(NodeAdded(node_id))
        return node_id

    def remove_node(self, node_id: str) -> NodeRecord:
        data = self.node(node_id)
        edges = tuple(e for e in self.edges() if node_id in (e[0], e[1]))
        group_id = self._group_of.get(node_id)
        group = None if group_id is None else self.groups[group_id].copy()
        record = NodeRecord(data.copy(), edges, group)
        for src, dst, port in edges:
            self.graph.remove_edge(src, dst, key=port)
            self._emit(EdgeRemoved(src, dst, port))
        if group is not None:
            self._leave_group(node_id)
        self.graph.remove_node(node_id)
        del self._ids_by_name[data.name]
        self._emit(NodeRemoved(node_id))
        return record

    def restore_node(self, record: NodeRecord) -> None:
        data = record.data
        if data.id in self.graph:
            raise GraphEditError(translate("GraphDocument", "The node id {id!r} is already used.")
                                 .format(id=data.id))
        _refuse_if(self.check_name(data.name))
        for src, dst, port in record.edges:
            other = src if dst == data.id else dst
            if other != data.id:
                self.node(other)  # refused if it is not there
            if dst != data.id and port in self.input_sources(dst):
                raise GraphEditError(translate("GraphDocument", "Input {port!r} of {name} is "
                                               "already connected.").format(
                                                   port=port, name=self.node(dst).name))
        self._insert(data.copy())
        self._emit(NodeAdded(data.id))
        for src, dst, port in record.edges:
            # What was there before: its group joins again just below.
            self.connect(src, dst, port, check_groups=False)
        if record.group is not None:
            self._rejoin_group(data.id, record.group)

    def check_connect(self, src: str, dst: str, port: str, *,
                      check_cycle: bool = True, check_groups: bool = True) -> str | None:
        """None if the edge src -> dst.port may be added, else a translated reason."""
        for node_id in (src, dst):
            if node_id not in self.graph:
                return translate("GraphDocument", "There is no node {id!r}.").format(id=node_id)
        if src == dst:
            return translate("GraphDocument", "A node cannot feed its own input.")
        dst_data = self.node(dst)
        if port not in OPS[dst_data.op].inputs:
            return translate("GraphDocument", "{name} has no input port {port!r}.").format(
                name=dst_data.name, port=port)
        occupant = self.input_sources(dst).get(port)
        if occupant is not None:
            return translate("GraphDocument", "Input {port!r} of {name} is already connected to "
                             "{other}.").format(port=port, name=dst_data.name,
                                                other=self.node(occupant).name)
        if check_cycle and not self._ordered(src, dst) and nx.has_path(self.graph, dst, src):
            return self._cycle_refusal(src, dst)
        return self._group_gap_refusal(src, dst) if self.groups and check_groups else None

    def _group_gap_refusal(self, src: str, dst: str) -> str | None:
        """Why src -> dst would run a path out of a group and back into it (its folded card
        would feed itself), or None."""
        src_group, dst_group = self._group_of.get(src), self._group_of.get(dst)
        if src_group is not None and src_group == dst_group:
            return None
        before = nx.ancestors(self.graph, src) | {src}
        after = nx.descendants(self.graph, dst) | {dst}
        for group in self.groups.values():
            if not before.isdisjoint(group.members) and not after.isdisjoint(group.members):
                return translate("GraphDocument", "Connecting {src} to {dst} would lead out of "
                                 "the group {group!r} and back into it.").format(
                                     src=self.node(src).name, dst=self.node(dst).name,
                                     group=group.name)
        return None

    def _ordered(self, src: str, dst: str) -> bool:
        """True when the known topological order has src before dst: then no path runs from
        dst back to src, and an edge src -> dst keeps that order (and its ties) valid."""
        return self._order is not None and self._order[src] < self._order[dst]

    def _cycle_refusal(self, src: str, dst: str) -> str:
        return translate("GraphDocument", "Connecting {src} to {dst} would make a cycle.").format(
            src=self.node(src).name, dst=self.node(dst).name)

    def connect(self, src: str, dst: str, port: str, *, check_cycle: bool = True,
                check_groups: bool = True) -> None:
        """Add the edge src -> dst.port. Without `check_cycle` the caller checks the whole graph
        once afterwards (a file's load: one sort instead of one search per edge); without
        `check_groups` the caller puts back a state that was valid (restore_node)."""
        _refuse_if(self.check_connect(src, dst, port, check_cycle=check_cycle,
                                      check_groups=check_groups))
        keeps_order = self._ordered(src, dst)
        self.graph.add_edge(src, dst, key=port)
        if not keeps_order:
            self._order = None
        self._emit(EdgeAdded(src, dst, port))

    def disconnect(self, dst: str, port: str) -> str:
        src = self.input_sources(self.node(dst).id).get(port)
        if src is None:
            raise GraphEditError(translate("GraphDocument", "Input {port!r} of {name} is not "
                                           "connected.").format(port=port,
                                                                name=self.node(dst).name))
        self.graph.remove_edge(src, dst, key=port)
        self._emit(EdgeRemoved(src, dst, port))
        return src

    def move_node(self, node_id: str, pos: tuple[float, float]) -> None:
        data = self.node(node_id)
        data.pos = _check_pos(pos)
        self._emit(NodeChanged(node_id, "pos"))

    def rename_node(self, node_id: str, name: str) -> None:
        data = self.node(node_id)
        _refuse_if(self.check_name(name, node_id))
        del self._ids_by_name[data.name]
        data.name = name
        self._ids_by_name[name] = node_id
        self._emit(NodeChanged(node_id, "name"))

    def set_params(self, node_id: str, params: dict) -> None:
        """Update the given params of a node (others keep their values)."""
        data = self.node(node_id)
        _refuse_if(check_params(data.op, params) or _check_param_sizes(params))
        data.params = {**data.params, **params}
        self._emit(NodeChanged(node_id, "params"))

    def replace_contents(self, other: GraphDocument, *, take: bool = False) -> None:
        """Take over other's nodes, edges and metadata (e.g. after File > Open); one reset event.
        With `take` (other is a file just read, which nobody keeps) its graph moves here
        instead of being copied, and other is left empty."""
        if take:
            graph = other.graph
        else:
            graph = nx.MultiDiGraph()
            graph.add_nodes_from((node_id, {"data": data["data"].copy()})
                                 for node_id, data in other.graph.nodes.items())
            graph.add_edges_from(other.graph.edges(keys=True))
        self.graph = graph
        # The same shape: other's topological order holds here (no second sort of a big file).
        self._order = None if other._order is None else dict(other._order)
        self.meta = dict(other.meta)
        self._ids_by_name = dict(other._ids_by_name)
        self._last_id = max(self._last_id, other._last_id)
        self.groups = {gid: group.copy() for gid, group in other.groups.items()}
        self._group_of = dict(other._group_of)
        self._last_group = max(self._last_group, other._last_group)
        if take:
            other.graph, other._order, other._ids_by_name = nx.MultiDiGraph(), None, {}
            other.groups, other._group_of, other.meta = {}, {}, {}
        self._emit(DocumentReset())

    # ---- groups ----------------------------------------------------------------------------

    def group(self, group_id: str) -> GroupData:
        if group_id not in self.groups:
            raise GraphEditError(translate("GraphDocument", "There is no group {id!r}.").format(
                id=group_id))
        return self.groups[group_id]

    def group_of(self, node_id: str) -> str | None:
        """The id of the group holding node_id, or None."""
        return self._group_of.get(node_id)

    def group_list(self) -> list[GroupData]:
        return [self.groups[g] for g in sorted(self.groups, key=lambda g: (_group_number(g), g))]

    def unique_group_name(self) -> str:
        taken = {group.name for group in self.groups.values()}
        n = 1
        while translate("GraphDocument", "group {n}").format(n=n) in taken:
            n += 1
        return translate("GraphDocument", "group {n}").format(n=n)

    def check_group_name(self, name: object, group_id: str | None = None) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return translate("GraphDocument", "A group needs a name.")
        if len(name) > MAX_GROUP_NAME or not name.isprintable():
            return translate("GraphDocument", "A group name is one line of at most {n} "
                             "characters.").format(n=MAX_GROUP_NAME)
        if any(g.name == name and g.id != group_id for g in self.groups.values()):
            return translate("GraphDocument", "The group name {name!r} is already used.").format(
                name=name)
        return None

    def check_group(self, node_ids, name: object) -> str | None:
        """None if these nodes may become one group called `name`, else a translated reason."""
        members = set(node_ids)
        if not members:
            return translate("GraphDocument", "Select the cards to group first.")
        for node_id in members:
            if node_id not in self.graph:
                return translate("GraphDocument", "There is no node {id!r}.").format(id=node_id)
            if node_id in self._group_of:
                return translate("GraphDocument", "{name} is already in the group {group!r}; "
                                 "groups cannot be nested.").format(
                                     name=self.node(node_id).name,
                                     group=self.groups[self._group_of[node_id]].name)
        outside = self._path_outside(members)
        if outside is not None:
            return translate("GraphDocument", "{name} lies on a path between the selected cards: "
                             "add it to the group too.").format(name=self.node(outside).name)
        return self.check_group_name(name)

    def _path_outside(self, members: set[str]) -> str | None:
        """A node outside `members` on a path from one member to another (a folded card would
        then feed itself), or None. One search from the members' outside successors."""
        reached: set[str] = set()
        stack = [n for m in members for n in self.graph.successors(m) if n not in members]
        while stack:
            node_id = stack.pop()
            if node_id in reached:
                continue
            reached.add(node_id)
            for nxt in self.graph.successors(node_id):
                if nxt in members:
                    return node_id
                stack.append(nxt)
        return None

    def add_group(self, node_ids, name: str | None = None, *, folded: bool = True,
                  group_id: str | None = None) -> str:
        name = self.unique_group_name() if name is None else name
        _refuse_if(self.check_group(node_ids, name))
        if group_id is None:
            group_id = f"g{self._last_group + 1}"
        elif not isinstance(group_id, str) or not group_id or group_id in self.groups:
            raise GraphEditError(translate("GraphDocument", "The group id {id!r} is already used.")
                                 .format(id=group_id))
        if not isinstance(folded, bool):
            raise GraphEditError(translate("GraphDocument", "'folded' must be true or false."))
        self._put_group(GroupData(group_id, name, frozenset(node_ids), folded))
        return group_id

    def _put_group(self, group: GroupData) -> None:
        self.groups[group.id] = group
        for node_id in group.members:
            self._group_of[node_id] = group.id
        self._last_group = max(self._last_group, _group_number(group.id))
        self._emit(GroupAdded(group.id))

    def remove_group(self, group_id: str) -> GroupData:
        """Ungroup: the members stay where they are."""
        group = self.group(group_id)
        del self.groups[group_id]
        for node_id in group.members:
            del self._group_of[node_id]
        self._emit(GroupRemoved(group_id))
        return group.copy()

    def restore_group(self, group: GroupData) -> None:
        if group.id in self.groups:
            raise GraphEditError(translate("GraphDocument", "The group id {id!r} is already used.")
                                 .format(id=group.id))
        _refuse_if(self.check_group(group.members, group.name))
        self._put_group(group.copy())

    def rename_group(self, group_id: str, name: str) -> None:
        group = self.group(group_id)
        _refuse_if(self.check_group_name(name, group_id))
        group.name = name
        self._emit(GroupChanged(group_id, "name"))

    def set_group_folded(self, group_id: str, folded: bool) -> None:
        group = self.group(group_id)
        group.folded = bool(folded)
        self._emit(GroupChanged(group_id, "folded"))

    def _leave_group(self, node_id: str) -> None:
        group = self.groups[self._group_of.pop(node_id)]
        group.members = group.members - {node_id}
        if group.members:
            self._emit(GroupChanged(group.id, "members"))
        else:   # its last member went: so does the group (restore_node brings both back)
            del self.groups[group.id]
            self._emit(GroupRemoved(group.id))

    def _rejoin_group(self, node_id: str, was: GroupData) -> None:
        group = self.groups.get(was.id)
        if group is None:
            self._put_group(replace(was, members=frozenset({node_id})))
            return
        group.members = group.members | {node_id}
        self._group_of[node_id] = group.id
        self._emit(GroupChanged(group.id, "members"))

    def group_ports(self, group_id: str) -> tuple[list[Edge], list[str]]:
        """(edges entering the group, members whose value leaves it or feeds nothing): the outer
        ports of its folded card, in a stable order. The data comes first (wires from
        operations, then from leaves that need no grad), the parameters after, as in
        F.linear(input, weight, bias): a chain of layers enters each card at its first port."""
        members = self.group(group_id).members

        def data_first(edge: Edge) -> int:
            source = edge[0]
            if self.graph.in_degree(source):
                return 0
            return 2 if self.node(source).params.get("requires_grad") else 1

        entering = sorted((e for e in self.edges() if e[1] in members and e[0] not in members),
                          key=data_first)
        leaving = [n for n in sorted(members, key=_order_key)
                   if self.graph.out_degree(n) == 0
                   or any(dst not in members for dst in self.graph.successors(n))]
        return entering, leaving

    def group_ops(self, group_id: str) -> list[str]:
        """The members' ops in topological order, each once (inputs and constants left out)."""
        members = self.group(group_id).members
        places = self.topological_places()
        ops: list[str] = []
        for node_id in sorted(members, key=lambda n: places[n]):
            data = self.node(node_id)
            # A traced card names the call it recorded (addmm), not its generic op (traced3).
            op = data.params.get("call") if OPS[data.op].category_key == "traced" else data.op
            if op and op not in ("input", "constant") and op not in ops:
                ops.append(op)
        return ops

    # ---- serialisation ---------------------------------------------------------------------

    def to_dict(self) -> dict:
        meta = {key: self.meta[key] for key in META_KEYS if key in self.meta}
        if meta.get("root") not in self.graph:
            meta.pop("root", None)   # the root node was deleted; never write a dangling root
        return {
            **meta,
            "nodes": [
                {"id": d.id, "op": d.op, "name": d.name, "pos": [float(d.pos[0]), float(d.pos[1])],
                 "params": dict(d.params)}
                for d in self.nodes()
            ],
            "edges": [{"src": s, "dst": d, "port": p} for s, d, p in self.edges()],
            # Only when there are groups: a file without them reads as before.
            **({"groups": [{"id": g.id, "name": g.name, "folded": g.folded,
                            "members": sorted(g.members, key=_order_key)}
                           for g in self.group_list()]} if self.groups else {}),
        }

    @classmethod
    def from_dict(cls, d: dict) -> GraphDocument:
        """Build a document from to_dict's form; raises GraphEditError naming the first problem.

        Goes through the same checks as interactive edits (names, ops, params, ports, cycles);
        the cycle check is one sort of the whole graph. A node without "pos" sits at (0, 0).
        """
        doc = cls()
        for key in META_KEYS:
            if key in d:
                if not isinstance(d[key], str):
                    raise GraphEditError(translate("GraphDocument", "{key!r} must be a text.")
                                         .format(key=key))
                doc.meta[key] = d[key]
        for entry in d.get("nodes", []):
            try:
                pos = tuple(entry.get("pos", (0, 0)))   # no position: placed by the layout
                doc.add_node(entry["op"], name=entry["name"], pos=pos,
                             params=entry.get("params") or {}, node_id=entry["id"])
            except GraphEditError as exc:
                raise GraphEditError(translate("GraphDocument", "Node {id!r}: {reason}").format(
                    id=entry["id"], reason=exc)) from None
        for entry in d.get("edges", []):
            doc.connect(entry["src"], entry["dst"], entry["port"], check_cycle=False)
        try:
            doc.topological_places()   # one sort for the whole file, whatever its edge order
        except nx.NetworkXUnfeasible:
            cycle = nx.find_cycle(doc.graph)
            src, dst = cycle[-1][:2]
            raise GraphEditError(doc._cycle_refusal(src, dst)) from None
        for entry in d.get("groups", []):
            try:
                doc.add_group(entry["members"], entry["name"], folded=entry.get("folded", True),
                              group_id=entry["id"])
            except GraphEditError as exc:
                raise GraphEditError(translate("GraphDocument", "Group {id!r}: {reason}").format(
                    id=entry["id"], reason=exc)) from None
        root = doc.meta.get("root")
        if root is not None and root not in doc.graph:
            raise GraphEditError(translate("GraphDocument", "The root {id!r} is not a node.")
                                 .format(id=root))
        doc.revision = 0
        return doc


def _refuse_if(reason: str | None) -> None:
    """Refuse the edit with the message a check returned; None lets it through."""
    if reason is not None:
        raise GraphEditError(reason)


def _lexicographic_order(graph: nx.MultiDiGraph) -> list[str]:
    """Every node, inputs before their consumers, the least id (_order_key) first among those
    ready: networkx's lexicographical_topological_sort, without its per-node overhead (a
    5000-node file is sorted on every load). Raises nx.NetworkXUnfeasible on a cycle."""
    waiting = {node_id: len(sources) for node_id, sources in graph.pred.items()}
    ready = [(_order_key(node_id), node_id) for node_id, count in waiting.items() if not count]
    heapq.heapify(ready)
    order = []
    while ready:
        node_id = heapq.heappop(ready)[1]
        order.append(node_id)
        for consumer in graph.succ[node_id]:
            waiting[consumer] -= 1
            if not waiting[consumer]:
                heapq.heappush(ready, (_order_key(consumer), consumer))
    if len(order) != len(waiting):
        raise nx.NetworkXUnfeasible("the graph has a cycle")
    return order


def _check_param_sizes(params: dict) -> str | None:
    for key, value in params.items():
        if isinstance(value, str) and len(value) > MAX_PARAM_CHARS:
            return translate("GraphDocument", "The {key} is too long for a graph file ({n} "
                             "characters; at most {limit}).").format(
                                 key=key, n=len(value), limit=MAX_PARAM_CHARS)
    return None


def _check_pos(pos) -> tuple[float, float]:
    try:
        x, y = pos
        x, y = float(x), float(y)
    except (TypeError, ValueError, OverflowError):   # OverflowError: an int beyond any float
        raise GraphEditError(
            translate("GraphDocument", "A position must be two numbers.")) from None
    if not (math.isfinite(x) and math.isfinite(y)) or abs(x) > 1e9 or abs(y) > 1e9:
        raise GraphEditError(translate("GraphDocument", "A position must be two finite numbers."))
    return (x, y)
