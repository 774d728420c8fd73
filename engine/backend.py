"""The array-namespace seam: which array library holds a tensor's data on each device.

"cpu" is NumPy. "cuda" is CuPy, imported only when first asked for. Every op that needs a
function (exp, where, sum ...) takes it from `device.xp`, never from NumPy directly, so a
tensor on "cuda" is computed by CuPy end to end. Tests register a stand-in namespace.
"""
from __future__ import annotations

from types import ModuleType

import numpy as np

CUDA_HINT = (
    "CUDA tensors need CuPy and an NVIDIA GPU: install them with "
    "pip install 'autograd-explorer[cuda]'"
)

_namespaces: dict[str, ModuleType] = {"cpu": np}


def register(device_type: str, xp: ModuleType) -> None:
    """Use `xp` (a NumPy-compatible module) as the array library of `device_type`."""
    _namespaces[device_type] = xp
    _devices.pop(device_type, None)


def unregister(device_type: str) -> None:
    if device_type != "cpu":
        _namespaces.pop(device_type, None)
        _devices.pop(device_type, None)


def namespace(device_type: str) -> ModuleType:
    """The array module for a device type; RuntimeError naming the extra if CuPy is missing."""
    xp = _namespaces.get(device_type)
    if xp is not None:
        return xp
    if device_type != "cuda":
        raise RuntimeError(
            f"Expected one of cpu, cuda device type at start of device string: {device_type}"
        )
    try:
        import cupy
    except ImportError:
        raise RuntimeError(f"{CUDA_HINT} (CuPy is not installed)") from None
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception as exc:  # noqa: BLE001 - CuPy raises its own CUDARuntimeError without a driver
        raise RuntimeError(f"{CUDA_HINT} (no usable GPU: {exc})") from None
    if count == 0:
        raise RuntimeError(f"{CUDA_HINT} (no GPU found)")
    _namespaces["cuda"] = cupy
    return cupy


def cuda_available() -> bool:
    try:
        namespace("cuda")
    except RuntimeError:
        return False
    return True


class device:
    """`engine.device("cpu")`; compares equal to its type string like PyTorch's device."""

    __slots__ = ("_xp", "index", "type")
    __module__ = "torch"  # type(x.device) prints <class 'torch.device'>

    def __new__(cls, type_or_str="cpu", index: int | None = None):
        if isinstance(type_or_str, device):
            return type_or_str
        if not isinstance(type_or_str, str):
            raise TypeError("device() received an invalid combination of arguments: "
                            f"{type_or_str!r}")
        kind, _, num = type_or_str.partition(":")
        if num:
            index = int(num)
        if index is None or index == 0 or kind == "cpu":
            cached = _devices.get(kind)
            if cached is not None and cached.index == index:
                return cached
        self = object.__new__(cls)
        self.type = kind
        self.index = index
        # torch.device("cuda") is constructible without a GPU; only placing a tensor there raises.
        self._xp = None if kind == "cuda" and kind not in _namespaces else namespace(kind)
        if index is None:
            _devices[kind] = self
        return self

    @property
    def xp(self) -> ModuleType:
        """The device's array module (CuPy for cuda, found on first use)."""
        xp = self._xp
        if xp is None:
            xp = self._xp = namespace(self.type)
        return xp

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other) -> bool:
        if isinstance(other, str):
            other = device(other)
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and (self.index or 0) == (other.index or 0)

    def __hash__(self) -> int:
        return hash((self.type, self.index or 0))

    def __reduce__(self):
        return (device, (str(self),))


_devices: dict[str, device] = {}
CPU = device("cpu")
_default_device = [CPU]


def default_device() -> device:
    return _default_device[0]


def set_default_device(dev) -> None:
    """Factories create tensors here from now on; None means "cpu"."""
    _default_device[0] = CPU if dev is None else device(dev)


def device_of_array(arr) -> device:
    """The device whose namespace produced `arr` (NumPy arrays are on the CPU)."""
    if type(arr) is np.ndarray:
        return CPU
    module = type(arr).__module__.partition(".")[0]
    for kind, xp in _namespaces.items():
        if xp.__name__.partition(".")[0] == module:
            return device(kind)
    return CPU
