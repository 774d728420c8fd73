"""On a laptop's 1366x768 screen and on a 1920x1080 one, in English and Chinese, light and dark,
presenting or not, in the program's own look: every transport action is on the bar or in its
"»" menu, the inspector shows a node without cutting anything at the right, and the workbench's
plot titles fit their plots."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QToolButton, QWidget

from explorer.classroom.appearance import PLOT_TITLE_PT, Appearance
from explorer.classroom.presentation import FONT_SCALE
from explorer.language import install_translator

LAPTOP = QRect(0, 0, 1366, 768)
DESKTOP = QRect(0, 0, 1920, 1080)
SCREENS = pytest.mark.parametrize("screen", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    install_translator(qapp, request.param)
    yield request.param
    install_translator(qapp, "en")


def laid_out(window, screen: QRect, *, presenting: bool, dark: bool = False):
    window.fit_to_screen(screen)
    if dark:
        Appearance.for_application().set(dark=True)
    window.classroom.presentation.set_active(presenting)
    for _turn in range(3):
        QApplication.processEvents()
    return window


def shown_whole(widget: QWidget | None, bar: QWidget) -> bool:
    """On show inside the bar, at least as wide as it asks to be (no text cut)."""
    return (widget is not None and widget.isVisible() and bar.rect().contains(widget.geometry())
            and widget.width() >= widget.sizeHint().width())


def reachable(bar) -> list[str]:
    """The transport actions a user can click: on the bar, or in the menu of its "»" button."""
    more = bar.findChild(QToolButton, "TransportMore")
    in_menu = more.menu().actions() if shown_whole(more, bar) else []
    return [name for name, action in bar.actions_by_name.items()
            if shown_whole(bar.widgetForAction(action), bar) or action in in_menu]


@SCREENS
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_transport_action_is_on_the_bar_or_in_its_more_menu(
        app_look, language, make_window, screen, presenting, dark):
    window = laid_out(make_window(), screen, presenting=presenting, dark=dark)
    window.open_example("diamond", ask=False)
    QApplication.processEvents()
    bar = window.animator.transport_bar
    assert window.rect().contains(QRect(bar.mapTo(window, QPoint(0, 0)), bar.size()))
    assert reachable(bar) == list(bar.actions_by_name)


def test_the_actions_that_do_not_fit_go_into_the_menu_in_order_and_come_back(
        app_look, make_window):
    window = make_window()
    window.open_example("diamond", ask=False)
    laid_out(window, LAPTOP, presenting=True)
    bar = window.animator.transport_bar
    assert bar.in_bar() == ["zero_grad"]   # Forward to the speed and Zero grad fit; then "»"
    assert bar.more_menu.actions() == [bar.actions_by_name["clear_grad"],
                                       bar.actions_by_name["gradient_check"]]
    window.classroom.presentation.set_active(False)
    for _turn in range(3):
        QApplication.processEvents()
    # The labels are as narrow as before too (a label's size hint kept its large minimum).
    assert bar.in_bar() == ["zero_grad", "clear_grad", "gradient_check"]
    assert not bar.more_button.isVisible()


def test_an_action_in_the_more_menu_keeps_its_shortcut(app_look, make_window, qtbot):
    window = laid_out(make_window(), LAPTOP, presenting=True)
    window.open_example("diamond", ask=False)
    assert "gradient_check" not in window.animator.transport_bar.in_bar()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.view, Qt.Key.Key_G,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    panel = window.animator.step_panel
    assert panel.tabs.currentIndex() == panel.check_tab


@SCREENS
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_the_inspector_shows_a_non_leaf_without_cutting_it(app_look, language, make_window,
                                                           screen, presenting):
    window = laid_out(make_window(), screen, presenting=presenting)
    window.open_example("diamond", ask=False)
    window.scene.select_nodes([window.document.node_by_name("b").id])   # <MulBackward0>
    for _turn in range(3):
        QApplication.processEvents()
    inspector = window.inspector
    scroll = inspector.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport()
    labels = [inspector.shape_label, inspector.dtype_label, inspector.is_leaf_label,
              inspector.grad_fn_label, inspector.requires_grad_label]
    cut = [label.text() for label in labels
           if label.width() < label.sizeHint().width()
           or not viewport.rect().contains(QRect(label.mapTo(viewport, QPoint(0, 0)),
                                                  label.size()))]
    assert cut == []


@SCREENS
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_each_check_box_of_the_inspector_stands_on_one_line_with_its_label(
        app_look, language, make_window, screen, presenting):
    """Seen presenting on a laptop: "computed under torch.no_grad()" pushed its box below."""
    window = laid_out(make_window(), screen, presenting=presenting)
    window.open_example("diamond", ask=False)
    window.scene.select_nodes([window.document.node_by_name("b").id])
    for _turn in range(3):
        QApplication.processEvents()
    form = window.inspector.params_form
    box = window.inspector.param_editor("no_grad")
    label = form.labelForField(box)
    assert label.geometry().top() <= box.geometry().center().y() <= label.geometry().bottom()
    assert label.width() >= label.sizeHint().width()


def test_the_facts_stand_two_a_row_where_they_fit(app_look, make_window):
    window = laid_out(make_window(), DESKTOP, presenting=True)   # the inspector is widened
    window.open_example("diamond", ask=False)
    window.scene.select_nodes([window.document.node_by_name("b").id])
    QApplication.processEvents()
    assert window.inspector.fact_columns == 2
    window.resizeDocks([window.inspector_dock], [300], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.inspector.fact_columns == 1


def title_fits(plot) -> bool:
    """The title is drawn over the plot's box, and the box within the widget (a title too wide
    pushes the plot past the widget's right edge)."""
    item = plot.getPlotItem()
    return (item.titleLabel.item.boundingRect().width() <= item.vb.width()
            and item.width() <= plot.width())


