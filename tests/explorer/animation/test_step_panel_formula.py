"""The step's formula starts level with its title, however tall the step panel is (a tall
dock used to float it in the middle of an empty box, far from the words it goes with)."""
from __future__ import annotations

from PySide6.QtGui import QColor


def first_ink_row(image, ink_below: int = 110) -> int | None:
    """The first row of `image` with a dark (text) pixel."""
    for y in range(image.height()):
        for x in range(8, image.width() - 8):
            if QColor(image.pixel(x, y)).lightness() < ink_below:
                return y
    return None


def test_the_formula_starts_at_the_top_of_a_tall_step_panel(window):
    assert window.open_example("diamond", ask=False)
    assert window.animator.run_to_end("backward")
    panel = window.animator.step_panel
    assert panel.formula_label.text()
    panel.formula_scroll.resize(panel.formula_scroll.width(), 400)
    image = panel.formula_label.grab().toImage()
    assert image.height() >= 380
    top = first_ink_row(image)
    assert top is not None and top < 40
