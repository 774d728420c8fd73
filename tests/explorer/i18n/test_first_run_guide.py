"""The first-run tour does each step for real, through the window, and remembers "don't show"."""
from __future__ import annotations

from explorer import settings as user_settings
from explorer.commands import RemoveCommand
from explorer.core.document.evaluation import grad_of
from explorer.guide.first_run_guide import show_guide, show_on_first_run


def node_id(window, name: str) -> str:
    return window.document.node_by_name(name).id


def test_tour_opens_x_squared_runs_forward_then_backward_and_selects_x(window):
    guide = show_guide(window)
    assert guide.isVisible() and guide.step == 0
    guide.advance()                                  # open the example
    assert window.document.meta["title"] == "y = x**2 + 1"
    guide.advance()                                  # forward
    assert window.animator.timeline is not None and window.animator.timeline.kind == "forward"
    assert "y = 5" in guide.body.text()
    guide.advance()                                  # backward
    assert window.animator.timeline.kind == "backward"
    grad, _reason = grad_of(window.evaluation, node_id(window, "x"))
    assert grad is not None and grad.item() == 4.0
    guide.advance()                                  # point at x.grad
    assert window.scene.selected_node_ids() == [node_id(window, "x")]
    assert "x.grad = 4" in guide.body.text()
    assert guide.step == len(guide.steps()) - 1 and not guide.problem.isVisible()
    guide.advance()                                  # finish
    assert not guide.isVisible()


def test_tour_says_what_is_wrong_when_the_example_was_edited(window):
    guide = show_guide(window)
    guide.advance()
    window.push(RemoveCommand(window.document, [node_id(window, "y")], []))
    guide.advance()
    assert guide.step == 1 and not guide.problem.isHidden()
    assert "y" in guide.problem.text()


def test_dont_show_again_is_remembered_and_help_still_opens_the_tour(window, settings):
    assert show_on_first_run(window) is not None
    guide = window.guide.first_run_guide
    guide.dont_show.setChecked(True)
    guide.close()
    assert user_settings.guide_dismissed(settings)
    assert show_on_first_run(window) is None
    window.guide.guide_action.trigger()
    assert guide.isVisible() and guide.step == 0 and guide.dont_show.isChecked()


def test_closing_without_ticking_keeps_the_tour_for_next_start(window, settings):
    guide = show_guide(window)
    guide.reject()                                   # Escape
    assert not user_settings.guide_dismissed(settings)
    assert show_on_first_run(window) is guide


def test_help_menu_lists_the_tour_and_concepts_before_about(window):
    texts = [a.text() for a in window.menu("help").actions() if not a.isSeparator()]
    assert texts.index(window.guide.guide_action.text()) < texts.index(window.about_action.text())
    assert window.guide.concepts_action.text() in texts


def test_tour_waits_when_the_user_keeps_unsaved_work(window, monkeypatch):
    window.last_error = "an old problem"
    monkeypatch.setattr(window, "maybe_save", lambda: False)   # Cancel in the save question
    guide = show_guide(window)
    guide.advance()
    assert guide.step == 0 and guide.problem.text() == "The example was not opened."
    assert window.document.meta.get("title") != "y = x**2 + 1"



def hint_ink(window) -> int:
    """Text-dark pixels in the middle band of the canvas, where the empty canvas's hint is."""
    from PySide6.QtGui import QColor

    image = window.view.viewport().grab().toImage()
    middle = image.height() // 2
    return sum(1 for y in range(middle - 30, middle + 30, 2)
               for x in range(0, image.width(), 2)
               if QColor(image.pixel(x, y)).lightness() < 170)


def test_the_empty_canvas_hint_gives_way_to_the_tours_card(window):
    """On an empty canvas the tour's card half covered the canvas's own hint (at 1366x768 its
    buttons sat on the hint's text): the hint waits until the tour is closed."""
    assert window.scene.is_empty() and hint_ink(window) > 0
    guide = show_guide(window)
    assert hint_ink(window) == 0
    guide.close()
    assert hint_ink(window) > 0
