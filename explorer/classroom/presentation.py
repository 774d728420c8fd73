"""View > Presentation Mode (Ctrl+F5; Esc leaves): for showing the app to a room.

Large type (the application's font and every explicitly set font scaled by FONT_SCALE, the
graph fitted to the canvas, with its smallest text PRESENTED_TEXT_PX tall where it fits), high
contrast colours, and the editing chrome hidden (the node palette and every toolbar but the
animation's transport). The window stays as it is; leaving restores the docks, toolbars, fonts
and zoom exactly as they were. Nothing of it is saved: a window closed while presenting leaves
presentation mode first, so the saved layout is the editing one.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut, QTransform
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolBar, QWidget

from explorer.canvas.view import READABLE_ZOOM
from explorer.classroom.appearance import Appearance
from explorer.core.i18n import translate

FONT_SCALE = 1.5
FIT_MARGIN = 30.0       # scene units around the graph when presenting
PRESENTED_TEXT_PX = 14.0   # the cards' smallest text on screen, when the graph fits
SMALLEST_TEXT_PT = 7.0     # the cards' tag and muted lines (explorer/canvas/node_item.py)
WIDE_WINDOW = 1600         # px: room for a wider inspector beside the canvas
SHORTCUT = "Ctrl+F5"   # F5 is Forward
QWIDGETSIZE_MAX = (1 << 24) - 1
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
_SAVED_FONT = "classroomFont"            # widget properties: what leaving puts back
_SAVED_HEIGHT = "classroomFixedHeight"


def scale_widget_fonts(root: QWidget, scale: float) -> None:
    """Scale the fonts set explicitly on `root` and its children (the others follow the
    application's font), and fixed heights made for one font size; remember the originals."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont) \
                and widget.property(_SAVED_FONT) is None:
            widget.setProperty(_SAVED_FONT, QFont(widget.font()))
            font = QFont(widget.font())
            if font.pointSizeF() > 0:
                font.setPointSizeF(font.pointSizeF() * scale)
            else:
                font.setPixelSize(round(font.pixelSize() * scale))
            widget.setFont(font)
        height = widget.maximumHeight()
        if 0 < height < QWIDGETSIZE_MAX and widget.minimumHeight() == height \
                and not widget.isWindow() and widget.property(_SAVED_HEIGHT) is None:
            widget.setProperty(_SAVED_HEIGHT, height)
            widget.setFixedHeight(round(height * scale))


def restore_widget_fonts(root: QWidget) -> None:
    """Put back the fonts and heights `scale_widget_fonts` changed."""
    for widget in [root, *root.findChildren(QWidget)]:
        font = widget.property(_SAVED_FONT)
        if font is not None:
            widget.setFont(font)
            widget.setProperty(_SAVED_FONT, None)
        height = widget.property(_SAVED_HEIGHT)
        if height is not None:
            widget.setFixedHeight(int(height))
            widget.setProperty(_SAVED_HEIGHT, None)


def large_type_zoom(view: QWidget) -> float:
    """The zoom at which the cards' smallest text is PRESENTED_TEXT_PX pixels tall."""
    smallest_px = SMALLEST_TEXT_PT * view.logicalDpiY() / 72.0
    return PRESENTED_TEXT_PX / smallest_px


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move a window whose frame the large type pushed past its screen's edges
    (down to its layout's minimum size)."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    if available.contains(frame):
        return
    borders = frame.size() - window.size()
    window.resize(window.size().boundedTo(available.size() - borders))
    frame = window.frameGeometry()
    window.move(max(available.left(), min(frame.left(), available.right() + 1 - frame.width())),
                max(available.top(), min(frame.top(), available.bottom() + 1 - frame.height())))


class PresentationMode(QObject):
    """Presentation mode of one main window: `action` toggles it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.appearance = Appearance.for_application()
        self.active = False
        self._state = None
        self._transform: QTransform | None = None
        self._centre: QPointF | None = None
        self._scrolled: dict[QAbstractScrollArea, tuple[int, int]] = {}
        self.action = QAction(translate("Classroom", "Presentation &Mode"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(translate(
            "Classroom", "Large type, high contrast and no editing tools, for showing to a room "
                         "(Esc ends it)"))
        self.action.toggled.connect(self.set_active)
        window.addAction(self.action)
        # Esc leaves, only while presenting (elsewhere it cancels a wire or closes the find
        # bar), and only in this window: a shortcut of its own, as the action's would also
        # fire in a dialog over the window.
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.setEnabled(False)
        self.escape.activated.connect(lambda: self.set_active(False))
        window.installEventFilter(self)
        self.appearance.window_followed.connect(self._on_window_followed)
        self.appearance.about_to_change.connect(self._before_look_change)
        self.appearance.changed.connect(self._on_look_changed)

    def set_active(self, active: bool) -> None:
        if active == self.active:
            return
        if active:
            self._enter()
        else:
            self._leave()
        self.active = active
        self.action.setChecked(active)
        self.escape.setEnabled(active)

    def _enter(self) -> None:
        window = self._window
        self._state = window.saveState()
        self._scrolled = {area: (area.horizontalScrollBar().value(),
                                 area.verticalScrollBar().value())
                          for area in window.findChildren(QAbstractScrollArea)}
        view = window.view
        self._transform = view.transform()
        self._centre = view.visible_centre()
        window.palette_dock.hide()
        transport = getattr(getattr(window, "animator", None), "transport_bar", None)
        for toolbar in window.findChildren(QToolBar):
            if toolbar is not transport and toolbar.parent() is window:
                toolbar.hide()
        if transport is not None:
            # In large type the transport may not fit, and a toolbar that hides its last items
            # shares the room left over among the rest: separators would grow into grey boxes.
            for separator in transport.findChildren(QWidget, options=_DIRECT):
                if separator.metaObject().className() == "QToolBarSeparator":
                    separator.setMaximumWidth(separator.sizeHint().width())
        self.appearance.set(high_contrast=True, font_scale=FONT_SCALE)
        for top in QApplication.topLevelWidgets():
            scale_widget_fonts(top, FONT_SCALE)
        view.legend_scale = FONT_SCALE   # drawn over the canvas, not a widget: told by hand
        # The inspector's rows grow with the type; on a wide window it takes the palette's room
        # (on a laptop's the canvas keeps it: the graph matters more there).
        inspector = window.inspector_dock
        if window.width() >= WIDE_WINDOW:
            window.resizeDocks([inspector], [round(inspector.width() * FONT_SCALE)],
                               Qt.Orientation.Horizontal)
        QApplication.processEvents()   # the canvas has its new size before it is zoomed
        self._fit_canvas()

    def _fit_canvas(self) -> None:
        """The whole graph in view, in large type where it fits: at the zoom that makes the
        cards' smallest text PRESENTED_TEXT_PX tall, or, for a graph too big for that, the zoom
        that fits it, never below READABLE_ZOOM (then its output end, as a graph opens)."""
        view = self._window.view
        nodes = view.scene().nodes_bounding_rect()
        if nodes.isEmpty():
            view.set_zoom(view.zoom() * FONT_SCALE)
            view.centerOn(self._centre)
            return
        shown = nodes.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        viewport = view.viewport().rect()
        fits = min(viewport.width() / shown.width(), viewport.height() / shown.height())
        zoom = max(min(large_type_zoom(view), fits), READABLE_ZOOM)
        view.set_zoom(zoom)
        if zoom > fits:
            view.show_output_end()
        else:
            view.centerOn(nodes.center())

    def _leave(self) -> None:
        window = self._window
        transport = getattr(getattr(window, "animator", None), "transport_bar", None)
        if transport is not None:
            for separator in transport.findChildren(QWidget, options=_DIRECT):
                if separator.metaObject().className() == "QToolBarSeparator":
                    separator.setMaximumWidth(QWIDGETSIZE_MAX)
        for top in QApplication.topLevelWidgets():
            restore_widget_fonts(top)
        window.view.legend_scale = 1.0
        self.appearance.set(high_contrast=False, font_scale=1.0)
        # The toolbars and docks take their normal-type sizes first, else the restored dock
        # sizes are fitted around the large ones (a layout settles over a few turns).
        for _turn in range(3):
            QApplication.processEvents()
        if self._state is not None:
            window.restoreState(self._state)
        view = window.view
        if self._transform is not None:
            view.setTransform(self._transform)
            view.zoom_changed.emit(view.zoom())
        QApplication.processEvents()
        # Every list, text and the canvas scrolled back to where it was (the large type moved
        # them; the canvas's centre alone would round to a pixel off).
        for area, (horizontal, vertical) in self._scrolled.items():
            area.horizontalScrollBar().setValue(horizontal)
            area.verticalScrollBar().setValue(vertical)
        self._scrolled = {}
        view.viewport().update()   # scrolling moved the legend drawn over the canvas with it

    def _before_look_change(self) -> None:
        """The theme changes while presenting: the new style sheet must find the normal type
        (leaving puts that back later, and the sheet would then give the large type back)."""
        if self.active and self.appearance.font_scale == FONT_SCALE:
            for top in QApplication.topLevelWidgets():
                restore_widget_fonts(top)

    def _on_look_changed(self) -> None:
        """The theme changed while presenting: the large type again on every window (not while
        entering or leaving, which scale and restore the fonts themselves)."""
        if self.active and self.appearance.font_scale == FONT_SCALE:
            for top in QApplication.topLevelWidgets():
                scale_widget_fonts(top, FONT_SCALE)

    def _on_window_followed(self, widget: QWidget) -> None:
        """A window opened while presenting (the training workbench) gets the large type."""
        if self.active:
            scale_widget_fonts(widget, FONT_SCALE)
            keep_on_screen(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self._window and self.active:
            self.set_active(False)   # before the window saves its layout
        return False
