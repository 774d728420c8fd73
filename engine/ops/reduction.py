"""Reductions (sum, mean, max, min, all, any, argmax) with their backward nodes."""
from __future__ import annotations

import warnings

import numpy as np

from engine import dtypes
from engine.autograd.grad_mode import off_threads as _off_threads
from engine.autograd.graph import Node, next_seq
from engine.deferred import DeferredTensor, unshared
from engine.observer import _listeners
from engine.ops.cascade_sum import torch_sum
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    grad_state,
    quiet,
    record,
    records,
    wrap,
    wrap_dim,
)
from engine.ops.formulas import define
from engine.tensor import _FRESH_VC, _NP_SCALARS, _asarray, _new


def numpy_names(dim, keepdim: bool, axis, keepdims) -> tuple:
    """dim and keepdim, also given as NumPy's axis and keepdims (PyTorch accepts both)."""
    return (dim if axis is None else axis), (keepdim if keepdims is None else keepdims)


def normalize_dims(dim, ndim: int) -> tuple[int, ...]:
    """`dim` (int or sequence) as a sorted tuple of non-negative dims, PyTorch's errors."""
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    out = []
    for d in dims:
        if not isinstance(d, (int, np.integer)):
            raise TypeError(f"dim must be an int or a tuple of ints, not {type(d).__name__}")
        w = wrap_dim(int(d), ndim)
        if w in out:
            raise RuntimeError(f"dim {w} appears multiple times in the list of dims")
        out.append(w)
    return tuple(sorted(out))


def keepdim_shape(shape: tuple, dims: tuple[int, ...]) -> tuple:
    return tuple(1 if i in dims else s for i, s in enumerate(shape))


def expand_grad(g, shape: tuple, dims, keepdim: bool, m, as_tensors: bool):
    """Spread the gradient of a reduction over `dims` back to the input's `shape`."""
    if as_tensors:  # differentiable: the ops PyTorch's sum_backward records (unsqueeze, expand)
        for d in () if dims is None or keepdim else dims:
            g = g.unsqueeze(d)
        return g.expand(shape)
    if dims is not None and not keepdim:
        g = g.reshape(keepdim_shape(shape, dims))
    if not g.ndim:
        return m.full(shape, g, dtype=g.dtype)
    return m.broadcast_to(g, shape)


# The bytes of 1 in each float dtype: the seed of `loss.backward()` (PowBackward0 tells it too)
ONE_BYTES = {np.dtype(t): np.ones((), t).tobytes() for t in (np.float16, np.float32, np.float64)}
_expanded_ones: dict = {}  # (dtype, shape) -> the read-only view SumBackward0 gives for 1


class _ReductionNode(Node):
    __slots__ = ("_saved_dim", "_saved_keepdim", "_saved_self_sym_sizes")


