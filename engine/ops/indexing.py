"""Indexing: `x[...]` (with backward) and `x[...] = v`.

Basic indexing is a chain of PyTorch's primitives, left to right, so grad_fn names match:
an int is `select` (SelectBackward0), a slice is `slice` (SliceBackward0; a bare `:` inside
a tuple is skipped, as in PyTorch), None is `unsqueeze`. Tensor, list or mask indices go
through one advanced-indexing op (IndexBackward0).
"""
from __future__ import annotations

import numpy as np

from engine import observer
from engine.autograd.graph import Node
from engine.broadcast import sum_to
from engine.ops.dispatch import (
    NO_EDGE,
    Tensor,
    attach,
    edge,
    grad_state,
    record,
    records,
    scalar,
    wrap,
)
from engine.ops.formulas import define
from engine.ops.inplace import check_inplace, copy_, record_inplace
from engine.ops.views import register_view
from engine.tensor import bump_version, own_vc


def _scatter_zeros(g, shape, key, m, as_tensors: bool, accumulate: bool):
    """A zero tensor of `shape` with `g` written (or added, for repeated indices) at `key`."""
    if as_tensors:
        return _embed(g, shape, key, accumulate)
    z = m.zeros(shape, dtype=g.dtype)
    if accumulate:
        _add_at(m, z, key, g)
    else:
        z[key] = g
    return z


def _add_at(xp, z, key, g):
    try:
        xp.add.at(z, key, g)
    except (AttributeError, TypeError):  # CuPy before ufunc.at
        import cupyx

        cupyx.scatter_add(z, key, g)


# --------------------------------------------------------------------------- primitives
class SelectBackward0(Node):
    __slots__ = ("_saved_dim", "_saved_index", "_saved_self_sym_sizes")

    def _apply(self, g, m, t):
        key = (slice(None),) * self._saved_dim + (self._saved_index,)
        return (_scatter_zeros(g, self._saved_self_sym_sizes, key, m, t, False),)


class SliceBackward0(Node):
    __slots__ = ("_saved_dim", "_saved_end", "_saved_self_sym_sizes", "_saved_start", "_saved_step")

    def _apply(self, g, m, t):
        key = (slice(None),) * self._saved_dim + (
            slice(self._saved_start, self._saved_end, self._saved_step),
        )
        return (_scatter_zeros(g, self._saved_self_sym_sizes, key, m, t, False),)


class IndexBackward0(Node):
    __slots__ = ("_key", "_saved_self_sym_sizes")

    @property
    def _saved_indices(self):
        return tuple(wrap(k) if hasattr(k, "dtype") else k for k in self._key)

    def _apply(self, g, m, t):
        return (_scatter_zeros(g, self._saved_self_sym_sizes, self._key, m, t, True),)


# x[index] records SelectBackward0, SliceBackward0, IndexBackward0 or none (a view of all)
define("index", "y = x[index]", gradient={"x": "zeros_like(x); [index] = grad_out"},
       params=("index",))


class IndexPutBackward(Node):
    """Backward of the zero-embedding used by indexing backward under create_graph."""

    __slots__ = ("_key",)

    def _apply(self, g, m, t):
        return (g[self._key],)


def _embed(g: Tensor, shape, key, accumulate: bool) -> Tensor:
    xp = g._device.xp
    z = xp.zeros(shape, dtype=g._data.dtype)
    if accumulate:
        _add_at(xp, z, key, g._data)
    else:
        z[key] = g._data
    out = wrap(z, g._device)
    if records(g):
        node = IndexPutBackward((edge(g),))
        node._key = key
        attach(out, node)
    return out


def _view_of(x: Tensor, data, node) -> Tensor:
    out = wrap(data, x._device)
    out._vc = own_vc(x)
    base = getattr(x, "_base", None)
    root = out._base = x if base is None else base
    if root._grad_fn is not None and grad_state.enabled:
        register_view(root, out)
    if node is not None:
        attach(out, node)
    return out


