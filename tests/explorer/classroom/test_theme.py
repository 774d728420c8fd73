"""View > Theme: System follows the desktop's colour scheme, Light and Dark are kept in
QSettings; the canvas, the style sheet, Qt's palette and the workbench's plots follow; every
text colour keeps WCAG AA contrast on its background in both themes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from explorer.app import style_sheet
from explorer.canvas import colors
from explorer.classroom import appearance, theme_menu
from explorer.classroom.appearance import DARK_STYLE_COLORS, Appearance, dark_style_sheet
from explorer.core.resource_files import resource_path

AA_TEXT = 4.5        # WCAG 2.1 AA, body text
AA_LARGE = 3.0       # large or bold text (the card headers' names), and non-text marks


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) \
        + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def canvas_pairs() -> dict[str, tuple[QColor, QColor, float]]:
    """(text, background, least contrast) for every text the canvas draws."""
    pairs = {
        "card text": (colors.TEXT, colors.CARD, AA_TEXT),
        "card muted": (colors.MUTED, colors.CARD, AA_TEXT),
        "card grad": (colors.GRAD_TEXT, colors.CARD, AA_TEXT),
        "card error": (colors.ERROR.darker(115), colors.CARD, AA_LARGE),
        "canvas hint": (colors.MUTED, colors.CANVAS, AA_TEXT),
        "legend": (colors.MUTED, colors.LEGEND, AA_TEXT),
        "plot of values": (colors.PLOT_VALUE, colors.PLOT_PAPER, AA_LARGE),
        "plot of grads": (colors.PLOT_GRAD, colors.PLOT_PAPER, AA_LARGE),
        "plot's scale on a card": (colors.PLOT_VALUE, colors.CARD, AA_TEXT),
    }
    for role, (background, text) in colors.BADGE.items():
        pairs[f"badge {role}"] = (text, background, AA_TEXT)
    for kind, header in colors.HEADER.items():
        pairs[f"header {kind}"] = (QColor("#ffffff"), header, AA_LARGE)
    return pairs


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "presentation"])
def test_every_canvas_text_has_aa_contrast(qapp, dark, high_contrast):
    colors.apply_scheme(dark, high_contrast=high_contrast)
    try:
        low = {name: round(contrast(text, background), 2)
               for name, (text, background, least) in canvas_pairs().items()
               if contrast(text, background) < least}
    finally:
        colors.apply_scheme(False)
    assert low == {}


def qss_pairs(sheet: str) -> list[tuple[str, QColor, QColor]]:
    """(selector, text colour, background) of each rule that sets both."""
    pairs = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        background = re.search(r"background(?:-color)?:\s*(#[0-9a-fA-F]{6})", body)
        if text and background:
            pairs.append((selector.strip(), QColor(text.group(1)), QColor(background.group(1))))
    return pairs


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_style_sheet_text_has_aa_contrast(dark):
    sheet = style_sheet()
    if dark:
        sheet = dark_style_sheet(sheet)
    pairs = qss_pairs(sheet)
    assert len(pairs) >= 5
    # Panels without a background of their own draw on the dock's (#ffffff light).
    surface = QColor(appearance.DARK_STYLE_COLORS["#ffffff"] if dark else "#ffffff")
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        text = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        if text and "background" not in body:
            pairs.append((selector.strip() + " on the panel", QColor(text.group(1)), surface))
    low = [(selector, round(contrast(text, background), 2)) for selector, text, background
           in pairs if contrast(text, background) < AA_TEXT and ":disabled" not in selector]
    assert low == []


def test_every_colour_of_the_light_style_sheet_has_a_dark_one():
    light = resource_path("styles", "light.qss").read_text(encoding="utf-8")
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", light)}
    assert used - set(appearance.DARK_STYLE_COLORS) == set()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_palette_text_roles_have_aa_contrast(dark):
    palette = appearance.palette(dark)
    R = QPalette.ColorRole
    for text, background in ((R.WindowText, R.Window), (R.Text, R.Base), (R.ButtonText, R.Button),
                             (R.ToolTipText, R.ToolTipBase), (R.HighlightedText, R.Highlight),
                             (R.Text, R.AlternateBase), (R.Link, R.Base)):
        assert contrast(palette.color(text), palette.color(background)) >= AA_TEXT, (text, dark)


def test_dark_theme_reaches_canvas_palette_style_sheet_and_is_remembered(make_window, qapp,
                                                                         settings):
    window = make_window()
    light_canvas = colors.CANVAS.name()
    window.classroom.theme_choice.actions[theme_menu.DARK].trigger()
    assert colors.is_dark() and colors.CANVAS.name() != light_canvas
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 60
    assert "#23272e" in qapp.styleSheet() and "background: #ffffff" not in qapp.styleSheet()
    banner = window.description_banner.styleSheet()
    assert "#15304a" in banner
    assert settings.value(theme_menu.THEME_KEY) == theme_menu.DARK
    # A rendered canvas is dark.
    image = window.view.grab().toImage()
    assert QColor(image.pixel(5, image.height() // 2)).lightness() < 60

    second = make_window()   # the next start: same settings, dark from the start
    assert second.classroom.theme_choice.actions[theme_menu.DARK].isChecked()
    window.classroom.theme_choice.actions[theme_menu.LIGHT].trigger()
    assert colors.CANVAS.name() == light_canvas
    assert settings.value(theme_menu.THEME_KEY) == theme_menu.LIGHT


def test_light_again_puts_back_exactly_the_applications_own_look(window, qapp):
    before = (qapp.styleSheet(), qapp.font(), qapp.palette(), colors.TEXT.name(),
              {k: c.name() for k, c in colors.HEADER.items()})
    window.classroom.theme_choice.choose(theme_menu.DARK)
    window.classroom.theme_choice.choose(theme_menu.LIGHT)
    after = (qapp.styleSheet(), qapp.font(), qapp.palette(), colors.TEXT.name(),
             {k: c.name() for k, c in colors.HEADER.items()})
    assert after == before


def test_system_theme_follows_the_colour_scheme_as_it_changes(window, monkeypatch, qapp):
    scheme = {"dark": False}
    monkeypatch.setattr(theme_menu, "system_is_dark", lambda: scheme["dark"])
    window.classroom.theme_choice.choose(theme_menu.SYSTEM)
    assert not Appearance.for_application().dark
    scheme["dark"] = True
    window.classroom.theme_choice._on_system_scheme(Qt.ColorScheme.Dark)   # colorSchemeChanged
    assert Appearance.for_application().dark and colors.is_dark()
    window.classroom.theme_choice.choose(theme_menu.LIGHT)   # a manual choice is not overridden
    window.classroom.theme_choice._on_system_scheme(Qt.ColorScheme.Dark)
    assert not colors.is_dark()


def test_system_theme_is_connected_to_qts_colour_scheme_signal(window):
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "colorSchemeChanged"):
        pytest.skip("Qt before 6.5 has no colour scheme")
    assert hints.receivers("2colorSchemeChanged(Qt::ColorScheme)") >= 1


def _drawn_lightness(label) -> int:
    """The lightness of a pyqtgraph label's text as drawn (its HTML), not as configured."""
    match = re.search(r"color:\s*(#[0-9a-fA-F]{6})", label.item.toHtml())
    return QColor(match.group(1)).lightness()


