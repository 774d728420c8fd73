"""Layered left-to-right layout: one column per topological generation, sized to the cards.

Input tensors start in the first column, so a learner finds the data and the parameters
together on the left (the data, without requires_grad, on top or at the bottom unless that
crosses many more wires); a constant sits one column left of its first consumer, next to
where it is used (the 2 in x ** 2). An edge that skips columns reserves a lane (a thin
invisible row) in each column it crosses, so it does not run through the cards there. Rows are
ordered by a few barycentre sweeps (fewer crossings), ties by creation order, so the result is
stable for a given document. A source feeding input port a sorts above one feeding port b of
the same card, so their wires do not cross.

Columns are as wide as their widest card and cards as tall as their content: the caller passes
the real card sizes (`sizes`), else every card counts as DEFAULT_SIZE. Heights are then placed
so that edges run as straight as possible: each card moves towards where its wires come from
(the output port near the top of a card, the input ports below the header), and cards in one
column are kept apart by the least movement that keeps their order (isotonic regression).
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import networkx as nx

from explorer.document.graph_document import GraphDocument
from explorer.document.op_catalog import OPS

# Card geometry the canvas draws (explorer/canvas/node_item.py uses these same numbers).
HEADER_H = 26.0
BODY_TOP = HEADER_H + 5.0
PORT_STEP = 18.0
OUTPUT_Y = HEADER_H / 2                 # the output port, on the header
INPUT_Y = BODY_TOP + PORT_STEP / 2      # the first input port; the next ones PORT_STEP lower

DEFAULT_SIZE = (180.0, 96.0)   # a card's size when the caller does not know it
COLUMN_GAP = 44.0              # room for the edges to curve between two columns
ROW_GAP = 22.0                 # between two cards of one column
ROW_SPACING = DEFAULT_SIZE[1] + ROW_GAP   # one row of default cards, for callers that stack
LANE_H = 20.0                  # a long edge's reserved room in a column it crosses
DATA_SIDE_SLACK = 1 / 3        # the share of extra crossings the data on one side may cost
LANE_WEIGHT = 5.0              # how much more a long edge's lane pulls on its ends
SWEEPS = 4                     # barycentre sweeps that order the rows
PLACEMENTS = 8                 # up-and-down passes that place the rows

Vertex = str | tuple[str, str, int]   # a node id, or ("lane", src, column) for a long edge
Size = tuple[float, float]


def _layers(doc: GraphDocument) -> dict[str, int]:
    graph = doc.graph
    layer: dict[str, int] = {}
    for depth, generation in enumerate(nx.topological_generations(graph)):
        for node_id in generation:
            layer[node_id] = depth
    for node_id in layer:
        successors = list(graph.successors(node_id))
        if graph.in_degree(node_id) == 0 and successors and doc.node(node_id).op != "input":
            layer[node_id] = min(layer[s] for s in successors) - 1
    return layer


def _with_lanes(doc: GraphDocument, layer: dict[str, int]) -> tuple[
        dict[Vertex, int], dict[Vertex, set[Vertex]], dict[Vertex, set[Vertex]],
        list[tuple[Vertex, Vertex, str | None]]]:
    """Every vertex's column, its neighbours one column left (up) and right (down), and the
    wire pieces between neighbours: (left vertex, right vertex, input port or None for a lane)."""
    column: dict[Vertex, int] = dict(layer)
    up: dict[Vertex, set[Vertex]] = {v: set() for v in column}
    down: dict[Vertex, set[Vertex]] = {v: set() for v in column}
    pieces: list[tuple[Vertex, Vertex, str | None]] = []
    for src, dst, port in doc.edges():
        previous: Vertex = src
        # Edges from one source share its lane in each column they cross.
        for depth in range(layer[src] + 1, layer[dst]):
            lane: Vertex = ("lane", src, depth)
            if lane not in column:
                column[lane], up[lane], down[lane] = depth, set(), set()
            if lane not in down[previous]:
                pieces.append((previous, lane, None))
            up[lane].add(previous)
            down[previous].add(lane)
            previous = lane
        up[dst].add(previous)
        down[previous].add(dst)
        pieces.append((previous, dst, port))
    return column, up, down, pieces


def _ordered_columns(doc: GraphDocument, column: dict[Vertex, int],
                     up: dict[Vertex, set[Vertex]], down: dict[Vertex, set[Vertex]],
                     pieces: list[tuple[Vertex, Vertex, str | None]],
                     tie) -> dict[int, list[Vertex]]:
    """The vertices of each column, top to bottom: a few barycentre sweeps, tried with the data
    inputs (no requires_grad) free, kept on top and kept at the bottom; the data stays on one
    side unless that crosses more than DATA_SIDE_SLACK more wires."""
    # Which input port a wire enters, as a fraction of a row: port a above port b.
    port_shift: dict[tuple[Vertex, Vertex], float] = {}
    for left, right, port in pieces:
        if port is not None and isinstance(right, str):
            ports = OPS[doc.node(right).op].inputs
            shift = 0.5 * ports.index(port) / len(ports)
            port_shift[(left, right)] = min(shift, port_shift.get((left, right), shift))
    data = {v for v in column if isinstance(v, str) and doc.node(v).op == "input"
            and not doc.node(v).params.get("requires_grad")}

    def sweep(pin: float) -> dict[int, list[Vertex]]:
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
                if v in data and pin:
                    return (pin, tie(v))
                rows = [row[n] + port_shift.get((v, n), 0.0) for n in neighbours[v]]
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
        return columns

    def crossings(columns: dict[int, list[Vertex]]) -> int:
        rank = {v: i for members in columns.values() for i, v in enumerate(members)}
        ends = [(column[left], rank[left], rank[right] + port_shift.get((left, right), 0.0))
                for left, right, _port in pieces]
        return sum(1 for (d1, l1, r1), (d2, l2, r2) in itertools.combinations(ends, 2)
                   if d1 == d2 and (l1 - l2) * (r1 - r2) < 0)

    free = sweep(0.0)
    if not data:
        return free
    # The data on one side reads better: worth a few more crossings, not many.
    allowed = crossings(free) * (1 + DATA_SIDE_SLACK)
    sided = min((sweep(-math.inf), sweep(math.inf)), key=crossings)
    return sided if crossings(sided) <= allowed else free


def _keep_apart(desired: list[float], heights: list[float]) -> list[float]:
    """Tops as close as possible (least squares) to `desired`, in order, never overlapping.

    With offsets o_i (the room the cards above need), top_i - o_i must not decrease: pool
    adjacent violators on desired_i - o_i, then add the offsets back.
    """
    offsets, total = [], 0.0
    for h in heights:
        offsets.append(total)
        total += h + ROW_GAP
    blocks: list[list[float]] = []   # [sum, count] of pooled values
    for d, o in zip(desired, offsets):
        blocks.append([d - o, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
    tops: list[float] = []
    for s, n in blocks:
        tops += [s / n] * int(n)
    return [z + o for z, o in zip(tops, offsets)]


def layered_positions(doc: GraphDocument, sizes: Mapping[str, Size] | None = None
                      ) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} (top-left corners) for every node; deterministic for a given document
    and sizes. `sizes` maps node ids to card (width, height); missing ones are DEFAULT_SIZE."""
    layer = _layers(doc)
    if not layer:
        return {}
    sizes = sizes or {}
    column, up, down, pieces = _with_lanes(doc, layer)
    creation = {node_id: i for i, node_id in enumerate(doc.topological_order())}

    def tie(v: Vertex) -> tuple[int, int]:
        return (creation[v], 0) if isinstance(v, str) else (creation[v[1]], 1)

    def size(v: Vertex) -> Size:
        return tuple(sizes.get(v, DEFAULT_SIZE)) if isinstance(v, str) else (0.0, LANE_H)

    def out_y(v: Vertex) -> float:
        return OUTPUT_Y if isinstance(v, str) else LANE_H / 2

    def in_y(v: Vertex, port: str | None) -> float:
        if port is None or not isinstance(v, str):
            return LANE_H / 2
        return INPUT_Y + OPS[doc.node(v).op].inputs.index(port) * PORT_STEP

    columns = _ordered_columns(doc, column, up, down, pieces, tie)
    depths = sorted(columns)
    top: dict[Vertex, float] = {}
    for depth in depths:   # start stacked and centred on y = 0
        heights = [size(v)[1] for v in columns[depth]]
        stacked = _keep_apart([0.0] * len(heights), heights)
        shift = (stacked[-1] + heights[-1]) / 2
        top.update({v: t - shift for v, t in zip(columns[depth], stacked)})

    # Where each wire piece would like its ends: the port heights level.
    wants_from_left: dict[Vertex, list[tuple[Vertex, float]]] = {v: [] for v in column}
    wants_from_right: dict[Vertex, list[tuple[Vertex, float]]] = {v: [] for v in column}
    for left, right, port in pieces:
        lift = out_y(left) - in_y(right, port)   # right's top = left's top + lift
        wants_from_left[right].append((left, lift))
        wants_from_right[left].append((right, -lift))

    def settle(depth: int, use_left: bool, use_right: bool) -> None:
        members = columns[depth]
        desired = []
        for v in members:
            wishes = (wants_from_left[v] if use_left else []) + \
                     (wants_from_right[v] if use_right else [])
            # A wire drawn past a column runs straight from port to port, not through its
            # lane: the ends of a long edge follow the lane more, so the wire stays in it.
            weights = [LANE_WEIGHT if not isinstance(n, str) else 1.0 for n, _lift in wishes]
            desired.append(sum(w * (top[n] + lift) for w, (n, lift) in zip(weights, wishes))
                           / sum(weights) if wishes else top[v])
        placed = _keep_apart(desired, [size(v)[1] for v in members])
        top.update(zip(members, placed))

    for _ in range(PLACEMENTS):
        for depth in depths[1:]:
            settle(depth, True, False)
        for depth in reversed(depths[:-1]):
            settle(depth, False, True)
    for depth in depths:
        settle(depth, True, True)

    left_edge: dict[int, float] = {}
    x = 0.0
    for depth in depths:
        left_edge[depth] = x
        x += max((size(v)[0] for v in columns[depth] if isinstance(v, str)), default=0.0) \
            + COLUMN_GAP
    middle = (min(top[v] for v in layer) + max(top[v] + size(v)[1] for v in layer)) / 2
    positions = {}
    for v in sorted(layer, key=tie):
        depth = column[v]
        width = size(v)[0]
        column_w = max(size(n)[0] for n in columns[depth] if isinstance(n, str))
        # A source's wire leaves from its right side: it sits against the next column.
        x = left_edge[depth] + (column_w - width if doc.graph.in_degree(v) == 0 else 0.0)
        positions[v] = (round(x, 1), round(top[v] - middle, 1))
    return positions


def cards_overlap(doc: GraphDocument) -> bool:
    """True when two cards share one position (a file without positions, or one that stacked
    every card on [0, 0]): one would hide the other, so the graph needs a layout."""
    positions = [data.pos for data in doc.nodes()]
    return len(set(positions)) < len(positions)


def apply_layout(doc: GraphDocument, sizes: Mapping[str, Size] | None = None) -> None:
    """Move every node to its layered position (one NodeChanged event per moved node)."""
    for node_id, pos in layered_positions(doc, sizes).items():
        if doc.node(node_id).pos != pos:
            doc.move_node(node_id, pos)
