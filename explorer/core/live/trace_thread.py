"""A script traced in a worker thread, so that a window stays responsive while it runs.

What the script prints goes to `output` (only that thread's writes: the rest of the program
keeps its own stdout and stderr); `calls` counts its backward calls so far; `cancel()` stops
it (see tracer.Canceller).
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from typing import TextIO

from explorer.core.live.recorder import Recording
from explorer.core.live.tracer import Canceller, TraceResult, trace_script

MAX_OUTPUT_CHARS = 1_000_000   # a script printing in a long loop keeps its last million


class _ThreadOutput:
    """sys.stdout / sys.stderr while the script runs: its thread's writes are kept, other
    threads' go to the stream it replaced."""

    def __init__(self, original: TextIO, run: TraceThread) -> None:
        self.original, self.run = original, run

    def write(self, text: str) -> int:
        if threading.get_ident() == self.run.ident:
            return self.run.write(text)
        return self.original.write(text)

    def flush(self) -> None:
        if threading.get_ident() != self.run.ident:
            self.original.flush()

    def __getattr__(self, name: str):   # encoding, isatty, fileno ...: the real stream's
        return getattr(self.original, name)


class TraceThread(threading.Thread):
    """trace_script(path, args, keep) in a daemon thread; `result` once it has ended."""

    def __init__(self, path: str, args: Sequence[str] = (),
                 keep: Callable[[int], bool] | None = None) -> None:
        super().__init__(name="trace", daemon=True)
        self.path, self.args, self.keep = path, tuple(args), keep
        self.canceller = Canceller()
        self.result: TraceResult | None = None
        self.failure: BaseException | None = None   # a bug of ours, not the script's
        self._recording: Recording | None = None
        self._output: list[str] = []
        self._output_chars = 0
        self._output_lock = threading.Lock()

    @property
    def calls(self) -> int:
        """The backward calls the script has made so far."""
        return self._recording.backward_calls if self._recording is not None else 0

    def write(self, text: str) -> int:
        with self._output_lock:
            self._output.append(text)
            self._output_chars += len(text)
            if self._output_chars > MAX_OUTPUT_CHARS:
                kept = "".join(self._output)[-MAX_OUTPUT_CHARS:]
                self._output, self._output_chars = [kept], len(kept)
        return len(text)

    @property
    def output(self) -> str:
        with self._output_lock:
            return "".join(self._output)

    def cancel(self) -> None:
        self.canceller.cancel()

    def _recording_started(self, recording: Recording) -> None:
        self._recording = recording

    def run(self) -> None:
        out, err = _ThreadOutput(sys.stdout, self), _ThreadOutput(sys.stderr, self)
        sys.stdout, sys.stderr = out, err
        try:
            self.result = trace_script(self.path, self.args, self.keep,
                                       canceller=self.canceller, started=self._recording_started)
        except BaseException as exc:   # noqa: BLE001 - handed to the waiting thread
            self.failure = exc
        finally:
            if sys.stdout is out:
                sys.stdout = out.original
            if sys.stderr is err:
                sys.stderr = err.original
