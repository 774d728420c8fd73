"""Tensor factories: tensor, as_tensor, from_numpy, zeros, ones, full, rand, randn, arange ...

Random numbers come from engine.generator (PyTorch's CPU numbers for a given seed); they are
drawn on the host and moved to the device, so a seed gives the same numbers on every device.
"""
from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Sequence

import numpy as np

from engine import backend, dtypes
from engine import generator as random
from engine.tensor import Tensor


def seed() -> int:
    """Seed the random numbers from the operating system's entropy; returns the seed."""
    s = int(np.random.SeedSequence().entropy % (2**63))
    random.manual_seed(s)
    return s


def _finish(data: np.ndarray, dtype, device, requires_grad: bool) -> Tensor:
    dev = backend.default_device() if device is None else backend.device(device)
    if dtype is not None:
        dt = dtypes.to_dtype(dtype)
        if data.dtype is not dt.np:
            data = data.astype(dt.np)
    if dev.xp is not np:
        data = dev.xp.asarray(data)
    t = Tensor._wrap(data, dev)
    if requires_grad:
        if data.dtype.kind not in "fc":
            raise RuntimeError(
                "Only Tensors of floating point and complex dtype can require gradients"
            )
        t._requires_grad = True
    return t


def _ragged_message(data) -> str:
    """PyTorch's message for a ragged nested list ("expected sequence of length 2 at dim 1 (got
    1)")."""
    level = [data]
    dim = 0
    while True:
        seqs = [x for x in level if isinstance(x, (list, tuple))]
        if not seqs:
            return "setting an array element with a sequence"
        expected = len(seqs[0])
        for s in level:
            if not isinstance(s, (list, tuple)):
                return (f"expected sequence of length {expected} at dim {dim} "
                        f"(got {type(s).__name__})")
            if len(s) != expected:
                return f"expected sequence of length {expected} at dim {dim} (got {len(s)})"
        level = [x for s in level for x in s]
        dim += 1


def _infer(data, dtype=None) -> np.ndarray:
    """A NumPy array holding `data` with PyTorch's inferred dtype. Python floats stay doubles
    when a `dtype` is asked for (it is applied next), as PyTorch converts them straight to it."""
    float_np = np.float64 if dtype is not None else dtypes._default_float[0].np
    if isinstance(data, Tensor):
        return data._host().copy()
    if isinstance(data, np.ndarray):
        dtypes.from_numpy_dtype(data.dtype)
        return data.copy()
    if isinstance(data, bool):
        return np.array(data)
    if isinstance(data, numbers.Integral):
        return np.array(_int64(int(data)), dtype=np.int64)
    if isinstance(data, numbers.Real):
        return np.array(float(data), dtype=float_np)
    if isinstance(data, Sequence) and not isinstance(data, (list, tuple, str, bytes)):
        data = list(data)  # any Python sequence, as PyTorch reads it (range(16))
    if not isinstance(data, (list, tuple)):
        if hasattr(data, "__array__") or hasattr(data, "__array_namespace__"):
            return np.asarray(data.get() if hasattr(data, "get") else data).copy()
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    try:
        arr = np.array(data)
    except ValueError:
        raise ValueError(_ragged_message(data)) from None
    kind = arr.dtype.kind
    if kind in "uO" or (kind == "f" and arr.size and (
        arr.max() >= _INT64_END or arr.min() < -_INT64_END  # (no temporary array: fast)
    )):
        _check_int_range(data)  # Python ints past int64 with no float beside them overflow
        if kind == "O":
            arr, kind = np.array(data, dtype=np.float64), "f"
    if kind == "O" or kind in "USVMm":
        raise TypeError(f"new(): invalid data type '{_first_leaf_type(data)}'")
    if kind == "f" and not _has_float64_array(data):
        arr = arr.astype(float_np)
    elif kind in "iu":
        arr = arr.astype(np.int64)
    return arr


_INT64_END = 2**63
_OVERFLOW = "Overflow when unpacking long long"


def _int64(value: int) -> int:
    if not -_INT64_END <= value < _INT64_END:
        raise ValueError(_OVERFLOW)
    return value


