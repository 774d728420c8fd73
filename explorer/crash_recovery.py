"""After a crash: offer the orphaned autosaves back, all in one question.

One dialog lists every orphan that can be loaded (its name, when it was saved, its node count),
each checked. Restore opens the checked ones; the unchecked ones are deleted only when the user
also ticks "Delete the graphs not restored", otherwise they are kept for the next start, as all
of them are on Not Now. An orphan that is restored is deleted only once its graph is safely held
by a window whose own autosave has been written. An orphan that cannot be loaded is kept, and
the user is told where it is (one message for all of them). The first restored graph goes into
the calling window, each further one into a new window, so two crashed windows lose nothing.

A feature of the main window (see explorer/features.py): the program calls `offer()` at start.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from explorer import autosave
from explorer.core.document.file_format import FileFormatError
from explorer.core.document.graph_document import GraphDocument
from explorer.core.i18n import translate

SHOWN_NAMES = 3   # node names that stand for an untitled graph


@dataclass
class Orphan:
    """An orphaned autosave that loaded, claimed by this instance while it is offered."""
    path: Path
    document: GraphDocument
    lock: QLockFile

    @property
    def name(self) -> str:
        title = self.document.meta.get("title")
        if title:
            return title
        names = [data.name for data in self.document.nodes()]
        return ", ".join(names[:SHOWN_NAMES]) + (" …" if len(names) > SHOWN_NAMES else "")

    @property
    def when(self) -> str:
        return datetime.datetime.fromtimestamp(self.path.stat().st_mtime).strftime(
            "%Y-%m-%d %H:%M")


class RecoveryDialog(QDialog):
    """The one question after a crash: which autosaved graphs to restore, and whether the
    others may go."""

    def __init__(self, orphans: list[Orphan], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore unsaved work?"))
        intro = QLabel(self.tr("autograd-explorer did not close properly last time. These "
                               "graphs were autosaved then; the checked ones will be restored, "
                               "each in its own window."))
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setHeaderLabels([self.tr("Graph"), self.tr("Autosaved"), self.tr("Nodes")])
        for orphan in orphans:
            item = QTreeWidgetItem([orphan.name, orphan.when, str(len(orphan.document))])
            item.setToolTip(0, str(orphan.path))
            item.setCheckState(0, Qt.CheckState.Checked)
            self.list.addTopLevelItem(item)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)   # the names get the room
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.discard_rest = QCheckBox(self.tr("Delete the graphs not restored"))
        self.discard_rest.setToolTip(self.tr("Unchecked graphs are otherwise kept and offered "
                                             "again at the next start."))
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(self.tr("Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = buttons.addButton(self.tr("Not Now"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(self.tr("Keep every autosave for the next start."))
        self.restore_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.discard_rest)
        layout.addWidget(buttons)
        self.resize(560, 200 + 24 * min(len(orphans), 10))

    def set_checked(self, rows: list[int]) -> None:
        """Check exactly `rows` (for scripts and tests; the user clicks the boxes)."""
        for row in range(self.list.topLevelItemCount()):
            state = Qt.CheckState.Checked if row in rows else Qt.CheckState.Unchecked
            self.list.topLevelItem(row).setCheckState(0, state)

    def checked(self) -> list[bool]:
        return [self.list.topLevelItem(row).checkState(0) == Qt.CheckState.Checked
                for row in range(self.list.topLevelItemCount())]


def _claim_orphans(window) -> tuple[list[Orphan], list[str]]:
    """The orphans this instance may offer (newest first), and why each unreadable one is not."""
    offered: list[Orphan] = []
    unreadable: list[str] = []
    for path in autosave.orphaned_autosaves(window.autosave_directory):
        lock = autosave.claim(path)
        if lock is None:
            continue   # another instance started meanwhile and is offering it
        try:
            offered.append(Orphan(path, autosave.recover(path), lock))
        except FileFormatError as exc:
            lock.unlock()
            unreadable.append(translate("CrashRecovery", "{reason}\nThe autosave is kept at "
                                        "{path}.").format(reason=exc, path=path))
    return offered, unreadable


def _target_window(window, restored: list):
    """The calling window for the first restored graph, a new window for each further one."""
    if not restored:
        return window
    other = type(window)(settings=window.settings, autosave_directory=window.autosave_directory,
                         interactive=window.interactive)
    other.show()
    return other


def _restore(window, orphan: Orphan, restored: list) -> None:
    target = _target_window(window, restored)
    target.set_document(orphan.document, None, modified=True)
    restored.append(target)
    # The orphan goes only once the window's own autosave holds the same graph.
    if target.autosaver.save_if_changed() or target.autosaver.path.exists():
        autosave.discard(orphan.path)


def restore_orphans(window) -> list:
    """Ask once about the orphaned autosaves; the windows that restored one."""
    orphans, unreadable = _claim_orphans(window)
    restored: list = []
    try:
        if orphans:
            dialog = RecoveryDialog(orphans, window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                discard_rest = dialog.discard_rest.isChecked()
                for orphan, checked in zip(orphans, dialog.checked(), strict=True):
                    if checked:
                        _restore(window, orphan, restored)
                    elif discard_rest:
                        autosave.discard(orphan.path)
    finally:
        for orphan in orphans:
            orphan.lock.unlock()
    if unreadable:
        window.show_load_error(str(window.autosave_directory), "\n\n".join(unreadable))
    return restored


class CrashRecovery:
    def __init__(self, window) -> None:
        self.window = window
        self.windows: list = []   # the extra windows restored graphs opened in

    def offer(self) -> bool:
        """After a crash: offer the orphaned autosaves back. True when one was restored."""
        restored = restore_orphans(self.window)
        self.windows = restored[1:]   # keeps the extra windows alive
        return bool(restored)
