"""Where the animation's labels go: near what they describe, never on a node card or another label.

Pure geometry on (left, top, right, bottom) tuples, so it is cheap and testable without a display.
A label is tried at its preferred spots first (the middle of its edge, the sides of its card), then
at growing distances from them; the first free place wins. Far from its spot, a label gets a leader
line back to it (the overlay draws that), so it still reads as belonging to its edge or card.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

Rect = tuple[float, float, float, float]
Point = tuple[float, float]

CARD_MARGIN = 5.0      # air between a label and a card (ports stick out of cards a little)
LABEL_MARGIN = 2.0     # air between two labels


def intersects(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inflate(rect: Rect, by: float) -> Rect:
    return rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by


def segment_hits(start: Point, end: Point, rect: Rect) -> bool:
    """Whether the segment from `start` to `end` passes through `rect` (Liang–Barsky clipping)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, start[0] - rect[0]), (dx, rect[2] - start[0]),
                 (-dy, start[1] - rect[1]), (dy, rect[3] - start[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def leader_end(center: Point, spots: Sequence[Point], anchor: Rect | None) -> Point:
    """Where a label's leader line ends: the nearest point of its card (`anchor`), else its
    nearest spot on its edge."""
    if anchor is not None:
        return (min(max(center[0], anchor[0]), anchor[2]),
                min(max(center[1], anchor[1]), anchor[3]))
    return min(spots, key=lambda p: math.hypot(p[0] - center[0], p[1] - center[1]))


def centred(center: Point, width: float, height: float) -> Rect:
    return (center[0] - width / 2, center[1] - height / 2,
            center[0] + width / 2, center[1] + height / 2)


def _slide_into(frame: Rect, center: Point, width: float, height: float) -> Point | None:
    """`center` moved the least that puts the label inside `frame`; None if it cannot fit."""
    if frame[2] - frame[0] < width or frame[3] - frame[1] < height:
        return None
    return (min(max(center[0], frame[0] + width / 2), frame[2] - width / 2),
            min(max(center[1], frame[1] + height / 2), frame[3] - height / 2))


def _offsets(width: float, height: float, reach: float) -> list[Point]:
    """Moves away from a spot, nearest first: up and down in half-label steps, sideways a little."""
    dy_step, dx_step = height * 0.55 + 1.0, max(width * 0.3, 8.0)
    rows = int(reach // dy_step)
    columns = int(min(reach, width) // dx_step)
    moves = [(i * dx_step, j * dy_step) for j in range(-rows, rows + 1)
             for i in range(-columns, columns + 1)]
    moves.sort(key=lambda m: (math.hypot(m[0] * 0.7, m[1]), abs(m[0]), m[1]))
    return moves


class LabelLayout:
    """Labels placed one after the other, each around the cards and the labels placed before it."""

    def __init__(self, cards: Sequence[Rect], frame: Rect | None = None) -> None:
        self.cards = [inflate(card, CARD_MARGIN) for card in cards]
        self.frame = frame
        self.placed: list[Rect] = []

    def place(self, width: float, height: float, spots: Sequence[Point], *, reach: float,
              must: bool, anchor: Rect | None = None,
              further: bool = False) -> Point | None:
        """The centre for a `width` × `height` label, as close to one of `spots` as room allows.

        Labels that `must` show (the step on show) may, when no free place exists within `reach`,
        overlap other labels but still not a card; a label that need not show gets None instead.
        A label that may go `further` (an edge's last gradient) looks up to three times `reach`
        away, then lets its leader line cross a card, then overlaps labels, never a card.
        Nor may its leader line (to `anchor`, its card, or to its nearest spot) cross a card.
        """
        if not spots:
            return None
        # (how far, clear of labels, inside the frame, leader line clear of cards)
        passes = [(reach, True, True, True), (reach, True, False, True)]
        if further and not must:
            passes += [(reach * 3, True, True, True), (reach * 3, True, False, True),
                       (reach * 3, True, False, False), (reach * 3, False, False, True)]
        if must:
            # Still never on a card: further away, clear of other labels if room allows (two
            # steps' labels on one another read as neither), over them only if it has to be.
            passes += [(reach * 3, True, True, True), (reach * 3, True, False, True),
                       (reach * 3, True, False, False), (reach * 3, False, False, True),
                       (reach * 3, False, False, False)]
        for distance, avoid_labels, framed, clear_leader in passes:
            if framed and self.frame is None:
                continue
            center = self._free(width, height, spots, distance, avoid_labels, framed, anchor,
                                clear_leader)
            if center is not None:
                self.placed.append(centred(center, width, height))
                return center
        if not must:
            return None
        self.placed.append(centred(spots[0], width, height))
        return spots[0]

    def _free(self, width: float, height: float, spots: Sequence[Point], reach: float,
              avoid_labels: bool, framed: bool, anchor: Rect | None,
              clear_leader: bool) -> Point | None:
        candidates = [(spot[0] + dx, spot[1] + dy) for dx, dy in _offsets(width, height, reach)
                      for spot in spots]
        # Only obstacles near this label's possible places matter (a big graph has many).
        xs = [c[0] for c in candidates]
        ys = [c[1] for c in candidates]
        region = (min(xs) - width, min(ys) - height, max(xs) + width, max(ys) + height)
        cards = [c for c in self.cards if intersects(c, region)]
        obstacles = list(cards)
        if avoid_labels:
            obstacles += [inflate(p, LABEL_MARGIN) for p in self.placed if intersects(p, region)]
        for center in candidates:
            if framed:
                # A label wider than the room beside its spot slides along into the frame
                # (what Fit to View shows) rather than hanging off the screen's edge.
                center = _slide_into(self.frame, center, width, height)
                if center is None:
                    continue
            left, top = center[0] - width / 2, center[1] - height / 2
            right, bottom = left + width, top + height
            # (intersects() inlined: a replay step of a big graph tests millions of pairs)
            if any(left < o[2] and o[0] < right and top < o[3] and o[1] < bottom
                   for o in obstacles):
                continue
            if not clear_leader:
                return center
            end = leader_end(center, spots, anchor)
            if not _leader_blocked(center, end, cards):
                return center
        return None


def _leader_blocked(center: Point, end: Point, cards: Sequence[Rect]) -> bool:
    """Whether the leader line from `center` to `end` crosses a card other than the one it
    ends on. A card beside the line's bounding box is passed over without the clipping test:
    most of a big graph's cards are (every step of a replay places dozens of labels)."""
    x0, x1 = (center[0], end[0]) if center[0] <= end[0] else (end[0], center[0])
    y0, y1 = (center[1], end[1]) if center[1] <= end[1] else (end[1], center[1])
    ex, ey = end
    for c in cards:
        if c[2] < x0 or c[0] > x1 or c[3] < y0 or c[1] > y1:
            continue
        if c[0] <= ex <= c[2] and c[1] <= ey <= c[3]:
            continue
        if segment_hits(center, end, c):
            return True
    return False
