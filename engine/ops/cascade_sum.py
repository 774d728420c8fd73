"""Floating-point sums in PyTorch's order, so that `.sum().item()` prints PyTorch's digits.

PyTorch's CPU kernel (aten/src/ATen/native/cpu/SumKernel.cpp, `cascade_sum`) adds in the
tensor's own precision, but not left to right and not pairwise as NumPy does: a row is read as
SIMD vectors, the vectors as four interleaved streams (`row_sum`), and each stream is summed in
blocks of 2**k items whose sums are carried up a cascade of four accumulators
(`multi_row_sum`). A column sum (the reduced dim outermost) is that cascade on each column.
The same additions are replayed here with NumPy, each sequential step as a cumulative sum.
"""
from __future__ import annotations

import numpy as np

_LEVELS = 4
_STREAMS = 4  # row_sum's ilp_factor
_SERIAL_LIMIT = 32768  # PyTorch's GRAIN_SIZE: a full sum is split across threads above it


# Floats per SIMD vector in the kernel: 8 (256 bits), measured against torch 2.13 on an AVX-512
# machine as well.
_FLOAT32_LANES = 8


def _serial(items, axis: int = 0):
    """items summed left to right along `axis` (zeros when there are none)."""
    count = items.shape[axis]
    if count <= 1:
        return items.sum(axis=axis)  # the one item itself, or zeros
    if items.flags.c_contiguous and items.ndim > axis + 1 and items.shape[-1] >= 2:
        # NumPy adds along an outer axis of a C-ordered array row by row, lane by lane: in
        # order, and without cumsum's copy of every partial sum.
        return np.add.reduce(items, axis=axis)
    return items.cumsum(axis=axis).take(-1, axis=axis)


