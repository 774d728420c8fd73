"""The transport toolbar: Forward, Backward, Step back, Play/Pause, Step, Reset, speed, timeline,
Zero grad, Clear grad, Gradient check, each with a keyboard shortcut.

On a narrow window (a laptop's, in presentation mode's large type) the gradient actions that do
not fit move into a "»" menu at the bar's end, so that every action stays one click away."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QSlider, QStyle, QToolBar, QToolButton, QWidget

from explorer.animation.player import SPEED_STEPS, speed_for_slider

DEFAULT_SPEED_POSITION = 35      # about one step a second: readable in a classroom
START_NAME_CHARS = 12            # a long node name is cut in the Backward button
# The least used actions, last on the bar: the first into the "»" menu when the bar is too narrow.
OVERFLOWING = ("zero_grad", "clear_grad", "gradient_check")
LABEL_MIN_WIDTH = 56             # px: the position label in normal type
LABEL_MARGIN = 12                # px around a label's text, so that it does not touch the next


class TransportBar(QToolBar):
    """A view of an Animator; every action is also available as `self.actions_by_name[name]`."""

    def __init__(self, animator, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Animation"), parent)
        self.setObjectName("AnimationToolbar")
        self._fitting = False
        # Fitted from the event loop: a resize or layout request may come while Qt walks the
        # widgets (restyling them all), when dropping a button would pull one from under it.
        self._fit_soon = QTimer(self)
        self._fit_soon.setSingleShot(True)
        self._fit_soon.setInterval(0)
        self._fit_soon.timeout.connect(self._fit)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.animator = animator
        player = animator.player
        icon = self.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.actions_by_name: dict[str, QAction] = {}

        self._add("forward", self.tr("Forward"), "F5",
                  self.tr("Replay the forward pass: nodes are computed in the engine's order"),
                  animator.forward, icon(pixmap.SP_ArrowRight))
        self._add("backward", self.tr("Backward"), "F6",
                  self.tr("Run backward from the selected node (or the output) and animate it; "
                          "press again to accumulate into .grad"),
                  animator.backward, icon(pixmap.SP_ArrowLeft))
        self.addSeparator()
        self._add("reset", self.tr("Reset"), "Shift+F5",
                  self.tr("Back to the start of the animation"), player.reset,
                  icon(pixmap.SP_MediaSkipBackward))
        self._add("step_back", self.tr("Step back"), "F7", self.tr("Undo the last step"),
                  player.step_back, icon(pixmap.SP_MediaSeekBackward))
        self._add("play", self.tr("Play"), "F9", self.tr("Play or pause the animation"),
                  player.toggle, icon(pixmap.SP_MediaPlay))
        self._add("step", self.tr("Step"), "F8", self.tr("Show the next engine event"),
                  player.step, icon(pixmap.SP_MediaSeekForward))

        for name in ("reset", "step_back", "play", "step"):
            # Media symbols speak for themselves; their names are in the tooltips.
            self.widgetForAction(self.actions_by_name[name]).setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.timeline_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.timeline_slider.setFixedWidth(200)
        self.timeline_slider.setToolTip(self.tr("Drag to scrub through the steps"))
        self.timeline_slider.valueChanged.connect(self._scrub)
        self.addWidget(self.timeline_slider)
        self.position_label = QLabel(self)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.position_label)

        self.addWidget(QLabel(self.tr("Speed"), self))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed_slider.setRange(0, SPEED_STEPS)
        self.speed_slider.setFixedWidth(110)
        self.speed_slider.valueChanged.connect(self._speed)
        self.addWidget(self.speed_slider)
        self.speed_label = QLabel(self)
        self.addWidget(self.speed_label)
        self.speed_slider.setValue(DEFAULT_SPEED_POSITION)
        self._speed(DEFAULT_SPEED_POSITION)
        self.addSeparator()

        self._add("zero_grad", self.tr("Zero grad"), "Ctrl+Shift+0",
                  self.tr("grad.zero_() on every leaf (and retain_grad node) that has a .grad"),
                  animator.zero_grad)
        self._add("clear_grad", self.tr("Clear grad"), "Ctrl+Shift+Backspace",
                  self.tr("grad = None on every leaf (and retain_grad node)"), animator.clear_grad)
        self._add("gradient_check", self.tr("Gradient check"), "Ctrl+Shift+G",
                  self.tr("Compare the analytic gradients with finite differences (float64)"),
                  animator.check_gradients)
        self.more_menu = QMenu(self)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("TransportMore")
        self.more_button.setText("»")
        self.more_button.setToolTip(self.tr("More: the actions the bar has no room for"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setMenu(self.more_menu)
        self.more_action = self.addWidget(self.more_button)
        self.more_action.setVisible(False)
        # Measures the overflowing actions' buttons, also those in the menu (a toolbar's own
        # buttons are made and dropped as actions come and go).
        self._measure = QToolButton(self)
        self._measure.setToolButtonStyle(self.toolButtonStyle())
        self._measure.setAutoRaise(True)   # as the bar's own buttons
        self._measure.hide()
        self._size_labels()

        player.positionChanged.connect(self._sync)
        player.timelineChanged.connect(self._sync)
        player.playingChanged.connect(self._sync_play)
        self._sync()

    def _add(self, name: str, text: str, shortcut: str, tip: str, slot, icon=None) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(icon)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.NativeText)})")
        action.triggered.connect(lambda checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _size_labels(self) -> None:
        """The position and speed labels as wide as their widest text in their font (large in
        presentation mode): the bar keeps its layout while they count and the speed changes."""
        total = len(self.animator.player)
        position = self.position_label.fontMetrics()
        # Fixed, not minimum, widths: a label's size hint keeps a larger minimum it once had.
        self.position_label.setFixedWidth(max(
            LABEL_MIN_WIDTH, position.horizontalAdvance(f"{total} / {total}") + LABEL_MARGIN))
        fastest = speed_for_slider(SPEED_STEPS - 1)
        speed = self.speed_label.fontMetrics()
        self.speed_label.setFixedWidth(max(speed.horizontalAdvance(text) for text in (
            self.tr("instant"), self.tr("{n:.1f} steps/s").format(n=fastest))) + LABEL_MARGIN)

    def in_bar(self) -> list[str]:
        """The overflowing actions shown on the bar (the others are in the "»" menu)."""
        return [name for name in OVERFLOWING if self.actions_by_name[name] in self.actions()]

    def _button_width(self, action: QAction) -> int:
        self._measure.setIconSize(self.iconSize())
        self._measure.setText(action.text())
        self._measure.setIcon(action.icon())
        return self._measure.sizeHint().width()

    def _fit(self) -> None:
        """Keep as many of the OVERFLOWING actions on the bar as its width allows, in order;
        the rest go into the "»" menu. Changes nothing when the split is already right, as it
        runs on every layout request."""
        if self._fitting or self.width() <= 0:
            return
        self._fitting = True
        try:
            spacing = self.layout().spacing()
            shown = self.in_bar()
            widths = [self._button_width(self.actions_by_name[name]) + spacing
                      for name in OVERFLOWING]
            more = self.more_button.sizeHint().width() + spacing
            # The bar's width without the overflowing actions and the "»" button.
            rest = self.sizeHint().width() - sum(widths[: len(shown)])
            if self.more_action.isVisible():
                rest -= more
            count = len(OVERFLOWING)
            while count > 0 and rest + sum(widths[:count]) + (
                    more if count < len(OVERFLOWING) else 0) > self.width():
                count -= 1
            if count != len(shown):
                self._show_first(count)
        finally:
            self._fitting = False

    def _show_first(self, count: int) -> None:
        for index, name in enumerate(OVERFLOWING):
            action = self.actions_by_name[name]
            if index < count and action not in self.actions():
                self.insertAction(self.more_action, action)
            elif index >= count and action in self.actions():
                self.removeAction(action)
        self.more_menu.clear()
        self.more_menu.addActions([self.actions_by_name[name] for name in OVERFLOWING[count:]])
        self.more_action.setVisible(count < len(OVERFLOWING))
        self.layout().activate()   # laid out now, not a few event loop turns later

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_soon.start()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._size_labels)   # once each label has its new font
        elif event.type() == QEvent.Type.LayoutRequest:
            self._fit_soon.start()   # a larger font or a longer text (Backward from …)
        return handled

    def show_backward_start(self, name: str | None) -> None:
        """Say on the Backward button which node backward starts from (the selected one, else
        the graph's output), so that starting from another node is one selection away."""
        action = self.actions_by_name["backward"]
        if name is None:
            action.setText(self.tr("Backward"))
            return
        short = name if len(name) <= START_NAME_CHARS else name[: START_NAME_CHARS - 1] + "…"
        action.setText(self.tr("Backward from {name}").format(name=short))

    def _sync(self, *_args) -> None:
        player = self.animator.player
        total = len(player)
        self.timeline_slider.blockSignals(True)
        self.timeline_slider.setRange(0, total)
        self.timeline_slider.setValue(player.position)
        self.timeline_slider.blockSignals(False)
        self.timeline_slider.setEnabled(total > 0)
        self.position_label.setText(f"{player.position} / {total}" if total else "–")
        self._size_labels()
        for name in ("reset", "step_back", "play", "step"):
            self.actions_by_name[name].setEnabled(total > 0)

    def _sync_play(self, playing: bool) -> None:
        action = self.actions_by_name["play"]
        pixmaps = QStyle.StandardPixmap
        pixmap = pixmaps.SP_MediaPause if playing else pixmaps.SP_MediaPlay
        action.setIcon(self.style().standardIcon(pixmap))
        action.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _scrub(self, position: int) -> None:
        self.animator.player.pause()
        self.animator.player.seek(position)

    def _speed(self, position: int) -> None:
        speed = speed_for_slider(position)
        self.animator.player.set_speed(speed)
        self.speed_label.setText(self.tr("instant") if math.isinf(speed)
                                 else self.tr("{n:.1f} steps/s").format(n=speed))