def _check_int_range(data) -> None:
    """ValueError, as PyTorch's, for a list of integers with one outside int64."""
    stack, too_big = [data], False
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, (float, np.floating, Tensor, np.ndarray)):
            return  # the list is a float one: PyTorch converts the big integer to float
        elif isinstance(item, int) and not -_INT64_END <= item < _INT64_END:
            too_big = True
    if too_big:
        raise ValueError(_OVERFLOW)


def _first_leaf_type(data) -> str:
    while isinstance(data, (list, tuple)) and data:
        data = data[0]
    return type(data).__name__


def _has_float64_array(data) -> bool:
    # Tensors / arrays inside a list keep their own dtype; Python floats use the default.
    stack = [data]
    while stack:
        x = stack.pop()
        if isinstance(x, (list, tuple)):
            stack.extend(x)
        elif (isinstance(x, Tensor) and x._data.dtype == np.float64
              or isinstance(x, np.ndarray) and x.dtype == np.float64):
            return True
    return False


def tensor(data, *, dtype=None, device=None, requires_grad: bool = False,
           pin_memory: bool = False) -> Tensor:
    """A new tensor holding a copy of `data` (nested lists, scalars, arrays or tensors)."""
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach()."
            "clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
            "torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        if device is None:
            device = data._device
    return _finish(_infer(data, dtype), dtype, device, requires_grad)


def as_tensor(data, dtype=None, device=None) -> Tensor:
    """Like tensor(), but a tensor or NumPy array with matching dtype and device is not copied."""
    if isinstance(data, Tensor):
        if dtype is None and device is None:
            return data
        return data.to(dtype=dtype, device=device)
    if isinstance(data, np.ndarray) and device is None and backend.default_device().xp is np:
        t = from_numpy(data)
        return t if dtype is None else t.to(dtype)
    return _finish(_infer(data, dtype), dtype, device, False)