def _cascade(items):
    """multi_row_sum: the sum along axis 0, in blocks carried up four accumulators."""
    size = items.shape[0]
    power = max(4, int(size - 1).bit_length() // _LEVELS) if size > 1 else 4
    step = 1 << power
    blocks = size // step
    total = _serial(items[blocks * step:])  # the tail, in the first accumulator
    if blocks:
        lanes = items.shape[1:]
        values = _serial(items[: blocks * step].reshape(blocks, step, *lanes), 1)
        carried = [total]
        for _ in range(_LEVELS - 2):
            groups = values.shape[0] // step
            if not groups:  # the higher accumulators stay zero (adding them changes nothing)
                break
            carried.append(_serial(values[groups * step:]))
            values = _serial(values[: groups * step].reshape(groups, step, *lanes), 1)
        carried.append(_serial(values))
        total = _serial(np.stack(carried))
    return total


def _row_sum(items):
    """row_sum: four interleaved streams, each a cascade, then the leftovers and the streams."""
    rows = items.shape[0] // _STREAMS
    if not rows:
        return _serial(items)
    partial = _cascade(items[: rows * _STREAMS].reshape(rows, _STREAMS, *items.shape[1:]))
    return _serial(np.concatenate((partial[:1], items[rows * _STREAMS:], partial[1:])))


class _VectorPlan:
    """How `_inner_vector` cuts a contiguous vector of one length and dtype, worked out once:
    the grid of rows (four streams of SIMD vectors each), the cascade's block length and block
    count, the leftover vectors and the leftover items."""

    __slots__ = ("blocks", "head", "lanes", "leftovers", "rows", "step", "used", "vectors_end",
                 "width")

    def __init__(self, n: int, itemsize: int) -> None:
        self.lanes = _FLOAT32_LANES * 4 // itemsize
        self.width = _STREAMS * self.lanes
        vectors = n // self.lanes
        self.rows = vectors // _STREAMS
        self.used = self.rows * self.width
        self.step = 1 << max(4, (self.rows - 1).bit_length() // _LEVELS)
        self.blocks = self.rows // self.step
        self.head = self.blocks * self.step
        self.leftovers = tuple(
            slice(start, start + self.lanes)
            for start in range(self.used, vectors * self.lanes, self.lanes)
        )
        self.vectors_end = vectors * self.lanes


_plans: dict = {}  # (length, itemsize) -> _VectorPlan: a training loop sums one shape each step
_add, _reduce, _accumulate, _zeros = np.add, np.add.reduce, np.add.accumulate, np.zeros
_ndarray = np.ndarray


def _inner_vector(x):
    """_inner for one contiguous vector, with as few NumPy calls as the order allows: `.sum()`
    of a loss is the hot path (a reduce of a C-ordered array along an outer axis adds in
    order, lane by lane; np.add.reduceat does not: it sums each segment pairwise)."""
    key = (x.shape[0], x.dtype.itemsize)
    plan = _plans.get(key)
    if plan is None:
        if len(_plans) > 64:
            _plans.clear()
        plan = _plans[key] = _VectorPlan(*key)
    rows, step, blocks, used, width = plan.rows, plan.step, plan.blocks, plan.used, plan.width
    if not blocks:
        partial = _reduce(x[:used].reshape(rows, width), 0)
    elif blocks < step:  # one level of block sums, and the tail's rows
        head = plan.head
        if rows > head and x.__class__ is _ndarray:
            # The tail as one more block, padded with zeros (t + 0.0 is t): the cascade's
            # `tail + blocks` is `blocks + tail`, which one reduction over the block sums then
            # gives, in two NumPy calls fewer (np.zeros: a NumPy array's; CuPy's takes the
            # general way below).
            padded = _zeros((blocks + 1) * step * width, x.dtype)
            padded[:used] = x[:used]
            partial = _reduce(_reduce(padded.reshape(blocks + 1, step, width), 1), 0)
        else:
            grid = x[:used].reshape(rows, width)
            partial = _reduce(_reduce(grid[:head].reshape(blocks, step, width), 1), 0)
            if rows > head:
                partial = _reduce(grid[head:], 0) + partial
    else:
        partial = _cascade(x[:used].reshape(rows, _STREAMS, plan.lanes))
    partial = partial.reshape(_STREAMS, plan.lanes)  # (a new array: added to in place)
    first = partial[0]
    for leftover in plan.leftovers:
        _add(first, x[leftover], first)
    lanes = _reduce(partial, 0)  # then the other streams, in order
    if plan.vectors_end < x.shape[0]:
        lanes = np.concatenate((x[plan.vectors_end:], lanes))
    # the ufunc's method, not np.cumsum (an overflow to inf is then silenced as the engine's
    # own warning, see engine/ops/dispatch.py) and not .cumsum() (twice its time on 8 items)
    return _accumulate(lanes)[-1]


def _inner(columns):
    """Sums of the columns of a (n, batch) array whose axis 0 is contiguous in PyTorch."""
    n = columns.shape[0]
    lanes = _FLOAT32_LANES * 4 // columns.dtype.itemsize
    if columns.ndim == 1 and n >= 4 * _STREAMS * lanes and columns.flags.c_contiguous:
        return _inner_vector(columns)
    if n < lanes:
        return _row_sum(columns)
    vectors = n // lanes
    acc = _row_sum(columns[: vectors * lanes].reshape(vectors, lanes, *columns.shape[1:]))
    return _serial(np.concatenate((columns[vectors * lanes:], acc)))


def _outer(rows):
    """Column sums of a (m, n) array: blocks of columns (32, or 4 without SIMD) as one cascade,
    the other columns as row_sum's four streams each."""
    n = rows.shape[1]
    lanes = _FLOAT32_LANES * 4 // rows.dtype.itemsize
    block = 4 * lanes if n >= lanes else 4
    cascaded = n // block * block
    out = np.empty(n, rows.dtype)
    out[:cascaded] = _cascade(rows[:, :cascaded])
    out[cascaded:] = _row_sum(rows[:, cascaded:])
    return out


def _whole(flat):
    """The sum of a 1-D array as PyTorch's parallel_reduce takes it: past 32768 elements, one
    cascade per thread's chunk (as many chunks as threads, at most one per 32768 elements),
    the chunks' sums then added in order."""
    from engine.ops.compositions import get_num_threads

    n = flat.shape[0]
    if n <= _SERIAL_LIMIT:
        return _inner(flat)
    tasks = min(get_num_threads(), -(-n // _SERIAL_LIMIT))
    if tasks <= 1:
        return _inner(flat)
    chunk = -(-n // tasks)
    parts = [_inner(flat[i:i + chunk]) for i in range(0, n, chunk)]
    return _serial(np.stack(parts))


def torch_sum(data, dims=None, keepdim: bool = False):
    """data.sum(axis=dims, keepdims=keepdim) in PyTorch's order where it is known (a float
    array, all of it or one dim of a 2-D one); NumPy's sum otherwise."""
    if data.dtype.kind != "f" or data.dtype.itemsize < 4 or data.size < _STREAMS:
        return data.sum(axis=dims, keepdims=keepdim)
    if dims is None or len(dims) == data.ndim:
        if data.ndim == 1 and 4 * _STREAMS * 8 <= data.shape[0] <= _SERIAL_LIMIT and (
            data.strides[0] == data.itemsize
        ):  # `loss.sum()` of a vector: _whole and _inner's tests, answered at once
            r = _inner_vector(data)
            return r.reshape((1,)) if keepdim else r
        r = _whole(data.ravel(order="K"))  # memory order, as PyTorch walks a strided tensor
        return r.reshape((1,) * data.ndim) if keepdim else r
    if data.ndim != 2 or len(dims) != 1:
        return data.sum(axis=dims, keepdims=keepdim)
    axis = dims[0]
    moved = data if axis == 0 else data.T  # the reduced dim first
    # PyTorch walks memory: the reduced dim is "inner" when its elements lie next to each other
    kept = data.shape[1 - axis]
    if kept == 1 or abs(data.strides[axis]) <= abs(data.strides[1 - axis]):
        r = _inner(moved)
    else:
        r = _outer(moved)
    return np.expand_dims(r, dims[0]) if keepdim else r
