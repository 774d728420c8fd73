"""Auto-layout that keeps each group's cards together: every group is laid out on its own, then
the graph is laid out with each group as one block (the size of its folded card, or of its
cards' frame when unfolded), and the members are put back inside their block.

Without it a layered layout puts a group's members in whichever columns their inputs allow
(a Linear's weight transpose beside the leaves, its addmm far right), and the group's frame
would cover half the graph.
"""
from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from explorer.core.document.graph_document import GraphDocument, NodeData
from explorer.core.document.layout import DEFAULT_SIZE, HEADER_H, PORT_STEP, layered_positions
from explorer.core.document.op_catalog import TRACED_PORTS, traced_op

Size = tuple[float, float]
FRAME_MARGIN, FRAME_TITLE_H = 14.0, 24.0   # as the canvas draws an unfolded group's frame
FOLDED_CARD_W = 200.0
FOLDED_CARD_BODY = 2 * 17.0 + 9.0           # the ops line and the count line
FOLDED_PORTS_Y = HEADER_H + FOLDED_CARD_BODY + PORT_STEP / 2   # its first row of ports


def grouped_positions(doc: GraphDocument, sizes: Mapping[str, Size] | None = None
                      ) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} like layout.layered_positions, each group's members side by side."""
    if not doc.groups:
        return layered_positions(doc, sizes)
    sizes = dict(sizes or {})
    offsets: dict[str, tuple[float, float]] = {}
    block_sizes: dict[str, Size] = {}
    for group in doc.group_list():
        inner = layered_positions(_subdocument(doc, group.members), sizes)
        left = min(x for x, _y in inner.values())
        top = min(y for _x, y in inner.values())
        pad_x, pad_y = (0.0, 0.0) if group.folded else (FRAME_MARGIN, FRAME_MARGIN + FRAME_TITLE_H)
        for node_id, (x, y) in inner.items():
            offsets[node_id] = (x - left + pad_x, y - top + pad_y)
        if group.folded:
            rows = max(len(part) for part in doc.group_ports(group.id))
            block_sizes[group.id] = (FOLDED_CARD_W, HEADER_H + FOLDED_CARD_BODY + rows * PORT_STEP)
        else:
            right = max(offsets[n][0] + sizes.get(n, DEFAULT_SIZE)[0] for n in inner)
            bottom = max(offsets[n][1] + sizes.get(n, DEFAULT_SIZE)[1] for n in inner)
            block_sizes[group.id] = (right + FRAME_MARGIN, bottom + FRAME_MARGIN)
    condensed = _condensed(doc)
    try:
        placed = layered_positions(condensed, {**sizes, **block_sizes}, blocks=doc.groups,
                                   folded_ports={g.id: FOLDED_PORTS_Y for g in doc.group_list()
                                                 if g.folded})
    except nx.NetworkXUnfeasible:   # a group with a gap (refused when made): lay out plainly
        return layered_positions(doc, sizes)
    positions = {}
    for node_id in doc.topological_order():
        group_id = doc.group_of(node_id)
        if group_id is None:
            positions[node_id] = placed[node_id]
        else:
            (x, y), (dx, dy) = placed[group_id], offsets[node_id]
            positions[node_id] = (round(x + dx, 1), round(y + dy, 1))
    return positions


def _subdocument(doc: GraphDocument, members) -> GraphDocument:
    """The members and the wires among them, for laying them out alone (read-only)."""
    sub = GraphDocument()
    sub.graph = doc.graph.subgraph(members).copy()
    return sub


def _condensed(doc: GraphDocument) -> GraphDocument:
    """The graph with each group as one node (a traced op with its entering wires as ports)."""
    condensed = GraphDocument()
    for node_id in doc.graph:
        if doc.group_of(node_id) is None:
            condensed.graph.add_node(node_id, data=doc.node(node_id))
    port_of: dict[tuple[str, str, str], str] = {}
    for group in doc.group_list():
        entering, _leaving = doc.group_ports(group.id)
        arity = max(1, min(len(entering), len(TRACED_PORTS)))
        for i, edge in enumerate(entering):
            port_of[edge] = TRACED_PORTS[min(i, arity - 1)]
        condensed.graph.add_node(group.id, data=NodeData(group.id, traced_op(arity), group.id,
                                                         (0.0, 0.0)))
    for src, dst, port in doc.edges():
        src_unit, dst_unit = doc.group_of(src) or src, doc.group_of(dst) or dst
        if src_unit != dst_unit:
            condensed.graph.add_edge(src_unit, dst_unit, key=port_of.get((src, dst, port), port))
    return condensed
