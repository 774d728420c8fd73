"""A graph too big for the view opens readable at its loss, with a map of the rest in the
corner; Fit to View (F, Home) shows every card; the map moves the view where it is clicked."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from explorer.canvas.legend import legend_box
from explorer.canvas.view import MIN_ZOOM, READABLE_ZOOM

MINIBATCH_MLP = Path(__file__).resolve().parents[1] / "live" / "data" / "mlp_minibatches.py"
LAPTOP = QRect(0, 0, 1366, 768)
DESKTOP = QRect(0, 0, 1920, 1080)


def _settle() -> None:
    for _turn in range(3):
        QApplication.processEvents()


def _visible(view):
    return view.mapToScene(view.viewport().rect()).boundingRect()


@pytest.fixture(scope="module")
def traced_mlp():
    from explorer.core.live.tracer import trace_script

    graph = trace_script(str(MINIBATCH_MLP)).graphs[0]
    return graph.describe(), graph.graph


def _open(make_window, screen, traced_mlp):
    from explorer.live_view.window import open_graphs

    window = make_window()
    window.fit_to_screen(screen)
    open_graphs(window, [traced_mlp])
    _settle()
    window.view.viewport().repaint()   # draws the map
    return window


@pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_a_traced_150_node_graph_opens_readable_with_its_loss_in_view_and_a_map(
        app_look, make_window, traced_mlp, screen):
    window = _open(make_window, screen, traced_mlp)
    view = window.view
    assert len(window.document) >= 150
    assert view.zoom() >= READABLE_ZOOM - 1e-9
    loss = window.scene.node_item(window.document.meta["root"])
    assert loss.name == "loss"
    assert _visible(view).contains(loss.sceneBoundingRect())
    on_screen = view.mapFromScene(loss.sceneBoundingRect()).boundingRect()
    assert not on_screen.intersects(legend_box(view.viewport().rect()).toAlignedRect())
    # The rest of the graph is off screen: the map says so, clear of the loss and the legend.
    assert not _visible(view).contains(window.scene.nodes_bounding_rect())
    box = view.minimap.box
    assert box is not None and QRect(view.viewport().rect()).contains(box.toAlignedRect())
    assert not box.intersects(legend_box(view.viewport().rect()))
    assert not box.intersects(on_screen)


def test_fit_to_view_shows_every_card_and_the_map_goes(app_look, make_window, traced_mlp):
    window = _open(make_window, LAPTOP, traced_mlp)
    view = window.view
    assert QKeySequence("Home") in window.fit_action.shortcuts()
    window.fit_action.trigger()
    view.viewport().repaint()
    shown = _visible(view)
    outside = [card.name for card in window.scene.node_items()
               if card.isVisible() and not shown.contains(card.sceneBoundingRect())]
    assert outside == []
    assert view.minimap.box is None
    # Fit went below the wheel's least zoom: zooming out from there does not zoom in.
    zoom = view.zoom()
    assert zoom < MIN_ZOOM
    view.zoom_out()
    assert view.zoom() <= zoom


def test_a_click_on_the_map_shows_that_part_of_the_graph(
        app_look, make_window, qtbot, traced_mlp):
    window = _open(make_window, LAPTOP, traced_mlp)
    view = window.view
    first = min((card for card in window.scene.node_items() if card.isVisible()),
                key=lambda card: card.sceneBoundingRect().left())
    assert not _visible(view).intersects(first.sceneBoundingRect())
    point = view.minimap.map_point(first.sceneBoundingRect().center()).toPoint()
    assert view.minimap.box.contains(point.toPointF())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert _visible(view).intersects(first.sceneBoundingRect())
    assert window.scene.selected_node_ids() == []   # a click on the map selects nothing


def test_the_map_says_what_it_is_when_hovered(app_look, make_window, traced_mlp):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = _open(make_window, LAPTOP, traced_mlp)
    view = window.view
    point = view.minimap.box.center().toPoint()
    QApplication.sendEvent(view.viewport(), QHelpEvent(
        QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    assert QToolTip.text() == view.map_tooltip()
    QToolTip.hideText()
