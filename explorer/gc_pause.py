"""A pause of Python's cyclic garbage collector while a big graph is built in one go.

Opening a 5000-node graph makes some hundred thousand objects (cards, ports, wires, values);
each allocation burst would start a collection that walks every live object, many times over.
Nothing built there is garbage yet, so one collection later (when the pause ends) does the same.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (nested blocks keep the outermost's state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
