"""Labels never cover a node card: the pure layout, and the real overlay on every bundled
example."""
from __future__ import annotations

import pytest

from explorer.animation.label_placement import LabelLayout, centred, intersects
from explorer.core.document.examples import ORDER

CARD = (0.0, 0.0, 100.0, 60.0)


def test_a_label_whose_spot_is_free_sits_on_it():
    layout = LabelLayout([CARD])
    assert layout.place(40, 16, [(200.0, 30.0)], reach=50, must=False) == (200.0, 30.0)


def test_a_label_on_a_card_moves_off_it_and_stays_near():
    layout = LabelLayout([CARD])
    x, y = layout.place(40, 16, [(50.0, 30.0)], reach=80, must=False)
    assert not intersects(centred((x, y), 40, 16), CARD)
    assert abs(y - 30.0) <= 80


def test_two_labels_at_the_same_spot_do_not_overlap():
    layout = LabelLayout([])
    first = layout.place(40, 16, [(0.0, 0.0)], reach=60, must=False)
    second = layout.place(40, 16, [(0.0, 0.0)], reach=60, must=False)
    assert first == (0.0, 0.0) and second != first
    assert not intersects(centred(first, 40, 16), centred(second, 40, 16))


def test_a_trail_label_with_no_room_is_left_out_but_the_step_on_show_goes_further():
    walls = [(-500.0, -500.0, 500.0, 500.0)]
    hole = LabelLayout([(x0, -500.0, x0 + 400.0, 500.0) for x0 in (-500.0, 100.0)])
    assert LabelLayout(walls).place(40, 16, [(0.0, 0.0)], reach=60, must=False) is None
    # A 200-wide gap between two tall cards: a 300-wide label cannot fit there, so it must go
    # above or below them, further than its reach, and still not on a card.
    center = hole.place(300, 16, [(0.0, 0.0)], reach=200, must=True)
    assert center is not None
    assert not any(intersects(centred(center, 300, 16), card) for card in hole.cards)


def test_labels_prefer_the_frame_when_it_has_room():
    layout = LabelLayout([CARD], frame=(-50.0, -50.0, 150.0, 110.0))
    x, y = layout.place(40, 16, [(50.0, 30.0)], reach=100, must=True)
    box = centred((x, y), 40, 16)
    assert -50 <= box[0] and box[2] <= 150 and -50 <= box[1] and box[3] <= 110


def test_a_label_wider_than_the_room_beside_its_spot_slides_into_the_frame():
    # The headline above the leftmost card (x.grad = None → [[4.5, 4.5], ...]) is wider than
    # the margin left of that card: it moves right rather than off the screen's edge.
    frame = (-50.0, -200.0, 900.0, 110.0)
    layout = LabelLayout([CARD], frame=frame)
    x, y = layout.place(400, 30, [(50.0, -30.0)], reach=60, must=True)
    box = centred((x, y), 400, 30)
    assert frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1]
    assert not intersects(box, layout.cards[0])
    assert abs(y - -30.0) <= 60


def _overlaps(window) -> list[str]:
    from explorer.animation.overlay import FlowLabel

    cards = {}
    for item in window.scene.node_items():
        r = item.mapRectToScene(item.boundingRect() | item.childrenBoundingRect())
        cards[item.node_id] = (r.left(), r.top(), r.right(), r.bottom())
    found = []
    for label in window.scene.items():
        if not isinstance(label, FlowLabel) or not label.isVisible():
            continue
        b = label.box()
        box = (b.left(), b.top(), b.right(), b.bottom())
        found += [f"{label.text()!r} on {node}" for node, card in cards.items()
                  if intersects(box, card)]
    return found


@pytest.mark.parametrize("key", ORDER)
def test_after_backward_no_label_covers_a_card(window, key):
    assert window.open_example(key, ask=False)
    assert window.animator.run_to_end("backward")
    assert _overlaps(window) == []


@pytest.mark.parametrize("key", ["diamond", "mean_of_square", "polynomial_loss", "dot"])
def test_at_every_step_of_backward_and_forward_no_label_covers_a_card(window, key):
    assert window.open_example(key, ask=False)
    for run in (window.animator.backward, window.animator.forward):
        assert run(play=False)
        player = window.animator.player
        while not player.at_end():
            player.seek(player.position + 1)
            assert _overlaps(window) == [], (run.__name__, player.position)


