"""What the animation draws on the canvas: lit nodes, travelling pulses, chain-rule labels, badges.

Warm orange carries values forward, cool blue carries gradients backward. The overlay owns a few
pooled graphics items (pulses and labels) and reuses them from step to step; node and edge items
are only touched when what they show changes, so a 200-node graph stays smooth.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QRadialGradient
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from explorer.animation.explain import (
    edge_label,
    format_number,
    preview,
    shape_text,
    uniform_value,
)
from explorer.animation.timeline import (
    BACKWARD,
    AccumulateStep,
    BackwardStep,
    ForwardStep,
    NodeDisplay,
    Step,
    Timeline,
)
from explorer.canvas import palette_colors as colors
from explorer.i18n import translate

FORWARD_COLOR = colors.STATE["active-forward"]
BACKWARD_COLOR = colors.STATE["active-backward"]
PAST_COLOR = QColor("#5b7fa6")
LABEL_POINT_SIZE = 13.0        # the step on show: readable on a projector
PAST_LABEL_POINT_SIZE = 9.5    # earlier contributions stay as a quieter trail
PULSE_RADIUS = 9.0
CARD_Z = 1.0              # the z of a node card at rest (NodeItem's own; 1.5 when selected)
BADGE_ITEMS = 6           # elements a badge previews before it elides (a 2×3 tensor fits)
LABEL_SPOTS = (0.5, 0.35, 0.65, 0.2, 0.8)   # where along its edge a label may sit, in order
MAX_TRAIL_LABELS = 60     # earlier contributions still labelled; older ones fade out entirely
MAX_AVOIDED_LABELS = 80   # labels placed around each other; past that they sit on their edges


def _short(value: Any) -> str:
    """A badge's preview: a small tensor whole (a 2×3 fits), a big one as its first items."""
    numel = value.numel() if hasattr(value, "numel") else 1
    return preview(value, BADGE_ITEMS if numel <= BADGE_ITEMS else 3)


def _shortest(value: Any) -> str:
    """A passing gradient in as few characters as possible: '0.75 (2×2)' when all are equal."""
    same = uniform_value(value)
    shape = shape_text(value)
    if same is not None and shape:
        return f"{format_number(same)} ({shape})"
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
        self._rect = QRectF(-2 * PULSE_RADIUS, -2 * PULSE_RADIUS, 4 * PULSE_RADIUS, 4 * PULSE_RADIUS)
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


