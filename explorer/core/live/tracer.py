"""Run a user's script, as `python SCRIPT.py ARGS` would, with `import torch` giving the engine;
or a notebook's code cells, as Jupyter's Run All would (see notebook.py), in the notebook's
folder as Jupyter's kernel is.

This executes the script: whatever it does, it does (files, network ...). It is meant for the
user's own tutorial code, which is what `autograd-explorer trace` asks for. Its backward calls
are recorded; an exception or `sys.exit` ends the run and the graphs captured before it stay.
"""
from __future__ import annotations

import ctypes
import importlib
import importlib.abc
import importlib.machinery
import os
import runpy
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

import engine
from engine import dtypes
from engine.autograd import grad_mode
from explorer.core.live.notebook import (
    Notebook,
    SkippedLine,
    cell_sources,
    is_notebook,
    read_notebook,
    run_notebook,
)
from explorer.core.live.recorder import Recording, record
from explorer.core.live.script_traceback import script_traceback


class ScriptCancelled(BaseException):
    """Raised inside a traced script by Canceller.cancel() (a BaseException, like
    KeyboardInterrupt, so that the script's `except Exception` does not swallow it)."""


def _raise_in_thread(ident: int, exc: type[BaseException] | None) -> None:
    """Have `exc` raised in thread `ident` at its next bytecode; None clears a pending one."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(ident), ctypes.py_object(exc) if exc is not None else None)


class Canceller:
    """Stops a script traced in another thread. Cancel may come at any moment; the exception
    is only ever raised while the script itself runs (never in the clean-up that restores
    `torch` and Tensor.backward). A call blocked in C (time.sleep, input) ends first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: int | None = None
        self.requested = False

    def __enter__(self) -> None:
        with self._lock:
            if self.requested:
                raise ScriptCancelled
            self._thread = threading.get_ident()

    def __exit__(self, *exc_info) -> bool:
        with self._lock:
            if self._thread is not None:
                _raise_in_thread(self._thread, None)   # one sent too late is dropped
                self._thread = None
        return False

    def cancel(self) -> None:
        with self._lock:
            self.requested = True
            if self._thread is not None:
                _raise_in_thread(self._thread, ScriptCancelled)


@dataclass
class TraceResult:
    recording: Recording
    error: str | None = None       # the script's traceback, when it raised
    exit_code: object = None       # what it passed to sys.exit, when it called it
    cancelled: bool = False        # stopped by Canceller.cancel()
    skipped: list[SkippedLine] = field(default_factory=list)   # a notebook's IPython-only lines

    @property
    def graphs(self) -> list:
        return self.recording.graphs


class _TorchIsEngine(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`torch` and `torch.X` resolve to `engine` and `engine.X`."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "torch" or fullname.startswith("torch."):
            try:
                importlib.import_module("engine" + fullname[len("torch"):])
            except ImportError:
                return None
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        return sys.modules["engine" + spec.name[len("torch"):]]

    def exec_module(self, module) -> None:
        return None


@contextmanager
def torch_as_engine() -> Iterator[None]:
    saved = {k: v for k, v in sys.modules.items() if k == "torch" or k.startswith("torch.")}
    for name in saved:
        del sys.modules[name]
    finder = _TorchIsEngine()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [k for k in sys.modules if k == "torch" or k.startswith("torch.")]:
            del sys.modules[name]
        sys.modules.update(saved)
        # What a script may change globally goes back to the defaults.
        grad_mode.set_enabled(True)
        engine.set_default_dtype(dtypes.float32)
        engine.set_default_device("cpu")
        engine.set_printoptions(profile="default")


def _run(path: str, notebook: Notebook | None) -> None:
    if notebook is None:
        runpy.run_path(path, run_name="__main__")
    else:
        if notebook.skipped:
            print(notebook.skipped_report(), file=sys.stderr, end="")
        run_notebook(notebook)


def trace_script(path: str, args: Sequence[str] = (),
                 keep: Callable[[int], bool] | None = None, *,
                 canceller: Canceller | None = None,
                 started: Callable[[Recording], None] | None = None) -> TraceResult:
    """Run the script (or notebook) at `path` with `args` (this runs it) and record its
    backward calls. A notebook that cannot be read raises NotebookError before anything runs.

    `canceller` can stop it from another thread; `started(recording)` is called before the
    script runs (a progress display reads recording.backward_calls)."""
    notebook = read_notebook(path) if is_notebook(path) else None
    folder = os.path.dirname(os.path.abspath(path))
    saved_argv, saved_path, saved_cwd = sys.argv, list(sys.path), os.getcwd()
    sys.argv = [path, *args]
    sys.path.insert(0, folder)
    result = None
    try:
        if notebook is not None:   # Jupyter's kernel runs in it; python does not for a script
            os.chdir(folder)
        with torch_as_engine(), record(keep) as rec, \
                cell_sources(notebook) if notebook is not None else nullcontext():
            result = TraceResult(rec, skipped=notebook.skipped if notebook is not None else [])
            if started is not None:
                started(rec)
            try:
                with canceller if canceller is not None else nullcontext():
                    _run(path, notebook)
            except ScriptCancelled:
                result.cancelled = True
            except SystemExit as exc:
                result.exit_code = exc.code
            except Exception as exc:  # noqa: BLE001 - the user's script failed: report it
                result.error = script_traceback(exc)
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
        os.chdir(saved_cwd)
    return result
