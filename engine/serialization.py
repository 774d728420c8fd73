"""torch.save / torch.load for engine objects (tensors, state dicts, checkpoints), with pickle.

The files are the engine's own (pickle), not PyTorch's zip format: a program saves and loads
its own checkpoints, as textbook programs do. As in PyTorch >= 2.6, `load` defaults to
`weights_only=True`: only tensors, parameters, NumPy arrays and plain containers come back, so
a hostile file cannot run code; `weights_only=False` is the caller's explicit trust.
"""
from __future__ import annotations

import os
import pickle
from typing import Any, BinaryIO

# (module, name) pairs a weights-only load may rebuild: what save() writes for tensors and
# state dicts, and nothing that can call arbitrary code.
_SAFE_GLOBALS = frozenset({
    ("engine.tensor", "_rebuild"),
    ("engine.nn.parameter", "Parameter"),
    ("collections", "OrderedDict"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("_codecs", "encode"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("builtins", "complex"),
})

_WEIGHTS_ONLY_FAILED = (
    "Weights only load failed. In PyTorch 2.6, we changed the default value of the "
    "`weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` "
    "with `weights_only` set to `False` will likely succeed, but it can result in arbitrary "
    "code execution. Do it only if you got the file from a trusted source.\n"
    "WeightsUnpickler error: Unsupported global: GLOBAL {module}.{name}"
)


class _WeightsOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _SAFE_GLOBALS:
            raise pickle.UnpicklingError(_WEIGHTS_ONLY_FAILED.format(module=module, name=name))
        return super().find_class(module, name)


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
            return _load(handle, weights_only)
    return _load(f, weights_only)


def _load(handle: BinaryIO, weights_only: bool | None) -> Any:
    if weights_only is False:
        return pickle.load(handle)
    return _WeightsOnlyUnpickler(handle).load()
