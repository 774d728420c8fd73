"""The application's look in one place: light or dark, and presentation mode's large, high
contrast type. The theme menu and presentation mode both change it through `Appearance`.

What follows it: Qt's palette, the style sheet (resources/styles/light.qss with its colours
mapped for dark and its point sizes scaled), the canvas colours (explorer/canvas/colors.py,
changed in place), the few widgets that carry their own style sheet, and every pyqtgraph plot
that exists (the training workbench's).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QImage,
    QPalette,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from explorer.app import style_sheet
from explorer.canvas import colors

# light.qss colour -> its dark counterpart (tests/explorer/classroom checks that every colour
# of light.qss has one, and the contrast of the text on its background).
DARK_STYLE_COLORS = {
    "#ffffff": "#23272e", "#f8f9fa": "#1d2127", "#edf2ff": "#2b3553", "#dde1e7": "#3a414b",
    "#ced4da": "#4a525e", "#6b7280": "#aab2bf", "#364fc7": "#bac8ff", "#f1f3f5": "#2c323a",
    "#e9ecef": "#353b45", "#e2e6ea": "#363c46", "#adb5bd": "#7c8591", "#4c6ef5": "#748ffc",
    "#495057": "#c5cbd3", "#1f2937": "#e9ecef", "#1864ab": "#74c0fc", "#fff5f5": "#3f1d1d",
    "#ffc9c9": "#8a3b3b", "#eef0f3": "#181b20", "#e7f5ff": "#15304a", "#e7ecff": "#2b3553",
    "#d5dae1": "#4a5260", "#c92a2a": "#ffa8a8", "#bac8ff": "#3b5bdb", "#a5d8ff": "#1c4f7a",
"#343a40": "#dee2e6", "#1c2433": "#ffffff", "#3b5bdb": "#3b5bdb",
}
_COLOR = re.compile(r"#[0-9a-fA-F]{6}\b")
_ICON_URL = re.compile(r"url\(([^)]+?)(?<!-dark)\.svg\)")
_POINT_SIZE = re.compile(r"font-size:\s*([0-9.]+)pt")

# Qt palette roles: (light, dark). Light is what Fusion gives with the style sheet on top.
PALETTE = {
    QPalette.ColorRole.Window: ("#eef0f3", "#181b20"),
    QPalette.ColorRole.WindowText: ("#1f2937", "#e9ecef"),
    QPalette.ColorRole.Base: ("#ffffff", "#23272e"),
    QPalette.ColorRole.AlternateBase: ("#f8f9fa", "#2a2f37"),
    QPalette.ColorRole.Text: ("#1f2937", "#e9ecef"),
    QPalette.ColorRole.Button: ("#f8f9fa", "#2c323a"),
    QPalette.ColorRole.ButtonText: ("#1f2937", "#e9ecef"),
    QPalette.ColorRole.ToolTipBase: ("#ffffff", "#2c323a"),
    QPalette.ColorRole.ToolTipText: ("#1f2937", "#e9ecef"),
    QPalette.ColorRole.PlaceholderText: ("#6b7280", "#9aa3af"),
    QPalette.ColorRole.Highlight: ("#3b5bdb", "#3b5bdb"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.Link: ("#1864ab", "#74c0fc"),
    QPalette.ColorRole.BrightText: ("#c92a2a", "#ffa8a8"),
    QPalette.ColorRole.Light: ("#ffffff", "#3a414b"),
    QPalette.ColorRole.Midlight: ("#e9ecef", "#30363f"),
    QPalette.ColorRole.Mid: ("#ced4da", "#4a525e"),
    QPalette.ColorRole.Dark: ("#adb5bd", "#121418"),
    QPalette.ColorRole.Shadow: ("#868e96", "#000000"),
}
DISABLED_TEXT = ("#adb5bd", "#6c7581")

# Widgets that set their own style sheet (their colours beat the application's): their object
# name or attribute path on the main window -> (light, dark) style sheet.
DESCRIPTION_BANNER = (
    "#DescriptionBanner { background: #e7f5ff; border-bottom: 1px solid #a5d8ff; }",
    ("#DescriptionBanner { background: #15304a; border-bottom: 1px solid #1c4f7a; "
     "color: #e9ecef; }"),
)
FORMULA = (
    ("background: #f1f5fb; border: 1px solid #c9d6ea; border-radius: 6px; padding: 6px;"
     "color: #12355b;"),
    ("background: #1d2633; border: 1px solid #3a4a60; border-radius: 6px; padding: 6px;"
     "color: #d0e3ff;"),
)
STEP_POSITION = ("color: #6b7280;", "color: #aab2bf;")

# pyqtgraph plots: (light, dark) for the background, the axes and the text.
PLOT_BACKGROUND = ("#ffffff", "#1d2127")
PLOT_AXIS = ("#777777", "#8e96a0")
PLOT_TEXT = ("#333333", "#dee2e6")
PLOT_TEXT_CONTRAST = ("#000000", "#ffffff")
PLOT_TITLE_PT = 10.0
PLOT_TICK_PT = 9.0
# A title too wide even at PLOT_TITLE_PT (an MLP's legend beside presentation mode's wider form,
# on a laptop) takes two lines, its legend under its name, and only then goes down to this:
# smaller type beats a cut title.
SMALLEST_TITLE_PT = 6.0
TITLE_ROW_PX = 30   # pyqtgraph's height of a title's row (setTitle sets it)
_LIGHT_ICON = "classroomLightIcon"   # action property: the icon before it was inverted
_STYLED = "classroomLook"   # widget property: the look generation it was last styled for
_TITLE_FITTED = "classroomTitleFitted"   # plot property: its title follows its width
# Plot property that a plot's owner sets to a title it has just given the plot (the workbench's
# legend of a new run): the title is fitted to its text at once, not at the next resize.
TITLE_TEXT = "plotTitle"


def dark_style_sheet(text: str) -> str:
    """`text` (light.qss) in the dark theme's colours, its icons swapped for their light-ink
    twins (chevron-down-dark.svg beside chevron-down.svg) where one exists."""
    text = _ICON_URL.sub(_dark_icon, text)
    return _COLOR.sub(lambda match: DARK_STYLE_COLORS.get(match.group(0).lower(),
                                                          match.group(0)), text)


def _dark_icon(match: re.Match) -> str:
    twin = f"{match.group(1)}-dark.svg"
    return f"url({twin})" if Path(twin).is_file() else match.group(0)


def scaled_style_sheet(text: str, scale: float) -> str:
    return _POINT_SIZE.sub(lambda match: f"font-size: {float(match.group(1)) * scale:g}pt", text)


def title_width(title: str, size: float) -> float:
    """The width of `title` (HTML) in `size` points, as pyqtgraph's title draws it."""
    document = QTextDocument()
    document.setDefaultFont(QApplication.font())
    document.setHtml(f"<span style='font-size: {size:g}pt'>{title}</span>")
    return document.idealWidth()


