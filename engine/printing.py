"""Tensor printing by PyTorch's rules (torch/_tensor_str.py), computed on NumPy arrays.

`tensor_str` is a pure function of an array and a few tensor facts, so it can be
checked character for character against PyTorch without building a Tensor.
`format_tensor` is what `Tensor.__repr__`/`__str__` call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
from collections.abc import Iterator
from typing import Any

import numpy as np

from engine.dtypes import get_default_dtype

__all__ = [
    "format_tensor",
    "get_printoptions",
    "printoptions",
    "set_printoptions",
    "tensor_str",
]


@dataclasses.dataclass
class _PrintOptions:
    precision: int = 4
    threshold: float = 1000
    edgeitems: int = 3
    linewidth: int = 80
    sci_mode: bool | None = None


_OPTIONS = _PrintOptions()

# (precision, threshold, edgeitems, linewidth), as torch.set_printoptions(profile=...) sets them.
_PROFILES: dict[str, tuple[int, float, int, int]] = {
    "default": (4, 1000, 3, 80),
    "short": (2, 1000, 2, 80),
    "full": (4, math.inf, 3, 80),
}

# Besides the default floating dtype, the dtypes a non-empty tensor's repr leaves unnamed.
_ALWAYS_IMPLIED_DTYPES = frozenset({"int64", "bool"})

_NUMPY_DTYPES = {
    name: np.dtype(name)
    for name in (
        "float16", "float32", "float64",
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "bool",
    )
}


def _check_count(name: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"set_printoptions(): {name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"set_printoptions(): {name} must be >= {minimum}, got {value}")


def set_printoptions(
    precision: int | None = None,
    threshold: float | None = None,
    edgeitems: int | None = None,
    linewidth: int | None = None,
    profile: str | None = None,
    sci_mode: bool | None = None,
) -> None:
    """Set options for printing tensors, with torch.set_printoptions' semantics.

    As in PyTorch, `sci_mode` is always assigned: leaving it out resets it to None (automatic).
    """
    if profile is not None:
        if profile not in _PROFILES:
            raise ValueError(
                f"set_printoptions(): profile must be one of {sorted(_PROFILES)}, got {profile!r}"
            )
        (_OPTIONS.precision, _OPTIONS.threshold,
         _OPTIONS.edgeitems, _OPTIONS.linewidth) = _PROFILES[profile]
    if precision is not None:
        _check_count("precision", precision, minimum=0)
        _OPTIONS.precision = precision
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise TypeError(
                f"set_printoptions(): threshold must be a number, got {type(threshold).__name__}"
            )
        _OPTIONS.threshold = threshold
    if edgeitems is not None:
        _check_count("edgeitems", edgeitems, minimum=0)
        _OPTIONS.edgeitems = edgeitems
    if linewidth is not None:
        _check_count("linewidth", linewidth, minimum=1)
        _OPTIONS.linewidth = linewidth
    if sci_mode is not None and not isinstance(sci_mode, bool):
        raise TypeError(
            f"set_printoptions(): sci_mode must be True, False or None, got {sci_mode!r}"
        )
    _OPTIONS.sci_mode = sci_mode


def get_printoptions() -> dict[str, Any]:
    """The current options, as a dict that can be passed back to set_printoptions()."""
    return dataclasses.asdict(_OPTIONS)


@contextlib.contextmanager
def printoptions(**kwargs: Any) -> Iterator[None]:
    """Temporarily change the print options (torch._tensor_str.printoptions)."""
    saved = get_printoptions()
    set_printoptions(**kwargs)
    try:
        yield
    finally:
        set_printoptions(**saved)


# Up to this many elements the formatter decides in Python floats instead of NumPy calls (the
# same decisions: tests/engine/test_printing_few_elements.py).
FEW_ELEMENTS = 16


class _Formatter:
    """Chooses one notation and one width for every element of a tensor, like PyTorch's."""

    def __init__(self, values: np.ndarray, floating: bool) -> None:
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        precision = _OPTIONS.precision
        if not floating:
            for value in values.reshape(-1).tolist():
                self.max_width = max(self.max_width, len(f"{value}"))
            return
        flat = values.reshape(-1)
        if flat.size <= FEW_ELEMENTS:
            # The same choices in Python floats (exact copies of the elements): a scalar's repr
            # then makes no NumPy call here (thousands of scalar cards in the explorer).
            numbers = [v for v in flat.tolist() if v != 0 and math.isfinite(v)]
            if not numbers:
                return
            self.int_mode = all(v.is_integer() for v in numbers)
            low, high = min(map(abs, numbers)), max(map(abs, numbers))
        else:
            chosen = flat[np.isfinite(flat) & (flat != 0)]
            if chosen.size == 0:
                return
            # Ceil in the tensor's own dtype, as torch.ceil does; ratios and limits in float64.
            self.int_mode = bool(np.all(chosen == np.ceil(chosen)))
            magnitudes = np.abs(chosen).astype(np.float64)
            low, high = float(magnitudes.min()), float(magnitudes.max())
            numbers = chosen.tolist()
        if _OPTIONS.sci_mode is None:
            self.sci_mode = high / low > 1000.0 or high > 1.0e8 or low < 1.0e-4
        else:
            self.sci_mode = _OPTIONS.sci_mode
        if self.sci_mode:
            widths = (len(f"{v:.{precision}e}") for v in numbers)
        elif self.int_mode:
            # The trailing "." that marks a float as such counts towards the width.
            widths = (len(f"{v:.0f}") + 1 for v in numbers)
        else:
            widths = (len(f"{v:.{precision}f}") for v in numbers)
        self.max_width = max(self.max_width, *widths)

    def width(self) -> int:
        return self.max_width

    def format(self, value: float) -> str:
        if not self.floating:
            text = f"{value}"
        elif self.sci_mode:
            text = f"{value:{self.max_width}.{_OPTIONS.precision}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            if math.isfinite(value):
                text += "."
        else:
            text = f"{value:.{_OPTIONS.precision}f}"
        return text.rjust(self.max_width)


