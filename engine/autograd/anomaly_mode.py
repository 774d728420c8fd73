"""`torch.autograd.detect_anomaly` / `set_detect_anomaly`: NaN checks in backward, and the
forward call's traceback named in the warning, as PyTorch reports them.

While enabled, a listener on engine.observer records the Python stack of every op that makes a
node and checks each backward node's output gradients for NaN; nothing runs while disabled.
"""
from __future__ import annotations

import functools
import traceback
import warnings
import weakref
from pathlib import Path

from engine import observer

_ENGINE = str(Path(__file__).resolve().parent.parent)
_state = {"enabled": False, "check_nan": True, "handle": None}
_stacks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def is_anomaly_enabled() -> bool:
    return _state["enabled"]


def is_anomaly_check_nan_enabled() -> bool:
    return _state["check_nan"]


def _set(enabled: bool, check_nan: bool) -> None:
    _state["enabled"], _state["check_nan"] = enabled, check_nan
    if enabled and _state["handle"] is None:
        _state["handle"] = observer.listen(_on_event)
    elif not enabled and _state["handle"] is not None:
        observer.unlisten(_state["handle"])
        _state["handle"] = None


def _user_stack() -> str:
    frames = [f for f in traceback.extract_stack()[:-1] if not f.filename.startswith(_ENGINE)]
    return "".join(traceback.format_list(frames))


def _on_event(event) -> None:
    if isinstance(event, observer.ForwardEvent):
        node = getattr(event.output, "grad_fn", None)
        if node is not None and node not in _stacks:
            _stacks[node] = _user_stack()
    elif isinstance(event, observer.BackwardEvent) and _state["check_nan"]:
        for i, g in enumerate(event.grad_inputs):
            if g is not None and g._data.dtype.kind in "fc" and bool(g.isnan().any()):
                name = event.node.name()
                warnings.warn(
                    f"Error detected in {name}. Traceback of forward call that caused the error:"
                    f"\n{_stacks.get(event.node, '')} (Triggered internally at "
                    "/__w/pytorch/pytorch/torch/csrc/autograd/python_anomaly_mode.cpp:122.)",
                    UserWarning,
                    stacklevel=2,
                )
                raise RuntimeError(f"Function '{name}' returned nan values in its {i}th output.")


class detect_anomaly:
    """Context manager (and decorator) enabling anomaly detection inside the block."""

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        self.prev = (False, True)
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.",
            UserWarning,
            stacklevel=2,
        )

    def __enter__(self) -> None:
        self.prev = (_state["enabled"], _state["check_nan"])
        _set(True, self.check_nan)

    def __exit__(self, *exc) -> None:
        _set(*self.prev)

    def __call__(self, fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            with self.__class__(self.check_nan):
                return fn(*args, **kwargs)

        return run


class set_detect_anomaly:
    """Switch anomaly detection on or off now; as a context manager, back again on exit."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.prev = (_state["enabled"], _state["check_nan"])
        _set(bool(mode), check_nan)

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc) -> None:
        _set(*self.prev)