def test_workbench_plots_follow_the_theme_even_when_opened_later(window, qtbot):
    pytest.importorskip("pyqtgraph")
    window.classroom.theme_choice.choose(theme_menu.DARK)
    training = next(a for a in window.menu("training").actions() if a.text())
    training.trigger()
    workbench = window.training.workbench
    qtbot.waitExposed(workbench)
    Appearance.for_application().follow_new_windows()   # what a focus change does
    plot = workbench.plots.loss_plot
    assert plot.backgroundBrush().color().lightness() < 60
    axis = plot.getPlotItem().getAxis("bottom")
    assert axis.textPen().color().lightness() > 180
    legend = workbench.plots.fit_plot.getPlotItem().legend
    assert legend.items and all(_drawn_lightness(label) > 180 for _s, label in legend.items)
    window.classroom.theme_choice.choose(theme_menu.LIGHT)
    assert plot.backgroundBrush().color().name() == "#ffffff"
    workbench.shutdown()


def test_dark_ink_toolbar_icons_are_inverted_on_dark_and_given_back_on_light(window):
    from explorer.classroom.appearance import is_dark_icon

    play = window.animator.transport_bar.actions_by_name["play"]
    original = play.icon().cacheKey()
    assert is_dark_icon(play.icon())
    window.classroom.theme_choice.choose(theme_menu.DARK)
    assert not is_dark_icon(play.icon())
    window.classroom.theme_choice.choose(theme_menu.LIGHT)
    assert play.icon().cacheKey() == original


