"""Run a user's script, as `python SCRIPT.py ARGS` would, with `import torch` giving the engine.

This executes the script: whatever it does, it does (files, network ...). It is meant for the
user's own tutorial code, which is what `autograd-explorer trace` asks for. Its backward calls
are recorded; an exception or `sys.exit` ends the run and the graphs captured before it stay.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import runpy
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import engine
from engine import dtypes
from engine.autograd import grad_mode
from explorer.core.live.recorder import Recording, record


@dataclass
class TraceResult:
    recording: Recording
    error: str | None = None       # the script's traceback, when it raised
    exit_code: object = None       # what it passed to sys.exit, when it called it

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
        grad_mode.state.enabled = True
        engine.set_default_dtype(dtypes.float32)
        engine.set_default_device("cpu")
        engine.set_printoptions(profile="default")


def _script_traceback(exc: BaseException, path: str) -> str:
    """The traceback from the script's own first frame on (not this module's or runpy's)."""
    tb = exc.__traceback__
    target = os.path.abspath(path)
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != target:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))


def trace_script(path: str, args: Sequence[str] = (),
                 keep: Callable[[int], bool] | None = None) -> TraceResult:
    """Run the script at `path` with `args` (this runs it) and record its backward calls."""
    saved_argv, saved_path = sys.argv, list(sys.path)
    sys.argv = [path, *args]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    result = None
    try:
        with torch_as_engine(), record(keep) as rec:
            result = TraceResult(rec)
            try:
                runpy.run_path(path, run_name="__main__")
            except SystemExit as exc:
                result.exit_code = exc.code
            except Exception as exc:  # noqa: BLE001 - the user's script failed: report it
                result.error = _script_traceback(exc, path)
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path
    return result
