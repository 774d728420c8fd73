"""What the animation draws on the canvas: lit nodes, travelling pulses, chain-rule labels, notes.

Warm orange carries values forward, cool blue carries gradients backward. The step on show gets
the full chain rule on its edges and a headline beside its node; earlier steps leave one short
label per edge. Every label is placed around the node cards and the other labels
(label_placement.py), so none ever covers a card. The overlay owns a few
pooled graphics items (pulses and labels) and reuses them from step to step; node and edge items
are only touched when what they show changes, so a 200-node graph stays smooth.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.animation.label_placement import LabelLayout, leader_end
from explorer.canvas import colors
from explorer.canvas.chain_rule_plots import (
    ChainPart,
    chain_rule_parts,
    chain_rule_text,
    draw_chain_rule,
    strip_size,
)
from explorer.canvas.hover_highlight import HoverHighlight
from explorer.canvas.legend import legend_box
from explorer.canvas.node_item import NodeItem
from explorer.core.i18n import translate
from explorer.core.replay.explain import (
    edge_label,
    format_number,
    preview,
    shape_text,
    uniform_value,
)
from explorer.core.replay.group_steps import GroupStep
from explorer.core.replay.timeline import (
    BACKWARD,
    AccumulateStep,
    BackwardNodeStep,
    ForwardStep,
    NodeDisplay,
    Step,
    Timeline,
)

FORWARD_COLOR = colors.STATE["active-forward"]
BACKWARD_COLOR = colors.STATE["active-backward"]
PAST_COLOR = QColor("#5b7fa6")
# style -> (point size, bold): the step on show is large enough for a projector; earlier
# contributions stay as a small, quiet trail.
# A "tag" is a note about the step on show; a "note" a standing one (no gradient flows here).
LABEL_STYLES = {"headline": (12.5, True), "current": (10.5, True), "compact": (9.0, False),
                "tag": (8.5, False), "note": (8.5, False)}
LABEL_PADDING = {"headline": (9, 5), "current": (7, 3), "compact": (5, 1), "tag": (6, 2),
                 "note": (6, 2)}
QUIET_STYLES = ("compact", "note")   # not drawn when zoomed out too far to read them
TAG_COLOR = colors.BADGE["info"][1]
COMPACT_MIN_ZOOM = 0.6    # below this zoom the trail is too small to read and is not drawn
# Zoomed out (a big graph fitted to the window), the step on show grows back towards its
# readable size: up to this factor, never past its size at this zoom.
MAX_LABEL_BOOST, READABLE_ZOOM = 1.8, 0.9
# Cards farther than this from the frame cannot meet a label (a label goes at most three times
# its reach, boosted, from its card): the label layout leaves them out.
CARDS_REACH = 2000.0
PULSE_RADIUS = 9.0
CARD_Z = 1.0              # the z of a node card at rest (NodeItem's own; 1.5 when selected)
LABEL_ITEMS = 6           # elements a label previews before it elides (a 2×3 tensor fits)
LABEL_SPOTS = (0.5, 0.35, 0.65, 0.2, 0.8)   # where along its edge a label may sit, in order
MAX_TRAIL_LABELS = 60     # earlier contributions still labelled; older ones are left out
MAX_AVOIDED_LABELS = 80   # past this many labels on screen, the trail is left out
LEADER_MIN_GAP = 6.0      # a label further than this from its spot draws a leader line


def _short(value: Any) -> str:
    """A label's preview: a small tensor whole (a 2×3 fits), a big one as its first items."""
    numel = value.numel() if hasattr(value, "numel") else 1
    return preview(value, LABEL_ITEMS if numel <= LABEL_ITEMS else 3)


def _shortest(value: Any, *, compact: bool = False) -> str:
    """A passing gradient in as few characters as possible: '0.75 (2×2)' when all are equal;
    `compact` (the trail) previews only the first two elements of a tensor that differ."""
    same = uniform_value(value)
    shape = shape_text(value)
    if same is not None and shape:
        return f"{format_number(same)} ({shape})"
    if compact:
        numel = value.numel() if hasattr(value, "numel") else 1
        return preview(value, 2 if numel > 2 else LABEL_ITEMS)
    return _short(value)