def from_numpy(array: np.ndarray) -> Tensor:
    """A CPU tensor sharing memory with `array`."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dtypes.from_numpy_dtype(array.dtype)
    return Tensor._wrap(array, backend.CPU)


def _size(args, name: str) -> tuple:
    from engine.ops.shape import sizes_arg

    shape = sizes_arg(args)
    for s in shape:
        if s < 0:
            raise RuntimeError(f"{name}: Dimension size must be non-negative.")
    return shape


def _device_xp(device):
    dev = backend.default_device() if device is None else backend.device(device)
    return dev, dev.xp


def _filled(name: str, size, value, dtype, device, requires_grad) -> Tensor:
    shape = _size(size, name)
    dt = dtypes.to_dtype(dtype) if dtype is not None else (
        dtypes.scalar_dtype(value) if value is not None else dtypes._default_float[0]
    )
    dev, xp = _device_xp(device)
    if value is None:
        data = xp.empty(shape, dtype=dt.np)
    else:
        data = xp.full(shape, value, dtype=dt.np)
    return _finish(data, None, dev, requires_grad)


def _sizes(name: str, args: tuple, size) -> tuple:
    """The shape given positionally (`f(2, 3)`, `f((2, 3))`) or as `size=`, not both."""
    if size is None:
        return args
    if args:
        raise TypeError(f"{name}() received an invalid combination of arguments - got both "
                        "positional sizes and size=")
    return (size,)


def zeros(*size_args, size=None, dtype=None, device=None, requires_grad: bool = False,
          out=None) -> Tensor:
    size = _sizes("zeros", size_args, size)
    return _filled("zeros", size, 0, dtype or dtypes._default_float[0], device, requires_grad)


def ones(*size_args, size=None, dtype=None, device=None, requires_grad: bool = False,
         out=None) -> Tensor:
    size = _sizes("ones", size_args, size)
    return _filled("ones", size, 1, dtype or dtypes._default_float[0], device, requires_grad)


def empty(*size_args, size=None, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    size = _sizes("empty", size_args, size)
    return _filled("empty", size, None, dtype, device, requires_grad)


def full(size, fill_value, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    if not isinstance(fill_value, (bool, int, float, np.generic)):
        raise TypeError(
            f"full(): argument 'fill_value' (position 2) must be Number, not "
            f"{type(fill_value).__name__}"
        )
    return _filled("full", (size,) if isinstance(size, int) else tuple(size), fill_value, dtype,
                   device, requires_grad)


def _like(factory, t: Tensor, dtype, device, requires_grad: bool, *args) -> Tensor:
    """factory(t's shape, *args) with t's dtype and device unless given (the *_like functions)."""
    return factory(t._data.shape, *args, dtype=t.dtype if dtype is None else dtype,
                   device=t._device if device is None else device, requires_grad=requires_grad)


def zeros_like(t: Tensor, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _like(zeros, t, dtype, device, requires_grad)


def ones_like(t: Tensor, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _like(ones, t, dtype, device, requires_grad)


def empty_like(t: Tensor, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _like(empty, t, dtype, device, requires_grad)


def full_like(t: Tensor, fill_value, *, dtype=None, device=None,
              requires_grad: bool = False) -> Tensor:
    return _like(full, t, dtype, device, requires_grad, fill_value)


def _random(name: str, size, sample, dtype, device, requires_grad) -> Tensor:
    from engine.ops.shape import sizes_arg

    shape = sizes_arg(size)
    for s in shape:
        if s < 0:
            raise RuntimeError(
                f"Trying to create tensor with negative dimension {s}: {list(shape)}"
            )
    dt = dtypes.to_dtype(dtype) if dtype is not None else dtypes._default_float[0]
    if not dt.is_floating_point:
        raise RuntimeError(f'"{name}" not implemented for \'{dt._legacy}\'')
    return _finish(sample(shape, dt.np), None, device, requires_grad)


def rand(*size_args, size=None, dtype=None, device=None, requires_grad: bool = False,
         generator=None) -> Tensor:
    """Uniform samples from [0, 1)."""
    gen = generator or random.default
    return _random("rand", _sizes("rand", size_args, size), gen.uniform, dtype, device,
                   requires_grad)


def randn(*size_args, size=None, dtype=None, device=None, requires_grad: bool = False,
          generator=None) -> Tensor:
    """Standard normal samples."""
    gen = generator or random.default
    return _random("randn", _sizes("randn", size_args, size), gen.normal, dtype, device,
                   requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, device=None,
           requires_grad: bool = False) -> Tensor:
    """Normal samples: `normal(0, 1, (2, 3))`, or elementwise with tensor `mean` and/or `std`."""
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        if size is not None:
            raise TypeError("normal() received an invalid combination of arguments - got a "
                            "Tensor mean or std together with size")
        from engine.broadcast import broadcast_shapes

        shape = broadcast_shapes(
            *(tuple(v._data.shape) if isinstance(v, Tensor) else () for v in (mean, std))
        )
        ref = mean if isinstance(mean, Tensor) else std
        noise = randn(shape, dtype=ref.dtype, device=ref.device, generator=generator)
        return (noise * std + mean).detach()
    if size is None:
        raise TypeError("normal() missing required argument 'size'")
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    gen = generator or random.default
    return _random(
        "normal", (size,), lambda shape, dt: gen.normal(shape, dt, float(mean), float(std)),
        dtype, device, requires_grad,
    )


def rand_like(t: Tensor, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _like(rand, t, dtype, device, requires_grad)


def randn_like(t: Tensor, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _like(randn, t, dtype, device, requires_grad)


def randint(low, high=None, size=None, *, generator=None, dtype=None, device=None,
            requires_grad: bool = False) -> Tensor:
    """Integers drawn uniformly from [low, high); `randint(high, size)` means low = 0."""
    if size is None:
        low, high, size = 0, low, high
    elif high is None:  # randint(high, size=(...)), as minGPT's SortDataset calls it
        low, high = 0, low
    if size is None:
        raise TypeError("randint() missing required argument 'size'")
    shape = _size((size,) if isinstance(size, int) else tuple(size), "randint")
    data = (generator or random.default).integers(int(low), int(high), shape)
    return _finish(data, dtype, device, requires_grad)


def randperm(n: int, *, generator=None, dtype=None, device=None) -> Tensor:
    return _finish((generator or random.default).permutation(int(n)), dtype, device, False)


def _number(value):
    return value.item() if isinstance(value, Tensor) else value


def arange(start, end=None, step=1, *, dtype=None, device=None,
           requires_grad: bool = False) -> Tensor:
    """Values from start (inclusive) to end (exclusive) by step; int64 unless a float is given."""
    start, end, step = _number(start), _number(end), _number(step)
    if end is None:
        start, end = 0, start
    if step == 0 or (isinstance(step, float) and math.isnan(step)):   # as PyTorch says for nan
        raise RuntimeError("step must be nonzero")
    try:
        finite = math.isfinite(start) and math.isfinite(end)
        size = (end - start) / step   # float division: past 2**63 is an overflow too
    except OverflowError:   # an int beyond any float
        raise RuntimeError("invalid size, possible overflow?") from None
    if not finite:
        raise RuntimeError(f"unsupported range: {start} -> {end}")
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and larger bound inconsistent with step sign")
    if not all(math.isfinite(v) for v in (start, end)):
        raise RuntimeError(f"unsupported range: {_range_end(start)} -> {_range_end(end)}")
    floating = any(isinstance(v, float) for v in (start, end, step))
    dt = dtypes.to_dtype(dtype) if dtype is not None else (
        dtypes._default_float[0] if floating else dtypes.int64
    )
    if not math.isfinite(size) or size >= 2**63:
        raise RuntimeError("invalid size, possible overflow?")
    n = max(0, math.ceil(size))
    wide = np.float64 if floating or dt.is_floating_point else np.int64
    data = start + np.arange(n, dtype=wide) * step
    return _finish(data.astype(dt.np), None, device, requires_grad)


def _range_end(value) -> str:
    return value if not isinstance(value, float) or not value.is_integer() else int(value)


def linspace(start, end, steps: int, *, dtype=None, device=None,
             requires_grad: bool = False) -> Tensor:
    """`steps` evenly spaced values from start to end, both included."""
    start, end = float(_number(start)), float(_number(end))
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    dt = dtypes.to_dtype(dtype) if dtype is not None else dtypes._default_float[0]
    data = np.empty(steps, dtype=np.float64)
    if steps == 1:
        data[0] = start
    elif steps > 1:
        data = _linspace_values(start, end, steps, dt.np)
    return _finish(data.astype(dt.np), None, device, requires_grad)


def _fused_multiply_add(a, b, c):
    """a * b + c rounded once, as the C++ compiler's fma in PyTorch's kernels (Dekker's exact
    product and a two-sum; float64 arrays)."""
    p = a * b
    split = 134217729.0  # 2**27 + 1
    ah = split * a
    ah = ah - (ah - a)
    bh = split * b
    bh = bh - (bh - b)
    err = ((ah * bh - p) + ah * (b - bh) + (a - ah) * bh) + (a - ah) * (b - bh)
    s = p + c
    back = s - p
    return s + (((p - (s - back)) + (c - back)) + err)


def _linspace_values(start: float, end: float, steps: int, np_dtype):
    """PyTorch's CPU kernel: step in the result's precision (double for integers), the first
    half as fma(step, i, start), the second as fma(-step, steps - 1 - i, end)."""
    i = np.arange(steps, dtype=np.float64)
    first = i < steps // 2
    if np_dtype == np.float32:  # a float32 product is exact in float64: only the sum rounds
        s, e = np.float32(start), np.float32(end)
        step = np.float64((e - s) / np.float32(steps - 1))
        p = np.where(first, step * i, -step * (steps - 1 - i))
        c = np.where(first, np.float64(s), np.float64(e))
        total = p + c
        back = total - p
        low = (p - (total - back)) + (c - back)
        # What the float64 sum dropped still decides a tie between two float32s.
        return np.nextafter(total, np.where(low > 0, np.inf, np.where(low < 0, -np.inf, total)))\
            .astype(np.float32)
    if np_dtype.kind == "f" and np_dtype.itemsize < 4:
        return _linspace_values(start, end, steps, np.dtype(np.float32))
    if np_dtype.kind in "iub":  # the ends are cast to the integer type first
        start, end = float(int(start)), float(int(end))
    step = np.full(steps, (end - start) / (steps - 1))
    return np.where(first, _fused_multiply_add(step, i, np.full(steps, start)),
                    _fused_multiply_add(-step, steps - 1 - i, np.full(steps, end)))


def logspace(start, end, steps: int, base: float = 10.0, *, dtype=None, device=None,
             requires_grad: bool = False) -> Tensor:
    """base ** linspace(start, end, steps): the exponents filled as linspace fills them."""
    exponents = linspace(start, end, steps, dtype=dtypes.float64)._data
    dt = dtypes.to_dtype(dtype) if dtype is not None else dtypes._default_float[0]
    return _finish((float(base) ** exponents).astype(dt.np), None, device, requires_grad)


def bernoulli(input: Tensor, p=None, *, generator=None) -> Tensor:
    """1 with probability input (elementwise), else 0: one uniform draw per element compared with
    the probability, as PyTorch's CPU kernel does (same values for the same seed)."""
    gen = generator or random.default
    probs = input._data if p is None else np.full(input._data.shape, float(p))
    if ((probs < 0) | (probs > 1)).any():
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could "
                           "this error message be improved?  If so, please report an enhancement "
                           "request to PyTorch.)")
    draws = gen.uniform(input._data.shape, input._data.dtype)
    return Tensor._wrap((draws < probs).astype(input._data.dtype), input._device)


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *, generator=None,
                out=None) -> Tensor:
    """Indices drawn from each row of weights `input`, as PyTorch's CPU kernel draws them: one
    sample or none replaced by argmax / top-k of input / Exp(1) noise; several replaced by a
    binary search of one double uniform each in the row's normalised cumulative sums."""
    gen = generator or random.default
    probs = input._data
    if probs.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if probs.dtype.kind != "f":
        raise RuntimeError("multinomial only supports floating-point dtypes for input, got: "
                           f"{input.dtype.name.capitalize()}")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > probs.shape[-1]:
        raise RuntimeError(
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement"
        )
    rows = probs.reshape(-1, probs.shape[-1])
    if not (np.all(rows < np.inf) and np.all(rows >= 0)):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    if (rows.sum(axis=1) == 0).any():
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    if not replacement or num_samples == 1:  # ATen's fast path: Gumbel-max with exp noise
        with np.errstate(divide="ignore"):
            keys = rows / gen.exponential(rows.shape, rows.dtype)
        if num_samples == 1:
            picked = keys.argmax(axis=1)[:, None]
        else:  # topk: the largest first; among equal keys the lower index
            picked = np.argsort(-keys, axis=1, kind="stable")[:, :num_samples]
    else:
        picked = np.empty((len(rows), num_samples), dtype=np.int64)
        for i, row in enumerate(rows):
            cumulative = np.cumsum(row)  # in the input's dtype, one element after another
            cumulative = cumulative / cumulative[-1]
            cumulative[-1] = 1
            picked[i] = np.searchsorted(cumulative, gen._unit(num_samples, np.float64))
    picked = picked.astype(np.int64).reshape(probs.shape[:-1] + (num_samples,))
    result = Tensor._wrap(picked, input._device)
    if out is not None:
        out._data = result._data
        return out
    return result


