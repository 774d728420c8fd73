"""The main window's size on a screen and its first-start layout (View > Reset Layout).

The canvas is the biggest thing in the window, even on a 1366x768 laptop screen: a toolbar
shares the row of an earlier one where it fits, and on a short screen the step dock is sized for
the step's words; its gradient check unfolds to show every row while that tab is on show.

A feature of the main window (see explorer/features.py), installed after the docks and toolbars
of the others; `MainWindow.fit_to_screen` and `reset_layout` call it.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QStyle, QToolBar

DEFAULT_SIZE = QSize(1400, 900)        # headless runs (screenshots, tests)
LARGEST_SIZE = QSize(1600, 1000)       # on a big screen, no bigger than this at first start
FRAME_ALLOWANCE = QSize(8, 40)         # a window manager's borders and title bar, not yet known
PALETTE_WIDTH = 172
INSPECTOR_WIDTH = 350   # two value facts a row (dtype torch.float32 beside shape)
CODE_LINES = 12                        # the code view shows at least this many lines
CHECK_ROWS = 4                         # the gradient check shows this many rows (a..d, a 2x2 x)
STEP_LINES = 2                         # a short step dock shows the step's title and these lines
MIN_CANVAS_HEIGHT = 400                # the canvas keeps this much, where the screen allows
ESTIMATE_SLACK = 4                     # sizes estimated before the window is laid out may be off
VERTICAL = Qt.Orientation.Vertical
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
CHROME = 16                            # the step page's margins and spacing
OWN_ROW = "ownRow"                     # a toolbar property: beside others it squeezes them


class WindowLayout:
    def __init__(self, window) -> None:
        self.window = window
        self._step_height_before_check: int | None = None
        step_panel = getattr(getattr(window, "animator", None), "step_panel", None)
        if step_panel is not None:
            step_panel.tabs.currentChanged.connect(self._unfold_gradient_check)

    def fit_to_screen(self, available: QRect) -> None:
        """Size the window for a screen's `available` area (no bigger than LARGEST_SIZE), centre
        it there, and lay it out as at first start."""
        place_on_screen(self.window, available)
        self.reset_layout()

    def reset_layout(self) -> None:
        self._step_height_before_check = None
        reset_layout(self.window)

    def _unfold_gradient_check(self, index: int) -> None:
        """While the gradient check is on show, the step dock is tall enough for its rows; back
        on the step, it has its own height again."""
        window = self.window
        dock = window.animator.step_dock
        if dock.isFloating() or window.dockWidgetArea(dock) != BOTTOM:
            return
        if index == window.animator.step_panel.check_tab:
            needed = _step_dock_height(window)
            if dock.height() < needed:
                self._step_height_before_check = dock.height()
                window.resizeDocks([dock], [needed], VERTICAL)
        elif self._step_height_before_check is not None:
            window.resizeDocks([dock], [self._step_height_before_check], VERTICAL)
            self._step_height_before_check = None


def place_on_screen(window, available: QRect) -> None:
    """Size `window` for a screen's `available` area (no bigger than LARGEST_SIZE) and centre it
    there."""
    size = LARGEST_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE)
    window.resize(size)
    frame = QRect(QPoint(0, 0), window.size() + FRAME_ALLOWANCE)
    frame.moveCenter(available.center())
    # A window that cannot shrink enough (its minimum size) keeps its top left corner on screen.
    window.move(max(frame.left(), available.left()), max(frame.top(), available.top()))


def reset_layout(window) -> None:
    """Every dock and toolbar shown in its first-start place, sized so that the canvas keeps
    MIN_CANVAS_HEIGHT, a leaf's inspector fits, and the step, a dozen lines of code and the
    gradient check's rows can be read.

    The code sits under the canvas, beside the step panel, when the canvas keeps
    MIN_CANVAS_HEIGHT there; on a shorter window it is a tab behind the inspector."""
    for dock, area in window.dock_areas.items():
        dock.setFloating(False)
        window.addDockWidget(area, dock)
        dock.show()
    arrange_toolbars(window)
    code_dock, inspector_dock = window.code_dock, window.inspector_dock
    bottom = [dock for dock, area in window.dock_areas.items()
              if area == BOTTOM and dock is not code_dock]
    step_dock = getattr(getattr(window, "animator", None), "step_dock", None)
    # The canvas, under the description banner, shares the docks' height with the bottom docks.
    room = (_docks_height(window) - _banner_height(window) - ESTIMATE_SLACK
            - window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent))
    bottom_height = 0
    if step_dock in bottom:
        bottom_height = _step_dock_height(window)
        if room - bottom_height < MIN_CANVAS_HEIGHT:
            bottom_height = max(_step_words_height(window), room - MIN_CANVAS_HEIGHT)
    code_below = bottom_height == 0 or (
        room - max(bottom_height, _code_dock_height(window)) >= MIN_CANVAS_HEIGHT)
    if not code_below:
        window.tabifyDockWidget(inspector_dock, code_dock)
        inspector_dock.raise_()
    elif step_dock in bottom:
        window.splitDockWidget(step_dock, code_dock, Qt.Orientation.Horizontal)
    window.resizeDocks([window.palette_dock, inspector_dock],
                       [PALETTE_WIDTH, INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
    if code_below:
        bottom.append(code_dock)
        bottom_height = max(bottom_height, _code_dock_height(window))
    if bottom:
        window.resizeDocks(bottom, [bottom_height] * len(bottom), VERTICAL)
    if code_below and step_dock in bottom:
        canvas = window.width() - PALETTE_WIDTH - INSPECTOR_WIDTH
        window.resizeDocks([step_dock, code_dock], [canvas * 11 // 20, canvas * 9 // 20],
                           Qt.Orientation.Horizontal)


def toolbar_rows(window) -> list[list[QToolBar]]:
    """The toolbars in rows: each joins the first row with room for it, in the order they were
    added (the expression bar fits beside the file toolbar, the transport needs a row); one with
    the OWN_ROW property set stands alone."""
    rows: list[list[QToolBar]] = []
    for toolbar in window.toolbars:
        width = toolbar.sizeHint().width()
        if toolbar.property(OWN_ROW):
            rows.append([toolbar])
            continue
        for row in rows:
            if row[0].property(OWN_ROW):
                continue
            if sum(other.sizeHint().width() for other in row) + width <= window.width():
                row.append(toolbar)
                break
        else:
            rows.append([toolbar])
    return rows


def arrange_toolbars(window) -> None:
    """Every toolbar shown, at the top, in toolbar_rows' rows."""
    rows = toolbar_rows(window)
    for toolbar in window.toolbars:
        window.removeToolBar(toolbar)
    for number, row in enumerate(rows):
        if number:
            window.addToolBarBreak()
        for toolbar in row:
            window.addToolBar(toolbar)
            toolbar.show()


