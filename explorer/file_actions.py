"""Files: File > New, Open…, Open Recent, Save, Save As…; the question before unsaved work is
replaced or the window closes; the guard against a file edited by two windows or changed on disk.

A feature of the main window (see explorer/features.py); it uses the window's interface: its
menus and main toolbar, `set_document`, `document_replaced`, `close_checks`, `file_path`.
"""
from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from explorer.core.document.file_format import FileFormatError, load_document, save_document
from explorer.core.document.graph_document import GraphDocument
from explorer.file_guard import FileGuard
from explorer.recent_files import RecentFiles

LOAD_DEBT_COLLECTED_AT_ONCE = 20_000   # objects a load left for the collector


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block: opening a 5000-node graph makes some
    hundred thousand objects (cards, ports, wires, values), and each burst of them would start
    a collection walking every live object, many times over; none of them is garbage yet."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if gc.get_count()[0] > LOAD_DEBT_COLLECTED_AT_ONCE:
                # The first collections after a big load walk all it made (0.4 s on 5000 cards,
                # in the middle of the next replay): walked now, while the user waits for it.
                gc.collect()


class FileActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.recent = RecentFiles(window.settings)
        self.file_guard = FileGuard(window.autosave_directory.parent / "open-files")
        K = QKeySequence.StandardKey
        self.new_action = window.make_action(self.tr("&New"), self.new_document, K.New,
                                             self.tr("Start an empty graph"), "new")
        self.open_action = window.make_action(self.tr("&Open…"), self.open_dialog, K.Open,
                                              self.tr("Open a graph file"), "open")
        self.save_action = window.make_action(self.tr("&Save"), self.save, K.Save,
                                              self.tr("Save the graph"), "save")
        self.save_as_action = window.make_action(self.tr("Save &As…"), self.save_as_dialog,
                                                 K.SaveAs,
                                                 self.tr("Save the graph under a new name"))
        menu = window.menu("file")
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [self.new_action, self.open_action])
        self.recent_menu = QMenu(self.tr("Open &Recent"), menu)
        menu.insertMenu(first, self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.insertSeparator(first)
        menu.insertActions(first, [self.save_action, self.save_as_action])
        toolbar = window.main_toolbar
        first_tool = toolbar.actions()[0] if toolbar.actions() else None
        toolbar.insertActions(first_tool, [self.new_action, self.open_action, self.save_action])
        toolbar.insertSeparator(first_tool)
        window.document_replaced.connect(self._guard_file)
        window.close_checks.append(self.maybe_save)
        window.closed.connect(self.file_guard.release)

    # ---- replacing the document --------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to replace the document (saved, discarded or unmodified)."""
        if not self.window.is_modified():
            return True
        if not self.window.interactive:
            return True   # headless runs never block on a question
        answer = self._ask_to_save()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _ask_to_save(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("The graph has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def new_document(self) -> None:
        if self.maybe_save():
            self.window.set_document(GraphDocument(), None, modified=False)
            self.window.show_message(self.tr("New graph."))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open Graph"), self.dialog_dir(),
            self.tr("Graphs and Python snippets (*.json *.py);;All files (*)"))
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, *, ask: bool = True) -> bool:
        """Load `path`; a bad file shows its problem in a dialog and leaves the document as it
        was."""
        window = self.window
        if ask and not self.maybe_save():
            return False
        if Path(path).suffix.lower() == ".py":   # a snippet: read by the safe import, never run
            return window.code_actions.open_python(path)
        with gc_paused():   # a big file: thousands of objects at once
            try:
                loaded = load_document(path)
            except FileFormatError as exc:
                window.show_load_error(path, str(exc))
                return False
            window.set_document(loaded, os.path.abspath(path), modified=False, take=True)
        self.recent.add(path)
        window.show_message(self.tr("Opened {path}.").format(path=path))
        return True

    # ---- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.window.file_path is None:
            return self.save_as_dialog()
        return self.save_to(self.window.file_path)

    def save_as_dialog(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save Graph As"),
                                              self.dialog_dir(), self.tr("Graph files (*.json)"))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        window = self.window
        if not self._overwrite_changed_file(path):
            window.show_message(window.last_error)
            return False
        try:
            save_document(window.document, path)
        except (OSError, FileFormatError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            window.last_error = self.tr("{path} cannot be written:\n{reason}").format(
                path=path, reason=reason)
            if window.interactive:
                QMessageBox.critical(window, self.tr("Cannot save file"), window.last_error)
            return False
        window.file_path = os.path.abspath(path)
        self._guard_file(window.file_path)
        window.undo_stack.setClean()
        self.recent.add(path)
        window.autosaver.remove()
        window.update_title()
        window.show_message(self.tr("Saved {path}.").format(path=path))
        return True

    def dialog_dir(self) -> str:
        """Where file dialogs open: beside the graph's file, else the last one used, else home."""
        if self.window.file_path:
            return os.path.dirname(self.window.file_path)
        recent = self.recent.paths()
        return os.path.dirname(recent[0]) if recent else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for path in paths:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_file(p))
        if not paths:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr("Clear List")).triggered.connect(self.recent.clear)

    # ---- two writers -------------------------------------------------------------------------

    def _guard_file(self, path: str | None) -> None:
        """Lock and stamp the window's file; warn when another instance is editing it."""
        other = self.file_guard.track(path)
        if other is None:
            return
        window = self.window
        window.last_error = self.tr(
            "{path} is also open in another autograd-explorer window (process {pid}). Saving in "
            "both would overwrite each other's changes; this window asks before it overwrites "
            "changes made elsewhere.").format(path=path, pid=other)
        window.show_message(window.last_error)
        if window.interactive:
            QMessageBox.warning(window, self.tr("File open elsewhere"), window.last_error)

    def _overwrite_changed_file(self, path: str) -> bool:
        """True when `path` may be written: unchanged since loaded or saved, or the user agrees."""
        if not self.file_guard.changed_on_disk(path):
            return True
        window = self.window
        window.last_error = self.tr("{path} was changed on disk (by another program or window) "
                                   "since it was opened or saved here.").format(path=path)
        if not window.interactive:
            return False   # headless runs never overwrite another writer's work
        answer = QMessageBox.warning(
            window, self.tr("File changed on disk"),
            window.last_error + "\n\n" + self.tr("Overwrite it with this graph? (Cancel, then "
                                                   "Save As, keeps both.)"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save
