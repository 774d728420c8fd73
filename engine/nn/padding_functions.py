"""F.pad: constant padding as one op (ConstantPadNdBackward0, negative widths crop), and the
reflect / replicate / circular modes as index_select along each padded dim (reflect and
replicate under PyTorch's one node, ReflectionPad2DBackward0 ...)."""

from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.observer import muted
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    record,
    records,
    wrap,
)


def _widths(x: Tensor, pad) -> list[tuple[int, int]]:
    """(before, after) per dim of x, from PyTorch's (last_left, last_right, ...) order."""
    pad = tuple(int(p) for p in pad)
    if len(pad) % 2 or len(pad) // 2 > x.dim():
        raise RuntimeError("Padding length must be divisible by 2" if len(pad) % 2 else
                           "Padding length should be less than or equal to two times the input "
                           f"dimension but got padding length {len(pad)} and input of dimension "
                           f"{x.dim()}")
    widths = [(0, 0)] * x.dim()
    for i in range(len(pad) // 2):
        widths[x.dim() - 1 - i] = (pad[2 * i], pad[2 * i + 1])
    return widths


def _place(data, widths, value, xp):
    """data padded with value where a width is positive and cropped where it is negative."""
    grow = [(max(a, 0), max(b, 0)) for a, b in widths]
    out = xp.pad(data, grow, constant_values=value) if any(a or b for a, b in grow) else data
    crop = tuple(slice(max(-a, 0), out.shape[i] - max(-b, 0)) for i, (a, b) in
                 enumerate(widths))
    return out[crop]


class ConstantPadNdBackward0(Node):
    __slots__ = ("_saved_pad", "_widths")

    def _apply(self, g, m, t):
        back = [(-a, -b) for a, b in self._widths]
        if t:
            return (pad(g, _flat(back), "constant", 0.0),)
        return (_place(g, back, 0, m),)


def _flat(widths) -> tuple[int, ...]:
    return tuple(v for a, b in reversed(widths) for v in (a, b))


def _indices(size: int, before: int, after: int, mode: str):
    i = np.arange(-before, size + after)
    if mode == "reflect":
        if before >= size or after >= size:
            raise RuntimeError(f"Argument #4: Padding size should be less than the corresponding "
                               f"input dimension, but got: padding ({before}, {after}) at "
                               f"dimension with size {size}")
        period = 2 * (size - 1)
        i = np.abs(i) % period if period else np.zeros_like(i)
        return np.where(i >= size, period - i, i)
    if mode == "replicate":
        return np.clip(i, 0, size - 1)
    return i % size  # circular


def pad(input, pad, mode: str = "constant", value=None) -> Tensor:
    """Pad the last len(pad) // 2 dims: pad = (left, right, top, bottom, ...)."""
    x = as_tensor_input(input, "pad")
    widths = _widths(x, pad)
    if mode == "constant":
        data = _place(x._data, widths, 0 if value is None else value, x._device.xp)
        out = wrap(np.ascontiguousarray(data), x._device)
        if records(x):
            node = ConstantPadNdBackward0((edge(x),))
            node._saved_pad, node._widths = tuple(pad), widths
            attach(out, node)
        if _listeners:
            emit("pad", (x,), out)
        return out
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value:
        raise ValueError(f"Padding mode \"{mode}\" doesn't take in value argument")
    if mode == "circular" or not records(x):
        return _index_selects(x, widths, mode)[0]
    with muted():  # the observer hears of one op, "pad"
        out, steps = _index_selects(x, widths, mode)
    # PyTorch records one ReflectionPad<k>DBackward0 / ReplicationPad<k>DBackward0 (k: the
    # padded dims); the index_select nodes run inside it, last first
    name = f"{'Reflection' if mode == 'reflect' else 'Replication'}Pad{len(pad) // 2}DBackward0"
    node = _pad_node_class(name)((edge(x),), (x,))
    node._saved_padding = tuple(int(p) for p in pad)
    inner, fn = [], out.grad_fn
    for _ in range(steps):
        inner.append(fn)
        fn = fn._edges[0][0]
    node._steps = tuple(inner)
    return record("pad", (x,), wrap(out._data, out._device), node)


def _index_selects(x: Tensor, widths, mode: str) -> tuple[Tensor, int]:
    """x padded by index_select along each padded dim; and how many index_selects that took."""
    import engine

    out, steps = x, 0
    for d, (before, after) in enumerate(widths):
        if before or after or (not steps and d == x.dim() - 1):  # (no padding: one step still)
            index = engine.tensor(_indices(x.shape[d], before, after, mode))
            out = out.index_select(d, index)
            steps += 1
    return out, steps


class _PadBackward(Node):
    """reflect / replicate padding's node: the gradient through the index_selects it stands for."""

    __slots__ = ("_saved_padding", "_steps")
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        self._unpack(t)  # (raises once the graph is freed or the input was modified)
        for step in self._steps:
            (g,) = step._apply(g, m, t)
        return (g,)


_pad_nodes: dict[str, type] = {}


def _pad_node_class(name: str) -> type:
    if name not in _pad_nodes:
        _pad_nodes[name] = type(name, (_PadBackward,), {"__slots__": ()})
    return _pad_nodes[name]
