"""View > Presentation Mode: large type on the canvas, panels and plots, high contrast, the
editing chrome hidden, the window kept; leaving (the menu, Ctrl+F5 or Esc) restores everything
exactly, and nothing of it is saved."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QAbstractScrollArea, QToolBar

from explorer.canvas import colors
from explorer.canvas.view import READABLE_ZOOM
from explorer.classroom.presentation import FONT_SCALE, PRESENTED_TEXT_PX, SMALLEST_TEXT_PT


def look(window, qapp) -> dict:
    """What presentation mode may change, as plain values."""
    return {
        "state": bytes(window.saveState()),
        "geometry": window.geometry().getRect(),
        "zoom": round(window.view.zoom(), 6),
        "app font": qapp.font().pointSizeF(),
        "step title": window.animator.step_panel.title_label.font().pointSizeF(),
        "code": window.code_view.editor.font().pointSizeF(),
        "text colour": colors.TEXT.name(),
        "edge colour": colors.EDGE.name(),
        "sheet": qapp.styleSheet(),
        "toolbars": {t.objectName(): t.isVisible() for t in window.findChildren(QToolBar)},
        "palette dock": window.palette_dock.isVisible(),
        "scrolled": [(area.objectName() or type(area).__name__, area.horizontalScrollBar().value(),
                      area.verticalScrollBar().value())
                     for area in window.findChildren(QAbstractScrollArea)],
    }


def present(window, qtbot) -> None:
    window.classroom.presentation.action.trigger()
    qtbot.wait(10)


def test_presentation_enlarges_type_hides_editing_chrome_and_raises_contrast(window, qapp,
                                                                             qtbot):
    window.open_example("diamond", ask=False)
    window.view.fit_to_view(readable=True)
    before = look(window, qapp)
    present(window, qtbot)
    assert window.classroom.presentation.active and window.classroom.presentation.action.isChecked()
    during = look(window, qapp)
    assert during["app font"] == pytest.approx(before["app font"] * FONT_SCALE)
    assert during["step title"] == pytest.approx(before["step title"] * FONT_SCALE)
    assert during["code"] == pytest.approx(before["code"] * FONT_SCALE)
    assert during["zoom"] > before["zoom"]   # the graph fitted to the larger canvas
    assert visible_part(window)[0] == visible_part(window)[1]
    assert not during["palette dock"]
    assert during["toolbars"]["AnimationToolbar"]
    assert [name for name, shown in during["toolbars"].items() if shown] == ["AnimationToolbar"]
    assert during["text colour"] == "#000000" and during["edge colour"] != before["edge colour"]
    assert during["geometry"] == before["geometry"]   # the window is kept as it is
    assert window.inspector_dock.isVisible() and window.animator.step_dock.isVisible()


@pytest.fixture(params=["plain", "app style sheet"])
def styled(request, qapp):
    """Once as the tests' plain application, once with the app's own style sheet."""
    if request.param == "plain":
        yield
        return
    from explorer.app import style_sheet

    qapp.setStyleSheet(style_sheet())
    yield
    qapp.setStyleSheet("")


def test_leaving_restores_everything_exactly(styled, window, qapp, qtbot):
    window.open_example("polynomial_loss", ask=False)
    window.view.set_zoom(0.8)
    window.code_dock.hide()   # the user's own layout, not the first-start one
    qtbot.wait(10)
    for area in window.palette_dock.findChildren(QAbstractScrollArea):
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum() // 2)
    window.view.pan_by(37, 11)
    before = look(window, qapp)
    present(window, qtbot)
    window.classroom.presentation.action.trigger()
    qtbot.wait(10)
    assert not window.classroom.presentation.active
    assert look(window, qapp) == before


def test_node_palette_rows_are_as_high_after_presenting_as_before(styled, window, qtbot):
    tree = window.palette.tree
    entry = tree.topLevelItem(0).child(0)
    before = tree.visualItemRect(entry).height()
    present(window, qtbot)
    assert tree.visualItemRect(entry).height() > before   # the large type
    window.classroom.presentation.action.trigger()
    qtbot.wait(10)
    assert tree.visualItemRect(entry).height() == before
    window.palette.search.setText("mul")   # a filter lays the rows out afresh: the same height
    window.palette.search.clear()
    assert tree.visualItemRect(entry).height() == before


def visible_part(window):
    """The part of the graph's cards that the canvas shows, and the cards' whole rect."""
    view = window.view
    nodes = window.scene.nodes_bounding_rect()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    return shown.intersected(nodes), nodes


@pytest.mark.parametrize("example", ["diamond", "mean_of_square", "detach"])
def test_presenting_on_a_small_screen_fits_the_whole_graph(window, qtbot, example):
    window.resize(1366, 768)
    window.open_example(example, ask=False)
    window.view.set_zoom(1.0)
    present(window, qtbot)
    shown, nodes = visible_part(window)
    assert shown == nodes   # nothing cut at either side


def test_a_graph_with_room_to_spare_is_presented_with_its_smallest_text_14_px(window, qtbot):
    window.resize(1366, 768)
    window.open_example("x_squared", ask=False)
    window.view.set_zoom(0.6)
    present(window, qtbot)
    view = window.view
    smallest_px = SMALLEST_TEXT_PT * view.logicalDpiY() / 72 * view.zoom()
    assert smallest_px == pytest.approx(PRESENTED_TEXT_PX)
    shown, nodes = visible_part(window)
    assert shown == nodes


def test_a_graph_too_big_to_fit_readably_shows_its_loss_at_the_readable_zoom(window, qtbot):
    window.resize(1366, 768)
    window.open_example("polynomial_loss", ask=False)
    present(window, qtbot)
    assert window.view.zoom() == pytest.approx(READABLE_ZOOM)
    view = window.view
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(window.scene.backward_start_rect())
    assert window.scene.node_item(window.document.outputs()[-1]).name == "loss"


def test_smallest_text_pt_is_the_cards_smallest_font():
    from explorer.canvas.node_item import LINE_FONT_KEYS, _card_font

    keys = {"header", "op", "port", *LINE_FONT_KEYS.values()}
    assert min(_card_font(key).pointSizeF() for key in keys) == SMALLEST_TEXT_PT


def test_escape_leaves_and_escape_is_free_again_afterwards(window, qapp, qtbot):
    window.open_example("x_squared", ask=False)
    window.activateWindow()
    present(window, qtbot)
    assert window.classroom.presentation.action.shortcut().toString() == "Ctrl+F5"
    assert window.classroom.presentation.escape.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.classroom.presentation.active
    assert not window.classroom.presentation.escape.isEnabled()   # Esc cancels a wire again


def test_nothing_is_saved_and_closing_while_presenting_leaves_it_first(make_window, settings,
                                                                       qtbot):
    window = make_window()
    keys_before = set(settings.allKeys())
    present(window, qtbot)
    assert set(settings.allKeys()) == keys_before
    window.undo_stack.setClean()
    window.close()
    assert not window.classroom.presentation.active
    assert window.palette_dock.isVisibleTo(window)   # the layout a close would save


def open_workbench(window, qtbot):
    """The Training menu's first preset opened, as a user opens it; the shown workbench."""
    training = next(a for a in window.menu("training").actions() if a.text())
    training.trigger()
    workbench = window.training.workbench
    qtbot.waitExposed(workbench)
    return workbench


