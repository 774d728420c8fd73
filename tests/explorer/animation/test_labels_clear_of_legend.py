"""The animation's labels are never drawn under the colour legend in the canvas's corner, where
they could not be read (the cubic fit's loss on a 1366x768 laptop put one there)."""
from __future__ import annotations

from explorer.animation.overlay import FlowLabel
from explorer.canvas.legend import legend_box


def step_labels(window) -> list[FlowLabel]:
    return [item for item in window.scene.items() if isinstance(item, FlowLabel)
            and item.isVisible() and item.style in ("headline", "current")]


def test_a_chain_rule_label_moves_out_from_under_the_legend(window):
    window.open_example("polynomial_loss", ask=False)
    view = window.view
    assert view.legend_visible
    assert window.animator.backward(play=False)
    player = window.animator.player
    position, label = next(
        (position, label) for position in range(1, len(window.animator.timeline) + 1)
        if player.seek(position) is None
        for label in step_labels(window) if "grad_dx3" in label.text())
    # Pan so that the legend lies where that label was, then show its step again.
    corner = legend_box(view.viewport().rect())
    legend_centre = view.mapToScene(corner.center().toPoint())
    view.centerOn(view.visible_centre() + (label.box().center() - legend_centre))
    player.seek(position - 1)
    player.seek(position)
    legend = view.mapToScene(corner.toRect()).boundingRect()
    assert [item.text() for item in step_labels(window) if item.box().intersects(legend)] == []


def test_the_step_headline_is_brought_into_view(window):
    # A card at the view's left edge (the cubic fit's d on a laptop) had its headline placed
    # past that edge: the view now moves just enough to show it.
    window.open_example("polynomial_loss", ask=False)
    view = window.view
    assert window.animator.backward(play=False)
    d = next(data.id for data in window.document.nodes() if data.name == "d")
    card = window.scene.node_item(d).sceneBoundingRect()
    # d at the left edge, just above the legend, as the readable fit shows it on a laptop.
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    view.centerOn(card.left() - 4 + shown.width() / 2,
                  card.bottom() - (view.viewport().height() / 2 - 60) / view.zoom())
    player = window.animator.player
    for position in range(1, len(window.animator.timeline) + 1):
        player.seek(position)
        headline = next((item for item in window.scene.items() if isinstance(item, FlowLabel)
                         and item.style == "headline" and item.text().startswith("d.grad")),
                        None)
        if headline is not None:
            break
    assert headline is not None
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(headline.box())
