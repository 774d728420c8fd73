"""Shape ops (views, copies, joins) and their backward nodes.

Views share the version counter of the tensor they view, as in PyTorch, so an in-place
change through either one is seen by autograd.
"""
from __future__ import annotations

import math
import warnings

import numpy as np

from engine import backend, dtypes
from engine.autograd.graph import NO_EDGE, Node
from engine.broadcast import sum_to
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    grad_state,
    record,
    records,
    wrap,
    wrap_dim,
)
from engine.ops.formulas import define
from engine.ops.reduction import normalize_dims
from engine.ops.views import register_view
from engine.tensor import own_vc


def sizes_arg(args) -> tuple:
    """`f(2, 3)`, `f((2, 3))`, `f([2, 3])` and `f(torch.Size(...))` all mean the shape (2, 3)."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = args[0]
    out = []
    for a in args:
        if isinstance(a, Tensor):
            a = a.item()
        if not isinstance(a, (int, np.integer)) or isinstance(a, bool):
            raise TypeError(
                f"expected a sequence of integers for the shape, but got {type(a).__name__}"
            )
        out.append(int(a))
    return tuple(out)


def _shares_memory(out_data, data) -> bool:
    base = out_data.base
    return base is not None and (base is data or base is data.base)


def _record(op: str, x: Tensor, data, node, is_view: bool, inputs=None):
    out = wrap(data, x._device)
    if is_view:
        out._vc = own_vc(x)
        base = getattr(x, "_base", None)
        root = out._base = x if base is None else base
        if root._grad_fn is not None and grad_state.enabled:
            register_view(root, out)
    if node is not None and records(x):
        attach(out, node(x))
    return record(op, inputs if inputs is not None else (x,), out)


class _SizesNode(Node):
    __slots__ = ("_saved_self_sym_sizes",)


# --------------------------------------------------------------------------- view / reshape
class ViewBackward0(_SizesNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g.reshape(self._saved_self_sym_sizes),)


class UnsafeViewBackward0(ViewBackward0):
    __slots__ = ()


define("reshape", "y = x.reshape(shape)", gradient={"x": "grad_out.reshape(x.shape)"})


def infer_shape(shape: tuple, numel: int) -> tuple:
    """Resolve one -1 in `shape`, with PyTorch's errors for impossible shapes."""
    infer = [i for i, s in enumerate(shape) if s == -1]
    if len(infer) > 1:
        raise RuntimeError("only one dimension can be inferred")
    for s in shape:
        if s < -1:
            raise RuntimeError(f"invalid shape dimension {s}")
    known = math.prod(s for s in shape if s != -1)
    if infer:
        if known == 0 or numel % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape = tuple(numel // known if s == -1 else s for s in shape)
    elif known != numel:
        raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
    return shape


def _sizes_node(cls, shape):
    def make(x):
        node = cls((edge(x),))
        node._saved_self_sym_sizes = shape
        return node

    return make


def _reshape_no_copy(data, shape):
    try:
        return data.reshape(shape, copy=False)
    except TypeError:  # array libraries without the copy= keyword
        out = data.reshape(shape)
        return out if _shares_memory(out, data) else None
    except ValueError:
        return None


def view(x: Tensor, *shape):
    if len(shape) == 1 and isinstance(shape[0], dtypes.dtype):
        raise RuntimeError("view(dtype) is not supported by this engine")
    data = x._data
    target = infer_shape(sizes_arg(shape), data.size)
    out = _reshape_no_copy(data, target)
    if out is None:
        raise RuntimeError(
            "view size is not compatible with input tensor's size and stride (at least one "
            "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
        )
    return _record("view", x, out, _sizes_node(ViewBackward0, data.shape), True)


def reshape(x: Tensor, *shape):
    data = x._data
    target = infer_shape(sizes_arg(shape), data.size)
    out = _reshape_no_copy(data, target)
    if out is not None:
        return _record("reshape", x, out, _sizes_node(ViewBackward0, data.shape), True)
    # Not expressible as a view: PyTorch clones, then views the copy without a check.
    copy = clone(x)
    return _record(
        "reshape", copy, copy._data.reshape(target), _sizes_node(UnsafeViewBackward0, data.shape),
        False, inputs=(x,),
    )


def _unsafe_view(x: Tensor, shape: tuple):
    return _record("reshape", x, x._data.reshape(shape),
                   _sizes_node(UnsafeViewBackward0, x._data.shape), False)


def flatten(x: Tensor, start_dim: int = 0, end_dim: int = -1):
    shape = x._data.shape
    if not shape:
        return reshape(x, 1)
    s = wrap_dim(start_dim, len(shape))
    e = wrap_dim(end_dim, len(shape))
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return x
    return reshape(x, shape[:s] + (math.prod(shape[s : e + 1]),) + shape[e + 1 :])


def unflatten(x: Tensor, dim: int, sizes):
    """`dim` split into `sizes` (one of them may be -1): a view, as PyTorch's."""
    shape = x._data.shape
    d = wrap_dim(dim, len(shape))
    sizes = sizes_arg((sizes,))
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    known = math.prod(s for s in sizes if s != -1)
    fits = shape[d] % known == 0 if -1 in sizes and known else known == shape[d]
    if not fits:
        raise RuntimeError(
            f"unflatten: Provided sizes {list(sizes)} don't multiply up to the size of dim {d} "
            f"({shape[d]}) in the input tensor"
        )
    return view(x, shape[:d] + sizes + shape[d + 1:])


def view_as(x: Tensor, other: Tensor):
    return view(x, other._data.shape)


def reshape_as(x: Tensor, other: Tensor):
    return reshape(x, other._data.shape)


# --------------------------------------------------------------------------- transpose / permute
class TransposeBackward0(Node):
    __slots__ = ("_saved_dim0", "_saved_dim1")

    def _apply(self, g, m, t):
        return (m.swapaxes(g, self._saved_dim0, self._saved_dim1),)


define(
    "transpose", "y = x.transpose(dim0, dim1)",
    gradient={"x": "grad_out.transpose(dim0, dim1)"}, params=("dim0", "dim1"),
)


def transpose(x: Tensor, dim0: int, dim1: int):
    n = x._data.ndim
    d0, d1 = wrap_dim(dim0, n), wrap_dim(dim1, n)

    def make(x):
        node = TransposeBackward0((edge(x),))
        node._saved_dim0, node._saved_dim1 = dim0, dim1
        return node

    # (its numbers in the event: the code of a traced graph calls transpose(x, 0, 1) again)
    return _record("transpose", x, x._data.swapaxes(d0, d1), make, True, (x, dim0, dim1))


swapaxes = transpose


class PermuteBackward0(Node):
    __slots__ = ("_saved_dims",)

    def _apply(self, g, m, t):
        inverse = tuple(np.argsort(self._saved_dims))
        return (g.permute(inverse) if t else g.transpose(inverse),)


def permute(x: Tensor, *dims):
    dims = sizes_arg(dims)
    n = x._data.ndim
    if len(dims) != n:
        raise RuntimeError(
            f"permute(sparse_coo): number of dimensions in the tensor input does not match the "
            f"length of the desired ordering of dimensions i.e. input.dim() = {n} is not equal to "
            f"len(dims) = {len(dims)}"
        )
    wrapped = tuple(wrap_dim(d, n) for d in dims)
    if len(set(wrapped)) != n:
        raise RuntimeError("permute(): duplicate dims are not allowed.")

    def make(x):
        node = PermuteBackward0((edge(x),))
        node._saved_dims = wrapped
        return node

    # (the dims in the event, where a traced card has ports for them: its code permutes again)
    return _record("permute", x, x._data.transpose(wrapped), make, True,
                   (x, *dims) if len(dims) <= 3 else None)


def T(x: Tensor):
    n = x._data.ndim
    if n != 2:
        warnings.warn(
            "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
            "deprecated and it will throw an error in a future release. Consider `x.mT` to "
            "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to "
            "reverse the dimensions of a tensor.",
            UserWarning,
            stacklevel=3,
        )
    return permute(x, tuple(range(n - 1, -1, -1)))


class TBackward0(Node):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g.T if g.ndim == 2 else g,)


