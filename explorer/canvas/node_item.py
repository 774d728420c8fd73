"""A node on the canvas: a rounded card with a coloured header, ports and the node's value."""
from __future__ import annotations

import functools
import math
import textwrap

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

import engine
from explorer.canvas import colors
from explorer.canvas.badge_item import BadgeHolder, BadgeItem
from explorer.canvas.float_fix import float_value_fix
from explorer.canvas.op_formula import op_formula_text
from explorer.canvas.overview_drawing import mark_stale
from explorer.canvas.port_item import PortItem
from explorer.canvas.tensor_plot import LINE, draw_tensor, plot_kind
from explorer.canvas.value_preview import (
    compact_grad_lines,
    compact_lines,
    kind_description,
    kind_tag,
    node_kind,
    shape_text,
)
from explorer.core.document.evaluation import waiting_text
from explorer.core.document.layout import BODY_TOP, HEADER_H, INPUT_Y, OUTPUT_Y, PORT_STEP
from explorer.core.document.op_catalog import OPS
from explorer.core.i18n import translate
from explorer.core.replay.explain import format_number

STATES = ("normal", "active-forward", "active-backward", "done")
# Each body line's style: its font (a key of the shared fonts) and colour.
LINE_FONT_KEYS = {"value": "body", "muted": "muted", "grad": "body", "error": "body",
                  "warning": "tag", "italic": "italic", "link": "link"}

# A card grows with its text up to MAX_W; the layout sizes its columns to the cards.
PAD = 9.0
GUTTER = 14.0          # room for the input port labels at the card's left edge
MIN_W, MAX_W = 112.0, 260.0
MAX_CHARS = 17         # value lines are wrapped (vectors) or cut (matrix rows) to this
GRAD_CHARS = MAX_CHARS + 7   # "grad: " + a value line; error messages wrap to this too
CORNER = 7.0
# Tensor plots under the text: a line plot's and a heatmap's height, and each plot's least width
# (the .grad's plot sits beside the value's).
LINE_PLOT_H, HEATMAP_H, PLOT_MIN_W, PLOT_GAP = 40.0, 56.0, 92.0, 6.0
# Semantic zoom: below this scale a card shows its name, op and plot in large type.
OVERVIEW_ZOOM = 0.7
OVERVIEW_PX = 9.5      # on-screen pixel size of the overview text (a little above 9 px)
OVERVIEW_MAX_PX = 22.0


def _font(size: float, *, bold: bool = False, mono: bool = False, italic: bool = False) -> QFont:
    font = QFont("DejaVu Sans Mono" if mono else "DejaVu Sans")
    if mono:
        font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


# Thousands of cards share their fonts and the widths of the texts they measure: a card's
# layout then costs dictionary look-ups, not font shaping (5000-node graphs).
_shared_fonts: dict[str, QFont] = {}
_metrics: dict[str, QFontMetricsF] = {}
_widths: dict[tuple[str, str], float] = {}
MAX_REMEMBERED_WIDTHS = 100_000


def _card_font(key: str) -> QFont:
    if not _shared_fonts:
        _shared_fonts.update({
            "header": _font(10.5, bold=True), "op": _font(8.0), "tag": _font(7.0, bold=True),
            "port": _font(7.5), "body": _font(8.5, mono=True), "italic": _font(8.0, italic=True),
            "muted": _font(7.0), "link": _font(8.0, bold=True)})
        _shared_fonts["link"].setUnderline(True)
        _metrics.update({name: QFontMetricsF(font) for name, font in _shared_fonts.items()})
    return _shared_fonts[key]


def _text_width(font_key: str, text: str) -> float:
    width = _widths.get((font_key, text))
    if width is None:
        if len(_widths) > MAX_REMEMBERED_WIDTHS:
            _widths.clear()
        _card_font(font_key)
        width = _widths[(font_key, text)] = _metrics[font_key].horizontalAdvance(text)
    return width


