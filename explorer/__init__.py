"""autograd-explorer: the PySide6 application that makes automatic differentiation visible.

`explorer.draw(t)`, `explorer.show(t)` and `explorer.record()` open graphs of running code;
they are loaded on first use, so importing `explorer` stays cheap (no Qt).
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("autograd-explorer")   # the one source: pyproject.toml's version
except PackageNotFoundError:   # a checkout on sys.path, never installed
    __version__ = "0+unknown"

__all__ = ["__version__", "draw", "record", "show"]


def draw(target: Any, *, scale: float = 1.5):
    """A drawing of the graph that produced tensor `target` (or of a record() block's last
    backward call): shown inline by Jupyter, `.save("g.svg")` / `.save("g.png")` to a file."""
    from explorer.core.live.targets import live_graphs
    from explorer.live_view.drawing import Drawing

    return Drawing(live_graphs(target, sys._getframe(1))[-1][1], scale)


def show(target: Any, *, block: bool | None = None):
    """Open the explorer window on `target`'s graph (a tensor, a record() block with a chooser
    of its backward calls). From a script it blocks until the window closes."""
    from explorer.core.live.targets import live_graphs
    from explorer.live_view.window import show as show_window

    return show_window(live_graphs(target, sys._getframe(1)), block=block)


def __getattr__(name: str) -> Any:
    if name == "record":
        from explorer.core.live.recorder import record

        return record
    raise AttributeError(f"module 'explorer' has no attribute {name!r}")
