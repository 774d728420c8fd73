"""The canvas colours in one place, so nodes, edges, badges and the legend agree."""
from __future__ import annotations

from PySide6.QtGui import QColor

from explorer.canvas.value_preview import CONSTANT, LEAF, NO_GRAD, NON_LEAF

HEADER = {
    LEAF: QColor("#1f9d6b"),       # green: a leaf that requires grad, where gradients end up
    NON_LEAF: QColor("#4c6ef5"),   # indigo: an intermediate result with a grad_fn
    NO_GRAD: QColor("#8792a2"),    # grey: outside autograd
    CONSTANT: QColor("#c4862b"),   # amber: a plain number
}
ERROR = QColor("#e03131")
WAITING = QColor("#9aa3af")   # neutral: a node still being wired, not a failure
WARNING = QColor("#d9480f")   # nan or inf in a value or gradient
CARD = QColor("#ffffff")
CARD_BORDER = QColor("#d5dae1")
SELECTED = QColor("#1c2433")
TEXT = QColor("#1f2937")
MUTED = QColor("#6b7280")
GRAD_TEXT = QColor("#1864ab")
EDGE = QColor("#9aa5b5")
EDGE_HOVER = QColor("#5c6b80")
PORT_FILL = QColor("#ffffff")
PORT_BORDER = QColor("#7b8799")
PORT_HOVER = QColor("#f59f00")
CANVAS = QColor("#f6f7f9")
GRID_MINOR = QColor("#e9ecf0")
GRID_MAJOR = QColor("#dde1e7")
LEGEND = QColor(255, 255, 255, 225)
# The small plots of a tensor on cards and in the inspector (explorer/canvas/tensor_plot.py).
PLOT_PAPER = QColor("#ffffff")
PLOT_FRAME = QColor("#dee2e6")
PLOT_AXIS = QColor("#ced4da")
PLOT_VALUE = QColor("#343a40")
PLOT_GRAD = QColor("#1864ab")

# Animation states: warm for values going forward, cool for gradients going backward.
STATE = {
    "active-forward": QColor("#f76707"),
    "active-backward": QColor("#1c7ed6"),
    "done": QColor("#37b24d"),
}
# Badge colours per role: (background, text).
BADGE = {
    "value": (QColor("#fff4e6"), QColor("#c2410c")),
    "grad": (QColor("#e7f5ff"), QColor("#1864ab")),
    "info": (QColor("#f1f3f5"), QColor("#343a40")),
    "error": (QColor("#fff5f5"), QColor("#c92a2a")),
}

# The light scheme above, as written; apply_scheme() switches between it and these in place.
# Every colour is changed inside its own QColor, so each module that took one (overlay.py's
# FORWARD_COLOR is colors.STATE["active-forward"]) follows without being told.
LIGHT_SCHEME = "light"
DARK_SCHEME = "dark"
_DARK = {
    "ERROR": "#ff6b6b", "WAITING": "#6b7380", "WARNING": "#ff922b",
    "CARD": "#262b33", "CARD_BORDER": "#4a5260", "SELECTED": "#e9ecef", "TEXT": "#e9ecef",
    "MUTED": "#aab2bf", "GRAD_TEXT": "#74c0fc", "EDGE": "#6c7787", "EDGE_HOVER": "#aab4c3",
    "PORT_FILL": "#262b33", "PORT_BORDER": "#8c97a8", "PORT_HOVER": "#fcc419",
    "CANVAS": "#16191e", "GRID_MINOR": "#1e2228", "GRID_MAJOR": "#262b32",
    "LEGEND": "#e6262b33", "PLOT_PAPER": "#1d2127", "PLOT_FRAME": "#3a414b",
    "PLOT_AXIS": "#4a525e", "PLOT_VALUE": "#dee2e6", "PLOT_GRAD": "#74c0fc",
}
_DARK_HEADER = {LEAF: "#1a8a5e", NON_LEAF: "#4263eb", NO_GRAD: "#66707f", CONSTANT: "#a86f1c"}
_DARK_STATE = {"active-forward": "#ff922b", "active-backward": "#4dabf7", "done": "#51cf66"}
_DARK_BADGE = {
    "value": ("#3d2a17", "#ffc078"), "grad": ("#15304a", "#a5d8ff"),
    "info": ("#2c323a", "#dee2e6"), "error": ("#3f1d1d", "#ffa8a8"),
}
# Presentation mode on top of either scheme: quiet greys move towards the text colour, borders
# and wires darken (or lighten) so that they read from the back of a room.
_CONTRAST_LIGHT = {"MUTED": "#374151", "CARD_BORDER": "#6b7280", "EDGE": "#4b5563",
                   "EDGE_HOVER": "#1f2937", "PORT_BORDER": "#374151", "GRAD_TEXT": "#0b4f8a",
                   "TEXT": "#000000", "GRID_MINOR": "#f6f7f9", "GRID_MAJOR": "#eceff3"}
_CONTRAST_DARK = {"MUTED": "#d0d5dc", "CARD_BORDER": "#a0a8b5", "EDGE": "#b0b9c6",
                  "EDGE_HOVER": "#f1f3f5", "PORT_BORDER": "#d0d5dc", "GRAD_TEXT": "#a5d8ff",
                  "TEXT": "#ffffff", "GRID_MINOR": "#16191e", "GRID_MAJOR": "#1c2026"}


def _named() -> dict[str, QColor]:
    flat = {name: value for name, value in globals().items()
            if name.isupper() and isinstance(value, QColor)}
    flat.update({f"HEADER.{key}": color for key, color in HEADER.items()})
    flat.update({f"STATE.{key}": color for key, color in STATE.items()})
    for role, (background, text) in BADGE.items():
        flat[f"BADGE.{role}.0"], flat[f"BADGE.{role}.1"] = background, text
    return flat


_LIGHT = {name: color.name(QColor.NameFormat.HexArgb) for name, color in _named().items()}


def _scheme(dark: bool, high_contrast: bool) -> dict[str, str]:
    if not dark:
        chosen = dict(_LIGHT)
    else:
        chosen = dict(_LIGHT, **_DARK)
        chosen.update({f"HEADER.{key}": value for key, value in _DARK_HEADER.items()})
        chosen.update({f"STATE.{key}": value for key, value in _DARK_STATE.items()})
        for role, (background, text) in _DARK_BADGE.items():
            chosen[f"BADGE.{role}.0"], chosen[f"BADGE.{role}.1"] = background, text
    if high_contrast:
        chosen.update(_CONTRAST_DARK if dark else _CONTRAST_LIGHT)
    return chosen


def apply_scheme(dark: bool, *, high_contrast: bool = False) -> None:
    """Switch every canvas colour to the dark or light scheme (optionally high contrast)."""
    named = _named()
    for name, value in _scheme(dark, high_contrast).items():
        named[name].setRgba(QColor(value).rgba())


def is_dark() -> bool:
    return CANVAS.lightness() < 128