def title_size(title: str, points: float, room: float, smallest: float = PLOT_TITLE_PT
               ) -> float:
    """The point size of a plot's `title` (HTML): `points`, or less where the title would be
    wider than the `room` over its plot (the coefficients' names in large type on a laptop),
    never less than `smallest`."""
    size = points
    while room > 0 and size > smallest and title_width(title, size) > room:
        size = max(smallest, size - 0.5)
    return size


def fitted_title(title: str, points: float, room: float) -> tuple[str, float]:
    """(text, point size) of `title` over a plot `room` wide: on one line, shrunk down to
    PLOT_TITLE_PT; else its legend (from its first tag) on a second line, shrunk down to
    SMALLEST_TITLE_PT; or, for a legend of more than four entries (<span>s) where that gives
    larger type, the legend in two rows (a degree-9 polynomial's ten coefficients in
    presentation mode on a laptop)."""
    size = title_size(title, points, room)
    head, tag, legend = title.partition(" <")
    if room <= 0 or not tag or title_width(title, size) <= room:
        return title, size
    wrapped = f"{head}<br><{legend}"
    wrapped_size = title_size(wrapped, points, room, SMALLEST_TITLE_PT)
    entries = f"<{legend}".split("</span> <")
    if wrapped_size >= points or len(entries) <= 4:
        return wrapped, wrapped_size
    half = (len(entries) + 1) // 2
    rows = "</span> <".join(entries[:half]), "</span> <".join(entries[half:])
    three_lines = f"{head}<br>{rows[0]}</span><br><{rows[1]}"
    three_lines_size = title_size(three_lines, points, room, SMALLEST_TITLE_PT)
    if three_lines_size > wrapped_size:
        return three_lines, three_lines_size
    return wrapped, wrapped_size


def palette(dark: bool) -> QPalette:
    result = QPalette()
    index = 1 if dark else 0
    for role, pair in PALETTE.items():
        result.setColor(role, QColor(pair[index]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT[index]))
    return result


