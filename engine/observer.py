"""Watch what the engine does: forward ops, backward nodes and gradient accumulations.

Nobody listening costs one truthiness check of `_listeners` per op. While someone listens,
each event is built once and handed to every listener in execution order.

    with observer.recording() as events:
        y = w * x + b
        y.backward()

ForwardEvent.inputs are the Tensors / Python scalars exactly as passed and `output` is the
tensor the op returned (so `output.grad_fn` is its node). Tensors inside BackwardEvent and
AccumulateEvent are detached copies: later in-place changes do not alter them.
"""
from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

# Module-level and never rebound: ops test `if _listeners:` on this very list.
_listeners: list[Callable[[Any], None]] = []
_seq = itertools.count()


class _Muted(threading.local):
    depth = 0


_muted = _Muted()


@contextmanager
def muted() -> Iterator[None]:
    """Within the block, this thread's ops report no ForwardEvent (an op built from other ops
    reports itself once)."""
    _muted.depth += 1
    try:
        yield
    finally:
        _muted.depth -= 1


@dataclass(frozen=True)
class ForwardEvent:
    seq: int
    op: str
    inputs: tuple
    output: Any


@dataclass(frozen=True)
class BackwardEvent:
    seq: int
    node: Any
    grad_output: Any
    grad_inputs: tuple
    local: tuple


@dataclass(frozen=True)
class AccumulateEvent:
    seq: int
    tensor: Any
    before: Any
    contribution: Any
    after: Any


def listen(callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Call `callback(event)` for every event from now on; returns the handle for unlisten."""
    _listeners.append(callback)
    return callback


def unlisten(handle: Callable[[Any], None]) -> None:
    """Stop a listener started with listen(); unknown handles are ignored."""
    for i, cb in enumerate(_listeners):
        if cb is handle:
            del _listeners[i]
            return


@contextmanager
def recording() -> Iterator[list]:
    """Collect every event of the block, in execution order, into the yielded list."""
    events: list = []
    handle = listen(events.append)
    try:
        yield events
    finally:
        unlisten(handle)


def _emit(event) -> None:
    for cb in tuple(_listeners):
        cb(event)


def _snapshot(value):
    """A detached copy of a Tensor or a raw array (wrapped into a Tensor); None stays None."""
    if value is None:
        return None
    from engine.tensor import Tensor

    if isinstance(value, Tensor):
        return Tensor._wrap(value._data.copy(), value._device)
    return Tensor._wrap(value.copy(), None)


def forward(op: str, inputs: tuple, output) -> None:
    if not _muted.depth:
        _emit(ForwardEvent(next(_seq), op, inputs, output))


def backward(node, grad_output, grad_inputs: tuple, local: tuple) -> None:
    _emit(
        BackwardEvent(
            next(_seq),
            node,
            _snapshot(grad_output),
            tuple(_snapshot(g) for g in grad_inputs),
            tuple(_snapshot(v) for v in local),
        )
    )


def accumulate(tensor, before, contribution, after) -> None:
    _emit(
        AccumulateEvent(
            next(_seq), tensor, _snapshot(before), _snapshot(contribution), _snapshot(after)
        )
    )
