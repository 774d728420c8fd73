"""Layered left-to-right layout: one column per topological generation, rows centred.

Sources (inputs, constants) sit one column left of their first consumer rather than all in
column 0, so a constant like the 2 in x ** 2 stays next to where it is used. Inside a column,
nodes are ordered by the mean row of their inputs (fewer crossings), ties by creation order.
"""
from __future__ import annotations

import networkx as nx

from explorer.document.graph_document import GraphDocument

LAYER_SPACING = 220.0
ROW_SPACING = 110.0


def _layers(doc: GraphDocument) -> dict[str, int]:
    graph = doc.graph
    layer: dict[str, int] = {}
    for depth, generation in enumerate(nx.topological_generations(graph)):
        for node_id in generation:
            layer[node_id] = depth
    for node_id in layer:
        successors = list(graph.successors(node_id))
        if graph.in_degree(node_id) == 0 and successors:
            layer[node_id] = min(layer[s] for s in successors) - 1
    return layer


def layered_positions(doc: GraphDocument) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} for every node; deterministic for a given document."""
    layer = _layers(doc)
    creation = {node_id: i for i, node_id in enumerate(doc.topological_order())}
    columns: dict[int, list[str]] = {}
    for node_id in sorted(layer, key=creation.__getitem__):
        columns.setdefault(layer[node_id], []).append(node_id)
    row: dict[str, float] = {}
    positions: dict[str, tuple[float, float]] = {}
    for depth in sorted(columns):
        def barycentre(node_id: str) -> tuple[float, int]:
            rows = [row[p] for p in doc.graph.predecessors(node_id) if p in row]
            return (sum(rows) / len(rows) if rows else 0.0, creation[node_id])
        column = sorted(columns[depth], key=barycentre)
        for i, node_id in enumerate(column):
            row[node_id] = i - (len(column) - 1) / 2
            positions[node_id] = (depth * LAYER_SPACING, row[node_id] * ROW_SPACING)
    if positions:
        # Start at x = 0 whatever the leftmost column is (sources may sit at layer -1).
        left = min(x for x, _ in positions.values())
        positions = {n: (x - left, y) for n, (x, y) in positions.items()}
    return positions


def apply_layout(doc: GraphDocument) -> None:
    """Move every node to its layered position (one NodeChanged event per moved node)."""
    for node_id, pos in layered_positions(doc).items():
        if doc.node(node_id).pos != pos:
            doc.move_node(node_id, pos)
