"""The traceback a learner reads when their traced script (or notebook cell) raises: their own
frames only. The engine's and the explorer's frames are dropped, with the library frames they
call (numpy, runpy), as PyTorch's C++ frames never show; the last line stays the exception's
own (`RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)`)."""
from __future__ import annotations

import os
import sysconfig
import traceback

import engine

_EXPLORER = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_OURS = (os.path.dirname(os.path.abspath(engine.__file__)) + os.sep, _EXPLORER + os.sep)
_LIBRARIES = tuple(os.path.abspath(path) + os.sep for name, path in sysconfig.get_paths().items()
                   if name in ("stdlib", "platstdlib", "purelib", "platlib"))


def _is_ours(filename: str) -> bool:
    return os.path.abspath(filename).startswith(_OURS)


def _is_library(filename: str) -> bool:
    return filename.startswith("<frozen ") or os.path.abspath(filename).startswith(_LIBRARIES)


def _user_frames(stack: traceback.StackSummary) -> list[traceback.FrameSummary]:
    """The frames without ours, and without the library frames that only ours called (a user
    function the engine calls back, a hook or a module's forward, is kept)."""
    kept: list[traceback.FrameSummary] = []
    under_ours = False
    for frame in stack:
        if _is_ours(frame.filename):
            under_ours = True
        elif not _is_library(frame.filename):
            under_ours = False
            kept.append(frame)
        elif not under_ours:
            kept.append(frame)
    return kept


def _trim(formatted: traceback.TracebackException, exc: BaseException | None,
          seen: set[int]) -> None:
    """`formatted` (of `exc`) and the exceptions chained to it, trimmed to the user's frames."""
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    frames = _user_frames(formatted.stack)
    if frames or isinstance(exc, SyntaxError):   # a syntax error in the script: its lines only
        formatted.stack = traceback.StackSummary.from_list(frames)
    # else: not one frame of the user's is a bug of ours: its whole traceback stays
    for linked, cause in ((formatted.__cause__, exc.__cause__),
                          (formatted.__context__, exc.__context__)):
        if linked is not None:
            _trim(linked, cause, seen)


def script_traceback(exc: BaseException) -> str:
    """`exc`'s traceback as the learner should read it: the frames of their script (or cells)
    and of their own modules; a syntax error in the script is only its lines."""
    formatted = traceback.TracebackException.from_exception(exc)
    _trim(formatted, exc, set())
    return "".join(formatted.format())
