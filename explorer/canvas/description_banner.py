"""The graph's description above the canvas ("dc/da = 2a + 3a**2 = 33"), until closed.

An example's description tells what to try and what to expect; in the status bar it vanished
at the next message. Here it stays while the student works, and one click puts it away.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class DescriptionBanner(QFrame):
    """A closable strip of text; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DescriptionBanner")
        self.setStyleSheet("#DescriptionBanner { background: #e7f5ff; "
                           "border-bottom: 1px solid #a5d8ff; }")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide the description"))
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_text(self, text: str | None) -> None:
        """Show `text` (a newly opened graph's description); nothing to say hides the banner."""
        self.label.setText(text or "")
        self.setVisible(bool(text))