# --------------------------------------------------------------------------- sum
class SumBackward0(_ReductionNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        shape = self._saved_self_sym_sizes
        if t:
            return (g.expand(shape),)
        if shape and g.__class__ is np.ndarray:
            # g.expand(shape), as PyTorch does: a view repeating g's one element, read-only as
            # PyTorch refuses to write it in place (over a bytes copy: cheaper than the flag).
            # Being read-only, the one of `loss.backward()`'s seed 1 is made once per shape.
            value, dtype = g.tobytes(), g.dtype
            if value != ONE_BYTES.get(dtype):
                return (np.ndarray(shape, dtype, value, 0, (0,) * len(shape)),)
            key = (dtype, shape)
            ones = _expanded_ones.get(key)
            if ones is None:
                if len(_expanded_ones) >= 64:
                    _expanded_ones.clear()
                ones = _expanded_ones[key] = np.ndarray(shape, dtype, value, 0, (0,) * len(shape))
            return (ones,)
        out = m.empty(shape, dtype=g.dtype)  # a NumPy scalar or a CuPy array: fill
        out.fill(g)
        return (out,)


class SumBackward1(_ReductionNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (expand_grad(g, self._saved_self_sym_sizes, self._saved_dim, self._saved_keepdim,
                            m, t),)


define("sum", "y = Σ x", gradient={"x": "grad_out.expand_as(x)"})


def summed_data(x, dtype):
    """x's array in the dtype its sum has: `dtype` if given; integers and bools as int64."""
    data = x._data
    if dtype is not None:
        return data.astype(dtypes.to_dtype(dtype).np)
    if data.dtype.kind in "biu" and data.dtype != np.int64:
        return data.astype(np.int64)  # integer sums are int64 in PyTorch
    return data


def _with_dim(x, dim, keepdim: bool) -> tuple:
    """A reduction's event inputs: its dim and keepdim too, where the dim is one number (the
    code of a traced graph calls sum(x, 1, True) again; a tuple of dims is no card's value)."""
    if isinstance(dim, int) and not isinstance(dim, bool):
        return (x, dim, True) if keepdim else (x, dim)
    return (x,)


def _reduction_node(cls, x, dims, keepdim):
    node = cls((edge(x),))
    node._saved_self_sym_sizes = x._data.shape
    node._saved_dim = dims
    node._saved_keepdim = keepdim
    return node


def sum(x, dim=None, keepdim: bool = False, *, dtype=None, axis=None, keepdims=None):
    if (
        dim is None and x.__class__ is Tensor and not keepdim and dtype is None
        and axis is None and keepdims is None and x._data.dtype.kind == "f"
    ):  # `loss = (...).sum()`: Tensor._wrap and Node.__init__ inlined (test_fast_paths checks
        # they give what the general path below gives)
        data = x._data
        if data.__class__ is np.ndarray and not _listeners and unshared(x, data):
            out = _new(DeferredTensor)  # summed when first read (see engine/deferred.py)
            out._pending = (torch_sum, data)
        else:
            r = torch_sum(data)
            if r.__class__ is not np.ndarray and r.__class__ in _NP_SCALARS:
                r = _asarray(r)
            out = _new(Tensor)
            out._data = r
        out._device = x._device
        out._requires_grad = False
        out._grad_fn = None
        out._grad = None
        out._vc = _FRESH_VC
        node = None
        if x._requires_grad and (not _off_threads or grad_state.enabled):
            node = _new(SumBackward0)
            node._edges = (((x._grad_fn or x._accumulator()), 0),)
            node._seq = next_seq()
            node._extras = None
            node._saved = ()
            node._versions = ()
            node._saved_self_sym_sizes = data.shape
            node._saved_dim = None
            node._saved_keepdim = False
        return record("sum", (x,), out, node)
    dim, keepdim = numpy_names(dim, keepdim, axis, keepdims)
    if x.__class__ is not Tensor:
        x = as_tensor_input(x, "sum")
    data = summed_data(x, dtype)
    if dim is None or (isinstance(dim, (tuple, list)) and not dim):
        dims = None
        r = torch_sum(data)
        if keepdim:
            r = r.reshape((1,) * data.ndim)
    else:
        dims = normalize_dims(dim, data.ndim)
        r = torch_sum(data, dims, keepdim)
    node = None
    if x._requires_grad and (not _off_threads or grad_state.enabled):
        cls = SumBackward0 if dims is None and not keepdim else SumBackward1
        node = _reduction_node(cls, x, dims, keepdim)
    return record("sum", _with_dim(x, dim, keepdim), wrap(r, x._device), node)


# --------------------------------------------------------------------------- mean
class MeanBackward0(_ReductionNode):
    __slots__ = ()

    @property
    def _saved_self_sym_numel(self) -> int:
        return int(np.prod(self._saved_self_sym_sizes))

    def _apply(self, g, m, t):
        return (expand_grad(g / self._saved_self_sym_numel, self._saved_self_sym_sizes, None,
                            False, m, t),)


class MeanBackward1(MeanBackward0):
    __slots__ = ()

    def _apply(self, g, m, t):
        shape, dims = self._saved_self_sym_sizes, self._saved_dim
        n = int(np.prod([shape[d] for d in dims])) if dims is not None else int(np.prod(shape))
        return (expand_grad(g / n, shape, dims, self._saved_keepdim, m, t),)


define("mean", "y = Σ x / n", gradient={"x": "grad_out.expand_as(x) / n"}, params=("n",))


def mean(x, dim=None, keepdim: bool = False, *, dtype=None, axis=None, keepdims=None):
    dim, keepdim = numpy_names(dim, keepdim, axis, keepdims)
    x = as_tensor_input(x, "mean")
    data = x._data
    if dtype is not None:
        data = data.astype(dtypes.to_dtype(dtype).np)
    if data.dtype.kind not in "fc":
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            f"complex dtype. Got: {x.dtype._legacy}"
        )
    dims = None if dim is None else normalize_dims(dim, data.ndim)
    if data.size:  # PyTorch's CPU mean: the sum, divided by the count in the same precision
        r = torch_sum(data, dims, keepdim)
        r = r / r.dtype.type(data.size // (r.size or 1))
    else:
        with quiet(), warnings.catch_warnings():
            # The mean of nothing is nan in PyTorch, without NumPy's "Mean of empty slice".
            warnings.simplefilter("ignore", RuntimeWarning)
            r = data.mean() if dims is None else data.mean(axis=dims, keepdims=keepdim)
    out = wrap(r.astype(data.dtype, copy=False), x._device)
    if records(x):
        cls = MeanBackward0 if dims is None else MeanBackward1
        attach(out, _reduction_node(cls, x, dims, keepdim))
    return record("mean", _with_dim(x, dim, keepdim), out)


# --------------------------------------------------------------------------- max / min
def _return_type(name: str):
    """A (values, indices) tuple printing like PyTorch's torch.return_types.<name>."""

    def __new__(cls, values, indices):
        return tuple.__new__(cls, (values, indices))

    def __repr__(self):
        return f"torch.return_types.{name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    return type(name, (tuple,), {
        "__slots__": (), "__new__": __new__, "__repr__": __repr__,
        "values": property(lambda s: s[0]), "indices": property(lambda s: s[1]),
        "__module__": "torch.return_types",
    })