def scalar_str(value: float, floating: bool) -> str:
    """One element printed as a 0-d tensor's body (what `_Formatter` decides for a single
    element, without building one: thousands of scalar cards in the explorer). Tested equal to
    the general path in tests/engine/test_printing_few_elements.py."""
    if not floating:
        return f"{value}"
    if value == 0 or not math.isfinite(value):
        return f"{value:.0f}." if math.isfinite(value) else f"{value:.0f}"
    precision = _OPTIONS.precision
    sci_mode = _OPTIONS.sci_mode
    if sci_mode is None:
        sci_mode = abs(value) > 1.0e8 or abs(value) < 1.0e-4
    if sci_mode:
        return f"{value:.{precision}e}"
    if value.is_integer():
        return f"{value:.0f}."
    return f"{value:.{precision}f}"


def _summarized(data: np.ndarray) -> np.ndarray:
    """The elements a summarised print shows (PyTorch's get_summarized_data)."""
    edge = _OPTIONS.edgeitems
    if data.ndim == 0:
        return data
    if data.ndim == 1:
        if data.shape[0] > 2 * edge:
            # PyTorch slices [-0:] when edgeitems is 0, which keeps the whole row.
            return np.concatenate((data[:edge], data[-edge:]))
        return data
    if not edge:
        return np.empty((0,) * data.ndim, dtype=data.dtype)
    rows = range(data.shape[0])
    if data.shape[0] > 2 * edge:
        rows = [*range(edge), *range(data.shape[0] - edge, data.shape[0])]
    return np.stack([_summarized(data[i]) for i in rows])


