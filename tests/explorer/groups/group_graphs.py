"""A small graph with a natural group: hidden = relu(w*x + b), out = hidden * 3."""
from __future__ import annotations

from explorer.core.document.graph_document import GraphDocument


def hidden_layer() -> tuple[GraphDocument, dict[str, str]]:
    doc = GraphDocument()
    ids = {
        "x": doc.add_node("input", name="x", params={"value": "2.0"}, pos=(0, 0)),
        "w": doc.add_node("input", name="w", params={"value": "3.0"}, pos=(0, 120)),
        "b": doc.add_node("input", name="b", params={"value": "-1.0"}, pos=(0, 240)),
        "wx": doc.add_node("mul", name="wx", pos=(200, 40)),
        "h": doc.add_node("add", name="h", pos=(380, 100)),
        "r": doc.add_node("relu", name="r", pos=(540, 100)),
        "k": doc.add_node("constant", name="k", params={"value": "3.0"}, pos=(540, 240)),
        "out": doc.add_node("mul", name="out", pos=(720, 140)),
    }
    doc.connect(ids["w"], ids["wx"], "a")
    doc.connect(ids["x"], ids["wx"], "b")
    doc.connect(ids["wx"], ids["h"], "a")
    doc.connect(ids["b"], ids["h"], "b")
    doc.connect(ids["h"], ids["r"], "x")
    doc.connect(ids["r"], ids["out"], "a")
    doc.connect(ids["k"], ids["out"], "b")
    return doc, ids


def inner(ids: dict[str, str]) -> list[str]:
    return [ids["wx"], ids["h"], ids["r"]]


def mouse_event(view, kind, scene_pos, buttons=None) -> None:
    """One real left-button mouse event on the view's viewport at a scene position."""
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    left = Qt.MouseButton.LeftButton
    viewport_pos = QPointF(view.mapFromScene(scene_pos))
    global_pos = QPointF(view.viewport().mapToGlobal(viewport_pos.toPoint()))
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    QApplication.sendEvent(view.viewport(), QMouseEvent(
        kind, viewport_pos, global_pos, button, held if buttons is None else buttons,
        Qt.KeyboardModifier.NoModifier))


def mouse_drag(view, start, end, steps: int = 4) -> None:
    from PySide6.QtCore import QEvent

    mouse_event(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        mouse_event(view, QEvent.Type.MouseMove, start + (end - start) * (i / steps))
    mouse_event(view, QEvent.Type.MouseButtonRelease, end)
