"""Backward may start from any node (context menu, transport bar), and the instant and the
animated backward are one: a non-scalar start asks for its gradient in both."""
from __future__ import annotations

from PySide6.QtCore import QPointF


def ids_by_name(window) -> dict[str, str]:
    return {d.name: d.id for d in window.document.nodes()}


def menu_action(menu, text: str):
    return next(a for a in menu.actions() if a.text() == text)


def test_leaf_nonleaf_runs_backward_from_t_then_from_r_as_its_description_says(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    asked = []
    window.animator.ask_gradient = lambda name, shape: asked.append((name, shape)) or "ones"
    t_item = window.scene.node_item(ids["t"])
    menu = window.context_menu(t_item, QPointF())
    menu_action(menu, "Backward from This Node").trigger()
    assert asked == [("t", (2, 3))]
    assert window.animator.timeline is not None
    assert window.evaluation.values[ids["t"]].grad.tolist() == [[1.0] * 3] * 2
    menu = window.context_menu(window.scene.node_item(ids["r"]), QPointF())
    menu_action(menu, "Backward from This Node").trigger()
    assert asked[-1] == ("r", (2, 3))
    assert window.evaluation.values[ids["t"]].grad.tolist() == [[3.0] * 3] * 2


def test_compute_gradients_asks_for_a_non_scalar_roots_gradient_as_the_animation_does(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    asked = []
    gradient = "[[1., 0., 0.], [0., 0., 2.]]"
    window.animator.ask_gradient = lambda name, shape: asked.append((name, shape)) or gradient
    assert window.compute_gradients(ids["r"]) is None
    assert asked == [("r", (2, 3))]
    assert window.evaluation.values[ids["t"]].grad.tolist() == [[2.0, 0.0, 0.0],
                                                                [0.0, 0.0, 4.0]]
    # Cancelling the question runs nothing.
    window.animator.ask_gradient = lambda name, shape: None
    assert window.compute_gradients(ids["r"]) is not None
    assert window.evaluation.values[ids["t"]].grad.tolist() == [[2.0, 0.0, 0.0],
                                                                [0.0, 0.0, 4.0]]


def test_the_transport_bar_says_which_node_backward_starts_from(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    backward = window.animator.transport_bar.actions_by_name["backward"]
    assert backward.text() == "Backward from r"     # the example's root
    window.scene.select_nodes([ids["t"]])
    assert backward.text() == "Backward from t"
    window.animator.ask_gradient = lambda name, shape: "ones"
    backward.trigger()
    assert window.evaluation.values[ids["t"]].grad.tolist() == [[1.0] * 3] * 2
