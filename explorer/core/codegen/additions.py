"""Nodes, edges and backward steps to add to a document: built first, then applied in one go.

The expression bar and the snippet importer never edit the document while they parse; they
return an Additions, which is checked on a scratch document, laid out, and only then applied
(as one undoable command in the editor). A batch refers to its own new nodes by key ("+1",
"+2", ...) and to nodes already in the document by their id.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import networkx as nx

from explorer.core.codegen.backward_plan import PlanAction, read_plan, write_plan
from explorer.core.document.graph_document import GraphDocument, GraphEditError
from explorer.core.document.layout import (
    COLUMN_GAP,
    DEFAULT_SIZE,
    ROW_SPACING,
    layered_positions,
)


@dataclass
class NodeSpec:
    key: str                  # "+n": this new node inside the batch
    op: str
    name: str
    params: dict
    inputs: dict[str, str]    # port -> key of a new node, or id of a node already in the document
    pos: tuple[float, float] = (0.0, 0.0)


@dataclass
class Additions:
    nodes: list[NodeSpec] = field(default_factory=list)
    steps: list[PlanAction] = field(default_factory=list)
    # (variable, key or existing id) for every tensor assignment, in program order.
    assigned: list[tuple[str, str]] = field(default_factory=list)

    def edges(self) -> list[tuple[str, str, str]]:
        return [(src, spec.key, port) for spec in self.nodes for port, src in spec.inputs.items()]

    def is_empty(self) -> bool:
        return not self.nodes and not self.steps


def is_key(ref: str) -> bool:
    return ref.startswith("+")


def apply_additions(doc: GraphDocument, additions: Additions,
                    node_ids: dict[str, str] | None = None) -> dict[str, str]:
    """Add the batch to `doc`; returns {key: node id}. Either all of it is added or, on a
    GraphEditError, nothing (what was added is removed again) and the error is raised.

    `node_ids` re-uses the ids of an earlier application (redo after undo).
    """
    ids: dict[str, str] = {}
    try:
        for spec in additions.nodes:
            ids[spec.key] = doc.add_node(spec.op, name=spec.name, pos=spec.pos,
                                         params=dict(spec.params),
                                         node_id=(node_ids or {}).get(spec.key))
        for src, dst, port in additions.edges():
            doc.connect(ids.get(src, src), ids[dst], port)
    except GraphEditError:
        for node_id in reversed(list(ids.values())):
            doc.remove_node(node_id)
        raise
    if additions.steps:
        steps = [replace(step, node=ids.get(step.node, step.node)) for step in additions.steps]
        write_plan(doc, read_plan(doc) + steps)
    return ids


def place_additions(doc: GraphDocument | None, additions: Additions) -> None:
    """Lay out the new nodes below whatever the document holds: each connected part of the
    batch gets a layered layout of its own, stacked top to bottom in program order (seed 000
    builds three independent graphs under the same names; they should not interleave).

    Raises GraphEditError if the document would refuse a node (the parts are built with its
    public methods, under ids "n<k>" so that ties follow creation order as in a real document).
    """
    links = nx.Graph()
    links.add_nodes_from(spec.key for spec in additions.nodes)
    links.add_edges_from((src, dst) for src, dst, _ in additions.edges() if is_key(src))
    order = {spec.key: i for i, spec in enumerate(additions.nodes)}
    parts = sorted(nx.connected_components(links), key=lambda part: min(order[k] for k in part))
    top, left = 0.0, 0.0
    if doc is not None and len(doc):
        top = max(d.pos[1] for d in doc.nodes()) + 1.5 * ROW_SPACING
        left = min(d.pos[0] for d in doc.nodes())
    for part in parts:
        piece = GraphDocument()
        specs = [spec for spec in additions.nodes if spec.key in part]
        for spec in specs:
            piece.add_node(spec.op, name=spec.name, params=dict(spec.params),
                           node_id=f"n{spec.key[1:]}")
        for src, dst, port in additions.edges():
            if dst in part and is_key(src):
                piece.connect(f"n{src[1:]}", f"n{dst[1:]}", port)
        laid_out = layered_positions(piece)
        min_y = min(y for _, y in laid_out.values())
        # A part that uses cards already there starts right of them, so that its wires run
        # forward (they looped back from the inputs' right side to cards below them).
        start = max([left, *(doc.node(src).pos[0] + DEFAULT_SIZE[0] + COLUMN_GAP
                             for src, dst, _port in additions.edges()
                             if dst in part and not is_key(src) and doc is not None
                             and doc.has_node(src))])
        for spec in specs:
            x, y = laid_out[f"n{spec.key[1:]}"]
            spec.pos = (start + x, top + y - min_y)
        top = max(spec.pos[1] for spec in specs) + 1.5 * ROW_SPACING
