"""Guards the window's graph file against a second writer: another instance, or any program.

A lock (in the app's data folder, named by a hash of the file's real path) tells a second
instance that opens the same file that it is being edited; the file's stamp (modification time,
size, inode) taken at each load and save tells a save that someone else wrote it meanwhile.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile

Stamp = tuple[int, int, int]


def disk_stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


class FileGuard:
    def __init__(self, lock_directory: Path) -> None:
        self.lock_directory = lock_directory
        self.path: str | None = None
        self.stamp: Stamp | None = None
        self._lock: QLockFile | None = None

    def track(self, path: str | None) -> int | None:
        """Guard `path` (None: no file). Returns the process id of another instance that has it
        open, or None."""
        if path is not None and self.path is not None \
                and os.path.realpath(path) == os.path.realpath(self.path):
            self.stamp = disk_stamp(path)   # saved again: same file, new stamp, same lock
            return None
        self.release()
        self.path = path
        if path is None:
            return None
        self.stamp = disk_stamp(path)
        key = hashlib.sha1(os.path.realpath(path).encode("utf-8", "surrogatepass")).hexdigest()
        try:
            self.lock_directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None   # no lock folder: the stamp still guards saves
        lock = QLockFile(str(self.lock_directory / f"{key}.lock"))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._lock = lock
            return None
        info = lock.getLockInfo()   # PySide6: (pid, hostname, appname), or False
        return info[0] if isinstance(info, tuple) and info else -1

    def changed_on_disk(self, path: str) -> bool:
        """True when `path` is the guarded file and it is not as this window last saw it."""
        if self.path is None or os.path.realpath(path) != os.path.realpath(self.path):
            return False
        return disk_stamp(path) != self.stamp

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.path = self.stamp = None
