"""Fit to View keeps the bottom cards above the canvas's legend, not under it."""
from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from explorer.canvas.legend import legend_box


def test_fit_to_view_leaves_the_legend_clear_of_every_card(app_look, make_window):
    window = make_window()
    window.fit_to_screen(QRect(0, 0, 1366, 768))
    window.open_example("polynomial_loss", ask=False)
    for _turn in range(3):
        QApplication.processEvents()
    view = window.view
    view.fit_to_view()
    legend = legend_box(view.viewport().rect(), view.legend_scale)
    under = [card.name for card in window.scene.node_items()
             if view.mapFromScene(card.sceneBoundingRect()).boundingRect().intersects(
                 legend.toAlignedRect())]
    assert under == []