def test_the_workbench_plot_titles_fit_their_plots_in_large_type_on_a_laptop(app_look, window,
                                                                              qtbot):
    pytest.importorskip("pyqtgraph")
    next(a for a in window.menu("training").actions() if a.text()).trigger()
    workbench = window.training.workbench
    qtbot.waitExposed(workbench)
    workbench.fit_to_screen(LAPTOP)
    QApplication.processEvents()
    window.classroom.presentation.set_active(True)
    QApplication.processEvents()
    plots = workbench.plots
    for plot in (plots.loss_plot, plots.fit_plot, plots.coefficient_plot):
        assert title_fits(plot), plot.getPlotItem().titleLabel.text
    workbench.resize(workbench.width() - 60, workbench.height())   # narrower: fitted again
    QApplication.processEvents()
    assert title_fits(plots.coefficient_plot)
    # The landscape's plot, hidden until asked for, has its large title when it shows.
    landscape = plots.landscape_plot.getPlotItem().titleLabel
    assert landscape.opts["size"] == f"{PLOT_TITLE_PT * FONT_SCALE:g}pt"
    # A new run names its traces again, in the look on show.
    coefficients = plots.coefficient_plot.getPlotItem().titleLabel
    size = coefficients.opts["size"]
    plots.set_traces(("a", "b", "c", "d"), norms=False)
    assert coefficients.opts["size"] == size and coefficients.opts["color"] == "#000000"
    workbench.shutdown()


def test_the_gradient_checks_numbers_grow_with_presentation_mode(window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    window.open_example("diamond", ask=False)
    window.animator.transport_bar.actions_by_name["gradient_check"].trigger()
    table = window.animator.step_panel.check_table

    def number_points() -> float:
        option = QStyleOptionViewItem()
        option.initFrom(table)
        table.itemDelegate().initStyleOption(option, table.model().index(0, 2))
        return option.font.pointSizeF()

    before = number_points()
    window.classroom.presentation.set_active(True)
    QApplication.processEvents()
    assert number_points() >= before * FONT_SCALE - 1


def test_a_narrower_window_shows_the_bars_own_overflow_chevron(app_look, make_window):
    # Narrower than the transport's first part: Qt's own "»" holds the rest; it must be seen.
    window = laid_out(make_window(), QRect(0, 0, 1024, 768), presenting=True)
    bar = window.animator.transport_bar
    extension = next(child for child in bar.children()
                     if child.metaObject().className() == "QToolBarExtension")
    assert extension.isVisible()
    image = extension.grab().toImage()
    ink = [(x, y) for x in range(image.width()) for y in range(image.height())
           if image.pixelColor(x, y).lightness() < 128]
    assert ink


def _custom_run(workbench, qtbot, model: str) -> None:
    """A short run of the custom problem with `model` (its traces name the title's legend)."""
    from dataclasses import replace

    from explorer.core.training.presets import PRESETS

    config = PRESETS["custom"].default_config()
    config = replace(config, steps=5, n_points=20, problem=replace(config.problem, model=model))
    workbench.set_config(config)
    workbench.start()
    qtbot.waitUntil(lambda: workbench.session.state == "finished"
                    and workbench.history.count == config.steps, timeout=60_000)
    QApplication.processEvents()


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presenting"])
def test_a_new_legend_fits_its_title_again_without_a_resize(app_look, language, window, qtbot,
                                                          presenting):
    """A degree-9 polynomial's and a deep MLP's legends are longer than the cubic's: each new
    title is fitted when its text changes, not only when the plot is next resized."""
    pytest.importorskip("pyqtgraph")
    from explorer.training.worker import FULL_SPEED

    next(a for a in window.menu("training").actions() if a.text()).trigger()
    workbench = window.training.workbench
    qtbot.waitExposed(workbench)
    workbench.set_speed(FULL_SPEED)
    workbench.fit_to_screen(LAPTOP)
    QApplication.processEvents()
    window.classroom.presentation.set_active(True)
    QApplication.processEvents()
    window.classroom.presentation.set_active(presenting)
    QApplication.processEvents()
    plot = workbench.plots.coefficient_plot
    title = plot.getPlotItem().titleLabel
    sizes = {}
    try:
        for model in ("poly:3", "poly:9", "mlp:32x4:tanh", "poly:3"):
            _custom_run(workbench, qtbot, model)
            assert title_fits(plot), (model, title.text)
            # Two lines before smaller type than the plots' usual titles.
            assert float(title.opts["size"][:-2]) >= PLOT_TITLE_PT, (model, title.text)
            if "<br>" in title.text:   # its row is as tall as the two lines
                assert title.item.boundingRect().height() <= title.maximumHeight()
            sizes.setdefault(model, title.opts["size"])
            # The size the look chose for this text, whatever the legend before it was.
            assert title.opts["size"] == sizes[model], model
        if presenting:   # the cubic's short legend has its large type back (the deep MLP's
            # may fit it too, now that the optimizer's parameters no longer widen the form)
            assert float(sizes["poly:3"][:-2]) >= float(sizes["mlp:32x4:tanh"][:-2])
        window.classroom.presentation.set_active(not presenting)
        QApplication.processEvents()
        _custom_run(workbench, qtbot, "mlp:32x4:tanh")
        assert title_fits(plot), title.text
    finally:
        workbench.shutdown()