def _docks_height(window) -> int:
    """The height the side docks get: the window less menu bar, toolbar rows and status bar."""
    toolbars = sum(max(toolbar.sizeHint().height() for toolbar in row)
                   for row in toolbar_rows(window))
    return (window.height() - window.menuBar().sizeHint().height() - toolbars
            - window.statusBar().sizeHint().height())


def _banner_height(window) -> int:
    """The description banner's height at the canvas's width: one line, or as many as the
    description on show wraps to."""
    banner = window.description_banner
    height = banner.heightForWidth(window.width() - PALETTE_WIDTH - INSPECTOR_WIDTH)
    return height if height > 0 else banner.sizeHint().height()


def _title_height(dock: QDockWidget) -> int:
    return dock.minimumSizeHint().height() - dock.widget().minimumSizeHint().height()


def _code_dock_height(window) -> int:
    """The code dock's height for CODE_LINES lines (and a horizontal scroll bar)."""
    code_view = window.code_view
    editor = code_view.editor
    text = (editor.fontMetrics().lineSpacing() * CODE_LINES
            + 2 * (editor.frameWidth() + math.ceil(editor.document().documentMargin()))
            + editor.horizontalScrollBar().sizeHint().height())
    header = code_view.sizeHint().height() - editor.sizeHint().height()
    return text + header + _title_height(window.code_dock)


def _step_words_height(window) -> int:
    """The step dock's height for the step's title and STEP_LINES lines of its sentence."""
    panel = window.animator.step_panel
    words = (panel.title_label.fontMetrics().lineSpacing()
             + STEP_LINES * panel.sentence_label.fontMetrics().lineSpacing())
    return (panel.tabs.tabBar().sizeHint().height() + words + CHROME
            + _title_height(window.animator.step_dock))


def _step_dock_height(window) -> int:
    """The step dock's height for the gradient check's summary and CHECK_ROWS rows."""
    panel = window.animator.step_panel
    table = panel.check_table
    page = table.parentWidget()
    margins = page.layout().contentsMargins()
    rows = (table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
            + CHECK_ROWS * table.verticalHeader().defaultSectionSize())
    summary = 2 * panel.check_summary.fontMetrics().lineSpacing()
    return (panel.tabs.tabBar().sizeHint().height() + margins.top() + margins.bottom()
            + page.layout().spacing() + summary + rows + _title_height(window.animator.step_dock))