def t(x: Tensor):
    n = x._data.ndim
    if n > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {n}D")
    return _record("t", x, x._data.T, lambda x: TBackward0((edge(x),)), True)


# --------------------------------------------------------------------------- squeeze / unsqueeze
class UnsqueezeBackward0(Node):
    __slots__ = ("_saved_dim",)

    def _apply(self, g, m, t):
        return (g.squeeze(self._saved_dim),)


def unsqueeze(x: Tensor, dim: int):
    d = wrap_dim(dim, x._data.ndim + 1)

    def make(x):
        node = UnsqueezeBackward0((edge(x),))
        node._saved_dim = d
        return node

    data = x._data
    return _record("unsqueeze", x, data.reshape(data.shape[:d] + (1,) + data.shape[d:]), make,
                   True, (x, dim))


class SqueezeBackward0(_SizesNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g.reshape(self._saved_self_sym_sizes),)


class SqueezeBackward1(SqueezeBackward0):
    __slots__ = ("_saved_dim",)


class SqueezeBackward2(SqueezeBackward0):
    __slots__ = ("_saved_dim",)


class SqueezeBackward4(SqueezeBackward1):
    __slots__ = ()


def squeeze(x: Tensor, dim=None, _node=None):
    data = x._data
    shape = data.shape
    if dim is None:
        keep = tuple(s for s in shape if s != 1)
        cls = SqueezeBackward0
        dims = None
    else:
        dims = normalize_dims(dim, len(shape)) if len(shape) else ()
        keep = tuple(s for i, s in enumerate(shape) if not (i in dims and s == 1))
        cls = _node or (SqueezeBackward1 if isinstance(dim, int) else SqueezeBackward2)

    def make(x):
        node = cls((edge(x),))
        node._saved_self_sym_sizes = shape
        if dims is not None:
            node._saved_dim = dim if isinstance(dim, int) else dims
        return node

    return _record("squeeze", x, data.reshape(keep), make, True,
                   (x, dim) if isinstance(dim, int) else None)


