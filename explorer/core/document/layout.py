"""Layered left-to-right layout: one column per topological generation, sized to the cards.

Input tensors start in the first column (unless first used more than INPUT_REACH columns to the
right, or used only by groups: a traced module's parameters sit beside their layer), so a
learner finds the data and the parameters together on the left (the data, without requires_grad,
on top or at the bottom unless that crosses many more wires); a constant sits one
column left of its first consumer, next to where it is used (the 2 in x ** 2). An edge that
skips columns reserves a lane (a thin invisible row) in each column it crosses, so it does not
run through the cards there. Rows are ordered by a few barycentre sweeps (fewer crossings), ties
by creation order, so the result is stable for a given document. A source feeding input port a
sorts above one feeding port b of the same card, so their wires do not cross. A deep stack of
layers (a long path that most operations lie on) keeps that path on one row, the other cards
making way, and each layer's inputs sit beside it.

Columns are as wide as their widest card and cards as tall as their content: the caller passes
the real card sizes (`sizes`), else every card counts as DEFAULT_SIZE. Heights are then placed
so that edges run as straight as possible: each card moves towards where its wires come from
(the output port near the top of a card, the input ports below the header), and cards in one
column are kept apart by the least movement that keeps their order (isotonic regression).
A wire is drawn as one curve from port to port, not through its lanes: a small graph is placed
both ways, with the lanes level with their wire's ends and with each lane where the curve passes
its column (as tall as the curve's fall across it), and the drawing that runs no wire through a
card and crosses fewest wires is kept.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Collection, Mapping

import networkx as nx

from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS

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
INPUT_REACH = 4                # columns an input's first use may lie right of the first column
LANE_H = 20.0                  # a long edge's reserved room in a column it crosses
DATA_SIDE_SLACK = 1 / 3        # the share of extra crossings the data on one side may cost
FLAT_WEIGHT = 3.0              # how much a wire past columns wants level ends
LANE_WEIGHT = 5.0              # how much more a long edge's lane pulls on its ends
DEEP_CHAIN = 8                 # wires between operations from which the longest path is level
SPINE_SHARE = 0.85             # ... if at least this share of the operations lie on it
CHAIN_WEIGHT = 1e6             # the level chain's cards stay put; the others make way
SWEEPS = 4                     # barycentre sweeps that order the rows
TRANSPOSE_LIMIT = 1500         # vertices up to which neighbours are swapped after the sweeps
TRANSPOSE_ROUNDS = 8           # passes over every column swapping neighbours
CHOOSE_BY_DRAWING = 60         # cards up to which every candidate order is placed and drawn
PLACEMENTS = 8                 # up-and-down passes that place the rows
WIRE_SEGMENTS = 24             # straight pieces of a drawn wire, to find where it runs
ARROW_LENGTH = 14.5            # a wire ends this far left of its card (port radius and arrow head)
WIRE_CLEARANCE = 6.0           # room kept between a passing wire and a card
CLEARING_ROUNDS = 12           # passes that move cards off the wires passing them
# Past this many vertices (cards and lanes) one pass of each kind: a big graph opens in seconds,
# and its order and heights are still the barycentre's; only the polishing passes are skipped.
LARGE_GRAPH = 3000

Vertex = str | tuple[str, str, int]   # a node id, or ("lane", src, column) for a long edge
Size = tuple[float, float]


def _depths(doc: GraphDocument) -> dict[str, int]:
    """Each node's topological generation (its longest path from an input)."""
    return {node_id: depth
            for depth, generation in enumerate(nx.topological_generations(doc.graph))
            for node_id in generation}


def _layers(doc: GraphDocument, blocks: Collection[str] = (), spine: Collection[str] = (),
            depth: dict[str, int] | None = None) -> dict[str, int]:
    graph = doc.graph
    layer = dict(_depths(doc) if depth is None else depth)
    for node_id in layer:
        successors = list(graph.successors(node_id))
        if graph.in_degree(node_id) == 0 and successors:
            nearest = min(layer[s] for s in successors) - 1
            # An input used only far to the right sits beside its use: lanes from the first
            # column to each of them would grow with the square of a big graph's size. So does
            # a module's parameter, and a layer's in a deep stack of layers (_main_chain).
            if (doc.node(node_id).op != "input" or nearest > INPUT_REACH
                    or all(s in blocks or s in spine for s in successors)):
                layer[node_id] = nearest
    return layer


