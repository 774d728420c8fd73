"""Replace a file's contents so that a failure leaves the old file as it was.

The bytes go to a temporary file beside the target, are flushed to disk, then renamed over it.
What the user set up around the file is kept: a symlink is written through to its target, an
existing file keeps its mode and owner, a new file gets the mode the umask gives (as `open`
would), and a file with hard links is rewritten in place so that every link sees the change.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path`; raises OSError with the old file (if any) unchanged."""
    target = Path(os.path.realpath(path))
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if old is not None and old.st_nlink > 1:
            _rewrite_in_place(target, data)   # the room on disk is proven by the copy above
            os.unlink(tmp)
            return
        _copy_mode_and_owner(tmp, old)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _copy_mode_and_owner(tmp: str, old: os.stat_result | None) -> None:
    if old is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:
            pass   # only root may give a file away; the contents still get saved


def _rewrite_in_place(target: Path, data: bytes) -> None:
    """Overwrite a hard-linked file's contents; on failure put the old contents back."""
    before = target.read_bytes()
    with open(target, "r+b") as handle:
        try:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        except BaseException:
            handle.seek(0)
            handle.write(before)
            handle.truncate()
            handle.flush()
            raise