def test_workbench_plots_get_large_high_contrast_type(window, qtbot):
    pytest.importorskip("pyqtgraph")
    workbench = open_workbench(window, qtbot)
    axis = workbench.plots.loss_plot.getPlotItem().getAxis("bottom")
    label_before = workbench.equation_label.font().pointSizeF()
    height_before = workbench.equation_label.height()
    present(window, qtbot)
    assert axis.style["tickFont"].pointSizeF() >= 9.0 * FONT_SCALE - 1e-6
    assert axis.textPen().color().name() == "#000000"
    assert workbench.equation_label.font().pointSizeF() == pytest.approx(
        label_before * FONT_SCALE)
    assert workbench.equation_label.maximumHeight() == round(height_before * FONT_SCALE)
    window.classroom.presentation.action.trigger()
    assert workbench.equation_label.font().pointSizeF() == pytest.approx(label_before)
    assert workbench.equation_label.maximumHeight() == height_before
    workbench.shutdown()


def test_the_workbench_opened_while_presenting_fits_the_screen(window, qtbot):
    pytest.importorskip("pyqtgraph")
    present(window, qtbot)
    next(a for a in window.menu("training").actions() if a.text()).trigger()
    workbench = window.training.workbench
    qtbot.waitExposed(workbench)
    from explorer.classroom.appearance import Appearance

    available = workbench.screen().availableGeometry()
    workbench.setGeometry(available.adjusted(100, 100, 300, 300))   # past the screen's edges
    Appearance.for_application().follow_new_windows()   # what its first focus does
    qtbot.wait(10)
    assert available.contains(workbench.frameGeometry()), (available, workbench.frameGeometry())
    workbench.shutdown()


def test_a_window_opened_while_presenting_gets_the_large_type(window, qtbot):
    pytest.importorskip("pyqtgraph")
    present(window, qtbot)
    workbench = open_workbench(window, qtbot)
    from explorer.classroom.appearance import Appearance

    Appearance.for_application().follow_new_windows()   # what its first focus does
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).pointSizeF()
    assert workbench.equation_label.font().pointSizeF() == pytest.approx(fixed * FONT_SCALE)
    axis = workbench.plots.loss_plot.getPlotItem().getAxis("bottom")
    assert axis.textPen().color().name() == "#000000"
    window.classroom.presentation.action.trigger()
    assert workbench.equation_label.font().pointSizeF() == pytest.approx(fixed)
    workbench.shutdown()


