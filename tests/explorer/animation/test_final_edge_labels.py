"""After a whole backward pass every edge that carried a gradient keeps a visible label."""
from __future__ import annotations

import pytest

from explorer.animation.overlay import FlowLabel
from explorer.core.document.examples import ORDER


def edges_that_carried_a_gradient(timeline) -> set:
    return {(flow.src, flow.dst, flow.port) for step in timeline.steps
            for flow in getattr(step, "flows", ())}


def visible_edge_labels(window) -> list[FlowLabel]:
    return [item for item in window.scene.items() if isinstance(item, FlowLabel)
            and item.isVisible() and item.style in ("current", "compact")]


@pytest.mark.parametrize("key", ORDER)
def test_after_a_full_backward_every_edge_that_carried_a_gradient_is_labelled(window, key):
    assert window.open_example(key, ask=False)
    assert window.animator.run_to_end("backward")
    carried = edges_that_carried_a_gradient(window.animator.timeline)
    assert len(visible_edge_labels(window)) == len(carried)


def test_mean_of_square_keeps_the_label_of_y_to_y_sq(window):
    assert window.open_example("mean_of_square", ask=False)
    assert window.animator.run_to_end("backward")
    labels = sorted(label.text() for label in visible_edge_labels(window))
    assert labels == ["0.25 (2×2)", "0.75 (2×2)", "4.5 (2×2)", "4.5 (2×2)"]
