"""After a crash: offer every orphaned autosave back, one question each.

An orphan is deleted only when the user says so (No), or once its graph is safely held by a
window whose own autosave has been written. Cancel keeps it for the next start; an orphan that
cannot be loaded is kept, and the user is told where it is. The first restored graph goes into
the calling window, each further one into a new window, so two crashed windows lose nothing.

A feature of the main window (see explorer/features.py): the program calls `offer()` at start.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from explorer import autosave
from explorer.core.document.file_format import FileFormatError
from explorer.core.i18n import translate


def _question(window, path: Path, nodes: int, number: int, total: int):
    when = datetime.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return QMessageBox.question(
        window, translate("CrashRecovery", "Restore unsaved work?"),
        translate("CrashRecovery", "autograd-explorer did not close properly last time. Restore "
                  "the graph that was autosaved then ({number} of {total}: {nodes} nodes, "
                  "{when})?\n\nYes restores it, No deletes it, Cancel keeps it for the next "
                  "start.").format(number=number, total=total, nodes=nodes, when=when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)


def _kept_unreadable(window, path: Path, reason: str) -> None:
    window.show_load_error(str(path), translate(
        "CrashRecovery", "{reason}\nThe autosave is kept at {path}.").format(
            reason=reason, path=path))


def _target_window(window, restored: list):
    """The calling window for the first restored graph, a new window for each further one."""
    if not restored:
        return window
    other = type(window)(settings=window.settings, autosave_directory=window.autosave_directory,
                         interactive=window.interactive)
    other.show()
    return other


def restore_orphans(window) -> list:
    """Ask about each orphaned autosave (newest first); the windows that restored one."""
    restored: list = []
    orphans = autosave.orphaned_autosaves(window.autosave_directory)
    for number, path in enumerate(orphans, start=1):
        lock = autosave.claim(path)
        if lock is None:
            continue   # another instance started meanwhile and is offering it
        try:
            try:
                loaded = autosave.recover(path)
            except FileFormatError as exc:
                _kept_unreadable(window, path, str(exc))
                continue
            answer = _question(window, path, len(loaded), number, len(orphans))
            if answer == QMessageBox.StandardButton.No:
                autosave.discard(path)
            elif answer == QMessageBox.StandardButton.Yes:
                target = _target_window(window, restored)
                target.set_document(loaded, None, modified=True)
                restored.append(target)
                # The orphan goes only once the window's own autosave holds the same graph.
                if target.autosaver.save_if_changed() or target.autosaver.path.exists():
                    autosave.discard(path)
        finally:
            lock.unlock()
    return restored


class CrashRecovery:
    def __init__(self, window) -> None:
        self.window = window
        self.windows: list = []   # the extra windows restored graphs opened in

    def offer(self) -> bool:
        """After a crash: offer every orphaned autosave back. True when one was restored."""
        restored = restore_orphans(self.window)
        self.windows = restored[1:]   # keeps the extra windows alive
        return bool(restored)