def select(x: Tensor, dim: int, index: int) -> Tensor:
    shape = x._data.shape
    size = shape[dim]
    if index < -size or index >= size:
        raise IndexError(f"index {index} is out of bounds for dimension {dim} with size {size}")
    i = index + size if index < 0 else index
    data = x._data[(slice(None),) * dim + (i, Ellipsis)]  # Ellipsis: a 0-d view, not a copy
    node = None
    if records(x):
        node = SelectBackward0((edge(x),))
        node._saved_dim, node._saved_index, node._saved_self_sym_sizes = dim, i, shape
    return _view_of(x, data, node)


def slice_dim(x: Tensor, dim: int, sl: slice) -> Tensor:
    shape = x._data.shape
    if sl.step is not None and sl.step <= 0:
        raise ValueError("step must be greater than zero")
    start, end, step = sl.indices(shape[dim])
    end = max(end, start)
    data = x._data[(slice(None),) * dim + (slice(start, end, step),)]
    node = None
    if records(x):
        node = SliceBackward0((edge(x),))
        node._saved_dim, node._saved_start, node._saved_end = dim, start, end
        node._saved_step, node._saved_self_sym_sizes = step, shape
    return _view_of(x, data, node)


def narrow(x: Tensor, dim: int, start: int, length: int) -> Tensor:
    """The view x[..., start:start + length, ...] along dim."""
    from engine.ops.dispatch import wrap_dim

    d = wrap_dim(dim, x._data.ndim)
    size = x._data.shape[d]
    if start < 0:
        start += size
    if not 0 <= start <= size or length < 0 or start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    out = slice_dim(x, d, slice(start, start + length))
    return record("narrow", (x, dim, start, length), out)


# --------------------------------------------------------------------------- x[key]
def _is_advanced(k) -> bool:
    if isinstance(k, Tensor):
        return k._data.ndim > 0 or k._data.dtype.kind == "b"
    return isinstance(k, (list, np.ndarray)) or (hasattr(k, "__array_namespace__")
                                                 and not isinstance(k, (int, slice)))


def _array_key(k):
    if isinstance(k, Tensor):
        if k._data.dtype.kind not in "biu":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return k._data
    if isinstance(k, list):
        arr = np.asarray(k)
        if arr.dtype.kind not in "biu":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return arr
    return k


def getitem(x: Tensor, key) -> Tensor:
    items = key if isinstance(key, tuple) else (key,)
    if any(_is_advanced(k) for k in items):
        out = _advanced(x, tuple(_array_key(k) for k in items))
    else:
        out = _basic(x, items, single=not isinstance(key, tuple))
    return record("index", (x, key), out)


def _basic(x: Tensor, items: tuple, single: bool) -> Tensor:
    for k in items:
        if not (k is None or k is Ellipsis or isinstance(k, (int, slice, Tensor, np.integer))):
            raise IndexError(
                "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables "
                f"are valid indices (got {type(k).__name__})"
            )
    specified = sum(1 for k in items if k is not None and k is not Ellipsis)
    ndim = x._data.ndim
    if ndim == 0 and specified:
        raise IndexError(
            "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
            "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
        )
    if specified > ndim:
        raise IndexError(f"too many indices for tensor of dimension {ndim}")
    out = x
    dim = 0
    for k in items:
        if k is Ellipsis:
            dim += ndim - specified
        elif k is None:
            from engine.ops.shape import unsqueeze

            with observer.muted():  # getitem reports one "index" event instead
                out = unsqueeze(out, dim)
            dim += 1
        elif isinstance(k, slice):
            if single or k != slice(None):
                out = slice_dim(out, dim, k)
            dim += 1
        else:
            out = select(out, dim, int(scalar(k)) if not isinstance(k, Tensor) else int(k.item()))
    if out is x:  # x[...] still returns a new tensor: an alias of x
        node = AliasBackward0((edge(x),)) if records(x) else None
        out = _view_of(x, x._data[...], node)
    return out


