"""split, chunk and unbind: one op, several outputs (views), one backward node for all of them.

Outputs after the first carry an OutputSlot as grad_fn (see engine.autograd.function), so the
node receives every output's gradient by number, as PyTorch's multi-output nodes do.
"""
from __future__ import annotations

from itertools import pairwise

from engine.autograd.function import OutputGrads, OutputSlot
from engine.autograd.graph import Node
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    record,
    records,
    wrap,
    wrap_dim,
)
from engine.tensor import own_vc


class _PiecesNode(Node):
    """Gradients of the pieces, zeros for unused ones, joined back along the split dim."""

    __slots__ = ("_dtype", "_saved_dim", "_shapes")

    def _pieces(self, g, m, t) -> list:
        parts = g.parts if g.__class__ is OutputGrads else {0: g}
        like = next(p for p in parts.values() if p is not None)
        out = []
        for nr, shape in enumerate(self._shapes):
            piece = parts.get(nr)
            if piece is None:
                piece = like.new_zeros(shape) if t else m.zeros(shape, dtype=like.dtype)
            out.append(piece)
        return out


class SplitBackward0(_PiecesNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        pieces = self._pieces(g, m, t)
        if t:
            from engine.ops.shape import cat

            return (cat(pieces, self._saved_dim),)
        return (m.concatenate(pieces, axis=self._saved_dim),)


class SplitWithSizesBackward0(SplitBackward0):
    __slots__ = ()


class UnbindBackward0(_PiecesNode):
    __slots__ = ()

    def _apply(self, g, m, t):
        pieces = self._pieces(g, m, t)
        if t:
            from engine.ops.shape import stack

            return (stack(pieces, self._saved_dim),)
        return (m.stack(pieces, axis=self._saved_dim),)


_slot_types: dict[type, type] = {}


def _slot_type(node_cls: type) -> type:
    slot = _slot_types.get(node_cls)
    if slot is None:
        slot = type(node_cls.__name__, (OutputSlot,), {"__slots__": (), "__module__": "builtins"})
        _slot_types[node_cls] = slot
    return slot


def _outputs(op: str, x: Tensor, arrays: list, d: int, node_cls, inputs: tuple) -> tuple:
    outs = []
    for data in arrays:
        out = wrap(data, x._device)
        out._vc = own_vc(x)  # views: they share the version counter of x
        outs.append(out)
    if records(x):
        node = node_cls((edge(x),))
        node._saved_dim, node._shapes = d, [a.shape for a in arrays]
        for nr, out in enumerate(outs):
            if nr == 0:
                attach(out, node)
            else:
                slot = _slot_type(node_cls)(((node, nr),))
                slot._owner, slot._nr = node, nr
                attach(out, slot)
    for out in outs:
        record(op, inputs, out)
    return tuple(outs)


def split(x: Tensor, split_size_or_sections, dim: int = 0) -> tuple:
    """Pieces of `split_size` along dim (the last may be smaller), or of the listed sizes."""
    x = as_tensor_input(x, "split")
    data = x._data
    d = wrap_dim(dim, data.ndim)
    size = data.shape[d]
    if isinstance(split_size_or_sections, int):
        step = split_size_or_sections
        if step <= 0:
            raise RuntimeError("split_size can only be 0 if dimension size is 0, but got "
                               f"dimension size of {size}")
        sizes = [min(step, size - start) for start in range(0, size, step)] or [0]
        node_cls = SplitBackward0
    else:
        sizes = [int(s) for s in split_size_or_sections]
        if sum(sizes) != size:
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                f"size at dimension {d}), but got split_sizes={sizes}"
            )
        node_cls = SplitWithSizesBackward0
    arrays, start = [], 0
    for s in sizes:
        arrays.append(data[(slice(None),) * d + (slice(start, start + s),)])
        start += s
    return _outputs("split", x, arrays, d, node_cls, (x, split_size_or_sections, dim))


def chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple:
    """`chunks` pieces of equal size along dim (the last may be smaller, or fewer pieces)."""
    x = as_tensor_input(x, "chunk")
    if chunks <= 0:
        raise RuntimeError("chunk expects `chunks` to be greater than 0, got: " f"{chunks}")
    size = x._data.shape[wrap_dim(dim, x._data.ndim)]
    return split(x, max(-(-size // chunks), 1), dim)


def unbind(x: Tensor, dim: int = 0) -> tuple:
    """The slices of x along dim, each without that dimension."""
    x = as_tensor_input(x, "unbind")
    data = x._data
    d = wrap_dim(dim, data.ndim)
    arrays = [data[(slice(None),) * d + (i, Ellipsis)] for i in range(data.shape[d])]
    return _outputs("unbind", x, arrays, d, UnbindBackward0, (x, dim))


# --------------------------------------------------------------------------- tensor_split
def tensor_split(x: Tensor, indices_or_sections, dim: int = 0) -> tuple:
    """Views of x cut along dim: into n near-equal parts (the first size % n one longer), or at
    the listed indices. Each piece is a slice (SliceBackward0), as in PyTorch."""
    x = as_tensor_input(x, "tensor_split")
    d = wrap_dim(dim, x._data.ndim)
    size = x._data.shape[d]
    if isinstance(indices_or_sections, Tensor):
        indices_or_sections = indices_or_sections.tolist()
    if isinstance(indices_or_sections, int):
        n = indices_or_sections
        if n <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {n}")
        lengths = [size // n + (1 if i < size % n else 0) for i in range(n)]
        bounds = [sum(lengths[:i]) for i in range(n + 1)]
    else:
        bounds = [0, *(min(max(i, 0), size) for i in indices_or_sections), size]
    return tuple(x.narrow(d, lo, max(hi - lo, 0)) for lo, hi in pairwise(bounds))


def _split_along(name: str, x: Tensor, sections, dim: int, least: int) -> tuple:
    """hsplit, vsplit, dsplit: tensor_split along one dim; a number of sections must divide it."""
    x = as_tensor_input(x, name)
    if x._data.ndim < least:
        raise RuntimeError(f"torch.{name} requires a tensor with at least {least} dimension, but "
                           f"got a tensor with {x._data.ndim} dimensions!")
    if isinstance(sections, int) and x._data.shape[dim] % sections:
        raise RuntimeError(
            f"torch.{name} attempted to split along dimension {dim}, but the size of the "
            f"dimension {x._data.shape[dim]} is not divisible by the split_size {sections}!")
    return tensor_split(x, sections, dim)


def hsplit(x: Tensor, sections) -> tuple:
    return _split_along("hsplit", x, sections, 0 if x.dim() == 1 else 1, 1)


def vsplit(x: Tensor, sections) -> tuple:
    return _split_along("vsplit", x, sections, 0, 2)


def dsplit(x: Tensor, sections) -> tuple:
    return _split_along("dsplit", x, sections, 2, 3)