max_result = _return_type("max")
min_result = _return_type("min")


class MaxBackward1(Node):
    """Full max/min: the gradient is shared evenly among all elements equal to the result."""

    __slots__ = ()
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        mask = x == r
        count = mask.sum()
        return (m.where(mask, g / count, 0.0),)


class MinBackward1(MaxBackward1):
    __slots__ = ()


class MaxBackward0(_ReductionNode):
    """max/min along a dim: the gradient goes to the selected index only."""

    __slots__ = ("_indices", "_xp")

    @property
    def _saved_indices(self):
        return wrap(self._indices)

    def _apply(self, g, m, t):
        shape, dim, keepdim = self._saved_self_sym_sizes, self._saved_dim, self._saved_keepdim
        idx = self._indices if keepdim else self._indices.reshape(keepdim_shape(shape, (dim,)))
        if not keepdim:
            g = g.reshape(keepdim_shape(shape, (dim,)))
        xp = self._xp
        along = [-1 if i == dim else 1 for i in range(len(shape))]
        positions = xp.arange(shape[dim]).reshape(along)
        mask = positions == idx
        if t:
            mask = wrap(mask)
        return (m.where(mask, g, 0.0),)


class MinBackward0(MaxBackward0):
    __slots__ = ()


def _extreme(x, dim, keepdim, is_max: bool):
    x = as_tensor_input(x, "max" if is_max else "min")
    name = "max" if is_max else "min"
    from engine.tensor import Tensor

    if isinstance(dim, Tensor):
        from engine.ops.elementwise import maximum, minimum

        return maximum(x, dim) if is_max else minimum(x, dim)
    data = x._data
    xp = x._device.xp
    if dim is None:
        if data.size == 0:
            raise RuntimeError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                "Specify the reduction dim with the 'dim' argument."
            )
        out = wrap(data.max() if is_max else data.min(), x._device)
        if records(x):
            attach(out, (MaxBackward1 if is_max else MinBackward1)((edge(x),), (x, out)))
        return record(name, (x,), out)
    d = wrap_dim(dim, data.ndim)
    if data.ndim == 0:
        idx = xp.zeros((), dtype=np.int64)
        values = data.copy()
    else:
        if data.shape[d] == 0:
            raise IndexError(
                f"{name}(): Expected reduction dim {d} to have non-zero size."
            )
        idx = (xp.argmax if is_max else xp.argmin)(data, axis=d, keepdims=True)
        values = xp.take_along_axis(data, idx, axis=d)
        if not keepdim:
            idx = idx.squeeze(d)
            values = values.squeeze(d)
    out = wrap(values, x._device)
    if records(x):
        node = _reduction_node(MaxBackward0 if is_max else MinBackward0, x, d, keepdim)
        node._indices = idx
        node._xp = xp
        attach(out, node)
    indices = wrap(idx.astype(np.int64, copy=False), x._device)
    record(name, (x,), out)
    return (max_result if is_max else min_result)(out, indices)


