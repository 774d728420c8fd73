"""Toolbar labels without the Chinese accelerator suffix.

Chinese menus mark the accelerator as a suffix, "新建(&N)"; Qt strips only the "&" for a toolbar
button, which would read "新建(N)". The filter gives every toolbar action, now or added later, the
label without the suffix. English texts ("&New") have no suffix and are left to Qt.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QWidget

ACCELERATOR_SUFFIX = re.compile(r"\s*\(&\w\)")
FIXED_ICON_TEXT = "fixedIconText"   # an action property: its toolbar label is set by its owner


def toolbar_label(text: str) -> str:
    """`text` as a toolbar button shows it: no '(&N)' suffix, no '&', no trailing ellipsis."""
    label = ACCELERATOR_SUFFIX.sub("", text).replace("&&", "\x00").replace("&", "")
    return label.replace("\x00", "&").removesuffix("…").removesuffix("...").strip()


class ToolbarLabels(QObject):
    """Event filter on a main window and its toolbars (see the module docstring)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)
        for toolbar in window.findChildren(QToolBar):
            self._watch(toolbar)

    def _watch(self, toolbar: QToolBar) -> None:
        toolbar.installEventFilter(self)
        for action in toolbar.actions():
            self._tidy(action)

    @staticmethod
    def _tidy(action: QAction) -> None:
        if action.property(FIXED_ICON_TEXT):
            return
        if ACCELERATOR_SUFFIX.search(action.text()):
            label = toolbar_label(action.text())
            if action.iconText() != label:
                action.setIconText(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and isinstance(event.child(), QToolBar):
            self._watch(event.child())
        elif kind in (QEvent.Type.ActionAdded, QEvent.Type.ActionChanged) \
                and isinstance(watched, QToolBar):
            self._tidy(event.action())
        return False