def test_the_theme_changed_while_presenting_keeps_the_large_type(window, qtbot):
    """A new style sheet gives a widget with a font of its own the font it had when the sheet
    first styled it: the equation and the code view went back to small type."""
    pytest.importorskip("pyqtgraph")
    workbench = open_workbench(window, qtbot)
    label = workbench.equation_label
    code = window.code_view.editor
    small = (label.font().pointSizeF(), code.font().pointSizeF())
    present(window, qtbot)
    large = (label.font().pointSizeF(), code.font().pointSizeF())
    assert large == pytest.approx(tuple(size * FONT_SCALE for size in small))
    window.classroom.theme_choice.choose("dark")
    qtbot.wait(10)
    assert (label.font().pointSizeF(), code.font().pointSizeF()) == pytest.approx(large)
    window.classroom.presentation.action.trigger()
    assert (label.font().pointSizeF(), code.font().pointSizeF()) == pytest.approx(small)
    window.classroom.theme_choice.choose("light")
    qtbot.wait(10)
    assert (label.font().pointSizeF(), code.font().pointSizeF()) == pytest.approx(small)
    workbench.shutdown()


def test_transport_separators_stay_thin_when_it_overflows(window, qapp, qtbot):
    from PySide6.QtWidgets import QWidget

    present(window, qtbot)
    separators = [child for child in window.animator.transport_bar.children()
                  if isinstance(child, QWidget)
                  and child.metaObject().className() == "QToolBarSeparator"]
    widths = {}
    # At some widths the large transport's last items overflow, and the toolbar shares the room
    # they leave among the rest (grey boxes where separators were, seen at 1366x768).
    for width in range(900, 1500, 25):
        window.resize(width, 728)
        qapp.processEvents()
        widths[width] = [s.width() for s in separators if s.isVisible()]
    assert separators
    assert {w: shown for w, shown in widths.items() if max(shown, default=0) > 14} == {}


def test_escape_in_a_dialog_closes_the_dialog_not_presentation_mode(window, qtbot):
    from PySide6.QtWidgets import QApplication, QDialog

    present(window, qtbot)
    dialog = QDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.classroom.presentation.active
    assert not dialog.isVisible()


def test_plots_look_as_they_began_after_presenting(window, qtbot):
    pytest.importorskip("pyqtgraph")
    workbench = open_workbench(window, qtbot)

    def plot_look():
        item = workbench.plots.loss_plot.getPlotItem()
        axis = item.getAxis("left")
        return (axis.label.toHtml(), axis.style["tickFont"], axis.textPen().color().name(),
                item.titleLabel.item.toHtml(), workbench.plots.loss_plot.backgroundBrush().color())

    before = plot_look()
    present(window, qtbot)
    assert plot_look() != before
    window.classroom.presentation.action.trigger()
    assert plot_look() == before
    workbench.shutdown()


def test_the_inspector_shows_a_node_in_large_type_without_cutting_it(window, qtbot):
    from PySide6.QtWidgets import QScrollArea

    window.resize(1920, 1040)
    window.open_example("diamond", ask=False)
    window.scene.select_nodes([window.document.node_by_name("b").id])
    present(window, qtbot)
    qtbot.wait(50)
    scroll = window.inspector.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0


def test_the_canvas_legend_grows_with_the_large_type_and_back(window, qtbot):
    # The colour key is drawn over the canvas, not a widget: it kept its 8 pt before.
    from explorer.canvas.legend import legend_box

    def legend_height() -> float:
        view = window.view
        return legend_box(view.viewport().rect(), view.legend_scale).height()

    window.open_example("x_squared", ask=False)
    normal = legend_height()
    present(window, qtbot)
    assert legend_height() > normal * 1.2
    window.classroom.presentation.action.trigger()
    assert legend_height() == normal


def test_the_large_legend_still_fits_a_narrow_canvas():
    from PySide6.QtCore import QRect

    from explorer.canvas.legend import legend_box

    narrow = QRect(0, 0, 900, 400)   # the normal legend fits, the large one would not
    assert legend_box(narrow, FONT_SCALE).right() <= narrow.width()
    assert legend_box(narrow, FONT_SCALE).height() > legend_box(narrow).height()


def test_check_boxes_grow_with_the_large_type(window, qtbot, qapp):
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    from explorer.app import style_sheet

    def box_size() -> int:
        box = QCheckBox("retain_grad()", window)
        box.ensurePolished()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        box.deleteLater()
        return rect.height()

    qapp.setStyleSheet(style_sheet())
    try:
        normal = box_size()
        present(window, qtbot)
        assert box_size() >= normal * 1.3
        window.classroom.presentation.action.trigger()
        assert box_size() == normal
    finally:
        qapp.setStyleSheet("")
