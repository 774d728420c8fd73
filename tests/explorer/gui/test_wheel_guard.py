"""The mouse wheel scrolls panels; it changes a combo or spin box only when that box has keyboard
focus (scrolling the inspector past "Initialise with" must not rewrite the graph)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One real wheel notch (down for steps < 0) over the middle of `widget`."""
    local = QPointF(widget.rect().center())
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(local.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_wheel_over_initialise_with_leaves_the_graph_alone(window):
    assert window.open_example("x_squared", ask=False)
    x = window.document.node_by_name("x").id
    window.scene.select_nodes([x])
    window.view.setFocus()
    combo = window.inspector.param_editor("init")
    assert isinstance(combo, QComboBox) and not combo.hasFocus()
    before = (window.undo_stack.count(), dict(window.document.node(x).params))
    for _ in range(3):
        wheel(window.inspector.param_editor("init"))   # an edit would rebuild the editors
        QApplication.processEvents()
    assert (window.undo_stack.count(), dict(window.document.node(x).params)) == before
    assert window.inspector.param_editor("init").focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_wheel_over_an_unfocused_box_scrolls_the_panel_instead(window):
    # Any combo, spin box or slider in the app, wherever it was made: the guard is app-wide.
    page = QWidget()
    column = QVBoxLayout(page)
    boxes = [QComboBox(), QSpinBox(), QDoubleSpinBox(), QSlider(Qt.Orientation.Horizontal)]
    boxes[0].addItems(["a", "b", "c"])
    for box in boxes:
        column.addWidget(box)
        column.addSpacing(400)
    scroll = QScrollArea()
    scroll.setWidget(page)
    scroll.resize(200, 300)
    scroll.show()
    QApplication.processEvents()
    scroll.setFocus()   # not the first box, which the window focused when shown
    for box in boxes:
        box.ensurePolished()
        scroll.ensureWidgetVisible(box, 0, 0)
        start = scroll.verticalScrollBar().value()
        values = [boxes[0].currentIndex(), boxes[1].value(), boxes[2].value(), boxes[3].value()]
        wheel(box)
        assert [boxes[0].currentIndex(), boxes[1].value(), boxes[2].value(),
                boxes[3].value()] == values, type(box).__name__
        assert scroll.verticalScrollBar().value() > start, type(box).__name__
        assert not box.hasFocus()
    scroll.close()


def test_a_focused_box_still_takes_the_wheel(window):
    spin = QSpinBox()
    spin.setRange(0, 10)
    spin.setValue(5)
    spin.show()
    spin.activateWindow()
    spin.setFocus()
    QApplication.processEvents()
    assert spin.hasFocus()
    wheel(spin, steps=1)
    assert spin.value() == 6
    spin.close()