# ------------------------------------------------------------ in place: x.unsqueeze_(0), x.t_()
# PyTorch names the history an in-place shape op gives its tensor apart from the out-of-place
# op's node (the same backward): these are those names, by the node each replaces.
class UnsqueezeBackward1(UnsqueezeBackward0):
    __slots__ = ()


class SqueezeBackward3(SqueezeBackward0):
    __slots__ = ()


class SqueezeBackward5(SqueezeBackward2):
    __slots__ = ()


class TBackward1(TBackward0):
    __slots__ = ()


class TransposeBackward1(TransposeBackward0):
    __slots__ = ()


IN_PLACE_NODE = {
    UnsqueezeBackward0: UnsqueezeBackward1, SqueezeBackward0: SqueezeBackward3,
    SqueezeBackward1: SqueezeBackward4, SqueezeBackward2: SqueezeBackward5,
    TBackward0: TBackward1, TransposeBackward0: TransposeBackward1,
}


# --------------------------------------------------------------------------- expand
class ExpandBackward0(_SizesNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (sum_to(g, self._saved_self_sym_sizes),)


def expand(x: Tensor, *sizes):
    sizes = sizes_arg(sizes)
    shape = x._data.shape
    if len(sizes) < len(shape):
        raise RuntimeError(
            f"expand(torch.FloatTensor{{{list(shape)}}}, size={list(sizes)}): the number of sizes "
            "provided "
            f"({len(sizes)}) must be greater or equal to the number of dimensions in the tensor "
            f"({len(shape)})"
        )
    lead = len(sizes) - len(shape)
    target = []
    for i, s in enumerate(sizes):
        have = shape[i - lead] if i >= lead else None
        if s == -1:
            if have is None:
                raise RuntimeError(
                    f"The expanded size of the tensor (-1) isn't allowed in a leading, "
                    f"non-existing dimension {i}"
                )
            s = have
        elif have is not None and have != 1 and have != s:
            raise RuntimeError(
                f"The expanded size of the tensor ({s}) must match the existing size ({have}) at "
                f"non-singleton dimension {i}.  Target sizes: {list(sizes)}.  Tensor sizes: "
                f"{list(shape)}"
            )
        target.append(s)
    data = x._device.xp.broadcast_to(x._data, tuple(target))
    return _record("expand", x, data, _sizes_node(ExpandBackward0, shape), True)


class UnfoldBackward0(Node):
    """Each window's gradient added back at the positions it was cut from (windows overlap
    where step < size)."""

    __slots__ = ("_saved_dimension", "_saved_self_sym_sizes", "_saved_size", "_saved_step")

    def _apply(self, g, m, t):
        d, size, step = self._saved_dimension, self._saved_size, self._saved_step
        shape = self._saved_self_sym_sizes
        if not shape:  # a 0-dim input: one window of its one element
            return (g.reshape(()),)
        n = g.shape[d]
        # (window k, element j) comes from position k * step + j along d
        index = [k * step + j for k in range(n) for j in range(size)]
        flat = g.movedim(-1, d + 1) if t else np.moveaxis(g, -1, d + 1)
        flat = flat.reshape(*shape[:d], n * size, *shape[d + 1:])
        if t:
            from engine.ops.scatter import index_add

            zeros = g.new_zeros(shape)
            return (index_add(zeros, d, wrap(np.asarray(index, dtype=np.int64), g._device), flat),)
        gx = m.zeros(shape, dtype=g.dtype)
        np.add.at(np.moveaxis(gx, d, 0), index, np.moveaxis(flat, d, 0))
        return (gx,)


def unfold(x: Tensor, dimension: int, size: int, step: int) -> Tensor:
    """The windows of `size` along `dimension`, every `step`: a view with one more dim (the
    window), as Tensor.unfold."""
    data = x._data
    d = wrap_dim(dimension, max(data.ndim, 1))
    length = data.shape[d] if data.ndim else 1
    if size > length:
        raise RuntimeError(f"maximum size for tensor at dimension {d} is {length} but size is "
                           f"{size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    if not data.ndim:
        windows = data.reshape(1)
    else:
        windows = np.lib.stride_tricks.sliding_window_view(data, size, axis=d)
        windows = windows[(slice(None),) * d + (slice(None, None, step),)]

    def node(x):
        n = UnfoldBackward0((edge(x),))
        n._saved_dimension, n._saved_size, n._saved_step = d, size, step
        n._saved_self_sym_sizes = data.shape
        return n

    return _record("unfold", x, windows, node, True)


def expand_as(x: Tensor, other: Tensor):
    return expand(x, other._data.shape)


def broadcast_to(x: Tensor, shape):
    return expand(x, shape)


# --------------------------------------------------------------------------- copies
class CloneBackward0(Node):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g,)


def clone(x: Tensor, *, memory_format=None):
    x = as_tensor_input(x, "clone")
    data = x._data
    # PyTorch preserves the layout of a dense tensor; an expanded one (a stride 0) comes out
    # contiguous, where NumPy's order "K" would keep the expanded dim's odd place
    order = "C" if data.size > 1 and 0 in data.strides else "K"
    return _record("clone", x, data.copy(order=order), lambda x: CloneBackward0((edge(x),)), False)


def contiguous(x: Tensor, memory_format=None):
    if x._data.flags.c_contiguous:
        return x
    data = x._device.xp.ascontiguousarray(x._data)
    return _record("contiguous", x, data, lambda x: CloneBackward0((edge(x),)), False)


class ToCopyBackward0(Node):
    __slots__ = ("_device", "_dtype")

    def _apply(self, g, m, t):
        if t:
            return (g.to(device=self._device, dtype=self._dtype),)
        if self._device.xp is not m:
            g = self._device.xp.asarray(_host(g))
        return (g.astype(self._dtype.np, copy=False),)


def _host(arr):
    if type(arr) is np.ndarray:
        return arr
    return arr.get() if hasattr(arr, "get") else np.asarray(arr)


def _parse_to(args, kwargs):
    dtype = kwargs.pop("dtype", None)
    device = kwargs.pop("device", None)
    for a in args:
        if isinstance(a, dtypes.dtype):
            dtype = a
        elif isinstance(a, Tensor):
            dtype, device = a.dtype, a._device
        elif isinstance(a, (str, backend.device)):
            device = a
        elif a is not None and not isinstance(a, bool):
            raise TypeError(f"to() received an invalid combination of arguments: {a!r}")
    kwargs.pop("non_blocking", None)
    copy = kwargs.pop("copy", False)
    if kwargs:
        raise TypeError(f"to() got an unexpected keyword argument '{next(iter(kwargs))}'")
    return dtype, device, copy


def to(x: Tensor, *args, **kwargs):
    dtype, device, copy = _parse_to(args, dict(kwargs))
    dt = x.dtype if dtype is None else dtypes.to_dtype(dtype)
    dev = x._device if device is None else backend.device(device)
    if dt is x.dtype and dev == x._device and not copy:
        return x
    data = x._data
    if dev != x._device:
        data = dev.xp.asarray(_host(data))
    data = data.astype(dt.np, copy=copy or data is x._data)
    if dt.is_floating_point or not x._requires_grad:
        make = None
        if x._requires_grad:
            src_dtype, src_dev = x.dtype, x._device

            def make(x):
                node = ToCopyBackward0((edge(x),))
                node._dtype, node._device = src_dtype, src_dev
                return node

        out = wrap(data, dev)
        if make is not None and grad_state.enabled:
            attach(out, make(x))
    else:
        out = wrap(data, dev)  # casting to an integer type leaves the graph, as in PyTorch
    return record("to", (x,), out)


# --------------------------------------------------------------------------- cat / stack / flip
class CatBackward0(Node):
    __slots__ = ("_saved_dim", "_sizes")

    def _apply(self, g, m, t):
        d = self._saved_dim
        out, start = [], 0
        for k, size in enumerate(self._sizes):
            if self._edges[k][0] is None:
                out.append(None)
            else:
                index = (slice(None),) * d + (slice(start, start + size),)
                out.append(g[index])
            start += size
        return tuple(out)


def _joined(op, tensors, dim, join, node_cls, **saved):
    """cat and stack: the arrays joined by the namespace's `join` along `dim`; the node keeps
    `dim` and the `saved` attributes."""
    if not tensors:
        raise RuntimeError(f"{op}(): expected a non-empty list of Tensors")
    dt = dtypes.result_type(*tensors).np
    arrays = [t._data if t._data.dtype is dt else t._data.astype(dt) for t in tensors]
    dev = tensors[0]._device
    data = getattr(dev.xp, join)(arrays, axis=dim)
    out = wrap(data, dev)
    if grad_state.enabled and any(t._requires_grad for t in tensors):
        node = node_cls(tuple(edge(t) if t._requires_grad else NO_EDGE for t in tensors))
        node._saved_dim = dim
        for name, value in saved.items():
            setattr(node, name, value)
        attach(out, node)
    return record(op, tuple(tensors), out)


def cat(tensors, dim: int = 0, *, axis=None):
    if axis is not None:
        dim = axis
    tensors = list(tensors)
    d = wrap_dim(dim, tensors[0]._data.ndim if tensors else 1)

    first = tensors[0]._data.shape if tensors else ()
    for i, t in enumerate(tensors):
        shape = t._data.shape
        if len(shape) != len(first):
            raise RuntimeError(
                f"Tensors must have same number of dimensions: got {len(first)} and {len(shape)}"
            )
        for j, (p, q) in enumerate(zip(first, shape)):
            if j != d and p != q:
                raise RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {p} but "
                    f"got size {q} for tensor number {i} in the list."
                )
    sizes = [t._data.shape[d] for t in tensors]
    return _joined("cat", tensors, d, "concatenate", CatBackward0, _sizes=sizes)


