"""Layered left-to-right layout: one column per topological generation, rows centred.

Sources (inputs, constants) sit one column left of their first consumer rather than all in
column 0, so a constant like the 2 in x ** 2 stays next to where it is used. An edge that
skips columns reserves a lane (an invisible row) in each column it crosses, so it does not run
through the nodes there. Rows are ordered by a few barycentre sweeps (fewer crossings), ties
by creation order, so the result is stable for a given document.
"""
from __future__ import annotations

import networkx as nx

from explorer.document.graph_document import GraphDocument

LAYER_SPACING = 220.0
ROW_SPACING = 110.0
SWEEPS = 4

Vertex = str | tuple[str, str, int]   # a node id, or ("lane", src, column) for a long edge


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


def _with_lanes(doc: GraphDocument, layer: dict[str, int]) -> tuple[
        dict[Vertex, int], dict[Vertex, set[Vertex]], dict[Vertex, set[Vertex]]]:
    """Every vertex's column, and its neighbours one column left (up) and right (down)."""
    column: dict[Vertex, int] = dict(layer)
    up: dict[Vertex, set[Vertex]] = {v: set() for v in column}
    down: dict[Vertex, set[Vertex]] = {v: set() for v in column}
    for src, dst, _ in doc.edges():
        previous: Vertex = src
        # Edges from one source share its lane in each column they cross.
        for depth in range(layer[src] + 1, layer[dst]):
            lane: Vertex = ("lane", src, depth)
            if lane not in column:
                column[lane], up[lane], down[lane] = depth, set(), set()
            up[lane].add(previous)
            down[previous].add(lane)
            previous = lane
        up[dst].add(previous)
        down[previous].add(dst)
    return column, up, down


def layered_positions(doc: GraphDocument) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} for every node; deterministic for a given document."""
    layer = _layers(doc)
    if not layer:
        return {}
    column, up, down = _with_lanes(doc, layer)
    creation = {node_id: i for i, node_id in enumerate(doc.topological_order())}

    def tie(v: Vertex) -> tuple[int, int]:
        return (creation[v], 0) if isinstance(v, str) else (creation[v[1]], 1)

    columns: dict[int, list[Vertex]] = {}
    for v in sorted(column, key=tie):
        columns.setdefault(column[v], []).append(v)
    row: dict[Vertex, float] = {}

    def place(depth: int) -> None:
        members = columns[depth]
        for i, v in enumerate(members):
            row[v] = i - (len(members) - 1) / 2

    def reorder(depth: int, neighbours: dict[Vertex, set[Vertex]]) -> None:
        def key(v: Vertex) -> tuple[float, tuple[int, int]]:
            rows = [row[n] for n in neighbours[v]]
            return (sum(rows) / len(rows) if rows else row[v], tie(v))
        columns[depth].sort(key=key)
        place(depth)

    depths = sorted(columns)
    for depth in depths:
        place(depth)
    for _ in range(SWEEPS):
        for depth in depths[1:]:
            reorder(depth, up)
        for depth in reversed(depths[:-1]):
            reorder(depth, down)
    left = depths[0]
    return {v: ((column[v] - left) * LAYER_SPACING, row[v] * ROW_SPACING)
            for v in sorted(layer, key=tie)}


def apply_layout(doc: GraphDocument) -> None:
    """Move every node to its layered position (one NodeChanged event per moved node)."""
    for node_id, pos in layered_positions(doc).items():
        if doc.node(node_id).pos != pos:
            doc.move_node(node_id, pos)
