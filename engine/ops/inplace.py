"""In-place ops (add_, sub_, mul_, div_, zero_, fill_, copy_ ... and `-=` etc.).

Outside a graph they write into the array itself (views see the change). Inside a graph the
tensor's history is rebased like PyTorch's: the op is recorded out of place on an alias of
the old value and the tensor takes over the new data and grad_fn. Either way the version
counter goes up, which is how autograd notices a saved tensor that was overwritten.
"""
from __future__ import annotations

import operator

from engine import dtypes, generator, observer
from engine.autograd.graph import NO_EDGE, Node
from engine.broadcast import broadcast_shapes
from engine.ops import elementwise as ew
from engine.ops import scalar_math
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    attach,
    edge,
    grad_state,
    operands,
    quiet,
    record,
    records,
    wrap,
)
from engine.ops.shape import IN_PLACE_NODE
from engine.ops.views import AsStridedBackward0, CopySlices, repoint_views, view_index
from engine.tensor import _FRESH_VC, bump_version

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_OF_LEAF_MESSAGE = (
    "a view of a leaf Variable that requires grad is being used in an in-place operation."
)


def check_inplace(x: Tensor) -> None:
    """PyTorch's checks before an in-place op while grad mode is on."""
    if not grad_state.enabled:
        return
    base = getattr(x, "_base", None)
    if base is not None and base._requires_grad and base._grad_fn is None:
        raise RuntimeError(VIEW_OF_LEAF_MESSAGE)
    if x._grad_fn is None and x._requires_grad:
        raise RuntimeError(LEAF_MESSAGE)


def _check_cast(result: dtypes.dtype, target: dtypes.dtype) -> None:
    if not dtypes.can_cast(result, target):
        raise RuntimeError(
            f"result type {result._legacy} can't be cast to the desired output type "
            f"{target._legacy}"
        )


def record_inplace(x: Tensor, out_of_place) -> None:
    """The graph-recording path of an in-place op, as PyTorch does it.

    `out_of_place(old)` computes the new value from `old`, a copy of x's current value that
    carries x's history (a copy, like PyTorch's `original_self`, because the backward may need
    the old value). The result is written into x's own memory, so views and the viewed tensor
    see it, and x takes over the result's grad_fn. When x is a view, its base's history is
    rewritten instead (CopySlices) and x becomes a view of the new base (AsStridedBackward0).
    """
    base = getattr(x, "_base", None)
    index = None if base is None else view_index(base._data, x._data)
    old = wrap(x._data.copy(), x._device, x._grad_fn)
    old._requires_grad = x._requires_grad
    out = _silently(out_of_place, old)
    if out._data.shape != x._data.shape:
        raise RuntimeError(
            f"output with shape {list(x._data.shape)} doesn't match the broadcast shape "
            f"{list(out._data.shape)}"
        )
    x._data[...] = out._data
    node = out._grad_fn
    if base is None:
        _take_history(x, node)
        repoint_views(x)
        return
    slices = CopySlices(
        (edge(base) if base._requires_grad else NO_EDGE, *node._edges[1:])
    )
    slices._fn, slices._index, slices._base_shape = node, index, base._data.shape
    _take_history(base, slices)
    strided = AsStridedBackward0(((slices, 0),))
    strided._index, strided._base_shape = index, base._data.shape
    attach(x, strided)
    repoint_views(base, skip=x)


def _take_history(x: Tensor, node) -> None:
    retained = x.retains_grad
    if retained:  # retain_grad follows the tensor to its new history, as in PyTorch
        x._grad_fn._retained = None
    attach(x, node)
    if retained:
        x.retain_grad()


def _silently(fn, *args, **kwargs):
    # The in-place op reports itself; the out-of-place op it is built on stays quiet.
    if not _listeners:
        return fn(*args, **kwargs)
    with observer.muted():
        return fn(*args, **kwargs)


def _binary_inplace(name: str, x: Tensor, other, out_of_place, ufunc: str) -> Tensor:
    if grad_state.enabled and (
        x._requires_grad or (isinstance(other, Tensor) and other._requires_grad)
    ):
        check_inplace(x)
        _check_cast(dtypes.result_type(x, other), x.dtype)
        record_inplace(x, lambda old: out_of_place(old, other))
    else:
        data = x._data
        in_place = _IN_PLACE.get(ufunc)
        if in_place is not None and (
            other.__class__ is Tensor and other._data.dtype is data.dtype
            and other._device is x._device or type(other) is float and data.dtype.kind == "f"
        ):  # the common cases: nothing to promote or check, NumPy's own in-place operator
            try:
                in_place(data, other._data if other.__class__ is Tensor else other)
            except ValueError:
                raise _shape_error(x, other) from None
        else:
            if name == "div_" and data.dtype.kind != "f":
                _check_cast(dtypes._default_float[0], x.dtype)
            _check_cast(dtypes.result_type(x, other), x.dtype)
            _, xb, dev = operands(x, other)
            try:
                with quiet():
                    getattr(dev.xp, ufunc)(data, xb, out=data, casting="unsafe")
            except ValueError:
                raise _shape_error(x, other) from None
    bump_version(x)
    return record(name, (x, other), x)


