"""The chooser of recorded graphs on a laptop's screen: a row of its own, so that Replay
Backward is on show and the animation bar keeps its actions."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from explorer.live_view.window import LiveGraphChooser, open_graphs
from explorer.window_layout import toolbar_rows

CUBIC_FIT = Path(__file__).resolve().parent / "data" / "cubic_fit.py"
LAPTOP = QRect(0, 0, 1366, 768)
DESKTOP = QRect(0, 0, 1920, 1080)


def _settle() -> None:
    for _turn in range(3):
        QApplication.processEvents()


def _traced_calls():
    from explorer.core.live.recorder import first_and_every
    from explorer.core.live.tracer import trace_script

    # two backward calls make a chooser of two entries (each kept call is laid out: seconds)
    result = trace_script(str(CUBIC_FIT), (), first_and_every(2, 10**9))
    return [(call.describe(), call.graph) for call in result.graphs]


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_replay_backward_is_on_show_and_the_animation_bar_keeps_its_actions(
        app_look, make_window, screen):
    window = make_window()
    window.fit_to_screen(screen)
    window.open_example("diamond", ask=False)
    _settle()
    transport = window.animator.transport_bar
    before = transport.in_bar()
    field = window.code_actions.expression_bar.line_edit
    field_width = field.width()
    chooser = open_graphs(window, _traced_calls(), output="printed\n", script="fit.py")
    _settle()
    for action in (chooser.replay_action, chooser.output_action):
        button = chooser.widgetForAction(action)
        assert button is not None and button.isVisible()
        assert chooser.rect().contains(button.geometry())
    assert transport.in_bar() == before
    assert field.width() >= field_width   # the expression field is not squeezed
    assert [chooser] in toolbar_rows(window)   # a short label does not squeeze it either


def test_a_second_trace_replaces_the_chooser_and_reset_layout_keeps_it_whole(
        app_look, make_window):
    window = make_window()
    window.fit_to_screen(LAPTOP)
    open_graphs(window, _traced_calls())
    chooser = open_graphs(window, _traced_calls())
    _settle()
    assert [old for old in window.findChildren(LiveGraphChooser)
            if old is not chooser and old.isVisible()] == []
    window.reset_layout()
    _settle()
    assert chooser.widgetForAction(chooser.replay_action).isVisible()


def _shown_cards(scene):
    from explorer.canvas.group_item import GroupCardItem

    cards = [item for item in scene.node_items() if item.isVisible()]
    return cards + [item for item in scene.group_items() if isinstance(item, GroupCardItem)]


def test_a_traced_deep_mlp_opens_with_no_card_over_another(app_look, make_window):
    from explorer.core.live.tracer import trace_script

    window = make_window()
    window.fit_to_screen(LAPTOP)
    result = trace_script(str(CUBIC_FIT.parent / "deep_mlp.py"))
    open_graphs(window, [(call.describe(), call.graph) for call in result.graphs])
    _settle()
    cards = _shown_cards(window.scene)
    assert len(window.scene.group_items()) == 17   # eight Linear, eight Tanh, the last Linear
    overlaps = [(a.toolTip()[:30], b.toolTip()[:30]) for i, a in enumerate(cards)
                for b in cards[i + 1:] if a.sceneBoundingRect().intersects(b.sceneBoundingRect())]
    assert overlaps == []


def test_a_traced_deep_mlp_opens_readable_at_its_loss(app_look, make_window):
    from explorer.canvas.view import READABLE_ZOOM
    from explorer.core.live.tracer import trace_script

    window = make_window()
    window.fit_to_screen(LAPTOP)
    result = trace_script(str(CUBIC_FIT.parent / "deep_mlp.py"))
    open_graphs(window, [(call.describe(), call.graph) for call in result.graphs])
    _settle()
    assert window.view.zoom() >= READABLE_ZOOM - 1e-9   # set_zoom's scale is a float product
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    loss = window.scene.node_item(window.document.meta["root"])
    assert loss.name == "loss"
    assert shown.contains(loss.sceneBoundingRect())


def test_a_layers_weight_sits_beside_its_layer_not_in_the_first_column(app_look, make_window):
    from explorer.core.live.tracer import trace_script

    window = make_window()
    result = trace_script(str(CUBIC_FIT.parent / "deep_mlp.py"))
    open_graphs(window, [(call.describe(), call.graph) for call in result.graphs])
    _settle()
    doc = window.document
    for group in doc.group_list():
        weights = {n for member in group.members for n in doc.graph.predecessors(member)
                   if doc.node(n).name.endswith("_weight")}
        layer = window.scene.group_item(group.id).sceneBoundingRect()
        for weight in weights:
            card = window.scene.node_item(weight).sceneBoundingRect()
            assert 0 < layer.left() - card.right() < 100, doc.node(weight).name
    assert sum(1 for n in doc.nodes() if n.name.endswith("_weight")) == 9


def test_a_traced_deep_mlp_reads_level_from_its_first_layer_to_its_loss(app_look, make_window):
    from explorer.core.live.tracer import trace_script

    window = make_window()
    result = trace_script(str(CUBIC_FIT.parent / "deep_mlp.py"))
    open_graphs(window, [(call.describe(), call.graph) for call in result.graphs])
    _settle()
    doc = window.document
    layers = [window.scene.group_item(group.id) for group in doc.group_list()]
    loss = window.scene.node_item(next(d.id for d in doc.nodes() if d.op == "mse_loss"))
    tops = [card.sceneBoundingRect().top() for card in [*layers, loss]]
    # Each Linear took the previous layer's output at its lowest port, under its weight's and
    # bias's: the chain climbed 2200 px across the canvas.
    assert max(tops) - min(tops) <= loss.sceneBoundingRect().height()
