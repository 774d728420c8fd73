"""Big graphs stay cheap to draw: far zoomed out (or crowded) the cards are drawn batched, cards
build their tooltips when shown, and a hidden code view writes its program when it is read."""
from __future__ import annotations

import json

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsSceneHelpEvent

from explorer.big_graph_bench import random_dag
from explorer.canvas.node_item import NodeItem
from explorer.canvas.overview_drawing import BATCHED_ZOOM

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _open(window, tmp_path, data: dict) -> None:
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert window.open_file(str(path), ask=False), window.last_error


def _painted(item) -> bool:
    return not item.flags() & NO_CONTENTS


def _view_image(window) -> QImage:
    window.view.viewport().repaint()
    return window.view.viewport().grab().toImage()


def _has_color(image: QImage, color: QColor) -> bool:
    wanted = color.rgb()
    return any(image.pixel(x, y) == wanted for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_far_zoomed_out_a_big_graph_is_drawn_batched_and_back_in_full(window, tmp_path):
    _open(window, tmp_path, random_dag(260, seed=3))
    scene, view = window.scene, window.view
    view.set_zoom(1.0)
    view.viewport().repaint()
    assert not scene.batched
    assert all(_painted(item) for item in scene.node_items())
    view.fit_to_view()
    view.set_zoom(0.2)
    image = _view_image(window)
    assert scene.batched
    cards, wires = scene.node_items(), scene.edge_items()
    assert not any(_painted(item) for item in [*cards, *wires])
    assert not any(_painted(port) for item in cards for port in item.input_ports.values())
    # The batched picture shows the cards: their headers' colours are on screen.
    kinds = {item.header_color().rgb() for item in cards}
    assert any(_has_color(image, QColor.fromRgb(rgb)) for rgb in kinds)
    # Cards still take clicks and selection while drawn batched.
    first = cards[0]
    scene.select_nodes([first.node_id])
    assert scene.selected_node_ids() == [first.node_id]
    assert scene.node_at(first.sceneBoundingRect().center()) is first
    view.set_zoom(0.8)
    view.viewport().repaint()
    assert not scene.batched and all(_painted(item) for item in [*cards, *wires])


def test_an_export_draws_every_card_in_full_while_the_view_is_batched(window, tmp_path):
    _open(window, tmp_path, random_dag(260, seed=4))
    window.view.set_zoom(0.2)
    window.view.viewport().repaint()
    assert window.scene.batched
    item = window.scene.node_items()[0]
    item.painted_texts = []
    image = QImage(400, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    window.scene.render(painter, QRectF(0, 0, 400, 300), item.sceneBoundingRect())
    painter.end()
    assert item.name in [text for text, _px in item.painted_texts]
    assert window.scene.batched   # the view goes on drawing batched


def test_a_small_graph_is_never_batched(window):
    assert window.open_example("diamond", ask=False)
    window.view.set_zoom(0.16)
    window.view.viewport().repaint()
    assert not window.scene.batched


def test_hundreds_of_overlapping_cards_in_view_are_drawn_batched_at_full_zoom(window, tmp_path):
    data = random_dag(400, seed=5)
    for number, entry in enumerate(data["nodes"]):   # 400 cards on a few hundred pixels
        entry["pos"] = [float(number % 20) * 10, float(number // 20) * 10]
    _open(window, tmp_path, data)
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(100, 100))
    window.view.viewport().repaint()
    assert window.scene.batched


def test_a_card_makes_its_tooltip_when_it_is_about_to_show(window):
    assert window.open_example("diamond", ask=False)
    item = next(i for i in window.scene.node_items() if i.op != "input")
    assert QGraphicsItem.toolTip(item) == ""   # not made on every relayout
    event = QGraphicsSceneHelpEvent(QGraphicsSceneHelpEvent.Type.GraphicsSceneHelp)
    event.setScenePos(item.sceneBoundingRect().center())
    event.setScreenPos(window.view.mapToGlobal(window.view.mapFromScene(event.scenePos())))
    QApplication.sendEvent(window.scene, event)
    tip = QGraphicsItem.toolTip(item)
    assert tip == item.toolTip() and item.name in tip and "Formula" in tip


def test_a_hidden_code_view_writes_its_program_when_read(window):
    window.code_dock.hide()
    QApplication.processEvents()
    window.document.add_node("input", name="hidden_x", params={"value": "2.0"}, pos=(0, 0))
    window.evaluate_now()
    assert "hidden_x" not in window.code_view.editor.toPlainText()   # not written yet
    assert "hidden_x" in window.code_view.text()
    window.code_dock.show()
    QApplication.processEvents()
    assert "hidden_x" in window.code_view.editor.toPlainText()
    window.undo_stack.setClean()


def test_a_shown_code_view_writes_its_program_once_the_event_loop_is_free(window, monkeypatch):
    from explorer.panels import code_view

    written = []
    export = code_view.export_script
    monkeypatch.setattr(code_view, "export_script", lambda doc, **kwargs: (
        written.append(len(doc)), export(doc, **kwargs))[1])
    window.code_dock.show()
    QApplication.processEvents()
    written.clear()
    window.document.add_node("input", name="shown_x", params={"value": "2.0"}, pos=(0, 0))
    window.evaluate_now()
    window.evaluate_now()   # asked twice in a row (as a file's load and its first paint do)
    assert written == [] and "shown_x" not in window.code_view.editor.toPlainText()
    QApplication.processEvents()
    assert written == [1] and "shown_x" in window.code_view.editor.toPlainText()
    window.undo_stack.setClean()


def test_cards_share_their_fonts():
    first = NodeItem("n1", "add", "a", {})
    second = NodeItem("n2", "mul", "b", {})
    assert first._body_font is second._body_font


def test_dragging_selected_cards_brings_their_wires_and_raises_them(window, mouse):
    assert window.open_example("diamond", ask=False)
    scene = window.scene
    a_id, b_id = (data.id for data in window.document.nodes()[:2])
    first, second = scene.node_item(a_id), scene.node_item(b_id)
    scene.select_nodes([a_id, b_id])
    assert first.zValue() > 1.0 and second.zValue() > 1.0   # drawn over their neighbours
    before = (first.pos(), second.pos())
    grip = first.sceneBoundingRect().topLeft() + QPointF(20, 8)   # on the header
    mouse.drag(window.view, grip, grip + QPointF(0, 120))
    assert (first.pos(), second.pos()) != before
    for edge in [*first.edges, *second.edges]:   # every wire still runs port to port
        start, tip = edge.endpoints()
        assert edge.point_at(0.0) == start
        assert abs(edge.point_at(1.0).y() - tip.y()) < 0.01
    scene.select_nodes([])
    assert first.zValue() == 1.0 and second.zValue() == 1.0
    window.undo_stack.setClean()


def test_panning_and_zooming_far_out_reuse_the_picture_until_the_zoom_rests(window, tmp_path,
                                                                            qtbot):
    _open(window, tmp_path, random_dag(260, seed=6))
    view, drawing = window.view, window.scene.overview
    view.set_zoom(0.2)
    view.viewport().repaint()
    renders = []
    original = drawing._render
    drawing._render = lambda *args: renders.append(args) or original(*args)
    view.pan_by(30, 10)
    view.viewport().repaint()
    assert renders == []   # a pan moves the pixmap
    view.set_zoom(0.24)
    view.viewport().repaint()
    assert renders == []   # the wheel turns: the picture is stretched...
    qtbot.waitUntil(lambda: len(renders) == 1, timeout=30_000)   # ...and drawn sharp after
    window.scene.node_items()[0].set_state("done")
    view.viewport().repaint()
    assert len(renders) == 2   # a card changed: drawn afresh


def test_opening_a_graph_sizes_each_card_once_and_routes_each_wire_once(window, tmp_path,
                                                                         monkeypatch):
    from explorer.canvas.edge_item import EdgeItem

    sizings, layouts, routes = [], [], []
    resize, relayout, update_path = NodeItem._resize, NodeItem._relayout, EdgeItem.update_path
    monkeypatch.setattr(NodeItem, "_resize", lambda item, *args, **kwargs: (
        sizings.append(item.node_id), resize(item, *args, **kwargs))[1])
    monkeypatch.setattr(NodeItem, "_relayout", lambda item, *args, **kwargs: (
        layouts.append(item.node_id), relayout(item, *args, **kwargs))[1])
    monkeypatch.setattr(EdgeItem, "update_path", lambda wire: (routes.append(wire.key),
                                                                update_path(wire))[1])
    _open(window, tmp_path, random_dag(60, seed=4))
    QApplication.processEvents()
    scene = window.scene
    cards = scene.node_items()
    assert set(sizings) == {item.node_id for item in cards}
    assert sorted(routes) == sorted(wire.key for wire in scene.edge_items())
    # Each wire ends at its ports, as when built one by one.
    for wire in scene.edge_items():
        start = wire.src_item.output_port.scenePos()
        assert wire.path().pointAtPercent(0.0) == start
    # A (scalar) card's text is laid out when it is painted in detail or read, once, at the
    # size it was given with its value (no card grows under its wires).
    assert all(item.painted_texts for item in cards if item.node_id in layouts)
    assert len(set(layouts)) == len(layouts) < len(cards)
    sizes = {item.node_id: item.size() for item in cards}
    assert all("not computed" not in item.body_lines() for item in cards)
    assert sorted(layouts) == sorted(sizes)
    assert {item.node_id: item.size() for item in cards} == sizes


def test_a_graph_opened_in_the_overview_lays_out_no_cards_text(window, tmp_path, monkeypatch):
    from explorer.canvas import edge_item

    layouts, curves = [], []
    relayout, curve = NodeItem._relayout, edge_item.curve
    monkeypatch.setattr(NodeItem, "_relayout", lambda item, *args, **kwargs: (
        layouts.append(item.node_id), relayout(item, *args, **kwargs))[1])
    monkeypatch.setattr(edge_item, "curve", lambda *ends: (curves.append(ends), curve(*ends))[1])
    _open(window, tmp_path, random_dag(400, seed=2))
    window.view.fit_to_view()
    window.view.set_zoom(0.2)
    window.view.viewport().repaint()
    QApplication.processEvents()
    cards = window.scene.node_items()
    assert window.scene.batched and window.view.zoom() < BATCHED_ZOOM
    # Only cards painted in detail on the way (the open's first, readable view) were laid out.
    assert set(layouts) <= {item.node_id for item in cards if item.painted_texts}
    assert len(layouts) < len(cards) / 4
    # Nor the curves of its wires, beyond those drawn in detail (the overview draws lines).
    assert len(curves) < len(window.scene.edge_items()) / 4


def test_a_port_shows_the_cross_cursor_also_entered_from_outside_its_card(window):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    window.open_example("diamond", ask=False)
    QApplication.processEvents()
    view, card = window.view, window.scene.node_items()[0]
    viewport = view.viewport()
    for dx in (6.0, -3.0):   # the port's half outside the card, then inside
        QTest.mouseMove(viewport, QPoint(2, 2))
        QTest.mouseMove(viewport, view.mapFromScene(card.output_port.scenePos()
                                                    + QPointF(dx, 0.0)))
        assert viewport.cursor().shape() == Qt.CursorShape.CrossCursor
    body = card.scenePos() + QPointF(card.size()[0] / 2, card.size()[1] - 5)
    QTest.mouseMove(viewport, view.mapFromScene(body))
    assert viewport.cursor().shape() == Qt.CursorShape.ArrowCursor


def test_a_wires_bounds_hold_its_curve_and_fit_it_when_it_runs_forward():
    import random

    from explorer.canvas.edge_item import curve, curve_bounds

    rng = random.Random(1)
    for _ in range(500):
        start = QPointF(rng.uniform(-500, 500), rng.uniform(-500, 500))
        end = QPointF(rng.uniform(-500, 500), rng.uniform(-500, 500))
        exact, bounds = curve(start, end).boundingRect(), curve_bounds(start, end)
        assert bounds.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(exact)
        if end.x() - start.x() >= 80:   # the usual wire, left to right: no slack
            assert abs(bounds.width() - exact.width()) < 1e-6
            assert abs(bounds.height() - exact.height()) < 1e-6
