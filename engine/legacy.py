"""The legacy typed constructors older tutorials use: torch.FloatTensor([1, 2]), LongTensor ...

`torch.FloatTensor(data)` makes a float32 tensor, `torch.FloatTensor(2, 3)` an uninitialised
one; `isinstance(t, torch.FloatTensor)` checks the dtype, as in PyTorch.
"""
from __future__ import annotations

from engine import dtypes
from engine.tensor import Tensor


class _LegacyType(type):
    def __instancecheck__(cls, obj) -> bool:
        return isinstance(obj, Tensor) and obj.dtype is cls._dtype and obj.device.type == "cpu"

    def __repr__(cls) -> str:
        return f"<class 'torch.{cls.__name__}'>"


def _legacy(dtype: dtypes.dtype) -> type:
    def __new__(cls, *args, device=None):
        from engine import factories

        if len(args) == 1 and not isinstance(args[0], int):
            return factories.tensor(args[0], dtype=dtype, device=device)
        return factories.empty(*args, dtype=dtype, device=device)

    return _LegacyType(f"{dtype._legacy}Tensor", (), {"__new__": __new__, "_dtype": dtype})


FloatTensor = _legacy(dtypes.float32)
DoubleTensor = _legacy(dtypes.float64)
HalfTensor = _legacy(dtypes.float16)
LongTensor = _legacy(dtypes.int64)
IntTensor = _legacy(dtypes.int32)
ShortTensor = _legacy(dtypes.int16)
CharTensor = _legacy(dtypes.int8)
ByteTensor = _legacy(dtypes.uint8)
BoolTensor = _legacy(dtypes.bool_)
