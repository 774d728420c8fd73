"""The transport toolbar: Forward, Backward, Step back, Play/Pause, Step, Reset, speed, timeline,
Zero grad, Clear grad, Gradient check, each with a keyboard shortcut."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSlider, QStyle, QToolBar, QWidget

from explorer.animation.player import SPEED_STEPS, speed_for_slider

DEFAULT_SPEED_POSITION = 35      # about one step a second: readable in a classroom
START_NAME_CHARS = 12            # a long node name is cut in the Backward button


class TransportBar(QToolBar):
    """A view of an Animator; every action is also available as `self.actions_by_name[name]`."""

    def __init__(self, animator, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Animation"), parent)
        self.setObjectName("AnimationToolbar")
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
        self.position_label.setMinimumWidth(56)
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.position_label)

        self.addWidget(QLabel(self.tr("Speed"), self))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed_slider.setRange(0, SPEED_STEPS)
        self.speed_slider.setFixedWidth(110)
        self.speed_slider.valueChanged.connect(self._speed)
        self.addWidget(self.speed_slider)
        self.speed_label = QLabel(self)
        self.speed_label.setMinimumWidth(64)
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