def _ease(t: float) -> float:
    """Smooth start and arrival of a pulse."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


class PulseItem(QGraphicsItem):
    """A glowing dot travelling along an edge; its gradient brush is built once per colour."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(30)   # over cards and edges, under the labels it must not hide
        self._brush = QBrush()
        self._rect = QRectF(-2 * PULSE_RADIUS, -2 * PULSE_RADIUS, 4 * PULSE_RADIUS,
                            4 * PULSE_RADIUS)
        self.color = QColor()

    def set_color(self, color: QColor) -> None:
        if color == self.color:
            return
        self.color = QColor(color)
        glow = QRadialGradient(QPointF(0, 0), 2 * PULSE_RADIUS)
        glow.setColorAt(0.0, QColor(255, 255, 255))
        glow.setColorAt(0.25, color)
        faded = QColor(color)
        faded.setAlpha(90)
        glow.setColorAt(0.5, faded)
        faded.setAlpha(0)
        glow.setColorAt(1.0, faded)
        self._brush = QBrush(glow)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._brush)
        painter.drawEllipse(self._rect)


class FlowLabel(HoverHighlight, QGraphicsItem):
    """A label for an edge or a node, in one of the LABEL_STYLES.

    "headline": the step on show, in large type beside its node; "current": the chain rule on an
    edge of the step on show; "tag": a muted note on a card during the step; "compact" (an
    earlier contribution) and "note" (no gradient flows here): small and quiet, drawn only when
    zoomed in far enough to read them, or under the mouse. A label placed away from what it
    describes draws a thin leader line back to it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._fonts = {}
        for style, (size, bold) in LABEL_STYLES.items():
            font = QFont("DejaVu Sans Mono")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSizeF(size)
            font.setBold(bold)
            self._fonts[style] = (font, QFontMetricsF(font))
        self._text = ""
        self._color = QColor()
        self._rect = QRectF()
        self._anchor: QPointF | None = None    # the leader line's end, in item coordinates
        self._plots: list[ChainPart] = []   # the chain rule's mini plots under the text
        self.style = "current"

    def text(self) -> str:
        return self._text

    def plots(self) -> list[ChainPart]:
        return list(self._plots)

    def set_content(self, text: str, color: QColor, style: str = "current",
                    tooltip: str = "", plots: list[ChainPart] | None = None) -> None:
        if style not in LABEL_STYLES:
            raise ValueError(f"unknown label style {style!r}; expected one of "
                             f"{sorted(LABEL_STYLES)}")
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(style in QUIET_STYLES)
        plots = list(plots or [])
        if text == self._text and color == self._color and style == self.style \
                and [id(p.tensor) for p in plots] == [id(p.tensor) for p in self._plots]:
            return
        self.prepareGeometryChange()
        self._text, self._color, self.style, self._plots = text, QColor(color), style, plots
        metrics = self._fonts[style][1]
        lines = text.splitlines() or [""]
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() * len(lines)
        if plots:
            strip_w, strip_h = strip_size(plots)
            width, height = max(width, strip_w), height + strip_h + 4
        pad_x, pad_y = LABEL_PADDING[style]
        self._rect = QRectF(-width / 2 - pad_x, -height / 2 - pad_y, width + 2 * pad_x,
                            height + 2 * pad_y)
        self.setZValue({"compact": 34, "note": 34, "tag": 35, "current": 36, "headline": 37}[style])
        self.update()

    def box(self) -> QRectF:
        """The label's box in scene coordinates (without its leader line)."""
        return self.mapRectToScene(self._rect)

    def set_anchor(self, anchor: QPointF | None) -> None:
        """Draw a leader line to `anchor` (scene coordinates), or none."""
        self.prepareGeometryChange()
        self._anchor = None if anchor is None else self.mapFromScene(anchor)

    def boundingRect(self) -> QRectF:
        rect = self._rect.adjusted(-2, -2, 2, 2)
        if self._anchor is not None:
            rect = rect.united(QRectF(self._anchor, self._anchor).adjusted(-4, -4, 4, 4))
        return rect

    def fill(self) -> QColor:
        """The label's background: a card's, so that it is light or dark with the theme."""
        fill = QColor(colors.CARD)
        if self.style in ("compact", "tag", "note"):
            fill.setAlpha(230)
        return fill

    def ink(self) -> QColor:
        """The text's colour: the label's own, deepened on a light card, lifted on a dark one."""
        if self.style in ("compact", "tag", "note"):
            return QColor(self._color)
        return self._color.lighter(115) if colors.is_dark() else self._color.darker(125)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        compact = self.style in ("compact", "tag", "note")
        if self.style in QUIET_STYLES and not self._hovered and \
                option.levelOfDetailFromTransform(painter.worldTransform()) < COMPACT_MIN_ZOOM:
            return      # too small to read: a zoomed-out graph stays clean (hover shows it)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._anchor is not None:
            end = self._anchor
            start = QPointF(min(max(end.x(), self._rect.left()), self._rect.right()),
                            min(max(end.y(), self._rect.top()), self._rect.bottom()))
            leader = QColor(self._color)
            leader.setAlpha(150 if compact else 220)
            painter.setPen(QPen(leader, 1.0 if compact else 1.6))
            painter.drawLine(start, end)
            painter.setBrush(leader)
            painter.drawEllipse(end, 2.5, 2.5)
        if compact:
            painter.setPen(QPen(QColor(self._color.red(), self._color.green(), self._color.blue(),
                                       120), 1.0))
        else:
            painter.setPen(QPen(self._color, 2.0 if self.style == "current" else 2.5))
        painter.setBrush(self.fill())
        radius = self._rect.height() / 2 if len(self._text.splitlines()) <= 1 else 6
        painter.drawRoundedRect(self._rect, radius, radius)
        painter.setPen(self.ink())
        painter.setFont(self._fonts[self.style][0])
        if not self._plots:
            painter.drawText(self._rect, int(Qt.AlignmentFlag.AlignCenter), self._text)
            return
        pad_x, pad_y = LABEL_PADDING[self.style]
        inner = self._rect.adjusted(pad_x, pad_y, -pad_x, -pad_y)
        text_h = self._fonts[self.style][1].height() * len(self._text.splitlines())
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), text_h),
                         int(Qt.AlignmentFlag.AlignCenter), self._text)
        strip = QRectF(inner.left(), inner.top() + text_h + 4, inner.width(),
                       inner.height() - text_h - 4)
        draw_chain_rule(painter, strip, self._plots, self._fonts[self.style][0], self.ink())


