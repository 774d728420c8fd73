"""The default dock layout: what a learner looks for first is on screen without scrolling."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea


def test_the_inspector_shows_a_leafs_grad_without_scrolling_at_the_default_size(window):
    # The guided tour's last step: backward has run and x is selected to show x.grad.
    assert window.open_example("x_squared", ask=False)
    assert window.animator.backward(play=False)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    window.scene.select_nodes([x])
    QApplication.processEvents()
    scroll = window.inspector.findChild(QScrollArea)
    viewport = scroll.viewport()
    grad = window.inspector.grad_text
    top_left = grad.mapTo(viewport, QPoint(0, 0))
    assert grad.isVisible()
    assert QRect(viewport.rect()).contains(QRect(top_left, grad.size())), (
        top_left, grad.size(), viewport.size())
