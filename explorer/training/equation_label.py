"""The fitted equation over the workbench's plots, as the program's Result line prints it.

Word-wrapped at a fixed height: a label whose height followed each new text would re-lay out and
repaint the plots at every update. Its height is room for the configured model's equation with
long numbers (a cubic's takes two lines, a degree-9 polynomial's ten coefficients three or more),
refitted when the model changes, before a run, and grown when the label narrows; during a run it
grows only for a longer text than that.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SLACK_PX = 4


class EquationLabel(QLabel):
    """The fitted equation, selectable, in a fixed-width font, at a fixed height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._template = ""
        self.setFixedHeight(self._height_for(""))

    def set_template(self, template: str) -> None:
        """Make room for `template`, the equation a run of the configured model shows."""
        self._template = template
        self._fit(shrink=True)

    def show_equation(self, text: str) -> None:
        self.setText(text)
        self._fit(shrink=False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            # Narrower: more lines. Not smaller: presentation mode scales the height it set.
            self._fit(shrink=False)

    def _fit(self, *, shrink: bool) -> None:
        height = max(self._height_for(self._template), self._height_for(self.text()))
        current = self.maximumHeight()
        if height > current or (shrink and height != current):
            self.setFixedHeight(height)

    def _height_for(self, text: str) -> int:
        """At least two lines, and as many as `text` takes at the label's width."""
        metrics = self.fontMetrics()
        two_lines = 2 * metrics.lineSpacing() + SLACK_PX
        if not text or self.width() <= 0:
            return two_lines
        room = QRect(0, 0, self.width(), 1 << 20)
        lines = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, text).height()
        return max(two_lines, lines + SLACK_PX)