def _main_chain(doc: GraphDocument,
                depth: dict[str, int] | None = None) -> set[tuple[str, str]]:
    """The wires of the graph's longest path that join two operations (its first wire, from an
    input, runs straight into it), if it is the graph's spine: a stack of layers, DEEP_CHAIN or
    more such wires long, with nearly every operation on it and no input used far apart. Else
    none. Their ends keep one row: wires drawn port to port step up a little at every card (a
    side input's port is lower still), which down a deep stack of layers climbs across the
    canvas. Branches off the path, or a weight shared down it (an unrolled recurrence), would
    have to run their wires across that row: they are left to the crossings."""
    graph = doc.graph
    depth = _depths(doc) if depth is None else depth
    for node_id in graph:
        uses = [depth[s] for s in graph.successors(node_id)]
        if graph.in_degree(node_id) == 0 and uses and max(uses) - min(uses) > INPUT_REACH:
            return set()
    if not depth:
        return set()
    creation = {node_id: i for i, node_id in enumerate(doc.topological_order())}
    node = max(depth, key=lambda n: (depth[n], creation[n]))
    links: set[tuple[str, str]] = set()
    while depth[node]:
        ports = OPS[doc.node(node).op].inputs
        entering = {}
        for src, _dst, port in graph.in_edges(node, keys=True):
            if depth[src] == depth[node] - 1:
                rank = (ports.index(port), creation[src])
                entering[src] = min(rank, entering.get(src, rank))
        previous = min(entering, key=entering.__getitem__)
        if graph.in_degree(previous):
            links.add((previous, node))
        node = previous
    operations = sum(1 for n in graph if graph.in_degree(n))
    on_chain = len(links) + 1
    return links if len(links) >= DEEP_CHAIN and on_chain >= operations * SPINE_SHARE else set()


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
                     tie) -> list[tuple[int, dict[int, list[Vertex]], bool]]:
    """Candidate orders of each column's vertices, top to bottom, as (crossings between the
    columns, columns, data kept on one side): barycentre and median sweeps, then neighbours
    swapped while that crosses fewer wires, each tried with the data inputs (no requires_grad)
    free, kept on top and kept at the bottom."""
    # Which input port a wire enters, as a fraction of a row: port a above port b.
    port_shift: dict[tuple[Vertex, Vertex], float] = {}
    for left, right, port in pieces:
        if port is not None and isinstance(right, str):
            ports = OPS[doc.node(right).op].inputs
            shift = 0.5 * ports.index(port) / len(ports)
            port_shift[(left, right)] = min(shift, port_shift.get((left, right), shift))
    data = {v for v in column if isinstance(v, str) and doc.node(v).op == "input"
            and not doc.node(v).params.get("requires_grad")}

    def crossings(columns: dict[int, list[Vertex]]) -> int:
        rank = {v: i for members in columns.values() for i, v in enumerate(members)}
        gaps: dict[int, list[tuple[float, float]]] = {}
        for left, right, _port in pieces:
            gaps.setdefault(column[left], []).append(
                (rank[left], rank[right] + port_shift.get((left, right), 0.0)))
        return sum(count_crossings(ends) for ends in gaps.values())

    def sweep(pin: float, middle) -> tuple[int, dict[int, list[Vertex]]]:
        """(crossings, columns): the best order met in SWEEPS sweeps that sort each column by
        the `middle` (mean or median) of its neighbours' rows."""
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
                return (middle(rows) if rows else row[v], tie(v))
            columns[depth].sort(key=key)
            place(depth)

        depths = sorted(columns)
        for depth in depths:
            place(depth)
        best = (crossings(columns), {d: list(m) for d, m in columns.items()})
        for _ in range(SWEEPS if len(column) <= LARGE_GRAPH else 1):
            for depth in depths[1:]:
                reorder(depth, up)
            for depth in reversed(depths[:-1]):
                reorder(depth, down)
            count = crossings(columns)
            if count < best[0]:
                best = (count, {d: list(m) for d, m in columns.items()})
        return best

    def ordered(pin: float) -> list[tuple[int, dict[int, list[Vertex]]]]:
        if len(column) > LARGE_GRAPH:
            return [sweep(pin, _mean)]
        found = [sweep(pin, _mean), sweep(pin, _median)]
        if len(column) <= TRANSPOSE_LIMIT:
            for _count, columns in list(found):
                swapped = _transposed({d: list(m) for d, m in columns.items()}, up, down,
                                      port_shift, pin, data)
                found.append((crossings(swapped), swapped))
        return found

    free = [(count, columns, False) for count, columns in ordered(0.0)]
    if not data:
        return free
    sided = [(count, columns, True) for pin in (-math.inf, math.inf)
             for count, columns in ordered(pin)]
    return free + sided


