"""A tensor whose value is computed when it is first read: `loss = (y_pred - y).pow(2).sum()`.

A training loop makes its loss every step but reads it (`loss.item()`, a print) once in many;
backward needs only the loss's dtype. The sum in PyTorch's order (engine/ops/cascade_sum.py)
is the dearest op of such a step, so `sum` hands out a DeferredTensor where no one can tell:
no observer is listening (the explorer needs every value as it is made) and the summed array
belongs to a temporary nobody else holds (`unshared`), so nothing can change it before it is
read. Any read of `_data` computes it, and the tensor then becomes a plain Tensor.
"""
from __future__ import annotations

import sys

from engine.tensor import _NP_SCALARS, Tensor, _asarray

_refcount = sys.getrefcount


class DeferredTensor(Tensor):
    """A 0-dim Tensor holding `_pending = (compute, source)` in place of `_data`: the value is
    `compute(source)`, of source's dtype."""

    __slots__ = ()
    __module__ = "torch"
    __qualname__ = "Tensor"  # (type(loss) and error messages name a Tensor, as in PyTorch)

    def __getattr__(self, name):
        # Called only for an attribute that is not set: `_data` until the first read.
        if name != "_data":
            return object.__getattribute__(self, name)  # (the usual AttributeError)
        compute, source = self._pending
        data = compute(source)
        if data.__class__ in _NP_SCALARS:
            data = _asarray(data)
        self._data = data
        self._pending = None
        self.__class__ = Tensor
        return data

    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None) -> None:
        fn = self._grad_fn
        if fn is not None and gradient is None and inputs is None and not create_graph:
            # `loss.backward()`: the seed needs the dtype only, the value stays unread
            source = self._pending[1]
            _graph.run_from_scalar(fn, source.dtype, (), self._device.xp, bool(retain_graph))
            return
        Tensor.backward(self, gradient, retain_graph, create_graph, inputs)


DeferredTensor.__name__ = "Tensor"


def _counts(x, data) -> tuple[int, int]:
    # (called from an op's frame, one call deep, as `unshared` is: the same references)
    return _refcount(x), _refcount(data)


def _probe(x) -> tuple[int, int]:
    data = x._data  # (an op's frame: the argument, and its array as a local)
    return _counts(x, data)


def _calibrate() -> tuple[int, int] | None:
    """The reference counts of an op's argument that nothing else holds, and of its array, as
    this Python counts them (versions differ in how a call holds its arguments); None where a
    tensor or array held elsewhere counts the same (a Python that borrows references): then
    nothing is deferred."""
    alone = _probe(Tensor._wrap(_asarray([0.0, 0.0])))
    held = Tensor._wrap(_asarray([0.0, 0.0]))
    if _probe(held)[0] <= alone[0] or _probe(Tensor._wrap(held._data))[1] <= alone[1]:
        return None
    return alone


_ALONE = _calibrate()


def unshared(x, data) -> bool:
    """Whether op argument `x` (with `data = x._data` in the op) is a temporary no one else
    holds, and `data` an array that owns its memory and that no other array views: then no one
    can change it after the op."""
    return (
        _ALONE is not None and data.base is None
        and _refcount(x) == _ALONE[0] and _refcount(data) == _ALONE[1]
    )


# Imported last: engine.autograd itself imports engine.tensor, which this module extends.
from engine.autograd import graph as _graph