def _overview_font(px: int, *, bold: bool = False, mono: bool = False) -> QFont:
    key = f"overview {px} {bold} {mono}"
    font = _shared_fonts.get(key)
    if font is None:
        font = _font(8.0, bold=bold, mono=mono)
        font.setPixelSize(px)
        _shared_fonts[key] = font
    return font


@functools.lru_cache(maxsize=256)   # thousands of cards often share one refusal
def _wrapped_error(error: str) -> list[str]:
    return textwrap.wrap(error, GRAD_CHARS) or [error]


_LIVE = object()   # show_grad not in force: the card reads the tensor's .grad
_CARD_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)


def _kept_grad(value: object):
    """value.grad where PyTorch keeps one (leaves, retain_grad), without touching other .grad."""
    if isinstance(value, engine.Tensor) and (value.is_leaf or value.retains_grad):
        return value.grad
    return None


def non_finite_text(value: object) -> str | None:
    """'nan', 'inf', '-inf' or a mix ('nan, inf') when the value holds them, else None."""
    if isinstance(value, engine.Tensor):
        if not value.is_floating_point() or math.prod(value.shape) == 0:
            return None
        if value.dim() == 0:   # a scalar: as a Python float (thousands of scalar cards)
            return non_finite_text(value.item())
        data = value.numpy(force=True)
        if np.isfinite(data).all():   # the common case: one pass over the data
            return None
        found = [(np.isnan(data).any(), "nan"), (np.isposinf(data).any(), "inf"),
                 (np.isneginf(data).any(), "-inf")]
    elif isinstance(value, float) and not math.isfinite(value):
        found = [(math.isnan(value), "nan"), (value == math.inf, "inf"),
                 (value == -math.inf, "-inf")]
    else:
        return None
    return ", ".join(text for present, text in found if present)



def paint_card(painter: QPainter, rect: QRectF, border: QColor, header: QColor) -> None:
    """A card outlined in `border`, its header (rounded at the top only) filled with `header`:
    node cards and folded groups."""
    painter.setPen(QPen(border, 1.0))
    painter.setBrush(colors.CARD)
    painter.drawRoundedRect(rect, CORNER, CORNER)
    head = QPainterPath()
    head.addRoundedRect(QRectF(0, 0, rect.width(), HEADER_H), CORNER, CORNER)
    square = QPainterPath()
    square.addRect(QRectF(0, HEADER_H / 2, rect.width(), HEADER_H / 2))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(header)
    painter.drawPath(head.united(square))


class PaintsText:
    """drawText that remembers what it drew and at which pixel size (readability checks)."""

    painted_texts: list[tuple[str, float]]

    def _draw_text(self, painter: QPainter, rect: QRectF, flags: int, text: str) -> None:
        font = painter.font()
        px = font.pixelSize() if font.pixelSize() > 0 else QFontInfo(font).pixelSize()
        if text:
            self.painted_texts.append((text, float(px)))
        painter.drawText(rect, flags, text)

