"""The step's formula starts level with its title, however tall the step panel is (a tall
dock used to float it in the middle of an empty box, far from the words it goes with)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication


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




@pytest.mark.parametrize("width", [830, 450])
def test_each_formula_line_fits_its_box_beside_the_steps_whole_title(window, qtbot, width):
    """In the bottom dock of a 1366x768 window (about 830 px wide) the formula box took 4/9 of
    the row and broke `grad_a (input b) = grad_out × a = 4 × 3 = 12` mid-line; it is now as
    wide as its longest line. Beside the code view (about 450 px) the step's title and position
    stay whole (no scroll bar under them) and the formula takes what is left."""
    from explorer.animation.step_panel import StepPanel

    assert window.open_example("diamond", ask=False)
    panel = StepPanel(window.animator)
    qtbot.addWidget(panel)
    panel.resize(width, 170)
    panel.show()
    qtbot.waitExposed(panel)
    assert window.animator.backward(window.document.meta["root"], play=False)
    window.animator.player.seek(3)   # b's MulBackward0: two long lines
    QApplication.processEvents()      # the row laid out again
    lines = panel.formula_label.text().splitlines()
    assert len(lines) >= 3
    metrics = panel.formula_label.fontMetrics()
    longest = max(metrics.horizontalAdvance(line) for line in lines)
    assert panel.formula_label.contentsRect().width() >= longest or width < 600
    # Its viewport (beside a vertical scroll bar when the words are taller than the panel).
    assert panel.words.parentWidget().width() >= panel.words.minimumSizeHint().width()


def test_a_longer_title_after_a_shorter_one_stays_whole_beside_a_long_formula(window, qtbot):
    """A folded group's step (`group 'net.9 (Tanh)' (tanh)`) after a plain one: the heading's
    layout still measured the old title, the formula took that room and the new title was cut
    under a scroll bar."""
    from explorer.animation.step_panel import StepPanel
    from explorer.core.replay.explain import Explanation

    panel = StepPanel(window.animator)
    qtbot.addWidget(panel)
    panel.resize(840, 170)
    panel.show()
    qtbot.waitExposed(panel)
    formula = ("grad_out = [0.0292, 0.026, -0.0382, 0.0303, 0.0269, -0.0397, …] (4×3)",)
    for title in ("AccumulateGrad", "group 'net.9 (Tanh)' (tanh) and a longer name"):
        panel.show_explanation(Explanation(title, "The gradient arrived.", formula))
        QApplication.processEvents()
        assert panel.words.parentWidget().width() >= panel.words.minimumSizeHint().width(), title
