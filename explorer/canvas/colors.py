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