class NodeItem(BadgeHolder, PaintsText, QGraphicsItem):
    """The card for one document node. The scene keeps it in step with the document and evaluation.

    Public for the animation: `set_state(kind)`, `show_badge(text, role)`, `clear_badge(role)`,
    `output_port`, `input_ports`, `edges`.
    """

    def __init__(self, node_id: str, op: str, name: str, params: dict,
                 deferred: bool = False) -> None:
        super().__init__()
        self.node_id = node_id
        self.op = op
        self.name = name
        self.params = dict(params)
        self.edges: set = set()          # EdgeItems attached to this node, kept by the scene
        self.state = "normal"
        self.kind = node_kind(op, None, self.params)
        self._value: object = None
        self._error: str | None = None
        self._waiting: tuple[str, ...] = ()   # unconnected inputs: still being wired, no error
        self._replayed_grad: object = _LIVE
        self._computed = False
        self._lines: list[tuple[str, str]] = []
        self._plots: list[tuple[object, bool]] = []    # (tensor, is its .grad) drawn as plots
        self.painted_texts: list[tuple[str, float]] = []   # (text, font px) of the last paint
        self._badges: dict[str, BadgeItem] = {}
        self._width = MIN_W
        self._height = HEADER_H
        self._bounds = QRectF(-4, -4, MIN_W + 8, HEADER_H + 8)   # boundingRect(): _relayout
        self._header_font = _card_font("header")
        self._op_font = _card_font("op")
        self._tag_font = _card_font("tag")   # 7 pt bold, 9.3 px: readable at 100 %
        self._port_font = _card_font("port")
        self._body_font = _card_font("body")
        self._italic_font = _card_font("italic")
        self._muted_font = _card_font("muted")
        self._link_font = _card_font("link")
        # The value's lines and non-finite text, kept until the value changes (a replayed .grad
        # changes neither): a backward over thousands of cards reprints no value.
        self._value_text: tuple[list[tuple[str, str]], str | None] | None = None
        self.input_ports = {port: PortItem(node_id, port, self) for port in OPS[op].inputs}
        self.output_port = PortItem(node_id, None, self)
        self.output_port.setPos(self._width, OUTPUT_Y)
        self._ports_have_cursor = False
        self.setFlags(_CARD_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        for row, port in enumerate(self.input_ports.values()):
            port.setPos(0.0, INPUT_Y + row * PORT_STEP)
        # A card made for a whole new graph is sized once, with its first result, not also as
        # 'not computed' before it (the scene's flush_layout sizes any it never showed).
        # `layout_due`: its text and plots are still to be made, when painted in detail or read.
        self.layout_due = deferred
        self._size_due = deferred
        if not deferred:
            self._relayout()

    # ---- what the scene and the animation call -----------------------------------------------

    def set_name(self, name: str) -> None:
        self.name = name
        self._relayout()

    def set_params(self, params: dict) -> None:
        self.params = dict(params)
        self._value_text = None
        self._relayout()

    def show_result(self, value: object, error: str | None, computed: bool,
                    waiting: tuple[str, ...] = ()) -> None:
        """Show the evaluation's outcome: a value, an engine error, 'waiting for inputs' (ports
        not connected yet: neutral, not an error) or 'not computed'."""
        self._value, self._error, self._computed = value, error, computed
        self._value_text = None
        self._waiting = tuple(waiting) if error is None and not computed else ()
        self._replayed_grad = _LIVE
        self.kind = node_kind(self.op, value if computed else None, self.params)
        self.setOpacity(1.0 if computed or error or self._waiting else 0.5)
        lines = self._scalar_lines()
        if lines is None:
            self._relayout()
            return
        # The common card of a big graph, sized now from its value's lines alone, as its full
        # layout sizes it; the rest (body, plots, metrics) waits until it is painted in detail
        # or read: a 5000-card graph opens in the overview, where no card shows its text.
        self.layout_due = True
        self._size_due = False
        self._resize(*self._measure(lines, []))

    def show_grad(self, grad: object) -> None:
        """Animation replay: show `grad` (None: no grad) as .grad until the next show_result;
        backward has already filled the tensor's own .grad with the final value."""
        unchanged = grad is None and self._shown_grad() is None   # e.g. a non-leaf's: no text
        self._replayed_grad = grad
        if not unchanged:
            self._relayout()

    def value(self) -> object:
        return self._value

    def error(self) -> str | None:
        return self._error

    def value_fix(self) -> str | None:
        """The value text the card offers as a one-click fix of its error (3 -> 3.0), or None."""
        return float_value_fix(self.op, self.params, self._error)

    def value_fix_rect(self) -> QRectF | None:
        """Where the fix's link is drawn, in item coordinates; None when there is no fix."""
        self.ensure_layout()
        rows = [i for i, (_text, style) in enumerate(self._lines) if style == "link"]
        if not rows:
            return None
        return QRectF(self._text_left, self._body_top + rows[0] * self._line_h,
                      self._width - self._text_left - PAD / 2, self._line_h)

    def waiting(self) -> tuple[str, ...]:
        """The input ports this card waits for (none connected yet), or ()."""
        return self._waiting

    def set_state(self, kind: str) -> None:
        """Highlight for the animation: 'normal', 'active-forward', 'active-backward' or 'done'."""
        if kind not in STATES:
            raise ValueError(f"unknown node state {kind!r}; expected one of {STATES}")
        self.state = kind
        mark_stale(self)
        self.update()

    def show_badge(self, text: str, role: str = "value") -> BadgeItem:
        """Pin a label under the card (laid out first: badges sit below its height)."""
        self.ensure_layout()
        return super().show_badge(text, role)

    def _new_badge(self, text: str, role: str) -> BadgeItem:
        return BadgeItem(text, role, self)

    def non_finite(self) -> dict[str, str]:
        """What holds nan or inf on this card: {"value": "nan, inf", "grad": "nan"}, or {}."""
        flags = {}
        if self._error is None and self._computed:
            value = self._shown_value_text()[1]
            grad = non_finite_text(self._shown_grad())
            if value is not None:
                flags["value"] = value
            if grad is not None:
                flags["grad"] = grad
        return flags

    def _scalar_lines(self) -> list[tuple[str, str]] | None:
        """The body's lines of a computed scalar card that shows nothing but its value (no .grad,
        no note), which fix its size; None for every other card."""
        value = self._value
        if self._error is not None or not self._computed or "call" in self.params \
                or self.params.get("retain_grad") or self._shown_grad() is not None:
            return None
        if isinstance(value, engine.Tensor) and value.dim() == 0 \
                or isinstance(value, (int, float)):
            return self._value_lines()
        return None

    def _value_lines(self) -> list[tuple[str, str]]:
        """A computed value's lines: its shape, its printed form, a warning if it holds nan or
        inf."""
        lines: list[tuple[str, str]] = []
        shape = shape_text(self._value)
        if shape is not None:
            lines.append((shape, "muted"))
        text, non_finite = self._shown_value_text()
        lines += text
        if non_finite is not None:
            lines.append((translate("NodeItem", "⚠ value holds {kinds}").format(
                kinds=non_finite), "warning"))
        return lines

    def _shown_value_text(self) -> tuple[list[tuple[str, str]], str | None]:
        if self._value_text is None:
            self._value_text = (compact_lines(self._value, MAX_CHARS),
                                non_finite_text(self._value))
        return self._value_text

    def _shown_grad(self) -> object:
        return _kept_grad(self._value) if self._replayed_grad is _LIVE else self._replayed_grad

    def body_lines(self) -> list[str]:
        """The text lines shown in the card's body (what a reader of the canvas sees)."""
        self.ensure_layout()
        return [text for text, _style in self._lines]

    def input_port(self, port: str) -> PortItem:
        return self.input_ports[port]

    def size(self) -> tuple[float, float]:
        """The card's (width, height), also before its text is laid out."""
        if self._size_due:
            self._relayout()
        return self._width, self._height

    # ---- layout ------------------------------------------------------------------------------

    def layout_size(self) -> tuple[float, float]:
        """The card's size with room for the .grad it may show after a backward (a leaf that
        requires grad, or retain_grad): the layout keeps that room so cards never collide."""
        value = self._value
        if self._error is None and self._computed and self._shown_grad() is None \
                and isinstance(value, engine.Tensor) and value.requires_grad \
                and (value.is_leaf or self.params.get("retain_grad")):
            # A gradient seldom prints as short as the value (x = ones gets x.grad = 4.5000):
            # measure a stand-in of its shape with four decimals and a sign.
            stand_in = engine.full(tuple(value.shape), -0.1234, dtype=value.dtype)
            return self._measure(self._body(stand_in), self._plotted(stand_in))
        return self.size()

    def plots(self) -> list[tuple[object, bool]]:
        """The tensors the card draws as plots: (value, False) and its (.grad, True)."""
        self.ensure_layout()
        return list(self._plots)

    def _plotted(self, grad: object = _LIVE) -> list[tuple[object, bool]]:
        if self._error is not None or not self._computed or plot_kind(self._value) is None:
            return []
        grad = self._shown_grad() if grad is _LIVE else grad
        plots = [(self._value, False)]
        if plot_kind(grad) is not None and tuple(grad.shape) == tuple(self._value.shape):
            plots.append((grad, True))
        return plots

    def _plot_height(self, plots: list) -> float:
        if not plots:
            return 0.0
        return (LINE_PLOT_H if plot_kind(plots[0][0]) == LINE else HEATMAP_H) + 6.0

    def _body(self, grad: object = _LIVE) -> list[tuple[str, str]]:
        if self._error is not None:
            wrapped = _wrapped_error(self._error)
            if len(wrapped) > 4:
                wrapped = wrapped[:3] + [wrapped[3][: GRAD_CHARS - 1] + "…"]
            lines = [(line, "error") for line in wrapped]
            fix = self.value_fix()
            if fix is not None:
                lines += [(translate("NodeItem", "write {value} for a float tensor").format(
                    value=fix), "muted"), (translate("NodeItem", "Use {value}").format(
                        value=fix), "link")]
            return lines
        if self._waiting:
            return [(waiting_text(self._waiting), "italic")]
        if not self._computed:
            return [(translate("NodeItem", "not computed"), "italic")]
        lines = self._value_lines()
        grad = self._shown_grad() if grad is _LIVE else grad
        if grad is not None:
            lines += [(line, "grad") for line in compact_grad_lines(grad, GRAD_CHARS)]
        grad_flag = self.non_finite().get("grad")
        if grad_flag is not None:
            lines.append((translate("NodeItem", "⚠ grad holds {kinds}").format(
                kinds=grad_flag), "warning"))
        if "call" in self.params:   # traced: the program's value, which the editor cannot rerun
            lines.append((translate("NodeItem", "recorded value"), "muted"))
        if self.params.get("retain_grad"):
            lines.append(("retain_grad()", "muted"))
        return lines

    def _op_text(self) -> str:
        if "call" in self.params:   # recorded from running code: the op and its module
            return " ".join(filter(None, (self.params["call"], self.params.get("module"))))
        spec = OPS[self.op]
        if self.op in ("input", "constant"):
            return spec.label
        changed = [f"{p.name}={self.params[p.name]}" for p in spec.params
                   if p.name != "retain_grad" and self.params.get(p.name, p.default) != p.default]
        return " ".join([spec.label, *changed])

    def _measure(self, lines: list[tuple[str, str]],
                 plots: list[tuple[object, bool]]) -> tuple[float, float]:
        """(width, height) of a card showing `lines`."""
        text_left = PAD + (GUTTER if self.input_ports else 0.0)
        header_w = (_text_width("header", self.name) + _text_width("op", self._op_text())
                    + _text_width("tag", self.tag_text()) + 5 * PAD)
        body_w = max((_text_width(LINE_FONT_KEYS[style], text) for text, style in lines),
                     default=0.0)
        plots_w = len(plots) * PLOT_MIN_W + (len(plots) - 1) * PLOT_GAP if plots else 0.0
        width = math.ceil(min(MAX_W, max(MIN_W, header_w, body_w + text_left + PAD,
                                          plots_w + text_left + PAD)))
        text_h = len(lines) * _metrics["body"].height() + self._plot_height(plots)
        ports_h = len(self.input_ports) * PORT_STEP
        return width, math.ceil(BODY_TOP + max(text_h, ports_h) + 7.0)

    def ensure_layout(self) -> None:
        """Lay the card's text out now if it has not been yet."""
        if self.layout_due:   # what it shows is decided: drawn again only if its size changed
            self._relayout(repaint=False)

    def _relayout(self, repaint: bool = True) -> None:
        self.layout_due = False
        self._size_due = False
        self._lines = self._body()
        self._plots = self._plotted()
        self._text_left = PAD + (GUTTER if self.input_ports else 0.0)
        self._line_h = _metrics["body"].height()
        self._body_top = BODY_TOP
        self._resize(*self._measure(self._lines, self._plots), repaint)

    def _resize(self, width: float, height: float, repaint: bool = True) -> None:
        """Take this size (its output port and wires follow) and repaint (always when the size
        changed)."""
        if (width, height) != (self._width, self._height):
            repaint = True
            self.prepareGeometryChange()
            moved = width != self._width   # only the output port moves (the inputs sit by row)
            self._width, self._height = width, height
            self._bounds = QRectF(-4, -4, width + 8, height + 8)
            self.output_port.setPos(width, OUTPUT_Y)
            self._place_badges()
            if moved:
                for edge in self.edges:
                    if edge.src_item is self and not edge.path_due:
                        edge.update_path()
        if repaint:
            mark_stale(self)
            self.update()

    def toolTip(self) -> str:   # made when asked (by tests and the scene's helpEvent)
        """The card's hover text: its status and the op's formula, from what it shows now."""
        self.ensure_layout()
        return self._tooltip()

    def _tooltip(self) -> str:
        formula = op_formula_text(self.op, self.name, self.params)
        return "\n".join(part for part in (self._status_tooltip(), formula) if part)

    def _status_tooltip(self) -> str:
        head = translate("NodeItem", "{name} ({op})").format(name=self.name, op=self.op)
        if self._error is not None:
            return f"{head}\n{self._error}"
        if self._waiting:
            return "\n".join([head, translate("NodeItem", "Connect an output (right side) to each "
                                                           "free input (left side).")])
        if not self._computed:
            return "\n".join([head, translate("NodeItem", "Not computed: an input is missing or "
                                                          "failed.")])
        lines = [head, kind_description(self.kind)]
        if "call" in self.params:
            lines.append(OPS[self.op].tooltip)
        flags = self.non_finite()
        if flags:
            lines.append(translate("NodeItem", "Not a finite number here ({where}): nan and inf "
                                   "spread through every later operation and gradient.").format(
                where="; ".join(f"{part}: {kinds}" for part, kinds in flags.items())))
        return "\n".join(lines)

    def _place_badges(self) -> None:
        y = self._height + 6.0
        for badge in self._badges.values():
            badge.setPos(QPointF((self._width - badge.size().width()) / 2, y))
            y += badge.size().height() + 4.0

    # ---- painting ----------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        self.ensure_layout()
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self._width, self._height), CORNER, CORNER)
        return path

    def tag_text(self) -> str:
        """The small tag on the header: the node's kind, 'error' or 'waiting'."""
        if self._error is not None:
            return translate("NodeItem", "error")
        return translate("NodeItem", "waiting") if self._waiting else kind_tag(self.kind)

    def header_color(self) -> QColor:
        if self._error is not None:
            return colors.ERROR
        return colors.WAITING if self._waiting else colors.HEADER[self.kind]

    def outline_color(self) -> QColor | None:
        """The outline's colour: the animation state's, else the selection's; None if neither."""
        if self.state != "normal":
            return colors.STATE[self.state]
        return colors.SELECTED if self.isSelected() else None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        self.ensure_layout()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painted_texts = []
        rect = QRectF(0, 0, self._width, self._height)
        header = self.header_color()
        # Soft shadow.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(15, 23, 42, 22))
        painter.drawRoundedRect(rect.translated(0, 2.5), CORNER, CORNER)
        border = colors.ERROR if self._error is not None else colors.CARD_BORDER
        paint_card(painter, rect, border, header)
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        if zoom < OVERVIEW_ZOOM:
            self._paint_overview(painter, zoom)
        else:
            self._paint_header_text(painter)
            self._paint_ports(painter)
            self._paint_body(painter)
        self._paint_outline(painter, rect)

    def _paint_overview(self, painter: QPainter, zoom: float) -> None:
        """Semantic zoom: name and op in the header and the plot (or the value's first line)
        in the body, in type large enough to read at `zoom`."""
        px = min(OVERVIEW_MAX_PX, OVERVIEW_PX / max(zoom, 1e-3))
        name_font = _overview_font(round(px + 0.5), bold=True)
        op_font = _overview_font(round(px + 0.5))
        header = QRectF(PAD / 2, 0, self._width - PAD, HEADER_H)
        painter.setFont(name_font)
        painter.setPen(QColor("#ffffff"))
        name_metrics = QFontMetricsF(name_font)
        name = name_metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, header.width())
        self._draw_text(painter, header, int(Qt.AlignmentFlag.AlignVCenter), name)
        rest = header.adjusted(name_metrics.horizontalAdvance(name) + PAD / 2, 0, 0, 0)
        op = QFontMetricsF(op_font).elidedText(self._op_text(), Qt.TextElideMode.ElideRight,
                                               max(0.0, rest.width()))
        if rest.width() > 0 and op != "…":
            painter.setPen(QColor(255, 255, 255, 215))
            painter.setFont(op_font)
            self._draw_text(painter, rest, int(Qt.AlignmentFlag.AlignVCenter), op)
        body = QRectF(PAD / 2, BODY_TOP - 2, self._width - PAD, self._height - BODY_TOP - 2)
        if self._plots:
            self._paint_plots(painter, body, None)
            return
        text, style = next(((t, st) for t, st in self._lines if st != "muted"), ("", "value"))
        number = self._overview_number()
        if number is not None:
            text = number
        font = _overview_font(round(px + 0.5), mono=style in ("value", "grad", "error"))
        painter.setFont(font)
        painter.setPen(self._line_fonts()[style][1])
        metrics = QFontMetricsF(font)
        grad = self._shown_grad()
        if number is not None and isinstance(grad, engine.Tensor) and grad.dim() == 0 \
                and body.height() >= 2.1 * px:
            # A scalar's .grad under its value, in the gradient colour, when there is room.
            top, bottom = QRectF(body), QRectF(body)
            top.setBottom(body.center().y())
            bottom.setTop(body.center().y())
            self._draw_text(painter, top, int(Qt.AlignmentFlag.AlignCenter),
                            metrics.elidedText(text, Qt.TextElideMode.ElideRight, body.width()))
            painter.setPen(colors.GRAD_TEXT)
            grad_text = f"grad {format_number(grad.item())}"
            self._draw_text(painter, bottom, int(Qt.AlignmentFlag.AlignCenter),
                            metrics.elidedText(grad_text, Qt.TextElideMode.ElideRight,
                                               body.width()))
            return
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, body.width())
        self._draw_text(painter, body, int(Qt.AlignmentFlag.AlignCenter), shown)

    def _overview_number(self) -> str | None:
        """A scalar's number alone ('-0.3'), what the large type of the overview has room for."""
        if self._error is not None or not self._computed:
            return None
        value = self._value
        if isinstance(value, engine.Tensor):
            return format_number(value.item()) if value.dim() == 0 else None
        return format_number(value) if isinstance(value, (int, float)) else None

    def _paint_plots(self, painter: QPainter, area: QRectF, scale_font: QFont | None) -> None:
        """The value's plot and, beside it, its .grad's, side by side across `area`."""
        count = len(self._plots)
        width = (area.width() - (count - 1) * PLOT_GAP) / count
        for i, (tensor, is_grad) in enumerate(self._plots):
            rect = QRectF(area.left() + i * (width + PLOT_GAP), area.top(), width, area.height())
            draw_tensor(painter, rect, tensor, grad=is_grad, scale_font=scale_font)

    def _paint_header_text(self, painter: QPainter) -> None:
        tag = self.tag_text()
        tag_metrics = QFontMetricsF(self._tag_font)
        tag_w = tag_metrics.horizontalAdvance(tag) + 10
        tag_rect = QRectF(self._width - PAD - tag_w, (HEADER_H - 16) / 2, tag_w, 16)
        painter.setBrush(QColor(255, 255, 255, 60))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(tag_rect, 8, 8)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self._tag_font)
        self._draw_text(painter, tag_rect, int(Qt.AlignmentFlag.AlignCenter), tag)
        painter.setFont(self._header_font)
        text_rect = QRectF(PAD, 0, self._width - 3 * PAD - tag_w, HEADER_H)
        name_metrics = QFontMetricsF(self._header_font)
        name = name_metrics.elidedText(self.name, Qt.TextElideMode.ElideRight, text_rect.width())
        name_w = name_metrics.horizontalAdvance(name)
        self._draw_text(painter, text_rect, int(Qt.AlignmentFlag.AlignVCenter), name)
        painter.setFont(self._op_font)
        painter.setPen(QColor(255, 255, 255, 215))
        op_rect = text_rect.adjusted(name_w + 7, 0, 0, 0)
        op_text = QFontMetricsF(self._op_font).elidedText(
            self._op_text(), Qt.TextElideMode.ElideRight, max(0.0, op_rect.width()))
        self._draw_text(painter, op_rect, int(Qt.AlignmentFlag.AlignVCenter), op_text)

    def _paint_ports(self, painter: QPainter) -> None:
        painter.setFont(self._port_font)
        painter.setPen(colors.MUTED)
        for port, item in self.input_ports.items():
            y = item.pos().y()
            self._draw_text(painter, QRectF(PAD - 1, y - PORT_STEP / 2, GUTTER, PORT_STEP),
                            int(Qt.AlignmentFlag.AlignVCenter), port)

    def _line_fonts(self) -> dict[str, tuple[QFont, QColor]]:
        line_colors = {"value": colors.TEXT, "muted": colors.MUTED, "grad": colors.GRAD_TEXT,
                       "error": colors.ERROR.darker(115), "warning": colors.WARNING,
                       "italic": colors.MUTED, "link": colors.GRAD_TEXT}
        return {style: (_card_font(key), line_colors[style])
                for style, key in LINE_FONT_KEYS.items()}

    def _paint_body(self, painter: QPainter) -> None:
        styles = self._line_fonts()
        y = self._body_top
        for text, style in self._lines:
            font, color = styles[style]
            painter.setFont(font)
            painter.setPen(color)
            rect = QRectF(self._text_left, y, self._width - self._text_left - PAD / 2, self._line_h)
            elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            self._draw_text(painter, rect, int(Qt.AlignmentFlag.AlignVCenter), elided)
            y += self._line_h
        if self._plots:
            area = QRectF(self._text_left, y + 3, self._width - self._text_left - PAD,
                          self._plot_height(self._plots) - 6)
            self._paint_plots(painter, area, self._muted_font)

    def _paint_outline(self, painter: QPainter, rect: QRectF) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.state != "normal":
            color = colors.STATE[self.state]
            painter.setPen(QPen(color, 3.0))
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), CORNER + 2, CORNER + 2)
        if self.isSelected():
            painter.setPen(QPen(colors.SELECTED, 2.0))
            painter.drawRoundedRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5), CORNER, CORNER)

    # ---- interaction -------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        link = self.value_fix_rect()
        if event.button() == Qt.MouseButton.LeftButton and link is not None \
                and link.contains(event.pos()) and self.scene() is not None:
            # The scene reports it; the window makes it an undoable edit.
            self.scene().value_fix_requested.emit(self.node_id, {"value": self.value_fix()})
            event.accept()
            return
        super().mousePressEvent(event)

    def hoverEnterEvent(self, event) -> None:
        # A port's cursor is set when its card is first hovered (also when the port is entered
        # from outside the card): not for each of the thousands of ports a big graph makes.
        if not self._ports_have_cursor:
            self._ports_have_cursor = True
            for port in (*self.input_ports.values(), self.output_port):
                port.setCursor(Qt.CursorShape.CrossCursor)
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event) -> None:
        link = self.value_fix_rect()
        over_link = link is not None and link.contains(event.pos())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over_link
                       else Qt.CursorShape.ArrowCursor)
        super().hoverMoveEvent(event)

    def setPos(self, *pos) -> None:   # Qt's name; the scene and tests place cards here
        super().setPos(*pos)
        self.moved()

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)   # drags every selected card
        for item in {self, *(self.scene().selectedItems() if self.scene() else ())}:
            if isinstance(item, NodeItem):
                item.moved()

    def moved(self) -> None:
        """The card moved: its wires follow. (No itemChange override: it would cost a Python
        call for each of the twenty changes a card goes through as it is built.)"""
        for edge in self.edges:
            edge.update_path()
        mark_stale(self)
