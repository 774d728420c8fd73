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