def _transposed(columns: dict[int, list[Vertex]], up: dict[Vertex, set[Vertex]],
                down: dict[Vertex, set[Vertex]], port_shift: dict[tuple[Vertex, Vertex], float],
                pin: float, data: set) -> dict[int, list[Vertex]]:
    """Swap neighbours in a column while that crosses fewer wires (dot's "transpose" step,
    which sorting by barycentres alone misses). Pinned data inputs keep their side."""
    rank = {v: i for members in columns.values() for i, v in enumerate(members)}

    def ends(v: Vertex) -> tuple[list[float], list[float]]:
        left = [rank[n] for n in up[v]]
        right = [rank[n] + port_shift.get((v, n), 0.0) for n in down[v]]
        return left, right

    def crossed(upper: Vertex, lower: Vertex) -> int:
        """Wires of `upper` and `lower` that cross while `upper` sits right above `lower`."""
        (upper_left, upper_right), (lower_left, lower_right) = ends(upper), ends(lower)
        return (sum(1 for a in upper_left for b in lower_left if a > b)
                + sum(1 for a in upper_right for b in lower_right if a > b))

    for _ in range(TRANSPOSE_ROUNDS):
        improved = False
        for members in columns.values():
            for i in range(len(members) - 1):
                upper, lower = members[i], members[i + 1]
                if pin and (upper in data) != (lower in data):
                    continue
                if crossed(lower, upper) < crossed(upper, lower):
                    members[i], members[i + 1] = lower, upper
                    rank[lower], rank[upper] = i, i + 1
                    improved = True
        if not improved:
            break
    return columns


def _mean(rows: list[float]) -> float:
    return sum(rows) / len(rows)


def _median(rows: list[float]) -> float:
    rows = sorted(rows)
    half = len(rows) // 2
    return rows[half] if len(rows) % 2 else (rows[half - 1] + rows[half]) / 2


def count_crossings(ends: list[tuple[float, float]]) -> int:
    """How many pairs of wires between two columns cross, given each wire's (row on the left,
    row on the right): pairs in opposite order on the two sides. Wires that share an end do not
    cross. A merge sort counts the inversions: O(n log n), not a test of every pair."""
    rights = [right for _left, right in sorted(ends)]

    def sort_counting(values: list[float]) -> tuple[list[float], int]:
        if len(values) < 2:
            return values, 0
        half = len(values) // 2
        first, a = sort_counting(values[:half])
        second, b = sort_counting(values[half:])
        merged, count, i = [], a + b, 0
        for value in second:
            while i < len(first) and first[i] <= value:
                merged.append(first[i])
                i += 1
            count += len(first) - i   # every remaining left value is greater: one crossing each
            merged.append(value)
        merged += first[i:]
        return merged, count

    return sort_counting(rights)[1]


