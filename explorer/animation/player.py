"""Plays a Timeline: position, step / step back / seek, play and pause at a chosen speed.

A 60 fps QTimer drives `progress` (0..1) through the current step so the overlay can move pulses;
nothing blocks the event loop. The player knows nothing of the canvas.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from explorer.core.replay.timeline import Timeline

FRAME_MS = 16                   # ~60 fps
SLOWEST, FASTEST = 0.25, 12.0   # steps per second at the two ends of the speed slider
SPEED_STEPS = 100               # slider positions; the last one is "instant"
HOLD = 0.35                     # fraction of a step spent resting after the pulse arrives


def speed_for_slider(position: int) -> float:
    """Steps per second for a slider position (log scale); math.inf at the last position."""
    if position >= SPEED_STEPS:
        return math.inf
    fraction = max(0, position) / (SPEED_STEPS - 1)
    return SLOWEST * (FASTEST / SLOWEST) ** fraction


class Player(QObject):
    """`position` is how many steps have been applied; steps[position - 1] is the one on show."""

    positionChanged = Signal(int)
    progressChanged = Signal(float)
    playingChanged = Signal(bool)
    timelineChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.position = 0
        self.progress = 1.0
        self.speed = 1.0
        self._playing = False
        # Runs while a pulse is travelling: during play, and for the one step of Step.
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()

    # ---- state -------------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def animating(self) -> bool:
        return self._timer.isActive()

    def __len__(self) -> int:
        return len(self.timeline) if self.timeline is not None else 0

    def at_end(self) -> bool:
        return self.position >= len(self)

    def load(self, timeline: Timeline | None, *, play: bool = False) -> None:
        """Show `timeline` from its start (or nothing when None)."""
        self._set_playing(False)
        self._timer.stop()
        self.timeline = timeline
        self.position = 0
        self.progress = 1.0
        self.timelineChanged.emit()
        self.positionChanged.emit(0)
        if play and timeline is not None:
            self.play()

    def set_speed(self, steps_per_second: float) -> None:
        self.speed = steps_per_second
        if math.isinf(steps_per_second) and self.playing:
            self.run_to_end()

    # ---- transport ---------------------------------------------------------------------------

    def step(self) -> None:
        """Apply the next step and animate it."""
        self._set_playing(False)
        if math.isinf(self.speed):
            self.seek(self.position + 1)
        else:
            self._advance()

    def step_back(self) -> None:
        """Return to the state before the step on show (shown at rest, not animated)."""
        self._set_playing(False)
        self.seek(self.position - 1)

    def seek(self, position: int) -> None:
        """Show the state after `position` steps, at rest."""
        self._timer.stop()
        position = max(0, min(position, len(self)))
        changed = position != self.position
        self.position = position
        self.progress = 1.0
        if changed:
            self.positionChanged.emit(position)
        self.progressChanged.emit(1.0)

    def reset(self) -> None:
        self._set_playing(False)
        self.seek(0)

    def play(self) -> None:
        if self.timeline is None or not len(self):
            return
        if self.at_end():
            self.seek(0)
        if math.isinf(self.speed):
            self.run_to_end()
            return
        self._set_playing(True)
        if not self.animating:
            self._advance()

    def pause(self) -> None:
        """Stop after the pulse on show arrives."""
        self._set_playing(False)

    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def run_to_end(self) -> None:
        """Jump to the final state (headless runs, the 'instant' speed)."""
        self._set_playing(False)
        self.seek(len(self))

    # ---- animation ---------------------------------------------------------------------------

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playingChanged.emit(playing)

    def _advance(self) -> None:
        if self.at_end():
            self._set_playing(False)
            return
        self.position += 1
        self.progress = 0.0
        self.positionChanged.emit(self.position)
        self.progressChanged.emit(0.0)
        self._clock.start()
        self._timer.start()

    def _tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        # A step lasts 1/speed seconds: the pulse travels for the first part, then rests (HOLD).
        self.progress += elapsed * self.speed * (1.0 + HOLD)
        self.progressChanged.emit(min(self.progress, 1.0))
        if self.progress < 1.0 + HOLD:
            return
        self.progress = 1.0
        if self._playing and not self.at_end():
            self._advance()
        else:
            self._timer.stop()
            self._set_playing(False)