_ndarray, _F32, _F64 = scalar_math._ndarray, scalar_math._F32, scalar_math._F64
_IN_PLACE = {"add": operator.iadd, "subtract": operator.isub, "multiply": operator.imul}
_ON_FLOATS = {"add": operator.add, "subtract": operator.sub, "multiply": operator.mul}


OVERLAP_MESSAGE = (
    "unsupported operation: more than one element of the written-to tensor refers to a single "
    "memory location. Please clone() the tensor before performing the operation."
)


def _writeable(data) -> bool:
    """False for a read-only NumPy array (an expanded gradient); CuPy arrays have no such flag."""
    return getattr(data.flags, "writeable", True)


def _shape_error(x: Tensor, other) -> RuntimeError:
    if not _writeable(x._data):  # an expanded gradient (see SumBackward0)
        return RuntimeError(OVERLAP_MESSAGE)
    shape = x._data.shape
    other_shape = other._data.shape if isinstance(other, Tensor) else ()
    return RuntimeError(
        f"output with shape {list(shape)} doesn't match the broadcast shape "
        f"{list(broadcast_shapes(shape, other_shape))}"
    )


def add_(x: Tensor, other, *, alpha=1) -> Tensor:
    if alpha != 1:
        other = other * alpha
    return _binary_inplace("add_", x, other, ew.add, "add")


def sub_(x: Tensor, other, *, alpha=1) -> Tensor:
    if alpha != 1:
        other = other * alpha
    return _binary_inplace("sub_", x, other, ew.sub, "subtract")


def mul_(x: Tensor, other) -> Tensor:
    return _binary_inplace("mul_", x, other, ew.mul, "multiply")


def _operator(name: str, ufunc: str, method):
    """`x += t`, `x -= t`, `x *= t`: the no_grad update of an optimizer step in one frame
    (the same fast case as _binary_inplace); anything else goes to `method`."""
    op, on_floats = _IN_PLACE[ufunc], _ON_FLOATS[ufunc]

    def run(x: Tensor, other) -> Tensor:
        if other.__class__ is Tensor and not grad_state.enabled:
            data, given = x._data, other._data
            dt = data.dtype
            if given.dtype is dt and other._device is x._device:
                if (
                    data.__class__ is _ndarray and not data.ndim and not given.ndim
                    and (dt is _F32 or dt is _F64)
                ):  # the same dtype, 0-dim: same bits through Python floats (see scalar_math)
                    data[()] = on_floats(float(data), float(given))
                else:
                    try:
                        op(data, given)
                    except ValueError:
                        raise _shape_error(x, other) from None
                vc = x._vc  # bump_version inlined: every optimizer step comes here
                if vc is _FRESH_VC:
                    x._vc = [1]
                else:
                    vc[0] += 1
                if _listeners:  # (no call at all on the optimizer's hot path)
                    record(name, (x, other), x)
                return x
        return method(x, other)

    run.__name__ = f"__i{ufunc[:3]}__"
    return run


iadd = _operator("add_", "add", add_)
isub = _operator("sub_", "subtract", sub_)
imul = _operator("mul_", "multiply", mul_)


def div_(x: Tensor, other) -> Tensor:
    return _binary_inplace("div_", x, other, ew.div, "true_divide")


def pow_(x: Tensor, other) -> Tensor:
    return _binary_inplace("pow_", x, other, ew.pow, "power")


def _assign(x: Tensor, value) -> None:
    """x's elements = value, with PyTorch's error for a read-only (expanded) array."""
    try:
        x._data[...] = value
    except ValueError:
        if not _writeable(x._data):
            raise RuntimeError(OVERLAP_MESSAGE) from None
        raise


def _unary_inplace(name: str, x: Tensor, out_of_place, *args, **kwargs) -> Tensor:
    if records(x):
        check_inplace(x)
        record_inplace(x, lambda old: out_of_place(old, *args, **kwargs))
    else:
        out = _silently(out_of_place, x.detach(), *args, **kwargs)
        _check_cast(out.dtype, x.dtype)
        _assign(x, out._data)
    bump_version(x)
    return record(name, (x, *args), x)


def unary_inplace(name: str, out_of_place):
    """`x.<name>_()`: the in-place form of a unary op."""

    def run(x: Tensor) -> Tensor:
        return _unary_inplace(f"{name}_", x, out_of_place)

    run.__name__ = f"{name}_"
    return run