class AliasBackward0(Node):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g,)


def _advanced(x: Tensor, key: tuple) -> Tensor:
    dim = 0
    for k in key:  # PyTorch checks boolean masks against the shape they index
        if getattr(k, "dtype", None) is not None and k.dtype.kind == "b" and k.ndim:
            have = x._data.shape[dim : dim + k.ndim]
            if tuple(k.shape) != tuple(have):
                raise IndexError(
                    f"The shape of the mask {list(k.shape)} at index {dim} does not match the "
                    f"shape of the indexed tensor {list(have)} at index {dim}"
                )
            dim += k.ndim
        elif k is not None:
            dim += 1
    try:
        data = x._data[key]
    except IndexError as exc:
        raise IndexError(str(exc)) from None
    out = wrap(data, x._device)
    if records(x):
        node = IndexBackward0((edge(x),))
        node._key = key
        node._saved_self_sym_sizes = x._data.shape
        attach(out, node)
    return out


# --------------------------------------------------------------------------- x[key] = value
class IndexPutBackward0(Node):
    """`x[index] = value` with tensor or list indices: x's gradient is zero at the index."""

    __slots__ = ("_key", "_value_dtype", "_value_shape")

    def _apply(self, g, m, t):
        key = self._key
        gx = gv = None
        if self._edges[0][0] is not None:
            if t:
                mask = g._device.xp.ones_like(g._data)
                mask[key] = 0
                gx = g * wrap(mask, g._device)
            else:
                gx = g.copy()
                gx[key] = 0
        if self._edges[1][0] is not None:
            gv = sum_to(g[key], self._value_shape)
            if not t and gv.dtype != self._value_dtype:
                gv = gv.astype(self._value_dtype)
        return gx, gv


def _index_put(old: Tensor, key, value) -> Tensor:
    """The out-of-place value of `old[key] = value` (advanced key), with its node."""
    is_tensor = isinstance(value, Tensor)
    data = old._data.copy()
    data[key] = value._data if is_tensor else value
    node = IndexPutBackward0((
        edge(old) if old._requires_grad else NO_EDGE,
        edge(value) if is_tensor and value._requires_grad else NO_EDGE,
    ))
    node._key = key
    node._value_shape = value._data.shape if is_tensor else ()
    node._value_dtype = value._data.dtype if is_tensor else None
    return attach(wrap(data, old._device), node)


def _whole(items: tuple) -> bool:
    """True for keys that select the whole tensor (`x[:]`, `x[...]`): no view is taken."""
    return all(k is Ellipsis or (isinstance(k, slice) and k == slice(None)) for k in items)


def setitem(x: Tensor, key, value) -> None:
    """`x[key] = value`. In a graph, like PyTorch: a copy into the view x[key] (CopySlices on x),
    or index_put for tensor and list indices (IndexPutBackward0)."""
    items = key if isinstance(key, tuple) else (key,)
    advanced = any(_is_advanced(k) for k in items)
    akey = tuple(_array_key(k) if _is_advanced(k)
                 else (int(k.item()) if isinstance(k, Tensor) else k) for k in items)
    if not isinstance(key, tuple):
        akey = akey[0]
    is_tensor = isinstance(value, Tensor)
    if grad_state.enabled and (x._requires_grad or (is_tensor and value._requires_grad)):
        with observer.muted():  # setitem reports one event of its own
            if advanced:
                check_inplace(x)
                record_inplace(x, lambda old: _index_put(old, akey, value))
                bump_version(x)
            else:
                target = x if _whole(items) else _basic(x, items, single=not isinstance(key, tuple))
                if not is_tensor:
                    value = wrap(x._device.xp.asarray(value, dtype=x._data.dtype), x._device)
                copy_(target, value)
    else:
        x._data[akey] = value._data if is_tensor else value
        bump_version(x)
    record("setitem", (x, key, value), x)