def eye(n: int, m: int | None = None, *, dtype=None, device=None,
        requires_grad: bool = False) -> Tensor:
    dt = dtypes.to_dtype(dtype) if dtype is not None else dtypes._default_float[0]
    return _finish(np.eye(n, m, dtype=dt.np), None, device, requires_grad)


def is_tensor(obj) -> bool:
    return isinstance(obj, Tensor)


def numel(t: Tensor) -> int:
    return t.numel()


# --------------------------------------------------------------------------- t.new_*(...)
def _new_like(t: Tensor, dtype, device):
    return (dtype if dtype is not None else t.dtype), (device if device is not None else t.device)


def _new_from(factory, t: Tensor, dtype, device, requires_grad: bool, *args) -> Tensor:
    """factory(*args) with t's dtype and device unless given (the t.new_* methods)."""
    dtype, device = _new_like(t, dtype, device)
    return factory(*args, dtype=dtype, device=device, requires_grad=requires_grad)


def new_tensor(t: Tensor, data, *, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    """A new tensor from data, with t's dtype and device unless given."""
    dtype, device = _new_like(t, dtype, device)
    if isinstance(data, Tensor):
        data = data.detach()._host()
    return tensor(data, dtype=dtype, device=device, requires_grad=requires_grad)


def new_zeros(t: Tensor, *size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _new_from(zeros, t, dtype, device, requires_grad, *size)


def new_ones(t: Tensor, *size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _new_from(ones, t, dtype, device, requires_grad, *size)


def new_empty(t: Tensor, *size, dtype=None, device=None, requires_grad: bool = False) -> Tensor:
    return _new_from(empty, t, dtype, device, requires_grad, *size)


def new_full(t: Tensor, size, fill_value, *, dtype=None, device=None,
             requires_grad: bool = False) -> Tensor:
    return _new_from(full, t, dtype, device, requires_grad, size, fill_value)
