"""Autosave: every few seconds an unsaved document is written to the user data directory.

Each running window owns one autosave file, guarded by a QLockFile. A clean exit deletes both.
After a crash the lock is stale (its process is gone), so the next start finds the file and
offers it back.
"""
from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer, Signal

from explorer.core.document.file_format import FileFormatError, load_document, save_document
from explorer.core.document.graph_document import GraphDocument

INTERVAL_MS = 5000
PREFIX = "autosave-"


def autosave_dir() -> Path:
    """QStandardPaths.AppDataLocation / autosave (created on demand)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


def _lock_path(json_path: Path) -> Path:
    return json_path.with_suffix(".lock")


def orphaned_autosaves(directory: Path | None = None) -> list[Path]:
    """Autosave files whose owner is no longer running, newest first."""
    directory = directory or autosave_dir()
    if not directory.is_dir():
        return []
    found = []
    for path in directory.glob(f"{PREFIX}*.json"):
        lock = QLockFile(str(_lock_path(path)))
        lock.setStaleLockTime(0)   # only a dead owner makes a lock stale, never its age
        if lock.tryLock(0):
            lock.unlock()
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def recover(path: Path) -> GraphDocument:
    """Load an orphaned autosave (raises FileFormatError if it is unreadable)."""
    return load_document(path)


def claim(path: Path) -> QLockFile | None:
    """Lock an orphan while it is offered, so that a second instance starting now skips it;
    None when another running instance holds it."""
    lock = QLockFile(str(_lock_path(path)))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(0) else None


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)
    _lock_path(path).unlink(missing_ok=True)


class Autosaver(QObject):
    """Writes `document` to this window's autosave file when it changed since the last write.

    A write that fails (an unwritable folder, a full disk, a graph too large for a file) is
    retried at each tick; `failed` is emitted once when autosave stops working, with the reason,
    and `resumed` when it works again, so the window can say so once and show the state.
    """

    failed = Signal(str)
    resumed = Signal()

    def __init__(self, document: GraphDocument, directory: Path | None = None,
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.directory = directory or autosave_dir()
        self.path = self.directory / f"{PREFIX}{uuid.uuid4().hex}.json"
        self._lock: QLockFile | None = None
        self._saved_revision: int | None = None
        self.needed = False   # True while the document has changes not saved to its own file
        self.error: str | None = None   # why the last write failed; None while autosave works
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_if_changed)
        self.timer.start()

    def _ensure_lock(self) -> None:
        if self._lock is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(str(_lock_path(self.path)))
            self._lock.setStaleLockTime(0)
            self._lock.tryLock(0)

    def save_if_changed(self) -> bool:
        """Write the autosave when needed and changed; True when a file was written."""
        if not self.needed:
            self.remove()
            return False
        if self._saved_revision == self.document.revision and self.path.exists():
            return False
        try:
            self._ensure_lock()
            save_document(self.document, self.path)
        except (OSError, FileFormatError) as exc:
            # Never an exception into the timer: the next tick retries.
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._set_error(QCoreApplication.translate(
                "Autosave", "Autosave is off: {folder} cannot be written ({reason}).").format(
                    folder=self.directory, reason=reason))
            return False
        self._saved_revision = self.document.revision
        self._set_error(None)
        return True

    def _set_error(self, error: str | None) -> None:
        if (error is None) == (self.error is None):
            self.error = error
            return
        self.error = error
        if error is None:
            self.resumed.emit()
        else:
            self.failed.emit(error)

    def remove(self) -> None:
        """Delete this window's autosave (after a save, or on a clean exit)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass   # an unwritable folder holds no autosave of ours
        self._saved_revision = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
