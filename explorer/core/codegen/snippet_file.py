"""Reading a snippet file for `run` and Import Python: its size is checked before a byte is read,
so a huge file is refused at once instead of filling memory first."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from explorer.core.codegen.snippet_import import MAX_SOURCE_CHARS
from explorer.core.i18n import translate

MAX_SOURCE_BYTES = 4 * MAX_SOURCE_CHARS   # UTF-8 takes at most four bytes a character


class SnippetFileError(ValueError):
    """The file cannot be read as a snippet; the message is translated."""


def read_snippet(path: str | os.PathLike) -> str:
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):   # a folder, or a device or pipe read forever
            raise SnippetFileError(translate("SnippetFile", "{path} is not a regular file.")
                                   .format(path=path))
        if info.st_size > MAX_SOURCE_BYTES:
            raise SnippetFileError(translate(
                "SnippetFile", "The file is too large for a snippet ({size} bytes; at most "
                "{limit}).").format(size=info.st_size, limit=MAX_SOURCE_BYTES))
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)   # it may have grown since stat
    except OSError as exc:
        raise SnippetFileError(translate("SnippetFile", "The file cannot be read: {reason}")
                               .format(reason=exc.strerror or exc)) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise SnippetFileError(translate("SnippetFile", "The file is too large for a snippet."))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SnippetFileError(translate("SnippetFile", "The file is not UTF-8 text.")) from None
