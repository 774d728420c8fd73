"""How readable a placement is: wires that cross, and wires that run through a card.

Counted on the wires as the canvas draws them (explorer/canvas/edge_item.py's `curve`: a cubic
from the output port, leaving and arriving horizontally), flattened into short segments. Meant
for tests and the layout report (the README's table); it compares every pair of wires, so it is
not called while the editor runs.
"""
from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy

from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.layout import (
    ARROW_LENGTH,
    DEFAULT_SIZE,
    INPUT_Y,
    OUTPUT_Y,
    PORT_STEP,
    Size,
    wire_polyline,
)
from explorer.core.document.op_catalog import OPS

Point = tuple[float, float]
INSET = 2.0      # a wire touching a card's rim (its own port) does not count as running through


def wire_points(doc: GraphDocument, positions: Mapping[str, Point], src: str, dst: str,
                port: str, sizes: Mapping[str, Size] | None = None) -> list[Point]:
    """The drawn wire src -> dst.port as a polyline."""
    sizes = sizes or {}
    (sx, sy), (dx, dy) = positions[src], positions[dst]
    start = (sx + sizes.get(src, DEFAULT_SIZE)[0], sy + OUTPUT_Y)
    end = (dx - ARROW_LENGTH, dy + INPUT_Y + OPS[doc.node(dst).op].inputs.index(port) * PORT_STEP)
    return wire_polyline(start, end)


def _runs_right(points: list[Point]) -> bool:
    return all(x0 < x1 for (x0, _y0), (x1, _y1) in itertools.pairwise(points))


def _box(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs), max(xs), min(ys), max(ys)


def _boxes_apart(one: tuple[float, ...], other: tuple[float, ...]) -> bool:
    return one[1] < other[0] or other[1] < one[0] or one[3] < other[2] or other[3] < one[2]


def _polylines_cross(one: list[Point], other: list[Point]) -> bool:
    if _runs_right(one) and _runs_right(other):
        # Two wires drawn left to right cross where their heights change order.
        low = max(one[0][0], other[0][0])
        high = min(one[-1][0], other[-1][0])
        xs = sorted({x for x, _y in one + other if low <= x <= high})
        if not xs:
            return False
        gaps = numpy.interp(xs, *zip(*one)) - numpy.interp(xs, *zip(*other))
        return bool((gaps > 1e-9).any() and (gaps < -1e-9).any())
    # Every segment of one against every segment of the other, at once.
    a, c = numpy.array(one), numpy.array(other)
    a, b = a[:-1, None, :], a[1:, None, :]
    c, d = c[None, :-1, :], c[None, 1:, :]
    return bool(((_sides(a, b, c) * _sides(a, b, d) < 0)
                 & (_sides(c, d, a) * _sides(c, d, b) < 0)).any())


def _sides(p: numpy.ndarray, q: numpy.ndarray, r: numpy.ndarray) -> numpy.ndarray:
    """Which side of p -> q each r lies on (the sign), for arrays of points. Two segments cross
    where each one's ends lie on strictly opposite sides of the other: touching or running along
    each other is not a crossing."""
    return ((q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1])
            - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0]))


def edge_crossings(doc: GraphDocument, positions: Mapping[str, Point],
                   sizes: Mapping[str, Size] | None = None) -> int:
    """How many pairs of drawn wires cross; wires that share a card are not counted (they meet
    at its ports by design)."""
    wires = []
    for src, dst, port in doc.edges():
        points = wire_points(doc, positions, src, dst, port, sizes)
        wires.append(({src, dst}, _box(points), points))
    # Wires whose boxes lie apart (most of them) are not compared segment by segment.
    return sum(1 for (ends1, box1, one), (ends2, box2, other) in itertools.combinations(wires, 2)
               if not ends1 & ends2 and not _boxes_apart(box1, box2)
               and _polylines_cross(one, other))


def edges_through_cards(doc: GraphDocument, positions: Mapping[str, Point],
                        sizes: Mapping[str, Size] | None = None) -> list[tuple[str, str, str]]:
    """The wires that pass over a card other than their own two ends."""
    sizes = sizes or {}
    cards = {node_id: (x + INSET, y + INSET, x + sizes.get(node_id, DEFAULT_SIZE)[0] - INSET,
                       y + sizes.get(node_id, DEFAULT_SIZE)[1] - INSET)
             for node_id, (x, y) in positions.items()}
    through = []
    for src, dst, port in doc.edges():
        dense = _dense(wire_points(doc, positions, src, dst, port, sizes))
        box = _box(dense)
        for node_id, (left, top, right, bottom) in cards.items():
            if node_id in (src, dst) or _boxes_apart(box, (left, right, top, bottom)):
                continue
            if any(
                    left < x < right and top < y < bottom for x, y in dense):
                through.append((src, dst, port))
                break
    return through


def _dense(points: list[Point], per_segment: int = 4) -> list[Point]:
    """Points along the polyline, close enough that none steps over a card's corner unseen."""
    dense = [points[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        dense += [(x0 + (x1 - x0) * k / per_segment, y0 + (y1 - y0) * k / per_segment)
                  for k in range(1, per_segment + 1)]
    return dense