class _Pool:
    """Items created on demand, hidden instead of deleted, reused in order."""

    def __init__(self, scene, factory) -> None:
        self._scene = scene
        self._factory = factory
        self._items: list = []
        self._used = 0

    def begin(self) -> None:
        self._used = 0

    def take(self):
        if self._used == len(self._items):
            item = self._factory()
            self._scene.addItem(item)
            self._items.append(item)
        item = self._items[self._used]
        self._used += 1
        item.setVisible(True)
        return item

    def end(self) -> None:
        for item in self._items[self._used:]:
            item.setVisible(False)

    def remove_all(self) -> None:
        for item in self._items:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._items.clear()
        self._used = 0


class CanvasOverlay:
    """Draws one animation position of a Timeline onto a GraphScene."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self._pulses = _Pool(scene, PulseItem)
        self._labels = _Pool(scene, FlowLabel)
        self._travel: list[tuple[PulseItem, Any, bool]] = []   # (pulse, edge item, backward?)
        self._shown: dict[str, tuple] = {}     # node id -> what was last drawn on it
        self._lit_edges: set = set()
        self._layout = LabelLayout([])
        self._boost = 1.0    # the scale of the step's own labels (see MAX_LABEL_BOOST)
        self._tags: list[tuple[Any, str, str]] = []    # (card, text, style) beside the card
        # The forward step's node, shown computed once its pulses arrive: (item, headline,
        # value, error).
        self._reveal: tuple | None = None
        self._expected: dict[str, int] = {}
        self._expected_for: Timeline | None = None
        self._flow_texts: dict[int, str] = {}
        self.doc: Any = None
        self.evaluation: Any = None

    # ---- public ------------------------------------------------------------------------------

    def show(self, timeline: Timeline, position: int, doc: Any, evaluation: Any) -> None:
        """Draw the state after `position` steps; steps[position - 1] is the one lit."""
        self.doc, self.evaluation = doc, evaluation
        if self._expected_for is not timeline:
            # How many contributions each node will receive in all: "1 + …" until they are in.
            self._expected_for = timeline
            self._flow_texts = {}
            self._expected = {step.node_id: len(step.received) for step in timeline.steps
                              if isinstance(step, (BackwardNodeStep, AccumulateStep))
                              and not getattr(step, "internal", False)}
        if self._reveal is not None:
            # The step before was left while its pulses travelled (Step pressed quickly): its
            # node is computed now; the nodes' pass below hides it again if this step precedes it.
            item, _headline, value, error = self._reveal
            self._reveal = None
            item.show_result(value, error, True)
        views = self.scene.views()
        zoom = views[0].transform().m11() if views else 1.0
        self._boost = min(MAX_LABEL_BOOST, max(1.0, READABLE_ZOOM / max(zoom, 1e-6)))
        state = timeline.state_at(position)
        current = timeline.steps[position - 1] if position > 0 else None
        self._draw_nodes(timeline, state, current)
        self._draw_edges(timeline, position, current)

    def set_progress(self, progress: float) -> None:
        """Move the pulses of the lit step: 0 = just started, 1 = arrived (hidden)."""
        t = _ease(progress)
        for pulse, edge, backward in self._travel:
            pulse.setVisible(progress < 1.0)
            pulse.setPos(edge.point_at(1.0 - t if backward else t))
        if progress >= 1.0 and self._reveal is not None:
            item, headline, value, error = self._reveal
            self._reveal = None
            item.show_result(value, error, True)
            if headline is not None:
                headline.setVisible(True)

    def clear(self, *, restore: bool = True) -> None:
        """Remove every effect; with `restore`, the cards show the engine's own state again
        (without it the caller redraws them, e.g. after an edit re-evaluated the document)."""
        self._pulses.remove_all()
        self._labels.remove_all()
        self._travel = []
        for node_id in list(self._shown):
            item = self.scene.node_item(node_id)
            if item is not None:
                item.set_state("normal")
                item.setZValue(CARD_Z + (0.5 if item.isSelected() else 0.0))
        for edge in self._lit_edges:
            if edge.scene() is not None:
                edge.set_state("normal")
        self._shown.clear()
        self._lit_edges.clear()
        if restore and self.evaluation is not None:
            self.scene.apply_evaluation(self.evaluation)
        # The evaluation belongs to the replay just cleared: after an edit or another file it
        # would put old values on cards that happen to have the same ids.
        self.evaluation = None

    # ---- nodes -------------------------------------------------------------------------------

    def _draw_nodes(self, timeline: Timeline, state: Mapping[str, NodeDisplay],
                    current: Step | None) -> None:
        backward = timeline.kind == BACKWARD
        self._tags = []
        for node_id, display in state.items():
            item = self.scene.node_item(node_id)
            if item is None:
                continue
            active = current is not None and current.node_id == node_id \
                and not getattr(current, "internal", False)
            node_state = ("active-backward" if backward else "active-forward") if active \
                else "done" if display.visited else "normal"
            if backward:
                tag = self._tag(node_id, display, active)
                if tag is not None:
                    self._tags.append((item, *tag))
            drawn = (node_state, display.computed, id(display.grad) if backward else None)
            if self._shown.get(node_id) == drawn:
                continue
            previous = self._shown.get(node_id)
            self._shown[node_id] = drawn
            item.set_state(node_state)
            item.setZValue(CARD_Z + (1 if active else 0))
            # Cards already show computed values; only a change of that needs a redraw (a
            # redraw also re-reads .grad, which during backward is already the final one).
            if (previous is None and not display.computed) or \
                    (previous is not None and previous[1] != display.computed):
                value = self.evaluation.values.get(node_id) if display.computed else None
                item.show_result(value, self.evaluation.errors.get(node_id) if display.computed
                                 else None, display.computed)
            if backward and (previous is None or previous[2] != drawn[2]):
                # Backward has already run: the card must show .grad as it was at this step
                # (the card's own "grad:" line; the headline tells how it grew).
                item.show_grad(display.grad)

    def _tag(self, node_id: str, display: NodeDisplay, active: bool) -> tuple[str, str] | None:
        """A short note beside a card that its own text cannot say: no gradient flows in,
        gradients arriving to be summed, or a non-leaf passing its gradient on."""
        if not self.doc.has_node(node_id):
            return None     # a folded group's card: its step's headline speaks for it
        node = self.doc.node(node_id)
        value = self.evaluation.values.get(node_id)
        if node.op == "constant" or not hasattr(value, "requires_grad"):
            return None
        if not value.requires_grad:
            return translate("CanvasOverlay", "grad: None (requires_grad=False)"), "note"
        if value.is_leaf or node.params.get("retain_grad"):
            return None     # the card shows .grad itself
        if display.gradient is not None:
            # Said while the node has its turn; afterwards the card's "non-leaf" tag says it.
            return (translate("CanvasOverlay", "grad {grad} passed on, not kept (non-leaf)").format(
                grad=_shortest(display.gradient, compact=True)), "tag") if active else None
        if display.incoming:
            parts = " + ".join(_shortest(c, compact=True) for c in display.incoming)
            if len(display.incoming) < self._expected.get(node_id, 0):
                return translate("CanvasOverlay", "grad arriving: {parts} + …").format(
                    parts=parts), "tag"
            return translate("CanvasOverlay", "grad arriving: {parts}").format(parts=parts), "tag"
        return None

    # ---- edges -------------------------------------------------------------------------------

    def _edge(self, src: str, dst: str, port: str | None):
        return None if port is None else self.scene.edge_item(src, dst, port)

    def _draw_edges(self, timeline: Timeline, position: int, current: Step | None) -> None:
        self._pulses.begin()
        self._labels.begin()
        self._travel = []
        # What Fit to View shows (the cards and a margin), cut to what the view shows now;
        # labels prefer to stay inside it.
        frame = self.scene.nodes_bounding_rect().adjusted(-50, -50, 50, 50)
        obstacles = []
        views = self.scene.views()
        if views:
            view = views[0]
            visible = view.mapToScene(view.viewport().rect()).boundingRect()
            inside = visible.adjusted(4, 4, -4, -4).intersected(frame)
            if not inside.isEmpty():
                frame = inside
            if getattr(view, "legend_visible", False):
                # The legend is drawn over the canvas: a label under it could not be read.
                legend = view.mapToScene(legend_box(
                    view.viewport().rect(), getattr(view, "legend_scale", 1.0)).toRect())
                box = legend.boundingRect()
                obstacles.append((box.left(), box.top(), box.right(), box.bottom()))
            minimap = getattr(getattr(view, "minimap", None), "box", None)
            if minimap is not None:   # the map of a graph larger than the view, likewise
                box = view.mapToScene(minimap.toRect()).boundingRect()
                obstacles.append((box.left(), box.top(), box.right(), box.bottom()))
        self._layout = LabelLayout(self._cards(frame) + obstacles,
                                   (frame.left(), frame.top(), frame.right(), frame.bottom()))
        lit: set = set()
        self._reveal = None
        headline = None
        if current is not None and not getattr(current, "internal", False) and (
                not isinstance(current, BackwardNodeStep) or len(current.received) >= 2):
            headline = self._label_node(current)
            if headline is not None:
                self._bring_into_view(headline.box())
        if isinstance(current, ForwardStep):
            for port, src in self.doc.input_sources(current.node_id).items():
                edge = self._edge(src, current.node_id, port)
                if edge is None:
                    continue
                lit.add(edge)
                self._launch(edge, FORWARD_COLOR, backward=False)
                self._label_edge(edge, _short(self.evaluation.values.get(src)), FORWARD_COLOR)
        elif isinstance(current, GroupStep) and timeline.kind != BACKWARD:
            for src, dst, port in current.entering:   # a folded group's inputs flow in
                edge = self._edge(src, dst, port)
                if edge is not None:
                    lit.add(edge)
                    self._launch(edge, FORWARD_COLOR, backward=False)
        elif timeline.kind == BACKWARD:
            # The step on show is placed first, in full, so the trail moves aside for it; the
            # trail keeps one short label per edge (its latest contribution), newest first.
            labelled: set = set()
            for flow in getattr(current, "flows", ()):
                edge = self._edge(flow.src, flow.dst, flow.port)
                if edge is None:
                    continue
                lit.add(edge)
                labelled.add(edge)
                self._launch(edge, BACKWARD_COLOR, backward=True)
                self._label_flow(edge, flow)
            for item, text, style in self._tags:
                self._label_card(item, text, style)
            for step in reversed(timeline.steps[: max(0, position - 1)]):
                if len(labelled) >= MAX_TRAIL_LABELS:
                    break
                for flow in getattr(step, "flows", ()):
                    edge = self._edge(flow.src, flow.dst, flow.port)
                    if edge is None or edge in labelled:
                        continue
                    labelled.add(edge)
                    self._label_edge(edge, _shortest(flow.contribution, compact=True),
                                     PAST_COLOR, style="compact", tooltip=self._flow_text(flow))
        self._pulses.end()
        self._labels.end()
        for edge in self._lit_edges - lit:
            if edge.scene() is not None:
                edge.set_state("normal")
        for edge in lit - self._lit_edges:
            edge.set_state("active-backward" if timeline.kind == BACKWARD else "active-forward")
        self._lit_edges = lit
        if isinstance(current, ForwardStep) and self._travel:
            # The value appears when the inputs' pulses arrive, not before.
            item = self.scene.node_item(current.node_id)
            if item is not None:
                self._reveal = (item, headline, self.evaluation.values.get(current.node_id),
                                self.evaluation.errors.get(current.node_id))
                item.show_result(None, None, False)
                if headline is not None:
                    headline.setVisible(False)
        self.set_progress(0.0 if self._travel else 1.0)

    def _flow_text(self, flow) -> str:
        text = self._flow_texts.get(id(flow))
        if text is None:
            text = self._flow_texts[id(flow)] = edge_label(flow)
        return text

    def _label_flow(self, edge, flow) -> None:
        """The chain rule on the edge of the step on show: with shapes and mini plots for a
        tensor gradient, else its numbers."""
        parts = chain_rule_parts(flow.upstream, flow.local, flow.contribution,
                                 edge.src_item.name)
        if parts is None:
            self._label_edge(edge, self._flow_text(flow), BACKWARD_COLOR)
            return
        local = "" if flow.local is None else _shortest(flow.local)
        text = chain_rule_text(parts, _shortest(flow.upstream), local)
        self._label_edge(edge, text, BACKWARD_COLOR, plots=parts)

    def _launch(self, edge, color: QColor, *, backward: bool) -> None:
        pulse = self._pulses.take()
        pulse.set_color(color)
        self._travel.append((pulse, edge, backward))

    def _label_edge(self, edge, text: str, color: QColor, style: str = "current",
                    tooltip: str = "", plots: list[ChainPart] | None = None) -> None:
        """A label on its edge (centred on the line), or beside it with a leader line when the
        edge runs too close to cards; a trail label with no free place is left out."""
        must = style != "compact"
        if not must and len(self._layout.placed) >= MAX_AVOIDED_LABELS:
            return          # a huge graph: the trail is left out rather than placed badly
        label = self._labels.take()
        label.set_content(text, color, style, tooltip, plots)
        label.setScale(1.0 if style == "compact" else self._boost)
        spots = [edge.point_at(t) for t in LABEL_SPOTS]
        # A trail label is the edge's last gradient: it goes further rather than vanish.
        self._put(label, [(p.x(), p.y()) for p in spots], reach=140 if must else 70, must=must,
                  further=True)

    def _put(self, label: FlowLabel, spots: list[tuple[float, float]], *, reach: float,
             must: bool, anchor_rect: QRectF | None = None, further: bool = False) -> None:
        """Place `label` with the layout; a leader line joins it to its spot when it sits away
        from it (to the nearest point of `anchor_rect` for a node's headline)."""
        box = label.box()
        anchor = None if anchor_rect is None else (anchor_rect.left(), anchor_rect.top(),
                                                   anchor_rect.right(), anchor_rect.bottom())
        center = self._layout.place(box.width(), box.height(), spots, reach=reach, must=must,
                                    anchor=anchor, further=further)
        if center is None:
            label.setVisible(False)
            label.set_anchor(None)
            return
        label.setPos(QPointF(*center))
        end = QPointF(*leader_end(center, spots, anchor))
        placed = label.box()
        gap_x = max(placed.left() - end.x(), end.x() - placed.right(), 0.0)
        gap_y = max(placed.top() - end.y(), end.y() - placed.bottom(), 0.0)
        label.set_anchor(end if math.hypot(gap_x, gap_y) > LEADER_MIN_GAP else None)

    def _bring_into_view(self, box: QRectF) -> None:
        """Move the view just enough to show the step's headline: beside a card at the view's
        edge the layout may have found room for it only past that edge."""
        views = self.scene.views()
        if not views or not hasattr(views[0], "pan_by"):
            return
        view = views[0]
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        if shown.contains(box) or box.width() > shown.width() or box.height() > shown.height():
            return
        zoom = view.transform().m11()
        margin = 16 / zoom

        def shift(low: float, high: float, shown_low: float, shown_high: float) -> float:
            if low < shown_low:
                return shown_low - low + margin
            return shown_high - high - margin if high > shown_high else 0.0

        dx = shift(box.left(), box.right(), shown.left(), shown.right())
        dy = shift(box.top(), box.bottom(), shown.top(), shown.bottom())
        view.pan_by(dx * zoom, dy * zoom)

    def _cards(self, frame: QRectF) -> list[tuple[float, float, float, float]]:
        """Scene rectangles of the node cards with their ports (and any badge the editor pinned)
        within a label's reach of `frame` (the scene's index finds them: thousands of cards)."""
        reach = CARDS_REACH
        near = frame.adjusted(-reach, -reach, reach, reach)
        rects = []
        for item in self.scene.items(near, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, NodeItem):
                r = item.mapRectToScene(item.boundingRect() | item.childrenBoundingRect())
                rects.append((r.left(), r.top(), r.right(), r.bottom()))
        return rects

    def _label_card(self, item, text: str, style: str) -> None:
        """A muted note just below (or above) its card; left out where the cards leave no room
        (the step panel says it too)."""
        label = self._labels.take()
        label.set_content(text, TAG_COLOR, style)
        label.setScale(self._boost if style == "tag" else 1.0)
        box = label.box()
        card = item.mapRectToScene(item.boundingRect())
        gap = 4.0
        spots = [(card.center().x(), card.bottom() + box.height() / 2 + gap),
                 (card.center().x(), card.top() - box.height() / 2 - gap)]
        self._put(label, spots, reach=90 * self._boost, must=False, anchor_rect=card)

    def _label_node(self, step: Step) -> FlowLabel | None:
        """The headline of the step on show, in large type beside its node: the value just
        computed, the sum where paths meet, or the leaf's .grad growing."""
        item = self.scene.node_item(step.node_id)
        if item is None:
            return None
        color = BACKWARD_COLOR
        name = step.name if isinstance(step, GroupStep) else self.doc.node(step.node_id).name
        if isinstance(step, GroupStep):
            text = translate("CanvasOverlay", "group {name!r} ({ops})").format(
                name=name, ops=", ".join(step.ops))
            if step.kind != BACKWARD:
                color = FORWARD_COLOR
        elif isinstance(step, ForwardStep):
            text, color = f"{name} = {_shortest(step.value)}", FORWARD_COLOR
        elif isinstance(step, BackwardNodeStep):
            parts = " + ".join(_shortest(flow.contribution) for flow in step.received)
            text = f"Σ {parts} = {_shortest(step.grad_output)}"
        else:
            text = f"{name}.grad = " + (
                f"None → {_short(step.after)}" if step.before is None else
                f"{_short(step.before)} + {_short(step.contribution)} = {_short(step.after)}")
            if len(step.received) >= 2:
                parts = " + ".join(_shortest(flow.contribution) for flow in step.received)
                text = f"Σ {parts} = {_shortest(step.contribution)}\n{text}"
        label = self._labels.take()
        label.set_content(text, color, "headline")
        label.setScale(self._boost)
        box = label.box()
        card = item.mapRectToScene(item.boundingRect() | item.childrenBoundingRect())
        half_w, half_h = box.width() / 2, box.height() / 2
        gap = 14.0
        above, below = card.top() - half_h - gap, card.bottom() + half_h + gap
        # Above the card (centred, then flush with either side), below it, then beside it.
        spots = [(card.center().x(), above), (card.left() + half_w, above),
                 (card.right() - half_w, above), (card.center().x(), below),
                 (card.left() - half_w - gap, card.center().y()),
                 (card.right() + half_w + gap, card.center().y())]
        self._put(label, spots, reach=220, must=True, anchor_rect=card)
        return label
