"""The list of recently opened or saved graph files, kept in QSettings."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

KEY = "files/recent"
LIMIT = 8


class RecentFiles:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        """Most recent first; files that no longer exist are left out."""
        value = self.settings.value(KEY, [])
        if isinstance(value, str):   # QSettings returns a lone string for a one-item list
            value = [value]
        return [p for p in (value or []) if isinstance(p, str) and os.path.isfile(p)]

    def add(self, path: str) -> None:
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.paths() if os.path.abspath(p) != path]
        self.settings.setValue(KEY, paths[:LIMIT])

    def remove(self, path: str) -> None:
        self.settings.setValue(KEY, [p for p in self.paths() if p != path])

    def clear(self) -> None:
        self.settings.setValue(KEY, [])
