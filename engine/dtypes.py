"""Data types (`engine.float32` ...) and PyTorch's type-promotion rules."""
from __future__ import annotations

import numpy as np

# Promotion categories, PyTorch's order: bool < integer < floating point.
_BOOL, _INT, _FLOAT = 0, 1, 2


class dtype:
    """A tensor element type; prints like PyTorch (`torch.float32`)."""

    __slots__ = ("_category", "_legacy", "is_floating_point", "is_signed", "itemsize", "name", "np")
    __module__ = "torch"  # type(x.dtype) prints <class 'torch.dtype'>, as in PyTorch

    def __init__(self, name: str, np_type, category: int, legacy: str) -> None:
        self.name = name
        self.np = np.dtype(np_type)
        self.itemsize = self.np.itemsize
        self.is_floating_point = category == _FLOAT
        self.is_signed = self.np.kind in "if"
        self._category = category
        self._legacy = legacy  # "Float" as in torch.FloatTensor, used in error messages

    def __repr__(self) -> str:
        return f"torch.{self.name}"

    def __reduce__(self):
        return self.name


float16 = dtype("float16", np.float16, _FLOAT, "Half")
float32 = dtype("float32", np.float32, _FLOAT, "Float")
float64 = dtype("float64", np.float64, _FLOAT, "Double")
uint8 = dtype("uint8", np.uint8, _INT, "Byte")
int8 = dtype("int8", np.int8, _INT, "Char")
int16 = dtype("int16", np.int16, _INT, "Short")
int32 = dtype("int32", np.int32, _INT, "Int")
int64 = dtype("int64", np.int64, _INT, "Long")
bool_ = dtype("bool", np.bool_, _BOOL, "Bool")

ALL = (float16, float32, float64, uint8, int8, int16, int32, int64, bool_)
_FROM_NP = {d.np: d for d in ALL}
_BY_NAME = {d.name: d for d in ALL}
_BY_NAME.update(float=float32, double=float64, half=float16, long=int64, int=int32, short=int16)

# The default floating dtype (what a Python float becomes); a one-element list so that
# set_default_dtype changes it for every module that imported the list.
_default_float = [float32]


def from_numpy_dtype(np_dtype) -> dtype:
    """The engine dtype of a NumPy dtype; TypeError for types PyTorch has no tensor for."""
    try:
        return _FROM_NP[np.dtype(np_dtype)]
    except (KeyError, TypeError):
        raise TypeError(
            f"can't convert np.ndarray of type {np.dtype(np_dtype)}. The only supported types are: "
            "float64, float32, float16, int64, int32, int16, int8, uint8, and bool."
        ) from None


def to_dtype(value) -> dtype:
    """Accept an engine dtype, a NumPy dtype, a Python type or a name such as "float32"."""
    if isinstance(value, dtype):
        return value
    if value is float:
        return float64  # dtype=float means double in PyTorch (unlike a Python float value)
    if value is int:
        return int64
    if value is bool:
        return bool_
    if isinstance(value, str):
        name = value.removeprefix("torch.")
        if name in _BY_NAME:
            return _BY_NAME[name]
        raise TypeError(f"invalid dtype {value!r}")
    return from_numpy_dtype(value)


def get_default_dtype() -> dtype:
    return _default_float[0]


def set_default_dtype(d: dtype) -> None:
    d = to_dtype(d)
    if not d.is_floating_point:
        raise TypeError("only floating-point types are supported as the default type")
    _default_float[0] = d


def promote_types(a: dtype, b: dtype) -> dtype:
    """PyTorch's promote_types: the higher category wins; within one, the wider type."""
    if a is b:
        return a
    if a._category != b._category:
        return a if a._category > b._category else b
    if a is uint8 or b is uint8:  # uint8 with a signed int of the same width needs a wider one
        other = b if a is uint8 else a
        return int16 if other is int8 else other
    return a if a.itemsize >= b.itemsize else b


def scalar_dtype(value) -> dtype:
    """The dtype a Python scalar stands for (bool, int64 or the default float)."""
    if isinstance(value, bool):
        return bool_
    if isinstance(value, int):
        return int64
    return _default_float[0]


def _combine(higher: dtype | None, lower: dtype | None) -> dtype | None:
    # c10 combine_categories: a lower-priority group only matters when it is of a higher category.
    if higher is None:
        return lower
    if lower is None or higher._category == _FLOAT:
        return higher
    if higher is bool_ or lower._category == _FLOAT:
        return promote_types(higher, lower)
    return higher


def result_type(*operands) -> dtype:
    """PyTorch's result_type over tensors (dimensioned or 0-dim) and Python scalars."""
    dim = zero = wrapped = None
    for x in operands:
        d = getattr(x, "_data", None)
        if d is not None:
            t = _FROM_NP[d.dtype]
            if d.ndim:
                dim = t if dim is None else promote_types(dim, t)
            else:
                zero = t if zero is None else promote_types(zero, t)
        else:
            t = scalar_dtype(x)
            wrapped = t if wrapped is None else promote_types(wrapped, t)
    return _combine(dim, _combine(zero, wrapped))


def can_cast(src: dtype, dst: dtype) -> bool:
    """PyTorch's canCast: never floating -> integral, never non-bool -> bool."""
    if src._category == _FLOAT and dst._category != _FLOAT:
        return False
    return not (src is not bool_ and dst is bool_)


class finfo:
    """Machine limits of a floating dtype (the default dtype when none is given)."""

    def __init__(self, type: dtype | None = None) -> None:
        d = to_dtype(type) if type is not None else _default_float[0]
        info = np.finfo(d.np)
        self.dtype = d.name
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.tiny = self.smallest_normal = float(info.tiny)
        self.resolution = float(info.resolution)

    def __repr__(self) -> str:
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.smallest_normal:g}, "
                f"tiny={self.tiny:g}, dtype={self.dtype})")


class iinfo:
    """Limits of an integer dtype."""

    def __init__(self, type: dtype) -> None:
        d = to_dtype(type)
        info = np.iinfo(d.np)
        self.dtype, self.bits = d.name, int(info.bits)
        self.min, self.max = int(info.min), int(info.max)

    def __repr__(self) -> str:
        return f"iinfo(min={float(self.min):g}, max={float(self.max):g}, dtype={self.dtype})"
