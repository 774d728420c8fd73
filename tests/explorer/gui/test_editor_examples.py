"""Every bundled example opens from the Examples menu, and every node on the canvas shows the
value the engine computes for it (an evaluation of the example loaded independently)."""
from __future__ import annotations

import pytest

import engine
from explorer.canvas.node_item import MAX_CHARS
from explorer.canvas.value_preview import compact_lines
from explorer.canvas.view import READABLE_ZOOM
from explorer.core.document.evaluation import evaluate
from explorer.core.document.examples import list_examples, load_example

EXAMPLES = [key for key, _title in list_examples()]


def test_the_examples_menu_lists_every_bundled_example(window):
    actions = [a.data() for a in window.menu("examples").actions() if a.data()]
    assert actions == EXAMPLES
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("key", EXAMPLES)
def test_example_opens_and_its_node_values_equal_the_engines(window, key):
    [action] = [a for a in window.menu("examples").actions() if a.data() == key]
    action.trigger()
    expected = evaluate(load_example(key))
    assert not expected.errors
    shown, loaded = window.document.to_dict(), load_example(key).to_dict()
    for data in (shown, loaded):   # the window lays the example out again for the real cards
        for node in data["nodes"]:
            node.pop("pos")
    assert shown == loaded
    assert not window.is_modified()
    for data in window.document.nodes():
        item = window.scene.node_item(data.id)
        shown, want = item.value(), expected.values[data.id]
        assert type(shown) is type(want)
        assert repr(shown) == repr(want)
        if isinstance(want, engine.Tensor):
            assert shown.requires_grad == want.requires_grad
            assert shown.is_leaf == want.is_leaf
        # What a reader sees on the card is the engine's printed form.
        body = item.body_lines()
        for text, _style in compact_lines(want, MAX_CHARS):
            assert text in body
    # Laid out for the cards as drawn: no two cards overlap, every edge runs left to right.
    cards = {item.node_id: item.sceneBoundingRect() for item in window.scene.node_items()}
    for a, rect in cards.items():
        for b, other in cards.items():
            assert a == b or not rect.intersects(other), (a, b)
    for src, dst, _port in window.document.edges():
        assert cards[src].right() < cards[dst].left()
    # Every node fits on screen after opening, unless that would make the text unreadable: then
    # the graph opens at the readable zoom with its output (where backward starts) in view.
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    nodes = window.scene.nodes_bounding_rect()
    if window.view.zoom() > READABLE_ZOOM + 1e-9:
        assert visible.contains(nodes)
    else:
        assert visible.contains(window.scene.backward_start_rect())


@pytest.mark.parametrize("key", ["polynomial_loss", "mean_of_square", "leaf_nonleaf"])
def test_cards_keep_clear_of_each_other_once_backward_shows_their_grads(window, key):
    assert window.open_example(key, ask=False)
    before = {item.node_id: item.size() for item in window.scene.node_items()}
    assert window.compute_gradients() is None
    cards = {item.node_id: item.sceneBoundingRect() for item in window.scene.node_items()}
    assert any(item.size() != before[item.node_id] for item in window.scene.node_items())
    for a, rect in cards.items():
        for b, other in cards.items():
            assert a == b or not rect.intersects(other), (a, b)
