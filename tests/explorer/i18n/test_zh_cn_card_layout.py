"""In Chinese the cards' headers are wider (输入张量, 叶子): opening an example still lays the
cards out clear of each other, and they stay clear once backward shows each leaf's .grad."""
from __future__ import annotations

import pytest

from explorer.core.document.examples import list_examples

EXAMPLES = [key for key, _title in list_examples()]


def _overlapping(window) -> list[tuple[str, str]]:
    cards = {item.node_id: item.sceneBoundingRect() for item in window.scene.node_items()}
    return [(a, b) for a in cards for b in cards if a < b and cards[a].intersects(cards[b])]


@pytest.mark.parametrize("key", EXAMPLES)
def test_zh_cn_cards_keep_clear_of_each_other_before_and_after_backward(
        language, make_window, key):
    language("zh_CN")
    window = make_window()
    assert window.open_example(key, ask=False)
    assert _overlapping(window) == []
    if window.compute_gradients() is None:   # the examples without a scalar root say why
        assert _overlapping(window) == []
