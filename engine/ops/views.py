"""In-place writes through a view of a tensor that requires grad: CopySlices, AsStridedBackward0.

PyTorch rewrites the viewed tensor's (the base's) history: the base's new grad_fn is a
CopySlices node that wraps the in-place op's node; the view becomes an as_strided view of the
new base. Where the view lies in the base is read from the two arrays' memory layout
(`view_index`), so every view op (indexing, view, transpose, ...) is covered at no cost to it.
"""
from __future__ import annotations

import weakref

import numpy as np

from engine.autograd.graph import Node, record
from engine.tensor import Tensor

OVERLAP_MESSAGE = (
    "unsupported operation: more than one element of the written-to tensor refers to a single "
    "memory location. Please clone() the tensor before performing the operation."
)


def _address(arr) -> int:
    data = arr.data
    ptr = getattr(data, "ptr", None)  # CuPy's memory pointer
    return ptr if ptr is not None else arr.__array_interface__["data"][0]


def view_index(base, view) -> np.ndarray:
    """For each element of `view` (an array viewing `base`'s memory), its flat index in base."""
    item = base.itemsize
    offsets = np.zeros((), dtype=np.int64)  # byte offset of every base element
    for size, stride in zip(base.shape, base.strides):
        offsets = offsets[..., None] + np.arange(size, dtype=np.int64) * stride
    order = np.argsort(offsets, axis=None, kind="stable")
    ordered = offsets.reshape(-1)[order]
    wanted = np.full((), _address(view) - _address(base), dtype=np.int64)
    for size, stride in zip(view.shape, view.strides):
        wanted = wanted[..., None] + np.arange(size, dtype=np.int64) * stride
    found = np.searchsorted(ordered, wanted)
    if (found >= ordered.size).any() \
            or (ordered[np.minimum(found, ordered.size - 1)] != wanted).any():
        raise RuntimeError("the view's elements do not lie inside its base tensor")
    index = order[found]
    if np.unique(index).size != index.size or item != view.itemsize:
        raise RuntimeError(OVERLAP_MESSAGE)
    return index


def _device_index(index, like):
    """The index array on the device of `like` (an array or Tensor)."""
    data = like._data if isinstance(like, Tensor) else like
    if type(data) is np.ndarray:
        return index
    from engine import backend

    return backend.device_of_array(data).xp.asarray(index)


def _take(g, index, as_tensors: bool):
    """g (shaped like the base) read at the view's elements."""
    if as_tensors:
        return g.reshape(-1)[Tensor._wrap(_device_index(index, g))]
    return g.reshape(-1)[_device_index(index, g)]


def _embed(values, index, shape, g, as_tensors: bool):
    """g with the view's elements replaced by `values` (or zeroed where values is None)."""
    if as_tensors:
        from engine.ops.indexing import _embed as embed_at

        flat = index.reshape(-1)
        mask = np.ones(int(np.prod(shape)), dtype=g._data.dtype)
        mask[flat] = 0
        out = g.reshape(-1) * Tensor._wrap(_device_index(mask, g))
        if values is not None:
            out = out + embed_at(values.reshape(-1), mask.shape, _device_index(flat, g), False)
        return out.reshape(shape)
    out = g.copy()
    out.reshape(-1)[_device_index(index, g)] = 0 if values is None else values
    return out


class CopySlices(Node):
    """The base's history after an in-place op on one of its views.

    next_functions: the base's old history, then the wrapped op's other inputs, as in PyTorch.
    """

    __slots__ = ("_base_shape", "_fn", "_index")

    def __init__(self, next_functions: tuple) -> None:
        # A non-empty `_saved` so that backward without retain_graph frees this node.
        super().__init__(next_functions, (True,))

    def name(self) -> str:
        return "torch::autograd::CopySlices"

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        fn = self._fn
        if self._saved is None:
            from engine.autograd.graph import FREED_MESSAGE

            raise RuntimeError(FREED_MESSAGE)
        view_grad = _take(grad, self._index, as_tensors)
        if not as_tensors:
            view_grad = view_grad.copy()
        results = fn._apply(view_grad, m, as_tensors)
        base_grad = None
        if self._edges[0][0] is not None:
            base_grad = _embed(results[0], self._index, self._base_shape, grad, as_tensors)
        return (base_grad, *results[1:])


class AsStridedBackward0(Node):
    """A view of a base whose history was rewritten: its gradient lands at the view's place."""

    __slots__ = ("_base_shape", "_index")

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        if as_tensors:
            from engine.ops.indexing import _embed as embed_at

            flat = self._index.reshape(-1)
            size = int(np.prod(self._base_shape))
            out = embed_at(grad.reshape(-1), (size,), _device_index(flat, grad), False)
            return (out.reshape(self._base_shape),)
        out = m.zeros(self._base_shape, dtype=grad.dtype)
        out.reshape(-1)[_device_index(self._index, grad)] = grad
        return (out,)


def register_view(base: Tensor, view: Tensor) -> None:
    """Remember a view of a non-leaf, so an in-place change of the base can re-point it.

    Only views of tensors with a history are tracked: only those bases can change history in
    place (a leaf that requires grad refuses in-place ops), and they are usually temporaries.
    """
    views = getattr(base, "_views", None)
    if views is None:
        base._views = [weakref.ref(view)]
    else:
        views.append(weakref.ref(view))


def repoint_views(base: Tensor, skip: Tensor | None = None) -> None:
    """After base's history was rewritten in place, its other views become as_strided views of
    its new history (PyTorch regenerates a view's grad_fn the same way)."""
    views = getattr(base, "_views", None)
    if not views:
        return
    alive = []
    for ref in views:
        view = ref()
        if view is None:
            continue
        alive.append(ref)
        if view is skip:
            continue
        node = AsStridedBackward0(((base._grad_fn, 0),))
        node._index, node._base_shape = view_index(base._data, view._data), base._data.shape
        record(None, (), view, node)
    base._views = alive
