"""The value a new input starts with: 2.0, then 3.0, 4.0, ..., the first no input holds yet.

Distinct values let a student tell gradients apart: in `y = w*x + b`, x.grad = w and
w.grad = x, which two inputs of 2.0 would make look the same.
"""
from __future__ import annotations

from collections.abc import Iterable

from explorer.core.document.graph_document import GraphDocument

FIRST_VALUE = 2


def _number(text: object) -> float | None:
    try:
        return float(str(text))
    except ValueError:
        return None


def fresh_input_value(doc: GraphDocument | None, also_taken: Iterable[object] = ()) -> str:
    """The value text for a new input of `doc`, unlike every input's value there and in
    `also_taken` (values handed out for inputs not yet in the document)."""
    inputs = [d.params.get("value") for d in doc.nodes() if d.op == "input"] if doc else []
    used = {_number(text) for text in [*inputs, *also_taken]}
    n = FIRST_VALUE
    while float(n) in used:
        n += 1
    return f"{n}.0"