def is_dark_icon(icon: QIcon) -> bool:
    """True for an icon drawn in dark ink (the style's media symbols), which a dark toolbar
    would hide."""
    image = icon.pixmap(16, 16).toImage()
    ink = [QColor.fromRgba(image.pixel(x, y)) for x in range(image.width())
           for y in range(image.height())]
    ink = [color for color in ink if color.alpha() > 128]
    return bool(ink) and sum(color.lightness() for color in ink) / len(ink) < 90


def inverted(icon: QIcon) -> QIcon:
    result = QIcon()
    for size in icon.availableSizes() or [QSize(16, 16)]:
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled, QIcon.Mode.Active):
            image = icon.pixmap(size, mode).toImage()
            image.invertPixels(QImage.InvertMode.InvertRgb)
            result.addPixmap(QPixmap.fromImage(image), mode)
    return result


def adapt_icon(action: QAction, dark: bool) -> None:
    """On dark, a dark-ink icon is shown inverted; on light, the original comes back."""
    original = action.property(_LIGHT_ICON)
    if dark and original is None and not action.icon().isNull() \
            and is_dark_icon(action.icon()):
        action.setProperty(_LIGHT_ICON, action.icon())
        action.setIcon(inverted(action.icon()))
    elif not dark and original is not None:
        action.setIcon(original)
        action.setProperty(_LIGHT_ICON, None)