def test_the_final_state_keeps_one_short_label_per_edge_and_the_full_rule_only_for_the_step(
        window):
    from explorer.animation.overlay import FlowLabel

    assert window.open_example("diamond", ask=False)
    assert window.animator.backward(play=False)
    player = window.animator.player
    player.seek(2)      # ba's MulBackward0: grad_b = 1 × 3 = 3, grad_a = 1 × 9 = 9
    shown = {(i.text(), i.style) for i in window.scene.items()
             if isinstance(i, FlowLabel) and i.isVisible()}
    assert {("3 × 1 = 3", "current"), ("9 × 1 = 9", "current")} <= shown
    assert ("1", "compact") in shown        # c's AddBackward0 before it, as a short trail
    player.run_to_end()
    trail = [i for i in window.scene.items()
             if isinstance(i, FlowLabel) and i.isVisible() and i.style == "compact"]
    assert len(trail) == len(window.document.edges())
    assert all("×" not in i.text() and "×" in i.toolTip() for i in trail)


def test_zoomed_out_the_steps_labels_grow_and_still_cover_no_card(window):
    from explorer.animation.overlay import MAX_LABEL_BOOST, FlowLabel

    assert window.open_example("polynomial_loss", ask=False)
    assert window.animator.backward(play=False)
    window.animator.player.seek(8)

    def scales() -> dict[str, float]:
        return {i.style: i.scale() for i in window.scene.items()
                if isinstance(i, FlowLabel) and i.isVisible()}

    window.view.set_zoom(1.0)
    assert set(scales().values()) == {1.0}
    window.view.set_zoom(0.4)          # the labels are placed again for the new zoom
    shown = scales()
    assert shown["current"] == MAX_LABEL_BOOST and shown.get("compact", 1.0) == 1.0
    assert _overlaps(window) == []


def test_a_leader_line_does_not_cross_another_card():
    from explorer.animation.label_placement import segment_hits

    own, other, wall = (0.0, 0.0, 100.0, 40.0), (0.0, 60.0, 100.0, 100.0), \
        (-300.0, -100.0, 400.0, -5.0)
    assert segment_hits((50.0, 120.0), (50.0, 40.0), other)
    assert not segment_hits((150.0, 120.0), (100.0, 40.0), other)
    # Between the card and `other` there is no room, above is a wall: the only free places are
    # under `other`, whose leader line would run up through it, so a note is left out ...
    layout = LabelLayout([own, other, wall])
    assert layout.place(20, 14, [(50.0, 50.0)], reach=120, must=False, anchor=own) is None
    # ... which is the leader line's doing: without `other` in the way the same note fits.
    assert LabelLayout([own, wall]).place(20, 14, [(50.0, 50.0)], reach=120, must=False,
                                          anchor=own) is not None
    # The step on show still shows, and still on no card.
    center = layout.place(20, 14, [(50.0, 50.0)], reach=120, must=True, anchor=own)
    assert not any(intersects(centred(center, 20, 14), card) for card in (own, other, wall))


def test_after_fit_to_view_the_headline_of_the_last_step_is_on_screen(window):
    # mean_of_square ends with x.grad = None → [[4.5, 4.5], [4.5, 4.5]] above the leftmost
    # card: wider than the room the view leaves left of that card.
    from explorer.animation.overlay import FlowLabel

    assert window.open_example("mean_of_square", ask=False)
    window.view.fit_to_view()
    assert window.animator.run_to_end("backward")
    view = window.view
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    [headline] = [i for i in window.scene.items()
                  if isinstance(i, FlowLabel) and i.isVisible() and i.style == "headline"]
    assert visible.contains(headline.box()), (headline.box(), visible)
    assert _overlaps(window) == []


def test_a_label_that_must_show_goes_further_rather_than_onto_another_label():
    layout = LabelLayout([])
    first = layout.place(100, 120, [(0.0, 0.0)], reach=50, must=True)
    second = layout.place(100, 120, [(0.0, 0.0)], reach=50, must=True)
    assert not intersects(centred(first, 100, 120), centred(second, 100, 120))
