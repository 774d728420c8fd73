"""The tour's card never hides what its step explains: the cards x, x_sq and y, the animation's
labels ("y = 5", "x.grad = None → 4") and the panels the step names, on a laptop and a desktop
screen, in English and Chinese."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from explorer.animation.overlay import FlowLabel
from explorer.guide.first_run_guide import show_guide

SCREENS = {"1366x768": QRect(0, 0, 1366, 768), "1920x1080": QRect(0, 0, 1920, 1080)}


def on_screen(window, scene_rect) -> QRect:
    view = window.view
    box = view.mapFromScene(scene_rect).boundingRect()
    return QRect(view.viewport().mapToGlobal(box.topLeft()), box.size())


def explained_items(window) -> dict[str, QRect]:
    """What the steps talk about on the canvas, in screen coordinates."""
    rects = {name: on_screen(window, window.scene.node_item(
        window.document.node_by_name(name).id).sceneBoundingRect())
        for name in ("x", "x_sq", "y")}
    for item in window.scene.items():
        if isinstance(item, FlowLabel) and item.isVisible() and item.text():
            rects[f"label {item.text()!r}"] = on_screen(window, item.box())
    return rects


def named_panels(window, step: int) -> dict[str, QRect]:
    owners = {"step_dock": window.animator, "transport_bar": window.animator,
              "inspector_dock": window}
    names = {2: ("step_dock", "transport_bar"), 4: ("inspector_dock",)}.get(step, ())
    return {name: QRect(getattr(owners[name], name).mapToGlobal(QPoint(0, 0)),
                        getattr(owners[name], name).size()) for name in names}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_tour_card_covers_nothing_its_step_explains(make_window, language, lang, screen,
                                                         app_look):
    """In the program's own look (its larger type moved a label under the card on a laptop,
    seen only when an earlier test had set that look)."""
    language(lang)
    window = make_window()
    window.fit_to_screen(SCREENS[screen])
    QApplication.processEvents()
    guide = show_guide(window)
    seen_labels = set()
    for step in range(1, len(guide.steps())):
        guide.advance()
        assert guide.step == step and not guide.problem.isVisible()
        window.animator.player.run_to_end()   # the labels where the animation leaves them
        QApplication.processEvents()
        card = guide.frameGeometry()
        targets = {**explained_items(window), **named_panels(window, step)}
        seen_labels.update(name for name in targets if name.startswith("label"))
        covered = {name: rect for name, rect in targets.items() if rect.intersects(card)}
        assert covered == {}, (step, card)
        assert SCREENS[screen].contains(card)
    assert any("y = 5" in name for name in seen_labels)


PASTED = ("import torch\nx = torch.tensor([1., 2.], requires_grad=True)\n"
          "w = torch.tensor([3., 4.], requires_grad=True)\ny = (w * x).sum()\ny.backward()\n")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_first_card_lies_over_empty_canvas_after_pasting_code(make_window, language, lang):
    """Seen on a laptop: the card hid a dock and the pasted graph; it goes over free canvas,
    inside the window."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDockWidget

    language(lang)
    window = make_window()
    window.fit_to_screen(SCREENS["1366x768"])
    QApplication.processEvents()
    QGuiApplication.clipboard().setText(PASTED)
    assert len(window.paste()) == 4
    QApplication.processEvents()
    guide = show_guide(window)
    card = guide.frameGeometry()
    docks = {dock.objectName(): QRect(dock.mapToGlobal(QPoint(0, 0)), dock.size())
             for dock in window.findChildren(QDockWidget) if dock.isVisible()}
    cards = {data.name: on_screen(window, window.scene.node_item(data.id).sceneBoundingRect())
             for data in window.document.nodes()}
    covered = {name: rect for name, rect in {**docks, **cards}.items() if rect.intersects(card)}
    assert covered == {}, card
    assert QRect(window.mapToGlobal(QPoint(0, 0)), window.size()).contains(card)