class FlowLabel(QGraphicsItem):
    """A large, high-contrast label for an edge or a node: readable on a projector."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(35)
        self._fonts = {}
        for faded, size in ((False, LABEL_POINT_SIZE), (True, PAST_LABEL_POINT_SIZE)):
            font = QFont("DejaVu Sans Mono")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSizeF(size)
            font.setBold(not faded)
            self._fonts[faded] = (font, QFontMetricsF(font))
        self._text = ""
        self._color = QColor()
        self._rect = QRectF()
        self.faded = False

    def text(self) -> str:
        return self._text

    def set_content(self, text: str, color: QColor, faded: bool = False) -> None:
        if text == self._text and color == self._color and faded == self.faded:
            return
        self.prepareGeometryChange()
        self._text, self._color, self.faded = text, QColor(color), faded
        metrics = self._fonts[faded][1]
        lines = text.splitlines() or [""]
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() * len(lines)
        pad_x, pad_y = (5, 2) if faded else (9, 5)
        self._rect = QRectF(-width / 2 - pad_x, -height / 2 - pad_y, width + 2 * pad_x,
                            height + 2 * pad_y)
        self.setZValue(34 if faded else 36)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.faded:
            painter.setPen(QPen(QColor(self._color.red(), self._color.green(), self._color.blue(),
                                       110), 1.0))
            painter.setBrush(QColor(255, 255, 255, 215))
        else:
            painter.setPen(QPen(self._color, 2.5))
            painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setPen(self._color.darker(125) if not self.faded else self._color)
        painter.setFont(self._fonts[self.faded][0])
        painter.drawText(self._rect, int(Qt.AlignmentFlag.AlignCenter), self._text)


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

    BADGE_ROLES = ("grad", "info")

    def __init__(self, scene) -> None:
        self.scene = scene
        self._pulses = _Pool(scene, PulseItem)
        self._labels = _Pool(scene, FlowLabel)
        self._travel: list[tuple[PulseItem, Any, bool]] = []   # (pulse, edge item, backward?)
        self._shown: dict[str, tuple] = {}     # node id -> what was last drawn on it
        self._lit_edges: set = set()
        self._placed: list[QRectF] = []
        self._card_rects: list[QRectF] | None = None
        self._frame = QRectF()
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
                              if isinstance(step, (BackwardStep, AccumulateStep))
                              and not getattr(step, "internal", False)}
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
                for role in self.BADGE_ROLES:
                    item.clear_badge(role)
        for edge in self._lit_edges:
            if edge.scene() is not None:
                edge.set_state("normal")
        self._shown.clear()
        self._lit_edges.clear()
        if restore and self.evaluation is not None:
            self.scene.apply_evaluation(self.evaluation)

    # ---- nodes -------------------------------------------------------------------------------

    def _draw_nodes(self, timeline: Timeline, state: Mapping[str, NodeDisplay],
                    current: Step | None) -> None:
        backward = timeline.kind == BACKWARD
        for node_id, display in state.items():
            item = self.scene.node_item(node_id)
            if item is None:
                continue
            active = current is not None and current.node_id == node_id \
                and not getattr(current, "internal", False)
            node_state = ("active-backward" if backward else "active-forward") if active \
                else "done" if display.visited else "normal"
            badges = self._badges(node_id, display, current if active else None) if backward \
                else {}
            drawn = (node_state, display.computed, tuple(sorted(badges.items())),
                     id(display.grad) if backward else None)
            if self._shown.get(node_id) == drawn:
                continue
            previous = self._shown.get(node_id)
            self._shown[node_id] = drawn
            item.set_state(node_state)
            # A card with badges sits above its neighbours so they cannot hide its badges.
            item.setZValue(CARD_Z + (2 if active else 1 if badges else 0))
            # Cards already show computed values; only a change of that needs a redraw (a
            # redraw also re-reads .grad, which during backward is already the final one).
            if (previous is None and not display.computed) or \
                    (previous is not None and previous[1] != display.computed):
                value = self.evaluation.values.get(node_id) if display.computed else None
                item.show_result(value, self.evaluation.errors.get(node_id) if display.computed
                                 else None, display.computed)
            if backward and (previous is None or previous[3] != drawn[3]):
                # Backward has already run: the card must show .grad as it was at this step.
                item.show_grad(display.grad)
            for role in self.BADGE_ROLES:
                if role in badges:
                    item.show_badge(badges[role], role)
                else:
                    item.clear_badge(role)

    def _badges(self, node_id: str, display: NodeDisplay, step: Step | None) -> dict[str, str]:
        node = self.doc.node(node_id)
        value = self.evaluation.values.get(node_id)
        if node.op == "constant" or not hasattr(value, "requires_grad"):
            return {}
        if not value.requires_grad:
            return {"info": translate("CanvasOverlay", "grad: None (requires_grad=False)")}
        if isinstance(step, AccumulateStep):
            text = (f"grad: {_short(step.before)}\n"
                    f"    + {_short(step.contribution)}\n"
                    f"    = {_short(step.after)}") if step.before is not None \
                else f"grad: None → {_short(step.after)}"
            return {"grad": text}
        if value.is_leaf:
            return {"grad": f"grad: {_short(display.grad)}"}
        if node.params.get("retain_grad") and display.grad is not None:
            return {"grad": translate("CanvasOverlay", "grad: {grad} (retain_grad)").format(
                grad=_short(display.grad))}
        if display.gradient is not None:
            return {"info": translate(
                "CanvasOverlay", "grad {grad} passed on\n(not kept: non-leaf)").format(
                grad=_shortest(display.gradient))}
        if display.incoming:
            parts = " + ".join(_shortest(c) for c in display.incoming)
            if len(display.incoming) < self._expected.get(node_id, 0):
                return {"info": translate("CanvasOverlay", "grad arriving: {parts} + …").format(
                    parts=parts)}
            return {"info": translate("CanvasOverlay", "grad arriving: {parts}").format(
                parts=parts)}
        return {}

    # ---- edges -------------------------------------------------------------------------------

    def _edge(self, src: str, dst: str, port: str | None):
        return None if port is None else self.scene.edge_item(src, dst, port)

    def _draw_edges(self, timeline: Timeline, position: int, current: Step | None) -> None:
        self._pulses.begin()
        self._labels.begin()
        self._travel = []
        self._placed = []
        self._card_rects = None
        # What Fit to View shows; labels prefer to stay inside it.
        self._frame = self.scene.nodes_bounding_rect().adjusted(-30, -90, 30, 60)
        lit: set = set()
        self._reveal = None
        headline = None
        if current is not None and not getattr(current, "internal", False) and (
                not isinstance(current, BackwardStep) or len(current.received) >= 2):
            headline = self._label_node(current)
        if isinstance(current, ForwardStep):
            for port, src in self.doc.input_sources(current.node_id).items():
                edge = self._edge(src, current.node_id, port)
                if edge is None:
                    continue
                lit.add(edge)
                self._launch(edge, FORWARD_COLOR, backward=False)
                value = self.evaluation.values.get(src)
                self._label_edge(edge, _short(value), FORWARD_COLOR)
        elif timeline.kind == BACKWARD:
            # The step on show is placed first, so the trail moves aside for it; the trail keeps
            # the most recent contributions (all of them on a classroom-sized graph).
            flows = [(flow, True) for flow in getattr(current, "flows", ())]
            for step in reversed(timeline.steps[: max(0, position - 1)]):
                if len(flows) >= MAX_TRAIL_LABELS:
                    break
                flows.extend((flow, False) for flow in getattr(step, "flows", ()))
            for flow, on_show in flows:
                edge = self._edge(flow.src, flow.dst, flow.port)
                if edge is None:
                    continue
                if on_show:
                    lit.add(edge)
                    self._launch(edge, BACKWARD_COLOR, backward=True)
                text = self._flow_texts.get(id(flow))
                if text is None:
                    text = self._flow_texts[id(flow)] = edge_label(flow)
                self._label_edge(edge, text, BACKWARD_COLOR if on_show else PAST_COLOR,
                                 faded=not on_show)
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

    def _launch(self, edge, color: QColor, *, backward: bool) -> None:
        pulse = self._pulses.take()
        pulse.set_color(color)
        self._travel.append((pulse, edge, backward))

    def _label_edge(self, edge, text: str, color: QColor, faded: bool = False) -> None:
        label = self._labels.take()
        label.set_content(text, color, faded)
        half = label.boundingRect().height() / 2
        spots = [edge.point_at(t) for t in LABEL_SPOTS]
        self._place(label, [QPointF(p.x(), p.y() - half - 4) for p in spots])

    def _place(self, label: FlowLabel, spots: list[QPointF]) -> None:
        """Put `label` at the first of `spots` (nudged a little up or down) where it covers no
        label placed before it and no node card; a label never wanders far from its edge."""
        rect = label.boundingRect()
        chosen = spots[0]
        if len(self._placed) <= MAX_AVOIDED_LABELS:   # past that, placing cheaply beats well
            nudge = rect.height() * 0.6
            candidates = [QPointF(spot.x(), spot.y() + nudge * k)
                          for k in (0, -1, 1, -2, 2, -3, 3) for spot in spots]
            region = QRectF()
            for candidate in candidates:
                region = region.united(rect.translated(candidate))
            labels = [o for o in self._placed if o.intersects(region)]
            cards = [o for o in self._cards() if o.intersects(region)]
            # Best: clear of labels and cards and inside the graph's frame (what Fit to View
            # shows); else clear of labels and cards; else at least clear of the other labels.
            frame = self._frame
            passes = ((labels + cards, True), (labels + cards, False), (labels, False))
            for obstacles, framed in passes:
                free = next((c for c in candidates
                             if (not framed or frame.contains(rect.translated(c)))
                             and not any(rect.translated(c).intersects(o) for o in obstacles)),
                            None)
                if free is not None:
                    chosen = free
                    break
        self._placed.append(rect.translated(chosen))
        label.setPos(chosen)

    def _cards(self) -> list[QRectF]:
        """Scene rectangles of the node cards with their badges."""
        if self._card_rects is None:
            self._card_rects = [item.mapRectToScene(item.boundingRect()
                                                    | item.childrenBoundingRect())
                                for item in self.scene.node_items()]
        return self._card_rects

    def _label_node(self, step: Step) -> FlowLabel | None:
        """The headline of the step on show, in large type beside its node: the value just
        computed, the sum where paths meet, or the leaf's .grad growing."""
        item = self.scene.node_item(step.node_id)
        if item is None:
            return None
        name = self.doc.node(step.node_id).name
        color = BACKWARD_COLOR
        if isinstance(step, ForwardStep):
            text, color = f"{name} = {_shortest(step.value)}", FORWARD_COLOR
        elif isinstance(step, BackwardStep):
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
        label.set_content(text, color)
        width = item.size()[0]
        half_w, half = label.boundingRect().width() / 2, label.boundingRect().height() / 2
        left = item.scenePos().x()
        top = item.scenePos().y() - half - 8
        bottom = item.mapRectToScene(item.boundingRect() | item.childrenBoundingRect()).bottom()
        # Centred over the card, or aligned with its left or right edge; above, then below.
        xs = (left + width / 2, left + half_w, left + width - half_w)
        self._place(label, [QPointF(x, y) for y in (top, top - 2 * half, bottom + half + 6)
                            for x in xs])
        return label