class Appearance(QObject):
    """The look of the whole application; one per QApplication (see `for_application`)."""

    changed = Signal()
    # Before a change: what set fonts by hand takes them back, so that the new style sheet
    # remembers those (Qt gives a widget back, when its sheet changes, the font it had when the
    # sheet styled it).
    about_to_change = Signal()
    # A window shown after the look changed (the training workbench), now restyled.
    window_followed = Signal(QWidget)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.dark = False
        self.high_contrast = False
        self.font_scale = 1.0
        self._generation = 0   # each window remembers the look it was styled for
        self._remember_base()
        app.focusWindowChanged.connect(self.follow_new_windows)

    def _remember_base(self) -> None:
        """The application's own font, style sheet and palette: the default look, put back
        exactly when the look returns to it."""
        self._base_font = QFont(self.app.font())
        self._base_sheet = self.app.styleSheet()
        self._base_palette = QPalette(self.app.palette())

    @staticmethod
    def for_application(app: QApplication | None = None) -> Appearance:
        app = app or QApplication.instance()
        existing = app.findChild(Appearance)
        return existing if existing is not None else Appearance(app)

    def set(self, *, dark: bool | None = None, high_contrast: bool | None = None,
            font_scale: float | None = None) -> None:
        if self.is_default():
            self._remember_base()
        if dark is not None:
            self.dark = dark
        if high_contrast is not None:
            self.high_contrast = high_contrast
        if font_scale is not None:
            self.font_scale = font_scale
        self.apply()

    def apply(self) -> None:
        self.about_to_change.emit()
        index = 1 if self.dark else 0
        default = self.is_default()
        wanted_palette = self._base_palette if default else palette(self.dark)
        if self.app.palette() != wanted_palette:
            self.app.setPalette(wanted_palette)
        font = QFont(self._base_font)
        if not default:
            font.setPointSizeF(self._base_font.pointSizeF() * self.font_scale)
        if self.app.font() != font:
            self.app.setFont(font)
        # After the font: setting the style sheet polishes every widget again, with that font.
        sheet = self._base_sheet
        if self.dark:
            sheet = dark_style_sheet(sheet or style_sheet())
        sheet = scaled_style_sheet(sheet, self.font_scale)
        if self.app.styleSheet() != sheet:
            self.app.setStyleSheet(sheet)
        colors.apply_scheme(self.dark, high_contrast=self.high_contrast)
        self._generation += 1
        for widget in self.app.topLevelWidgets():
            self._restyle_window(widget, index)
        self.changed.emit()

    def is_default(self) -> bool:
        return not (self.dark or self.high_contrast or self.font_scale != 1.0)

    def follow_new_windows(self, *_focus: object) -> None:
        """Style the windows made since the look last changed (the palette and the style sheet
        reach them by themselves; plots and fonts set by hand do not)."""
        if self.is_default():
            return
        index = 1 if self.dark else 0
        for widget in self.app.topLevelWidgets():
            if widget.property(_STYLED) != self._generation and widget.isVisible():
                self._restyle_window(widget, index)
                self.window_followed.emit(widget)

    def plot_colors(self) -> tuple[str, str, str]:
        """(background, axis, text) for pyqtgraph plots in the current look."""
        index = 1 if self.dark else 0
        text = PLOT_TEXT_CONTRAST[index] if self.high_contrast else PLOT_TEXT[index]
        axis = text if self.high_contrast else PLOT_AXIS[index]
        return PLOT_BACKGROUND[index], axis, text

    def _restyle_window(self, window: QWidget, index: int) -> None:
        window.setProperty(_STYLED, self._generation)
        for toolbar in window.findChildren(QToolBar):
            for action in toolbar.actions():
                adapt_icon(action, self.dark)
        banner = getattr(window, "description_banner", None)
        if banner is not None:
            banner.setStyleSheet(DESCRIPTION_BANNER[index])
        step_panel = getattr(getattr(window, "animator", None), "step_panel", None)
        if step_panel is not None:
            step_panel.formula_label.setStyleSheet(FORMULA[index])
            step_panel.position_label.setStyleSheet(STEP_POSITION[index])
        scene = getattr(window, "scene", None)
        if scene is not None and hasattr(scene, "apply_evaluation"):
            for item in scene.items():
                item.update()   # each item's cached picture too, not only the screen
            window.view.viewport().update()
        if "pyqtgraph" in sys.modules:   # never imported here only to restyle nothing
            self.restyle_plots(window)

    def _fit_title(self, plot) -> None:
        """The plot's title in the look's size, or as large as its width allows."""
        item = plot.getPlotItem()
        # The text its owner gave it (TITLE_TEXT), not the one broken into lines here.
        title = plot.property(TITLE_TEXT) or item.titleLabel.text
        if not title:
            return
        # Over the plot's box: the widget's width less the axis beside it (a title too wide
        # for the box widens it past the widget's edge, so the box's own width would not do).
        # A hidden plot (the landscape, until asked for) has no width to fit yet.
        room = plot.width() - (item.width() - item.vb.width()) if plot.isVisible() else 0
        text, points = fitted_title(title, PLOT_TITLE_PT * self.font_scale, room)
        size = f"{points:g}pt"
        if item.titleLabel.opts.get("size") != size or item.titleLabel.text != text:
            item.setTitle(text, size=size)   # the row's height back to TITLE_ROW_PX
        if text != title:   # two lines: a row tall enough for both (a restyle set it back)
            height = max(TITLE_ROW_PX, int(item.titleLabel.item.boundingRect().height()))
            if item.titleLabel.maximumHeight() != height:
                item.titleLabel.setMaximumHeight(height)
                item.layout.setRowFixedHeight(0, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not watched.property(_TITLE_FITTED):
            return False
        if event.type() == QEvent.Type.Resize or (
                event.type() == QEvent.Type.DynamicPropertyChange
                and event.propertyName().data().decode() == TITLE_TEXT):
            self._fit_title(watched)
        return False

    def restyle_plots(self, root: QWidget) -> None:
        import pyqtgraph as pg

        background, axis_color, text_color = self.plot_colors()
        default = self.is_default()
        tick_font = QFont(self._base_font)
        tick_font.setPointSizeF(PLOT_TICK_PT * self.font_scale)
        for plot in root.findChildren(pg.PlotWidget):
            plot.setBackground(background)
            item = plot.getPlotItem()
            if item.titleLabel.text:
                item.setTitle(item.titleLabel.text, color=text_color)
                self._fit_title(plot)
            if not plot.property(_TITLE_FITTED):
                # Fitted again when the plot's width changes (the landscape shown beside).
                plot.setProperty(_TITLE_FITTED, True)
                plot.installEventFilter(self)
            for name in ("left", "bottom"):
                axis = item.getAxis(name)
                if default:   # pyqtgraph's own tick font and label style, as the plots began
                    axis.setStyle(tickFont=None)
                    axis.labelStyle = {}
                    axis.setLabel(axis.labelText, units=axis.labelUnits or None)
                else:
                    axis.setStyle(tickFont=tick_font)
                    axis.setLabel(axis.labelText, units=axis.labelUnits or None,
                                  **{"color": text_color,
                                     "font-size": f"{PLOT_TICK_PT * self.font_scale:g}pt"})
                axis.setPen(pg.mkPen(axis_color, width=2 if self.high_contrast else 1))
                axis.setTextPen(pg.mkPen(text_color))   # also the label's colour
            legend = item.legend
            if legend is not None:
                legend.setLabelTextColor(text_color)
                legend.setLabelTextSize(f"{PLOT_TICK_PT * self.font_scale:g}pt")
                for _sample, label in legend.items:
                    label.setText(label.text)   # the new colour and size are drawn from now
