"""Grad mode: whether ops record a graph. Thread-local, like PyTorch's."""
from __future__ import annotations

import functools
import threading

from engine.torch_names import TorchNamed


class _State(threading.local):
    enabled = True


state = _State()
# The threads whose grad mode is off. While it is empty (nearly always, outside no_grad blocks)
# every thread records, and the hot path of an op skips reading the thread-local, a tenth of
# the op's own cost: `not off_threads or state.enabled`. Every switch goes through set_enabled
# (or its copy in a grad-mode block's enter and exit).
off_threads: set = set()
_turned_on, _turned_off, _thread = off_threads.discard, off_threads.add, threading.get_ident


def set_enabled(mode: bool) -> None:
    """Switch this thread's grad mode."""
    state.enabled = mode
    (_turned_on if mode else _turned_off)(_thread())


def records(*tensors) -> bool:
    """Whether an op on `tensors` records a backward node: grad mode is on in this thread and
    some input requires a gradient (None: an optional input that was not given). The hot ops
    (binary ops, pow, sum) inline it as `not off_threads or state.enabled`."""
    if not state.enabled:
        return False
    for t in tensors:
        if t is not None and t._requires_grad:
            return True
    return False


def is_grad_enabled() -> bool:
    return state.enabled


class _GradModeContext(metaclass=TorchNamed):
    """Base of no_grad / enable_grad / set_grad_enabled: context manager and decorator."""

    _mode = True

    # set_enabled inlined: an optimizer step enters and leaves a no_grad block every step
    def __enter__(self) -> None:
        self._prev = state.enabled
        mode = state.enabled = self._mode
        (_turned_on if mode else _turned_off)(_thread())

    def __exit__(self, exc_type, exc, traceback) -> None:
        mode = state.enabled = self._prev
        (_turned_on if mode else _turned_off)(_thread())

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            mode = type(self)() if type(self) is not set_grad_enabled \
                else set_grad_enabled(self._mode)
            with mode:
                return fn(*args, **kwargs)

        return wrapper


class no_grad(_GradModeContext):
    """Disable graph recording inside the block (or the decorated function)."""

    _mode = False


class enable_grad(_GradModeContext):
    """Enable graph recording inside the block, e.g. within a no_grad region."""

    _mode = True


class set_grad_enabled(_GradModeContext):
    """Set grad mode at once (like PyTorch, it takes effect on construction) and restore on exit."""

    def __init__(self, mode: bool) -> None:
        self._prev = state.enabled
        self._mode = bool(mode)
        set_enabled(self._mode)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc) -> None:
        set_enabled(self._prev)

    def __repr__(self) -> str:
        return f"torch.autograd.grad_mode.set_grad_enabled(mode={self._mode})"

    def __call__(self, fn):
        set_enabled(self._prev)  # used as a decorator: undo the switch made on construction
        return super().__call__(fn)


class inference_mode(_GradModeContext):
    """Like no_grad for this engine: nothing is recorded inside the block. mode=False leaves
    inference mode and enables grad, as PyTorch's does (even inside no_grad)."""

    def __init__(self, mode: bool = True) -> None:
        self._inference = bool(mode)

    def __enter__(self) -> None:
        self._prev = state.enabled, _inference.depth
        _inference.depth = _inference.depth + 1 if self._inference else 0
        set_enabled(not self._inference)

    def __exit__(self, *exc) -> None:
        enabled, _inference.depth = self._prev
        set_enabled(enabled)

    def __call__(self, fn):
        inference = self._inference

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with inference_mode(inference):
                return fn(*args, **kwargs)

        return wrapper


class _InferenceDepth(threading.local):
    depth = 0


_inference = _InferenceDepth()


def is_inference_mode_enabled() -> bool:
    return _inference.depth > 0