class StackBackward0(Node):
    __slots__ = ("_saved_dim",)

    def _apply(self, g, m, t):
        d = self._saved_dim
        return tuple(
            None if nxt is None else g[(slice(None),) * d + (k,)]
            for k, (nxt, _) in enumerate(self._edges)
        )


def stack(tensors, dim: int = 0):
    tensors = list(tensors)
    d = wrap_dim(dim, (tensors[0]._data.ndim if tensors else 0) + 1)

    for i, t in enumerate(tensors):
        if t._data.shape != tensors[0]._data.shape:
            raise RuntimeError(
                "stack expects each tensor to be equal size, but got "
                f"{list(tensors[0]._data.shape)} "
                f"at entry 0 and {list(t._data.shape)} at entry {i}"
            )
    return _joined("stack", tensors, d, "stack", StackBackward0)


class FlipBackward0(Node):
    __slots__ = ("_saved_dims",)

    def _apply(self, g, m, t):
        return (m.flip(g, self._saved_dims),)


def flip(x: Tensor, dims):
    wrapped = normalize_dims(dims, x._data.ndim)

    def make(x):
        node = FlipBackward0((edge(x),))
        node._saved_dims = wrapped
        return node

    return _record("flip", x, x._device.xp.flip(x._data, wrapped).copy(), make, False)


# --------------------------------------------------------------------------- repeat
class RepeatBackward0(Node):
    """Each copy's gradient is summed back onto the original element."""

    __slots__ = ("_saved_repeats", "_saved_self_sym_sizes")

    def _apply(self, g, m, t):
        repeats, shape = self._saved_repeats, self._saved_self_sym_sizes
        padded = (1,) * (len(repeats) - len(shape)) + tuple(shape)
        split = []
        for r, s in zip(repeats, padded):
            split += [r, s]
        summed = g.reshape(tuple(split)).sum(axis=tuple(range(0, len(split), 2)))
        return (summed.reshape(shape),)


def repeat(x: Tensor, *sizes) -> Tensor:
    """x tiled `sizes[i]` times along each dimension (extra leading sizes add dimensions)."""
    repeats = sizes_arg(sizes)
    data = x._data
    if len(repeats) < data.ndim:
        raise RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions of "
            "tensor"
        )
    out = x._device.xp.tile(data, repeats) if repeats else data.copy()

    def make(x):
        node = RepeatBackward0((edge(x),))
        node._saved_repeats, node._saved_self_sym_sizes = repeats, data.shape
        return node

    return _record("repeat", x, out, make, False)