def test_cards_are_repainted_when_the_theme_changes_at_the_same_zoom(window):
    from PySide6.QtCore import QPointF

    window.open_example("x_squared", ask=False)
    node = next(d.id for d in window.document.nodes() if d.name == "x")
    rect = window.scene.node_item(node).sceneBoundingRect()

    def card_body_lightness() -> int:
        image = window.view.grab().toImage()
        point = window.view.mapFromScene(QPointF(rect.left() + 8, rect.bottom() - 6))
        return QColor(image.pixel(point)).lightness()

    assert card_body_lightness() > 200
    window.classroom.theme_choice.choose(theme_menu.DARK)
    assert card_body_lightness() < 80
    window.classroom.theme_choice.choose(theme_menu.LIGHT)   # the cards' cached pictures were dark
    assert card_body_lightness() > 200


@pytest.mark.parametrize("style", ["headline", "current", "compact"])
def test_animation_labels_are_dark_on_the_dark_canvas_with_readable_text(qapp, style):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from explorer.animation.overlay import BACKWARD_COLOR, FlowLabel

    colors.apply_scheme(True)
    try:
        label = FlowLabel()
        label.set_content("Σ 9 + 12 + 12 = 33", BACKWARD_COLOR, style)
        box = label.boundingRect()
        image = QImage(int(box.width()) + 20, int(box.height()) + 20, QImage.Format.Format_ARGB32)
        image.fill(colors.CANVAS)
        painter = QPainter(image)
        painter.translate(QPointF(10, 10) - box.topLeft())
        label.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        # Inside the label, left of its centred text: its background.
        inside = QColor(image.pixel(16, int(10 + box.height() / 2)))
        text_contrast = contrast(label.ink(), label.fill())
    finally:
        colors.apply_scheme(False)
    assert inside.lightness() < 80
    assert text_contrast >= (AA_TEXT if style == "compact" else AA_LARGE)


def test_dark_style_sheet_icons_stand_out_on_dark_fields():
    # The combo boxes' and spin boxes' arrows: dark grey ink on a dark field could not be seen.
    field = QColor(DARK_STYLE_COLORS["#ffffff"])
    low = {}
    for path in re.findall(r"url\(([^)]+\.svg)\)", dark_style_sheet(style_sheet())):
        if path.endswith("check.svg"):
            continue   # drawn on the checked box's own blue, checked below
        svg = Path(path).read_text(encoding="utf-8")
        ink = re.search(r'stroke="(#[0-9a-fA-F]{6})"', svg)
        if contrast(QColor(ink.group(1)), field) < AA_LARGE:
            low[path.rsplit("/", 1)[-1]] = ink.group(1)
    assert low == {}


def test_a_check_box_on_the_dark_theme_shows_its_box_and_its_tick(window):
    # Fusion outlines the box in a shade of the window's colour: on dark, black on dark grey.
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    window.classroom.theme_choice.choose(theme_menu.DARK)
    box = QCheckBox("retain_grad()", window)
    box.resize(box.sizeHint())
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)

    def edge_middle_ground(checked: bool) -> tuple[QColor, QColor, QColor]:
        box.setChecked(checked)
        image = box.grab().toImage()
        return (QColor(image.pixel(indicator.left(), indicator.center().y())),
                QColor(image.pixel(indicator.center())),
                QColor(image.pixel(box.width() - 2, 1)))

    try:
        edge, _, ground = edge_middle_ground(False)
        assert contrast(edge, ground) >= AA_LARGE
        _, middle, ground = edge_middle_ground(True)
        assert contrast(middle, ground) >= AA_LARGE   # the tick, or the filled box around it
    finally:
        window.classroom.theme_choice.choose(theme_menu.LIGHT)
        box.deleteLater()


def test_a_cards_plot_of_a_tensor_is_dark_on_the_dark_theme(qapp):
    # The cubic fit's cards plot 2000 numbers each: white boxes on dark cards glared.
    import numpy as np
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    import engine
    from explorer.canvas.tensor_plot import draw_line_plot

    colors.apply_scheme(True)
    try:
        image = QImage(120, 60, QImage.Format.Format_ARGB32)
        image.fill(colors.CARD)
        painter = QPainter(image)
        draw_line_plot(painter, QRectF(5, 5, 110, 50), engine.tensor(np.linspace(0, 1, 50)),
                       colors.PLOT_VALUE)
        painter.end()
        paper = QColor(image.pixel(100, 45))   # below the rising line
    finally:
        colors.apply_scheme(False)
    assert paper.lightness() < 80