def _keep_apart(desired: list[float], heights: list[float],
                weights: list[float] | None = None) -> list[float]:
    """Tops as close as possible (least squares, each card's miss counted `weights` times) to
    `desired`, in order, never overlapping.

    With offsets o_i (the room the cards above need), top_i - o_i must not decrease: pool
    adjacent violators on desired_i - o_i, then add the offsets back.
    """
    offsets, total = [], 0.0
    for h in heights:
        offsets.append(total)
        total += h + ROW_GAP
    blocks: list[list[float]] = []   # [weighted sum, weight, count] of pooled values
    for d, o, w in zip(desired, offsets, weights or [1.0] * len(desired)):
        blocks.append([(d - o) * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w
            blocks[-1][2] += n
    tops: list[float] = []
    for s, w, n in blocks:
        tops += [s / w] * n
    return [z + o for z, o in zip(tops, offsets)]


def layered_positions(doc: GraphDocument, sizes: Mapping[str, Size] | None = None,
                      blocks: Collection[str] = (), folded_ports: Mapping[str, float] | None = None
                      ) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} (top-left corners) for every node; deterministic for a given document
    and sizes. `sizes` maps node ids to card (width, height); missing ones are DEFAULT_SIZE.
    `blocks`: the nodes that stand for groups; an input used only by them sits beside its use.
    `folded_ports`: the blocks drawn as folded cards, each with the y of its first row of ports
    (one port a row from there, on both sides, below the card's text)."""
    folded_ports = folded_ports or {}
    depth = _depths(doc)
    chain = _main_chain(doc, depth)
    layer = _layers(doc, blocks, {v for link in chain for v in link}, depth)
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
        if not isinstance(v, str):
            return LANE_H / 2
        return folded_ports.get(v, OUTPUT_Y)

    def in_y(v: Vertex, port: str | None) -> float:
        if port is None or not isinstance(v, str):
            return LANE_H / 2
        return folded_ports.get(v, INPUT_Y) + OPS[doc.node(v).op].inputs.index(port) * PORT_STEP

    candidates = _ordered_columns(doc, column, up, down, pieces, tie)
    # The data on one side reads better: worth a few more crossings, not many.
    free = min((c for c in candidates if not c[2]), key=lambda c: c[0])
    sided = min((c for c in candidates if c[2]), key=lambda c: c[0], default=None)
    chosen = sided if sided is not None and sided[0] <= free[0] * (1 + DATA_SIDE_SLACK) else free
    if len(layer) > CHOOSE_BY_DRAWING:
        return _placed(doc, layer, column, pieces, chosen[1], size, tie, out_y, in_y,
                       chain=chain, folded=folded_ports)
    # A small graph: each order is placed and drawn, its lanes level or following the curves,
    # and the one whose wires cross no card and each other least wins (the data on one side
    # again worth DATA_SIDE_SLACK more crossings; on a tie, the order chosen between the
    # columns above, placed with level lanes).
    from explorer.core.document.layout_quality import edge_crossings, edges_through_cards

    def drawn(choice) -> tuple[float, float, bool]:
        candidate, curves = choice
        positions = _placed(doc, layer, column, pieces, candidate[1], size, tie, out_y, in_y,
                            curves, chain, folded_ports)
        crossed = edge_crossings(doc, positions, sizes)
        return (len(edges_through_cards(doc, positions, sizes)),
                crossed / (1 + DATA_SIDE_SLACK) if candidate[2] else crossed,
                choice != (chosen, False))

    unique = {repr(c[1]) + str(c[2]): c for c in candidates if c is not chosen}
    best, curves = min([(c, curves) for c in [chosen, *unique.values()]
                        for curves in (False, True)], key=drawn)
    return _placed(doc, layer, column, pieces, best[1], size, tie, out_y, in_y, curves, chain,
                   folded_ports)


def _placed(doc: GraphDocument, layer: dict[str, int], column: dict[Vertex, int],
            pieces: list[tuple[Vertex, Vertex, str | None]], columns: dict[int, list[Vertex]],
            size, tie, out_y, in_y, curves: bool = False,
            chain: Collection[tuple[str, str]] = (), folded: Collection[str] = ()
            ) -> dict[str, tuple[float, float]]:
    """Top-left corners for the nodes of `columns` (each column's order kept). A long edge's
    lanes run level with its ends, or with `curves`, where its drawn curve passes them; the
    `chain`'s wires (_main_chain) keep their cards level, or their ports where a `folded` card
    (its ports low, below its text) is at either end."""
    depths = sorted(columns)
    top: dict[Vertex, float] = {}
    for depth in depths:   # start stacked and centred on y = 0
        heights = [size(v)[1] for v in columns[depth]]
        stacked = _keep_apart([0.0] * len(heights), heights)
        shift = (stacked[-1] + heights[-1]) / 2
        top.update({v: t - shift for v, t in zip(columns[depth], stacked)})

    left_edge: dict[int, float] = {}
    column_w: dict[int, float] = {}
    x = 0.0
    for depth in depths:
        left_edge[depth] = x
        column_w[depth] = max((size(v)[0] for v in columns[depth] if isinstance(v, str)),
                              default=0.0)
        x += column_w[depth] + COLUMN_GAP
    # A source's wire leaves from its right side: it sits against the next column.
    x_of = {v: left_edge[column[v]] + (column_w[column[v]] - size(v)[0]
                                       if doc.graph.in_degree(v) == 0 else 0.0) for v in layer}

    # Where each vertex's top would like to be, as wishes sum(c * top[u]) = rhs - above[lane];
    # each vertex lists the wishes it takes part in, with the side they come from (left, right
    # or both) and how much they weigh for it. A wire piece wants its port heights level.
    wishes: list[tuple[tuple[tuple[Vertex, float], ...], float, Vertex | None]] = []
    # The chain's cards follow only each other (level), and the others make way for them.
    on_chain = {v for link in chain for v in link}
    level_wishes: set[int] = set()
    taking: dict[Vertex, list[tuple[int, str, float]]] = {v: [] for v in column}
    height: dict[Vertex, float] = {v: size(v)[1] for v in column}
    above: dict[Vertex, float] = {}   # a lane's room above the curves it carries, mid-column
    sweeps = []   # (lane, src, dst, src port y, dst port y, how far down at the lane's column)
    for left, right, port in pieces:
        if curves and not (isinstance(left, str) and isinstance(right, str)):
            continue
        # A wire drawn past a column runs straight from port to port, not through its lane:
        # the ends of a long edge follow the lane more, so the wire stays in it.
        level = (left, right) in chain
        if level:
            level_wishes.add(len(wishes))
        taking[right].append((len(wishes), "left", 1.0 if isinstance(left, str) else LANE_WEIGHT))
        taking[left].append((len(wishes), "right", 1.0 if isinstance(right, str) else LANE_WEIGHT))
        ports_level = not level or left in folded or right in folded
        wishes.append((((right, 1.0), (left, -1.0)),
                       out_y(left) - in_y(right, port) if ports_level else 0.0, None))
    for src, dst, port in doc.edges() if curves else ():
        # Here each lane wants to lie where the drawn curve passes its column, as tall as the
        # curve falls (or rises) across it, and the ends follow their lanes.
        lanes = range(layer[src] + 1, layer[dst])
        if lanes:   # and, a little, level ends, as a short wire wants
            taking[dst].append((len(wishes), "left", FLAT_WEIGHT))
            taking[src].append((len(wishes), "right", FLAT_WEIGHT))
            wishes.append((((dst, 1.0), (src, -1.0)), out_y(src) - in_y(dst, port), None))
        start, end = x_of[src] + size(src)[0], left_edge[layer[dst]] - ARROW_LENGTH
        for depth in lanes:
            along = tuple(_curve_height((x - start) / (end - start)) for x in (
                left_edge[depth], left_edge[depth] + column_w[depth] / 2,
                left_edge[depth] + column_w[depth]))
            lane: Vertex = ("lane", src, depth)
            above[lane] = LANE_H / 2
            weight = LANE_WEIGHT / len(lanes)
            taking[lane].append((len(wishes), "both", 1.0))
            taking[src].append((len(wishes), "right", weight))
            taking[dst].append((len(wishes), "left", weight))
            s = along[1]
            wishes.append((((lane, 1.0), (src, s - 1.0), (dst, -s)),
                           (1 - s) * out_y(src) + s * in_y(dst, port), lane))
            sweeps.append((lane, src, dst, out_y(src), in_y(dst, port), along))

    def widen_lanes() -> None:
        """Each lane as tall as its curves sweep across its column, and a clearance."""
        reach: dict[Vertex, tuple[float, float]] = {}
        for lane, src, dst, start_y, end_y, along in sweeps:
            y0, y1 = top[src] + start_y, top[dst] + end_y
            ys = [y0 + (y1 - y0) * s for s in along]
            rise, fall = reach.get(lane, (0.0, 0.0))
            reach[lane] = (max(rise, ys[1] - min(ys)), max(fall, max(ys) - ys[1]))
        for lane, (rise, fall) in reach.items():   # centred on the curve, or it drifts
            above[lane] = max(rise, fall, LANE_H / 2 - WIRE_CLEARANCE) + WIRE_CLEARANCE
            height[lane] = 2 * above[lane]

    def settle(depth: int, use_left: bool, use_right: bool) -> None:
        members = columns[depth]
        desired = []
        for v in members:
            pull = push = 0.0   # least squares: sum(w * a * (rhs - others)) / sum(w * a * a)
            for index, side, weight in taking[v]:
                if side == "left" and not use_left or side == "right" and not use_right:
                    continue
                if v in on_chain and index not in level_wishes:
                    continue
                terms, rhs, lane = wishes[index]
                rhs -= above.get(lane, 0.0)
                a = 0.0
                for u, c in terms:
                    if u == v:
                        a = c
                    else:
                        rhs -= c * top[u]
                pull += weight * a * rhs
                push += weight * a * a
            desired.append(pull / push if push else top[v])
        placed = _keep_apart(desired, [height[v] for v in members],
                             [CHAIN_WEIGHT if v in on_chain else 1.0 for v in members])
        top.update(zip(members, placed))

    for _ in range(PLACEMENTS if len(column) <= LARGE_GRAPH else 1):
        for depth in depths[1:]:
            settle(depth, True, False)
        for depth in reversed(depths[:-1]):
            settle(depth, False, True)
        widen_lanes()
    for depth in depths:
        settle(depth, True, True)

    column_x = {depth: (left_edge[depth], left_edge[depth] + column_w[depth]) for depth in depths}
    _clear_wires(doc, layer, columns, top, x_of, column_x, size, out_y, in_y)
    middle = (min(top[v] for v in layer) + max(top[v] + size(v)[1] for v in layer)) / 2
    return {v: (round(x_of[v], 1), round(top[v] - middle, 1)) for v in sorted(layer, key=tie)}


def _curve_height(along: float) -> float:
    """How far (0 to 1) a drawn wire has come down (or up) to its end, `along` (0 to 1) the way
    across: wire_polyline's cubic, whose handles reach half-way, solved for its parameter."""
    low, high = 0.0, 1.0
    for _ in range(30):
        t = (low + high) / 2
        if 1.5 * t * (1 - t) + t ** 3 < along:
            low = t
        else:
            high = t
    t = (low + high) / 2
    return t * t * (3 - 2 * t)


def wire_polyline(start: tuple[float, float], end: tuple[float, float],
                  segments: int = WIRE_SEGMENTS) -> list[tuple[float, float]]:
    """The wire the canvas draws from an output port at `start` to the arrow's base at `end`
    (explorer/canvas/edge_item.py's `curve`: a cubic that leaves and arrives horizontally), as
    `segments` straight pieces."""
    bend = max(40.0, abs(end[0] - start[0]) * 0.5)
    x0, x1, x2, x3 = start[0], start[0] + bend, end[0] - bend, end[0]
    y0, y3 = start[1], end[1]
    return [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y0 + c * y3 + d * y3)
            for a, b, c, d in _bernstein(segments)]


@functools.cache
def _bernstein(segments: int) -> tuple[tuple[float, float, float, float], ...]:
    """The cubic's four weights at each of `segments` + 1 evenly spaced parameters."""
    return tuple(((1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3)
                 for t in (i / segments for i in range(segments + 1)))


def _clear_wires(doc: GraphDocument, layer: dict[str, int], columns: dict[int, list[Vertex]],
                 top: dict[Vertex, float], x_of: dict[str, float], column_x: dict[int, tuple[
                     float, float]], size, out_y, in_y) -> None:
    """Move cards off the wires that pass their column: a wire is drawn straight from port to
    port, not through its lane, so it may still cut a card there. The card and the cards beyond
    it (below or above, away from the wire) move apart, which keeps each column's order."""
    cards = {depth: [v for v in members if isinstance(v, str)]
             for depth, members in columns.items()}
    height = {v: size(v)[1] for v in layer}
    long_edges = [(src, dst, port) for src, dst, port in doc.edges()
                  if layer[dst] - layer[src] > 1]
    # A card squeezed between two wires would bounce between them: once pushed down, it and the
    # cards below it keep moving down until it lies below both.
    pushed_down: set[str] = set()
    vertices = sum(len(members) for members in columns.values())
    for _ in range(CLEARING_ROUNDS if vertices <= LARGE_GRAPH else 1):
        moved = False
        for src, dst, port in long_edges:
            start = (x_of[src] + size(src)[0], top[src] + out_y(src))
            end = (x_of[dst] - ARROW_LENGTH, top[dst] + in_y(dst, port))
            points = wire_polyline(start, end)
            xs = [x for x, _y in points]   # x grows along the wire
            for depth in range(layer[src] + 1, layer[dst]):
                left, right = column_x[depth]
                first = max(bisect.bisect_left(xs, left) - 1, 0)
                ys = [y for _x, y in points[first:bisect.bisect_right(xs, right) + 1]]
                low, high = min(ys) - WIRE_CLEARANCE, max(ys) + WIRE_CLEARANCE
                members = cards[depth]
                for i, v in enumerate(members):   # top to bottom
                    if top[v] >= high:
                        break
                    if low >= top[v] + height[v]:
                        continue
                    if (low + high) / 2 <= top[v] + height[v] / 2 or v in pushed_down:
                        top[v] = high   # the wire runs above: down below it
                        pushed_down.add(v)
                        _push_apart(members[i:], top, height)
                    else:
                        top[v] = low - height[v]
                        _push_apart(members[i::-1], top, height, up=True)
                    moved = True
                    break   # the column changed: the next wire looks again
        if not moved:
            return


def _push_apart(cards: list[Vertex], top: dict[Vertex, float], height: dict[Vertex, float],
                up: bool = False) -> None:
    """After cards[0] moved, move the next cards (below it, or above it when `up`) only as far
    as they must to keep a row gap: the rest of the column stays where it was placed."""
    for before, card in itertools.pairwise(cards):
        if up:
            limit = top[before] - ROW_GAP - height[card]
            if top[card] <= limit:
                return
        else:
            limit = top[before] + height[before] + ROW_GAP
            if top[card] >= limit:
                return
        top[card] = limit


def cards_overlap(doc: GraphDocument) -> bool:
    """True when two cards share one position (a file without positions, or one that stacked
    every card on [0, 0]): one would hide the other, so the graph needs a layout."""
    positions = [data.pos for data in doc.nodes()]
    return len(set(positions)) < len(positions)


def apply_layout(doc: GraphDocument, sizes: Mapping[str, Size] | None = None) -> None:
    """Move every node to its layered position (one NodeChanged event per moved node); a
    group's members stay together (group_layout)."""
    from explorer.core.document.group_layout import grouped_positions  # it builds on this

    for node_id, pos in grouped_positions(doc, sizes).items():
        if doc.node(node_id).pos != pos:
            doc.move_node(node_id, pos)
