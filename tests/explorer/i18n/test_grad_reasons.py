"""The inspector's reason for a missing .grad reads as one aside, in either language: it once
nested one bracket in another ("None  (not a leaf (turn on retain_grad ...))")."""
from __future__ import annotations

import pytest


def nested(text: str) -> bool:
    depth = deepest = 0
    for char in text:
        depth += char in "(（"
        deepest = max(deepest, depth)
        depth -= char in ")）"
    return deepest > 1


@pytest.mark.parametrize("code", ["en", "zh_CN"])
def test_a_non_leafs_missing_grad_is_explained_without_nested_brackets(language, make_window,
                                                                         code):
    language(code)
    window = make_window()
    assert window.open_example("diamond", ask=False)
    b = next(d.id for d in window.document.nodes() if d.name == "b")
    window.scene.select_nodes([b])
    text = window.inspector.grad_text.toPlainText()
    assert "retain_grad" in text
    assert not nested(text), text