def max(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    dim, keepdim = numpy_names(dim, keepdim, axis, keepdims)
    return _extreme(x, dim, keepdim, True)


def min(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    dim, keepdim = numpy_names(dim, keepdim, axis, keepdims)
    return _extreme(x, dim, keepdim, False)


def _position(find: str, x, dim, keepdim: bool):
    """argmax or argmin (`find`): the int64 index of the extreme, flat when dim is None."""
    data = x._data
    locate = getattr(x._device.xp, find)
    if dim is None:
        r = locate(data.reshape(-1))
        if keepdim:
            r = r.reshape((1,) * data.ndim)
    else:
        r = locate(data, axis=wrap_dim(dim, data.ndim), keepdims=keepdim)
    return wrap(r.astype(np.int64, copy=False), x._device)


def argmax(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    return _position("argmax", x, *numpy_names(dim, keepdim, axis, keepdims))


def argmin(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    return _position("argmin", x, *numpy_names(dim, keepdim, axis, keepdims))


# --------------------------------------------------------------------------- all / any
def _truth(test: str, x, dim, keepdim: bool):
    """all or any (`test`, the array method) over every element or along dim."""
    data = x._data
    reduce = getattr(data, test)
    r = reduce() if dim is None else reduce(axis=wrap_dim(dim, data.ndim), keepdims=keepdim)
    return wrap(r, x._device)


def all(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    return _truth("all", x, *numpy_names(dim, keepdim, axis, keepdims))


def any(x, dim=None, keepdim: bool = False, *, axis=None, keepdims=None):
    return _truth("any", x, *numpy_names(dim, keepdim, axis, keepdims))


# --------------------------------------------------------------------------- cumsum
class CumsumBackward0(Node):
    """The gradient of a running sum is the running sum of the gradient, taken from the end."""

    __slots__ = ("_saved_dim",)

    def _apply(self, g, m, t):
        d = self._saved_dim
        if not g.ndim:
            return (g,)
        if t:
            return (g.flip(d).cumsum(d).flip(d),)
        return (m.flip(m.cumsum(m.flip(g, d), axis=d), d),)


def scan_input(name: str, x, dim, dtype, axis):
    """A running op's (cumsum, cumprod) input: the tensor, its data in the result's dtype
    (integers run as int64, as in PyTorch) and the wrapped dim."""
    if axis is not None:
        dim = axis
    if dim is None:
        raise TypeError(f"{name}() missing 1 required positional arguments: \"dim\"")
    x = as_tensor_input(x, name)
    data = x._data
    if dtype is not None:
        data = data.astype(dtypes.to_dtype(dtype).np)
    elif data.dtype.kind in "biu":
        data = data.astype(np.int64)
    return x, data, (wrap_dim(dim, data.ndim) if data.ndim else 0)


def cumsum(x, dim=None, *, dtype=None, axis=None):
    """Running sums along `dim` (integers sum as int64, as in PyTorch)."""
    x, data, d = scan_input("cumsum", x, dim, dtype, axis)
    r = x._device.xp.cumsum(data, axis=d) if data.ndim else data.copy()
    node = None
    if records(x):
        node = CumsumBackward0((edge(x),))
        node._saved_dim = d
    return record("cumsum", (x,), wrap(r, x._device), node)


# --------------------------------------------------------------------------- prod
def _exclusive_products(data, axis: int, xp):
    """For each element, the product of the others along `axis` (exact when some are zero)."""
    moved = xp.moveaxis(data, axis, -1)
    ones = xp.ones(moved.shape[:-1] + (1,), dtype=moved.dtype)
    left = xp.concatenate([ones, xp.cumprod(moved, axis=-1)[..., :-1]], axis=-1)
    right = xp.flip(
        xp.concatenate([ones, xp.cumprod(xp.flip(moved, -1), axis=-1)[..., :-1]], axis=-1), -1
    )
    return xp.moveaxis(left * right, -1, axis)


class ProdBackward0(Node):
    """d prod / d x_i = the product of the other elements."""

    __slots__ = ()
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        if t:  # differentiable form (for create_graph); assumes no zero element
            return (g * r / x,)
        others = _exclusive_products(x.reshape(-1), 0, m).reshape(x.shape)
        return (g * others,)


class ProdBackward1(Node):
    __slots__ = ("_saved_dim", "_saved_keepdim")
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        d = self._saved_dim
        if not self._saved_keepdim:
            g = g.unsqueeze(d) if t else m.expand_dims(g, d)
            r = r.unsqueeze(d) if t else m.expand_dims(r, d)
        if t:
            return (g * r / x,)
        return (g * _exclusive_products(x, d, m),)


def prod(x, dim=None, keepdim: bool = False, *, dtype=None):
    """The product of all elements, or along `dim` (integers multiply as int64)."""
    x = as_tensor_input(x, "prod")
    data = x._data
    if dtype is not None:
        data = data.astype(dtypes.to_dtype(dtype).np)
    elif data.dtype.kind in "biu":
        data = data.astype(np.int64)
    xp = x._device.xp
    if dim is None:
        r = xp.asarray(data.prod())
        node_cls, d = ProdBackward0, None
    else:
        d = wrap_dim(dim, data.ndim) if data.ndim else 0
        r = data.prod(axis=d, keepdims=keepdim) if data.ndim else data.copy()
        node_cls = ProdBackward1
    out = wrap(r, x._device)
    if records(x):
        node = node_cls((((x._grad_fn or x._accumulator()), 0),), (x, out))
        if d is not None:
            node._saved_dim, node._saved_keepdim = d, keepdim or not data.ndim
        attach(out, node)
    return record("prod", (x,), out)


# --------------------------------------------------------------------------- amax / amin
class AmaxBackward0(Node):
    """The gradient is shared evenly among the elements equal to the extreme, per slice."""

    __slots__ = ("_saved_dim", "_saved_keepdim")
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        dims = self._saved_dim
        if not self._saved_keepdim:
            for d in sorted(dims):
                g = g.unsqueeze(d) if t else m.expand_dims(g, d)
                r = r.unsqueeze(d) if t else m.expand_dims(r, d)
        mask = x == r
        if t:
            mask = mask.to(x.dtype)
            count = mask.sum(dims, keepdim=True)
        else:
            mask = mask.astype(x.dtype)
            count = mask.sum(axis=dims, keepdims=True)
        return (g * mask / count,)


class AminBackward0(AmaxBackward0):
    __slots__ = ()


def _amax_amin(name: str, x, dim, keepdim: bool, node_cls):
    x = as_tensor_input(x, name)
    data = x._data
    dims = normalize_dims(dim if dim not in (None, ()) else tuple(range(data.ndim)), data.ndim) \
        if data.ndim else ()
    reduce = data.max if name == "amax" else data.min
    r = reduce(axis=dims, keepdims=keepdim) if data.ndim else data.copy()
    out = wrap(x._device.xp.asarray(r), x._device)
    if records(x):
        node = node_cls((((x._grad_fn or x._accumulator()), 0),), (x, out))
        node._saved_dim, node._saved_keepdim = tuple(dims), keepdim
        attach(out, node)
    return record(name, (x,), out)


def amax(x, dim=(), keepdim: bool = False):
    """The maximum over `dim` (all dims by default); ties share the gradient."""
    return _amax_amin("amax", x, dim, keepdim, AmaxBackward0)


def amin(x, dim=(), keepdim: bool = False):
    """The minimum over `dim` (all dims by default); ties share the gradient."""
    return _amax_amin("amin", x, dim, keepdim, AminBackward0)