def _vector_str(data: np.ndarray, indent: int, summarize: bool, formatter: _Formatter) -> str:
    element_length = formatter.width() + 2  # the ", " between elements
    per_line = max(1, math.floor((_OPTIONS.linewidth - indent) / element_length))
    edge = _OPTIONS.edgeitems
    if summarize and not edge:
        elements = ["..."]
    elif summarize and data.shape[0] > 2 * edge:
        elements = (
            [formatter.format(v) for v in data[:edge].tolist()]
            + [" ..."]
            + [formatter.format(v) for v in data[-edge:].tolist()]
        )
    else:
        elements = [formatter.format(v) for v in data.tolist()]
    lines = [", ".join(elements[i:i + per_line]) for i in range(0, len(elements), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _nested_str(data: np.ndarray, indent: int, summarize: bool, formatter: _Formatter) -> str:
    if data.ndim == 0:
        return formatter.format(data.item())
    if data.ndim == 1:
        return _vector_str(data, indent, summarize, formatter)
    edge = _OPTIONS.edgeitems
    count = data.shape[0]
    if summarize and count > 2 * edge:
        blocks = (
            [_nested_str(data[i], indent + 1, summarize, formatter) for i in range(edge)]
            + ["..."]
            + [_nested_str(data[i], indent + 1, summarize, formatter)
               for i in range(count - edge, count)]
        )
    else:
        blocks = [_nested_str(data[i], indent + 1, summarize, formatter) for i in range(count)]
    # A blank line between blocks per dimension beyond the second.
    separator = "," + "\n" * (data.ndim - 1) + " " * (indent + 1)
    return "[" + separator.join(blocks) + "]"


def _body_str(data: np.ndarray, indent: int, floating: bool) -> str:
    summarize = data.size > _OPTIONS.threshold
    formatter = _Formatter(_summarized(data) if summarize else data, floating)
    return _nested_str(data, indent, summarize, formatter)


def _add_suffixes(text: str, suffixes: list[str], indent: int) -> str:
    parts = [text]
    # PyTorch's measure of the last line (two more than its length when there is one line).
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > _OPTIONS.linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def _dtype_short_name(dtype_name: str) -> str:
    short = dtype_name.removeprefix("torch.")
    if short not in _NUMPY_DTYPES:
        raise ValueError(
            f"cannot print a tensor of dtype {dtype_name!r}; "
            f"supported: {', '.join('torch.' + n for n in _NUMPY_DTYPES)}"
        )
    return short


def tensor_str(
    data: np.ndarray,
    dtype_name: str,
    *,
    device: str = "cpu",
    grad_fn_name: str | None = None,
    requires_grad: bool = False,
    default_dtype: str = "torch.float32",
) -> str:
    """The `tensor(...)` text PyTorch prints for a tensor holding `data`.

    `dtype_name` and `default_dtype` (the default floating dtype) are dtypes as str() shows
    them ("torch.float64"; "float64" is also accepted); `device` is str(tensor.device)
    ("cpu", "cuda:0").
    """
    short = _dtype_short_name(dtype_name)
    default = _dtype_short_name(default_dtype)
    data = np.asarray(data, dtype=_NUMPY_DTYPES[short])
    prefix = "tensor("
    indent = len(prefix)
    suffixes = []
    if not device.startswith("cpu"):
        suffixes.append(f"device='{device}'")
    if data.size == 0:
        # NumPy-style: the shape is implied only for a 1-d empty tensor, the dtype never is.
        if data.ndim != 1:
            suffixes.append(f"size={tuple(data.shape)}")
        if short != default:
            suffixes.append(f"dtype=torch.{short}")
        body = "[]"
    else:
        if not _OPTIONS.edgeitems:
            suffixes.append(f"size={tuple(data.shape)}")
        if short != default and short not in _ALWAYS_IMPLIED_DTYPES:
            suffixes.append(f"dtype=torch.{short}")
        floating = data.dtype.kind == "f"
        body = scalar_str(data.item(), floating) if data.ndim == 0 else \
            _body_str(data, indent, floating)
    if grad_fn_name is not None:
        suffixes.append(f"grad_fn=<{grad_fn_name}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    return _add_suffixes(prefix + body, suffixes, indent)


def format_tensor(t: Any) -> str:
    """repr/str of an engine Tensor, read through its public API only."""
    device = str(t.device)
    if device == "cuda":
        # A PyTorch tensor's device always carries its index.
        device = "cuda:0"
    grad_fn = t.grad_fn
    return tensor_str(
        # force=True: a host copy, detached, whatever the device and requires_grad (as in torch).
        t.numpy(force=True),
        str(t.dtype),
        device=device,
        grad_fn_name=None if grad_fn is None else type(grad_fn).__name__,
        requires_grad=bool(t.requires_grad),
        default_dtype=str(get_default_dtype()),
    )
