"""The chooser of recorded graphs on a laptop's screen: a row of its own, so that Replay
Backward is on show and the animation bar keeps its actions."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from explorer.live_view.window import LiveGraphChooser, open_graphs

CUBIC_FIT = Path(__file__).resolve().parent / "data" / "cubic_fit.py"
LAPTOP = QRect(0, 0, 1366, 768)
DESKTOP = QRect(0, 0, 1920, 1080)


def _settle() -> None:
    for _turn in range(3):
        QApplication.processEvents()


def _traced_calls():
    from explorer.core.live.tracer import trace_script

    result = trace_script(str(CUBIC_FIT))
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
    chooser = open_graphs(window, _traced_calls(), output="printed\n", script="fit.py")
    _settle()
    for action in (chooser.replay_action, chooser.output_action):
        button = chooser.widgetForAction(action)
        assert button is not None and button.isVisible()
        assert chooser.rect().contains(button.geometry())
    assert transport.in_bar() == before


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
