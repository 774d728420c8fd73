"""torch.save / torch.load for engine objects (tensors, state dicts, modules), with pickle.

The files are the engine's own (pickle), not PyTorch's zip format: a program saves and loads
its own checkpoints, as textbook programs do.
"""
from __future__ import annotations

import os
import pickle
from typing import Any, BinaryIO


def save(obj: Any, f: str | os.PathLike | BinaryIO, pickle_protocol: int = 2, **kwargs) -> None:
    """Write `obj` to a path or a binary file object."""
    if isinstance(f, (str, os.PathLike)):
        with open(f, "wb") as handle:
            pickle.dump(obj, handle, protocol=max(pickle_protocol, 2))
    else:
        pickle.dump(obj, f, protocol=max(pickle_protocol, 2))


def load(f: str | os.PathLike | BinaryIO, map_location=None, weights_only: bool | None = None,
         **kwargs) -> Any:
    """Read back what save() wrote (map_location is accepted; tensors load where saved)."""
    if isinstance(f, (str, os.PathLike)):
        with open(f, "rb") as handle:
            return pickle.load(handle)
    return pickle.load(f)