def shape_inplace(name: str, out_of_place):
    """`x.unsqueeze_(0)`, `x.t_()`: x itself takes the view's shape over the same storage and,
    when it records, the view's history, under PyTorch's in-place name (UnsqueezeBackward1)."""

    def run(x: Tensor, *args) -> Tensor:
        if records(x):
            check_inplace(x)
        out = _silently(out_of_place, x, *args)
        x._data = out._data
        node = out._grad_fn
        if node is not None:
            node.__class__ = IN_PLACE_NODE.get(node.__class__, node.__class__)
            _take_history(x, node)
        bump_version(x)
        return record(f"{name}_", (x, *args), x)

    run.__name__ = f"{name}_"
    return run


def clamp_(x: Tensor, min=None, max=None) -> Tensor:
    return _unary_inplace("clamp_", x, ew.clamp, min, max)


def masked_fill_(x: Tensor, mask: Tensor, value) -> Tensor:
    from engine.ops.selection import masked_fill

    return _unary_inplace("masked_fill_", x, masked_fill, mask, value)


class ZeroBackward0(Node):
    __slots__ = ()

    def _apply(self, g, m, t):
        return (g * 0,)


class FillBackward0(ZeroBackward0):
    __slots__ = ()


def _fill(name: str, x: Tensor, value, node_cls) -> Tensor:
    if isinstance(value, Tensor):
        value = value.item()
    if records(x):
        check_inplace(x)

        def filled(old: Tensor) -> Tensor:
            data = x._device.xp.full(x._data.shape, value, dtype=x._data.dtype)
            return attach(wrap(data, x._device), node_cls((edge(old),)))

        record_inplace(x, filled)
    elif _writeable(x._data):
        x._data[...] = value
    else:  # an expanded gradient: PyTorch fills it (every element gets the one value)
        x._data = x._device.xp.full(x._data.shape, value, dtype=x._data.dtype)
    bump_version(x)
    return record(name, (x, value), x)


def zero_(x: Tensor) -> Tensor:
    return _fill("zero_", x, 0, ZeroBackward0)


def fill_(x: Tensor, value) -> Tensor:
    return _fill("fill_", x, value, FillBackward0)


class CopyBackwards(Node):
    __slots__ = ("_src_dtype", "_src_shape")

    def name(self) -> str:
        return "torch::autograd::CopyBackwards"  # (a node of autograd's own, as AccumulateGrad)

    def _apply(self, g, m, t):
        from engine.broadcast import sum_to

        gx = g * 0 if self._edges[0][0] is not None else None
        gs = None
        if self._edges[1][0] is not None:
            gs = sum_to(g, self._src_shape)
            if not t and gs.dtype != self._src_dtype:
                gs = gs.astype(self._src_dtype)
        return gx, gs


def copy_(x: Tensor, src, non_blocking: bool = False) -> Tensor:
    src_data = src._data if isinstance(src, Tensor) else src
    if isinstance(src, Tensor) and src._device != x._device:
        from engine.ops.shape import _host

        src_data = x._device.xp.asarray(_host(src_data))
    needs = grad_state.enabled and (
        x._requires_grad or (isinstance(src, Tensor) and src._requires_grad)
    )
    if needs:
        check_inplace(x)

        def copied(old: Tensor) -> Tensor:
            data = x._device.xp.empty_like(x._data)
            data[...] = src_data
            node = CopyBackwards((
                edge(old) if old._requires_grad else NO_EDGE,
                edge(src) if isinstance(src, Tensor) and src._requires_grad else NO_EDGE,
            ))
            node._src_shape = src._data.shape if isinstance(src, Tensor) else ()
            node._src_dtype = src._data.dtype if isinstance(src, Tensor) else None
            return attach(wrap(data, x._device), node)

        record_inplace(x, copied)
    else:
        _assign(x, src_data)
    bump_version(x)
    return record("copy_", (x, src), x)


def _random_fill(name: str, x: Tensor, sample) -> Tensor:
    check_inplace(x)
    if x._data.dtype.kind != "f":
        raise RuntimeError(f'"{name}" not implemented for \'{x.dtype._legacy}\'')
    _assign(x, x._device.xp.asarray(sample(x._data.shape, x._data.dtype)))
    bump_version(x)
    return record(name, (x,), x)


def normal_(x: Tensor, mean: float = 0.0, std: float = 1.0) -> Tensor:
    return _random_fill("normal_", x,
                        lambda shape, dt: generator.default.normal(shape, dt, mean, std))


def uniform_(x: Tensor, a: float = 0.0, b: float = 1.0) -> Tensor:
    return _random_fill("uniform_", x, lambda shape, dt: generator.default.uniform(shape, dt, a, b))


def random_(x: Tensor, from_: int = 0, to: int | None = None) -> Tensor:
    """Integers drawn uniformly from [from, to) (random_(to): from 0), as randint draws them."""
    if to is None:
        if from_ == 0:
            raise NotImplementedError("random_() without bounds is not supported by this engine")
        from_, to = 0, from_
    check_inplace(x)
    data = generator.default.integers(int(from_), int(to), x._data.shape)
    _assign(x, x._device.xp.asarray(data, dtype=x._data.dtype))
    bump_version(x)
    return record("random_", (x,), x)
