"""Tensor-aware cards: vectors draw a line plot and matrices a heatmap (with the .grad beside them
in the gradient colours), scalars and tiny tensors keep their text; below 70 % zoom a card shows
its name, op and plot in large type; polynomial_loss is readable as it opens on a laptop."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

import engine
from explorer.canvas import colors
from explorer.canvas.node_item import LINE_PLOT_H, OVERVIEW_ZOOM, NodeItem
from explorer.canvas.tensor_plot import (
    GRAD_COLOR,
    HEATMAP,
    LINE,
    heatmap_image,
    heatmap_scale,
    plot_data,
    plot_kind,
    plot_range,
)

MIN_SCREEN_PX = 9.0


def leaf_with_grad(value):
    x = engine.tensor(value, requires_grad=True)
    (x * x).sum().backward()            # x.grad = 2 x
    return x


def card(value, name="x", op="input") -> NodeItem:
    item = NodeItem("n1", op, name, {})
    item.show_result(value, None, True)
    return item


def render(item: NodeItem, zoom: float) -> QImage:
    """Paint the card alone at `zoom`, as a view would."""
    scene = QGraphicsScene()
    scene.addItem(item)
    rect = item.sceneBoundingRect()
    image = QImage(int(rect.width() * zoom) + 2, int(rect.height() * zoom) + 2,
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, rect.width() * zoom, rect.height() * zoom), rect)
    painter.end()
    scene.removeItem(item)
    return image


def bluish_columns(image: QImage, top: int) -> set[int]:
    """Pixel columns holding the gradient colour below row `top` (the plots' strip)."""
    found = set()
    for x in range(image.width()):
        for y in range(top, image.height()):
            c = image.pixelColor(x, y)
            if abs(c.red() - GRAD_COLOR.red()) < 40 and abs(c.green() - GRAD_COLOR.green()) < 40 \
                    and abs(c.blue() - GRAD_COLOR.blue()) < 40:
                found.add(x)
                break
    return found


def test_only_vectors_and_matrices_of_eight_or_more_elements_are_plotted():
    assert plot_kind(engine.tensor(3.0)) is None
    assert plot_kind(engine.arange(7.0)) is None
    assert plot_kind(engine.ones(2, 2)) is None
    assert plot_kind(engine.arange(8.0)) == LINE
    assert plot_kind(engine.ones(3, 4)) == HEATMAP
    assert plot_kind(engine.ones(2, 2, 2)) is None
    assert plot_kind(3.0) is None


def test_a_scalar_card_keeps_pytorch_text_and_no_plot(qapp):
    item = card(engine.tensor(2.0, requires_grad=True))
    assert item.plots() == []
    assert item.body_lines() == ["tensor(2.,", "  requires_grad=True)"]


def test_a_vector_card_plots_its_values_and_its_grad_beside_them(qapp):
    x = leaf_with_grad([float(i) for i in range(-10, 10)])
    item = card(x)
    plotted = item.plots()
    assert [is_grad for _tensor, is_grad in plotted] == [False, True]
    assert plotted[0][0] is x and plotted[1][0] is x.grad     # the engine's own tensors
    without_grad = card(engine.arange(20.0))
    assert item.size()[1] > without_grad.size()[1] - 1 and without_grad.plots()
    columns = bluish_columns(render(item, 1.0), top=int(item.size()[1] - LINE_PLOT_H))
    width = item.size()[0]
    # The .grad's plot (gradient colour) sits in the right half, beside the value's.
    assert columns and min(columns) > width / 2


def test_a_grad_heatmap_is_diverging_and_symmetric_about_zero(qapp):
    grad = engine.tensor([[-2.0, 0.0, 1.0, 2.0], [0.5, -0.5, 0.0, 1.5]])
    assert heatmap_scale(grad, diverging=True) == (-2.0, 2.0)
    image = heatmap_image(grad, diverging=True)
    assert (image.width(), image.height()) == (4, 2)
    negative, zero, positive = (image.pixelColor(0, 0), image.pixelColor(1, 0),
                                image.pixelColor(3, 0))
    assert negative.blue() > negative.red() and positive.red() > positive.blue()
    assert min(zero.red(), zero.green(), zero.blue()) > 235      # zero is white
    values = heatmap_image(engine.arange(8.0).reshape(2, 4), diverging=False)
    assert values.pixelColor(0, 0) != values.pixelColor(3, 1)


def test_below_seventy_percent_a_card_shows_name_op_and_plot_in_large_type(qapp):
    item = card(engine.arange(20.0) * 2, name="y_pred", op="mul")
    render(item, 1.0)
    detailed = [text for text, _px in item.painted_texts]
    assert any(text.startswith("[") for text in detailed)        # the printed values
    zoom = OVERVIEW_ZOOM - 0.2
    render(item, zoom)
    texts = dict(item.painted_texts)
    assert "y_pred" in texts and "mul" in texts
    assert not any(text.startswith("[") for text in texts)       # the plot stands for them
    assert all(px * zoom >= MIN_SCREEN_PX for px in texts.values())


def test_a_scalar_card_in_overview_shows_its_value_in_large_type(qapp):
    item = card(engine.tensor(2.5, requires_grad=True), name="a")
    zoom = 0.5
    render(item, zoom)
    texts = dict(item.painted_texts)
    assert "2.5" in texts                   # the number alone: tensor(...) has no room here
    x = engine.tensor(2.5, requires_grad=True)
    (x * 3).backward()
    item = card(x, name="a")
    render(item, zoom)
    texts = dict(item.painted_texts)
    assert "2.5" in texts and "grad 3" in texts
    assert all(px * zoom >= MIN_SCREEN_PX for px in texts.values())
    assert all(px * zoom >= MIN_SCREEN_PX for px in texts.values())


@pytest.mark.parametrize("run", [False, True], ids=["opened", "after backward"])
@pytest.mark.parametrize("example", ["polynomial_loss", "diamond"])
def test_examples_are_readable_as_they_open_on_a_laptop_screen(window, example, run):
    window.resize(1366, 768)
    QApplication.processEvents()
    assert window.open_example(example, ask=False)    # fitted as it opens
    QApplication.processEvents()
    if run:
        window.evaluate_now()
        assert window.animator.run_to_end("backward")
    view: QGraphicsView = window.view
    view.viewport().grab()           # paints every visible card at the view's scale
    zoom = view.zoom()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    cards = [item for item in window.scene.items(visible) if isinstance(item, NodeItem)]
    assert len(cards) >= min(8, len(window.document.nodes()))
    for item in cards:
        assert item.painted_texts, item.name
        small = [(text, px * zoom) for text, px in item.painted_texts
                 if px * zoom < MIN_SCREEN_PX]
        assert not small, (item.name, zoom, small)


# ---- formulas on hover ------------------------------------------------------------------------

def test_hovering_a_pow_card_shows_its_formula_and_both_local_derivatives(window):
    assert window.open_example("power", ask=False)
    pow_node = next(n for n in window.document.nodes() if n.op == "pow")
    tip = window.scene.node_item(pow_node.id).toolTip()
    name = pow_node.name
    assert f"{name} = a^b" in tip
    assert f"∂{name}/∂a = b × a^(b - 1)" in tip and f"∂{name}/∂b = a^b × ln(a)" in tip


def test_hovering_an_edge_shows_the_local_derivative_for_its_input(window, mouse):
    from PySide6.QtCore import QEvent, Qt

    assert window.open_example("power", ask=False)
    pow_node = next(n for n in window.document.nodes() if n.op == "pow")
    edge = next(e for e in window.scene.edge_items() if e.dst_item.node_id == pow_node.id
                and e.port == "b")
    window.view.centerOn(edge.point_at(0.5))
    mouse.send(window.view, QEvent.Type.MouseMove, edge.point_at(0.5),
               buttons=Qt.MouseButton.NoButton)
    QApplication.processEvents()
    tip = edge.toolTip()
    assert f"∂{pow_node.name}/∂b = a^b × ln(a)" in tip and "∂/∂a" not in tip
    assert f"grad_{edge.src_item.name} = grad_out × ∂{pow_node.name}/∂b" in tip
    assert edge.paint_color() == colors.EDGE_HOVER     # and the wire under the pointer lights up


def test_formulas_come_from_the_engines_op_table(window, monkeypatch):
    import dataclasses

    from engine.ops import FORMULAS

    monkeypatch.setitem(FORMULAS, "pow", dataclasses.replace(
        FORMULAS["pow"], local={"a": "RULE_A", "b": "RULE_B"}))
    assert window.open_example("power", ask=False)
    pow_node = next(n for n in window.document.nodes() if n.op == "pow")
    item = window.scene.node_item(pow_node.id)
    item.set_name(item.name)        # the card rebuilds its hover text
    assert "RULE_A" in item.toolTip() and "RULE_B" in item.toolTip()


# ---- the inspector's larger plot --------------------------------------------------------------

def test_the_inspector_plots_a_vector_and_its_grad_larger_and_keeps_the_full_text(window):
    assert window.open_example("polynomial_loss", ask=False)
    window.evaluate_now()
    ids = {n.name: n.id for n in window.document.nodes()}
    window.scene.select_nodes([ids["x"]])
    inspector = window.inspector
    x = window.evaluation.values[ids["x"]]
    assert inspector.value_plot.isVisibleTo(window) and inspector.value_plot.tensor() is x
    assert inspector.value_text.toPlainText() == repr(x)
    assert inspector.value_plot.height() > 2 * LINE_PLOT_H
    assert not inspector.grad_plot.isVisibleTo(window)          # x does not require grad
    window.scene.select_nodes([ids["a"]])
    assert not inspector.value_plot.isVisibleTo(window)         # a scalar stays text


def test_the_inspector_plots_a_gradient_in_the_gradient_colours(qapp):
    from explorer.canvas.tensor_plot_widget import TensorPlotView

    plot = TensorPlotView(grad=True)
    plot.resize(300, 10)
    x = leaf_with_grad([float(i) for i in range(-10, 10)])
    plot.set_tensor(x.grad)
    assert plot.tensor() is x.grad and not plot.isHidden()
    assert bluish_columns(plot.grab().toImage(), top=0)
    plot.set_tensor(engine.tensor(3.0))
    assert plot.isHidden()


# ---- the chain rule on a tensor edge -----------------------------------------------------------

def test_a_tensor_edge_bubble_shows_the_chain_rule_with_shapes_and_mini_plots(window):
    from explorer.animation.overlay import FlowLabel
    from explorer.core.replay.timeline import BackwardNodeStep

    assert window.open_example("polynomial_loss", ask=False)
    window.evaluate_now()
    assert window.animator.backward(play=False, gradient_text="ones")
    timeline = window.animator.timeline
    names = {n.id: n.name for n in window.document.nodes()}
    position = next(i + 1 for i, step in enumerate(timeline.steps)
                    if isinstance(step, BackwardNodeStep) and names[step.node_id] == "diff")
    window.animator.player.seek(position)
    QApplication.processEvents()
    labels = [item for item in window.scene.items()
              if isinstance(item, FlowLabel) and item.isVisible() and item.plots()]
    texts = {label.text() for label in labels}
    assert "grad_out (2000) × local (2000) = grad_y_pred (2000)" in texts
    label = next(label for label in labels if label.text().endswith("grad_y_pred (2000)"))
    step = timeline.steps[position - 1]
    flow = next(f for f in step.flows if names[f.src] == "y_pred")
    # The engine's own tensors, as the replay reported them.
    assert [id(p.tensor) for p in label.plots()] == [id(flow.upstream), id(flow.local),
                                                     id(flow.contribution)]
    assert "…" not in label.text()


def test_scalar_and_uniform_flows_keep_their_numbers(qapp):
    from explorer.canvas.chain_rule_plots import chain_rule_parts

    assert chain_rule_parts(engine.tensor(1.0), engine.tensor(2.0), engine.tensor(2.0), "x") \
        is None
    ones = engine.ones(100)
    assert chain_rule_parts(ones, ones, ones, "x") is None       # reads as '1 × 1 = 1 (100)'
    varying = engine.arange(100.0)
    parts = chain_rule_parts(engine.tensor(1.0), None, varying, "x")
    assert [p.name for p in parts] == ["grad_x"]                 # sum: grad_out is a number


def test_a_huge_tensor_is_reduced_for_its_plot_but_keeps_its_true_range(qapp):
    vector = engine.arange(3_000_000.0)
    assert len(plot_data(vector)) == 512 and plot_range(vector) == (0.0, 2_999_999.0)
    matrix = engine.ones(1000, 300)
    assert plot_data(matrix).shape == (125, 100)
    image = heatmap_image(engine.arange(40_000.0).reshape(200, 200), diverging=False)
    assert image.width() <= 128 and image.height() <= 128
