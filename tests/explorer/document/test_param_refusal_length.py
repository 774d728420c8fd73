"""A parameter of the wrong kind is refused with a short line, however big the value is: a
1000-deep list from a file once made a 2,110-character message (Python >= 3.12 can repr it)."""
from __future__ import annotations

import pytest

from explorer.core.document.graph_document import GraphDocument, GraphEditError


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("param, value", [
    ("init", _nested(100)),
    ("init", "randn" * 1000),
    ("requires_grad", list(range(1000))),
])
def test_a_wrong_parameter_value_is_refused_in_a_short_message(param, value):
    doc = GraphDocument()
    with pytest.raises(GraphEditError) as refused:
        doc.add_node("input", name="x", params={param: value})
    message = str(refused.value)
    assert param in message and len(message) < 200, message
