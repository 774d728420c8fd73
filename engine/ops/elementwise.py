"""Elementwise ops: each forward function with its backward node right below it.

Backward formulas (`_grads`) are written once for raw arrays and for Tensors: `m` is the
array namespace (or the engine for create_graph) and operators work on both. Binary nodes
return gradients of the broadcast output's shape; `BinaryNode._apply` reduces them with
`sum_to` to each input's shape and dtype, the one place that happens.
"""
from __future__ import annotations

import math
import operator

import numpy as np

from engine import observer
from engine.autograd.grad_mode import off_threads as _off_threads
from engine.autograd.graph import _PLAIN, Node, next_seq
from engine.broadcast import sum_to
from engine.ops import scalar_math
from engine.ops.dispatch import (
    NO_EDGE,
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    broadcast_error,
    edge,
    grad_state,
    operands,
    quiet,
    record,
    records,
    to_floating,
    wrap,
    write_out,
)
from engine.ops.formulas import define
from engine.ops.reduction import ONE_BYTES
from engine.tensor import _FRESH_VC, _NP_SCALARS, _asarray, _new

_ndarray = scalar_math._ndarray
_add_reduce = np.add.reduce


# --------------------------------------------------------------------------- machinery
class BinaryNode(Node):
    """A node of a broadcasting binary op; remembers each input's shape and dtype.

    `_meta` holds, for each input, None (it needs no gradient), its shape (a tuple: its dtype
    is the output's, the usual case, one small object per node) or an InputMeta.
    """

    __slots__ = ("_meta",)
    _elementwise = True
    # binary_op builds the node without Node.__init__ (a third of an add's cost) where this says
    # what to_save returns: False for (), True for (b if a needs a gradient, a if b does); None:
    # through Node.__init__. test_fast_paths checks the two give the same node.
    _inline_init: bool | None = None

    def _apply(self, grad, m, as_tensors):
        ga, gb = self._grads(grad, m, as_tensors)
        return self._reduced(ga, gb, as_tensors)

    def _reduced(self, ga, gb, as_tensors):
        ma, mb = self._meta
        # Test inline first: most gradients already have the input's shape and dtype (a shape
        # never equals an InputMeta, nor None: _fit handles those).
        if ga is not None and (as_tensors or ga.shape != ma):
            ga = _fit(ga, ma, as_tensors)
        if gb is not None and (as_tensors or gb.shape != mb):
            gb = _fit(gb, mb, as_tensors)
        return ga, gb


class InputMeta:
    """An input's shape and dtype, where its dtype differs from the op's output (or may)."""

    __slots__ = ("dtype", "shape")

    def __init__(self, shape: tuple, dtype) -> None:
        self.shape = shape
        self.dtype = dtype


def _fit(g, meta, as_tensors):
    """The gradient reduced to the input's shape (sum_to) and cast to the input's dtype."""
    if g is None or meta is None:
        return None
    if meta.__class__ is tuple:
        shape, dt = meta, None  # the output's dtype, which g has
    else:
        shape, dt = meta.shape, meta.dtype
    if g.shape != shape:
        g = sum_to(g, shape)
    if dt is None:
        return g
    if as_tensors:
        if g._data.dtype is not dt:
            from engine import dtypes

            g = g.to(dtypes._FROM_NP[dt])
    elif g.dtype is not dt:
        g = g.astype(dt)
    return g


def binary_op(op: str, compute, node_cls, on_floats: bool = False, check=None):
    """A broadcasting binary op `f(a, b)` that records `node_cls` when a gradient is needed.

    Built as a closure so the hot path is one Python frame per op call. `on_floats`: `compute`
    gives the same bits on Python floats (add, sub, mul: see scalar_math), used for 0-dim
    operands. `check(a, b)` raises for operands the op refuses; two float tensors skip it.
    """

    to_save = node_cls.to_save
    inline_init = node_cls._inline_init

    def run(a, b):
        if b.__class__ is float and on_floats and a.__class__ is Tensor and not a._requires_grad:
            # an optimizer's `lr * p.grad`: a 0-dim float result through Python floats (see
            # scalar_math), nothing to record; first, as it is most of an optimizer step
            xa = a._data
            if xa.__class__ is _ndarray and not xa.ndim and not _listeners:
                r = scalar_math.scalar_result(compute, xa, b)  # (None: not float32 or 64)
                if r is not None:
                    out = _new(Tensor)
                    out._data = r
                    out._device = a._device
                    out._requires_grad = False
                    out._grad_fn = None
                    out._grad = None
                    out._vc = _FRESH_VC
                    return out
        if (
            a.__class__ is Tensor and b.__class__ is Tensor
            and a._data.dtype is b._data.dtype and a._device is b._device
        ):
            xa, xb, dev = a._data, b._data, a._device
            na, nb = a._requires_grad, b._requires_grad
            if check is not None and xa.dtype.kind != "f":
                check(a, b)
            same = True  # both inputs have the output's dtype
        elif a.__class__ is Tensor and b.__class__ is float and a._data.dtype.kind == "f":
            xa, xb, dev = a._data, b, a._device  # `lr * p.grad`: what operands() returns here
            na, nb = a._requires_grad, False
            same = True
        else:
            same = False
            if check is not None:
                check(a, b)
            try:
                xa, xb, dev = operands(a, b)
            except TypeError:
                return NotImplemented  # Python then raises its own "unsupported operand" error
            na = isinstance(a, Tensor) and a._requires_grad
            nb = isinstance(b, Tensor) and b._requires_grad
        try:
            if (
                # xb first: `b * x` has a 0-dim xa, rarely a 0-dim xb (ndim: no tuple made)
                on_floats and (xb.__class__ is float or (xb.__class__ is _ndarray and not xb.ndim))
                and xa.__class__ is _ndarray and not xa.ndim
            ):
                r = scalar_math.scalar_result(compute, xa, xb)
                if r is None:
                    r = compute(xa, xb)
            else:
                r = compute(xa, xb)
        except ValueError as exc:
            if getattr(xa, "shape", ()) != getattr(xb, "shape", ()):
                raise broadcast_error(xa, xb) from None
            raise RuntimeError(str(exc)) from None
        # Tensor._wrap and record inlined (test_fast_paths checks they give the same tensor,
        # node and event)
        if r.__class__ is not _ndarray and r.__class__ in _NP_SCALARS:  # (arrays: one test)
            r = _asarray(r)
        out = _new(Tensor)
        out._data = r
        out._device = dev
        out._grad = None
        out._vc = _FRESH_VC
        if (na or nb) and (not _off_threads or grad_state.enabled):
            if na:
                ea = ((a._grad_fn or a._accumulator()), 0)  # (Tensor._accumulator: a leaf's)
                ma = xa.shape if same else InputMeta(a._data.shape, a._data.dtype)
            else:
                ea, ma = NO_EDGE, None
            if nb:
                eb = ((b._grad_fn or b._accumulator()), 0)
                mb = xb.shape if same else InputMeta(b._data.shape, b._data.dtype)
            else:
                eb, mb = NO_EDGE, None
            if inline_init is None:
                node = node_cls((ea, eb), to_save(a, b, out, na, nb))
            else:  # Node.__init__ inlined: add, sub, mul are most graphs
                node = _new(node_cls)
                node._edges = (ea, eb)
                node._seq = next_seq()
                node._extras = None
                if inline_init:  # mul: each input is saved for the other's gradient
                    sa = b if na else None
                    sb = a if nb else None
                    node._saved = (sa, sb)
                    node._versions = (
                        None if sa is None or sa.__class__ in _PLAIN else sa._vc[0],
                        None if sb is None or sb.__class__ in _PLAIN else sb._vc[0],
                    )
                else:
                    node._saved = ()
                    node._versions = ()
            node._meta = (ma, mb)
            out._grad_fn = node
            out._requires_grad = True
        else:
            out._grad_fn = None
            out._requires_grad = False
        if _listeners:  # (nothing to tell: no call, `lr * p.grad` or any op under no_grad)
            observer.forward(op, (a, b), out)
        return out

    run.__name__ = op
    return run


def own_code(run):
    """`run` with a copy of its code of its own. CPython specializes an attribute access for the
    class it meets there, per code object: in the code add, sub and mul share, each store to a
    node meets three classes and none is specialized."""
    run.__code__ = run.__code__.replace()
    return run


def binary(op: str, a, b, compute, node_cls):
    """binary_op for a computation decided at call time (where, alpha-scaled add ...)."""
    return checked(op, binary_op(op, compute, node_cls)(a, b), b)


def checked(op: str, out, other):
    """A function call (not an operator) with an operand that is no tensor or number."""
    if out is NotImplemented:
        raise TypeError(
            f"{op}(): argument 'other' must be Tensor or Number, not {type(other).__name__}"
        )
    return out


class UnaryNode(Node):
    __slots__ = ()
    _elementwise = True

    def _apply(self, grad, m, as_tensors):
        return self._grads(grad, m, as_tensors)


def _rounded(fn, data):
    """fn in float64, rounded to float32 for float32 data: PyTorch's float32 exp, log, sin ...
    are nearly always correctly rounded, NumPy's are 1 ulp off in 5-40% of values."""
    if data.dtype == "float32":
        return fn(data.astype("float64")).astype("float32")
    return fn(data)


_renamed_nodes: dict = {}


def double_backward_named(grad: Tensor, name: str) -> Tensor:
    """A create_graph gradient whose node shows PyTorch's name for it (TanhBackwardBackward0):
    the node built from Tensor ops, as a same-behaving subclass under that name."""
    fn = grad._grad_fn
    if fn is not None:
        cls = _renamed_nodes.get((fn.__class__, name))
        if cls is None:
            cls = _renamed_nodes[(fn.__class__, name)] = type(name, (fn.__class__,),
                                                              {"__slots__": ()})
        fn.__class__ = cls
    return grad


def unary(op: str, x: Tensor, data, node_cls, save: str | None):
    """Wrap `data` as the output of `op(x)`; record `node_cls` saving x ("self") or the output."""
    out = wrap(data, x._device)
    node = None
    if x._requires_grad and (not _off_threads or grad_state.enabled):
        saved = (x,) if save == "self" else (out,) if save == "result" else ()
        node = node_cls((((x._grad_fn or x._accumulator()), 0),), saved)
    return record(op, (x,), out, node)


# --------------------------------------------------------------------------- add / sub
class _AlphaNode(BinaryNode):
    """add's and sub's node: saves nothing; `alpha` scales b's gradient."""

    __slots__ = ()
    _inline_init = False
    _saved_alpha = 1  # add(..., alpha=k) records a same-named subclass with k (see _scaled_by)

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return ()


class AddBackward0(_AlphaNode):
    __slots__ = ()

    def _grads(self, g, m, t):
        alpha = self._saved_alpha
        gb = None
        if self._edges[1][0] is not None:
            gb = g if alpha == 1 else g * alpha
        return g, gb

    def _apply(self, g, m, t):
        if t:  # (alpha != 1: a subclass with the general _apply, see _scaled_by)
            return BinaryNode._apply(self, g, m, t)
        # _passed_on inlined: a loss is mostly sums
        # (an InputMeta equals neither a shape nor (): it goes to _fit)
        ma, mb = self._meta
        ga = gb = None
        shape = g.shape
        if ma is not None:
            # `a + b * x`: sum_to a 0-dim input is one sum (ndarray.sum's, without its frame)
            ga = (
                g if shape == ma
                else _add_reduce(g, None) if ma == () and g.__class__ is _ndarray
                else _fit(g, ma, False)
            )
        if mb is not None:
            gb = (
                g if shape == mb
                else _add_reduce(g, None) if mb == () and g.__class__ is _ndarray
                else _fit(g, mb, False)
            )
        return ga, gb


define("add", "y = a + b", local={"a": "1", "b": "1"})


def _passed_on(ga, gb, meta):
    """The raw-array gradients of add/sub (g, and g or -g), fitted to each input that needs one.

    One frame instead of _apply -> _grads -> _reduced: these nodes are in every loss."""
    ma, mb = meta
    if ma is not None:
        if ga.shape != ma:
            ga = _fit(ga, ma, False)
    else:
        ga = None
    if mb is not None:
        if gb.shape != mb:
            gb = _fit(gb, mb, False)
    else:
        gb = None
    return ga, gb


_alpha_nodes: dict = {}


def _scaled_by(node_cls, alpha):
    """node_cls, or a subclass of the same name whose _saved_alpha is `alpha`."""
    if alpha == 1:
        return node_cls
    key = (node_cls, alpha)
    if key not in _alpha_nodes:
        # the general _apply (its _grads scale by alpha): the fast ones assume alpha == 1
        _alpha_nodes[key] = type(
            node_cls.__name__, (node_cls,),
            {"__slots__": (), "_saved_alpha": alpha, "_apply": BinaryNode._apply},
        )
    return _alpha_nodes[key]


add_tensor = own_code(binary_op("add", operator.add, AddBackward0, on_floats=True))


def add(a, b, *, alpha=1, out=None):
    """a + alpha * b."""
    if out is not None:
        return write_out("add", add(a, b, alpha=alpha), out, (a, b))
    if alpha == 1:
        return checked("add", add_tensor(a, b), b)
    return binary("add", a, b, lambda x, y: x + y * alpha, _scaled_by(AddBackward0, alpha))


class SubBackward0(_AlphaNode):
    __slots__ = ()

    def _grads(self, g, m, t):
        alpha = self._saved_alpha
        gb = None
        if self._edges[1][0] is not None:
            gb = -g if alpha == 1 else -g * alpha
        return g, gb

    def _apply(self, g, m, t):
        if t:  # (alpha != 1: a subclass with the general _apply, see _scaled_by)
            return BinaryNode._apply(self, g, m, t)
        ma, mb = self._meta
        if mb is None and g.shape == ma:
            return g, None  # `prediction - target`: the gradient goes on as it is
        return _passed_on(g, None if mb is None else -g, self._meta)


define("sub", "y = a - b", local={"a": "1", "b": "-1"})


def _no_bool_subtrahend(a, b) -> None:
    if isinstance(b, bool) or (isinstance(b, Tensor) and b._data.dtype.kind == "b"):
        raise RuntimeError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
            "trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )


# a - b (the operator: NotImplemented for operands that are no tensor or number)
sub_tensor = own_code(binary_op(
    "sub", operator.sub, SubBackward0, on_floats=True, check=_no_bool_subtrahend
))


def sub(a, b, *, alpha=1, out=None):
    """a - alpha * b."""
    if out is not None:
        return write_out("sub", sub(a, b, alpha=alpha), out, (a, b))
    if alpha == 1:
        return checked("sub", sub_tensor(a, b), b)
    return binary("sub", a, b, lambda x, y: x - y * alpha, _scaled_by(SubBackward0, alpha))


class RsubBackward1(UnaryNode):
    """`scalar - tensor`: one edge, like PyTorch's rsub with a Scalar."""

    __slots__ = ("_saved_alpha",)

    def _grads(self, g, m, t):
        return (-g,)


def rsub(a: Tensor, scalar_value):
    """`scalar_value - a` for a Python scalar on the left."""
    xa, xs, _ = operands(a, scalar_value)
    out = unary("rsub", a, xs - xa, RsubBackward1, None)
    if out._grad_fn is not None:
        out._grad_fn._saved_alpha = 1
    return out


# --------------------------------------------------------------------------- mul / div
class MulBackward0(BinaryNode):
    __slots__ = ()
    _inline_init = True
    _saved_fields = ("other", "self")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b if need_a else None, a if need_b else None)

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        return (
            g * other if other is not None else None,
            g * this if this is not None else None,
        )

    def _apply(self, g, m, t):
        if t:
            return BinaryNode._apply(self, g, m, t)
        saved, (va, vb) = self._saved, self._versions
        if saved is None:
            self._unpack(False)  # raises the "backward a second time" error
        # _unpack inlined (this node is in nearly every graph); a version is None for a Python
        # scalar or an input whose gradient is not needed
        other, this = saved
        if va is not None:
            if other._vc[0] != va:
                self._unpack(False)  # raises the modified-in-place error
            other = other._data
        if vb is not None:
            if this._vc[0] != vb:
                self._unpack(False)
            this = this._data
        ma, mb = self._meta
        ga = gb = None
        # sum_to inlined for a 0-dim input (one full sum, ndarray.sum's: not a dot product,
        # whose other summation order is 1 ulp off PyTorch's gradient in float32). An InputMeta
        # is no (): its input goes through _fit, which also casts.
        if other is not None:
            ga = g * other
            if ga.shape != ma:
                ga = (
                    _add_reduce(ga, None) if ma == () and ga.__class__ is _ndarray
                    else _fit(ga, ma, False)
                )
        if this is not None:
            gb = g * this
            if gb.shape != mb:
                gb = (
                    _add_reduce(gb, None) if mb == () and gb.__class__ is _ndarray
                    else _fit(gb, mb, False)
                )
        return ga, gb


define("mul", "y = a × b", local={"a": "b", "b": "a"})


mul_tensor = own_code(binary_op("mul", operator.mul, MulBackward0, on_floats=True))


def mul(a, b, *, out=None):
    """a * b."""
    if out is not None:
        return write_out("mul", mul(a, b), out, (a, b))
    return checked("mul", mul_tensor(a, b), b)


class DivBackward0(BinaryNode):
    __slots__ = ()
    _saved_fields = ("other", "self")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b, a if need_b else None)

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        with quiet():
            ga = g / other if self._needs(0) else None
            gb = -g * this / (other * other) if self._needs(1) else None
        return ga, gb


define("div", "y = a / b", local={"a": "1 / b", "b": "-a / b²"})


def _div(x, y):
    with quiet():
        r = x / y
    return r


def div_tensor(a, b):
    """a / b (the operator: NotImplemented for operands that are no tensor or number)."""
    if not isinstance(b, (Tensor, int, float)) and not hasattr(b, "dtype"):
        return NotImplemented
    return div(a, b)


def div(a, b, *, rounding_mode=None, out=None):
    """a / b, true division (integers give the default float dtype)."""
    if out is not None:
        return write_out("div", div(a, b, rounding_mode=rounding_mode), out, (a, b))
    if rounding_mode is not None:
        return _rounded_div(a, b, rounding_mode)
    out_kind_float = any(
        isinstance(v, float) or (isinstance(v, Tensor) and v._data.dtype.kind == "f")
        for v in (a, b)
    )
    if not out_kind_float:
        # Integer / integer is true division in PyTorch: compute in the default float dtype.
        a = a.float() if isinstance(a, Tensor) else float(a)
    return binary("div", a, b, _div, DivBackward0)


def _rounded_div(a, b, mode: str):
    """div with rounding_mode "floor" or "trunc" (not differentiable, as in PyTorch)."""
    if mode not in ("floor", "trunc"):
        raise RuntimeError(
            "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
            f"'{mode}'"
        )
    xa, xb, dev = operands(a, b)
    with quiet():
        r = xa // xb if mode == "floor" else dev.xp.trunc(xa / xb)
    _integer_division_check(r, xb)
    if mode == "trunc" and all(getattr(v, "dtype", None) is None or v.dtype.kind in "iub"
                               for v in (xa, xb)):
        r = r.astype("int64")
    out = wrap(r, dev)
    return record("div", (a, b), out)


class ReciprocalBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        return (-g * (r * r),)


define("reciprocal", "y = 1 / x", local={"x": "-1 / x²"})


def reciprocal(x: Tensor):
    x = as_tensor_input(x, "reciprocal")
    with quiet():
        data = 1.0 / to_floating(x)
    return unary("reciprocal", x, data, ReciprocalBackward0, "result")


def rdiv(a: Tensor, scalar_value):
    """`scalar / tensor`: PyTorch computes reciprocal(tensor) * scalar."""
    return mul(reciprocal(a), scalar_value)


# --------------------------------------------------------------------------- pow (three forms)
class PowBackward0(UnaryNode):
    """tensor ** Python scalar."""

    __slots__ = ("_saved_exponent",)
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        if not t and self._saved_exponent == 2 and self._saved:
            # the square in every squared-error loss: _unpack and _grads inlined
            (x,) = self._saved
            if x._vc[0] != self._versions[0]:
                self._unpack(t)  # raises the modified-in-place error
            x = x._data
            twice = x + x
            base = g.base
            if (
                base.__class__ is bytes and base == ONE_BYTES.get(g.dtype)
                and g.dtype is twice.dtype and g.shape == twice.shape
            ):  # g is the seed 1 of `loss.backward()` through a sum (SumBackward0's view of one
                # element): 2x * 1 is 2x, bit for bit, inf and nan too
                return (twice,)
            return (g * twice,)
        return self._grads(g, m, t)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        c = self._saved_exponent
        if c == 0:
            return (g * 0,)
        if c == 2 and not t:
            return (g * (x + x),)  # 2 * x ** 1, exactly, in fewer steps
        # (as Tensors: PyTorch's own 2 * x.pow(1), whose graph a third derivative walks)
        if c >= 1 and c == int(c):
            return (g * (c * x ** (c - 1)),)
        with quiet():
            return (g * (c * x ** (c - 1)),)


class PowBackward1(BinaryNode):
    """tensor ** tensor."""

    __slots__ = ()
    _saved_fields = ("exponent", "result", "self")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b, out if need_b else None, a)

    def _grads(self, g, m, t):
        e, r, x = self._unpack(t)
        ga = gb = None
        with quiet():
            if self._needs(0):
                ga = m.where(e == 0, 0.0, g * (e * x ** (e - 1)))
            if self._needs(1):
                gb = g * m.where((x == 0) & (e >= 0), 0.0, r * m.log(x))
        return ga, gb


class PowBackward2(UnaryNode):
    """Python scalar ** tensor."""

    __slots__ = ("_base",)
    _saved_fields = ("result", "exponent")

    def _grads(self, g, m, t):
        r, e = self._unpack(t)
        base = self._base
        log_base = math.log(base) if base > 0 else (-math.inf if base == 0 else math.nan)
        with quiet():
            if base == 0:
                return (m.where(e >= 0, 0.0, g * (r * log_base)),)
            return (g * (r * log_base),)

    @property
    def _saved_self(self):
        from engine import factories

        return factories.tensor(self._base)


define("pow", "y = a^b", local={"a": "b × a^(b - 1)", "b": "a^b × ln(a)"})


def _pow(x, y):
    if type(y) is float or type(y) is int:
        # PyTorch special-cases small integer powers the same way (and it is faster).
        if y == 2:
            return x * x
        if y == 3:
            return x * x * x
        if y >= 0 and y == int(y):
            return x**y
        if type(y) is int and getattr(x, "dtype", None) is not None and x.dtype.kind in "iub":
            raise RuntimeError("Integers to negative integer powers are not allowed.")
    with quiet():
        return x**y


def pow(a, b):
    """a ** b in PyTorch's three forms: PowBackward0, PowBackward1, PowBackward2."""
    if a.__class__ is Tensor and (b.__class__ is int or b.__class__ is float):
        x = a._data
        if x.dtype.kind == "f" and (b == 2 or b == 3):
            # x ** 2 and x ** 3 of every polynomial: _pow, Tensor._wrap and Node.__init__
            # inlined (test_fast_paths checks they give what the general path below gives)
            r = x * x
            if b == 3:
                r *= x  # (in place: x * x * x's bits, and one array fewer to allocate)
            if r.__class__ is not _ndarray and r.__class__ in _NP_SCALARS:
                r = _asarray(r)
            out = _new(Tensor)
            out._data = r
            out._device = a._device
            out._requires_grad = False
            out._grad_fn = None
            out._grad = None
            out._vc = _FRESH_VC
            node = None
            if a._requires_grad and (not _off_threads or grad_state.enabled):
                node = _new(PowBackward0)
                node._edges = (((a._grad_fn or a._accumulator()), 0),)
                node._seq = next_seq()
                node._extras = None
                node._saved = (a,)
                node._versions = [a._vc[0]]
                node._saved_exponent = b
            return record("pow", (a, b), out, node)
    if isinstance(a, Tensor) and not isinstance(b, Tensor):
        if (b.__class__ is int or b.__class__ is float) and a._data.dtype.kind == "f":
            xa, xb, dev = a._data, b, a._device  # float tensor ** Python number: nothing to cast
        else:
            xa, xb, dev = operands(a, b)
        out = wrap(_pow(xa, xb), dev)
        node = None
        if a._requires_grad and (not _off_threads or grad_state.enabled):
            node = PowBackward0((((a._grad_fn or a._accumulator()), 0),), (a,))
            node._saved_exponent = xb
        return record("pow", (a, b), out, node)
    if not isinstance(a, Tensor):
        xa, xb, dev = operands(a, b)
        with quiet():
            out = wrap(xa**xb, dev)
        node = None
        if records(b):
            node = PowBackward2((edge(b),), (out, b))
            node._base = xa
        return record("pow", (a, b), out, node)
    return binary("pow", a, b, _pow, PowBackward1)


def square(x: Tensor):
    return pow(x, 2)


# --------------------------------------------------------------------------- unary functions
class NegBackward0(UnaryNode):
    __slots__ = ()

    def _grads(self, g, m, t):
        return (-g,)


define("neg", "y = -x", local={"x": "-1"})


def neg(x: Tensor):
    x = as_tensor_input(x, "neg")
    if x._data.dtype.kind == "b":
        raise RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return unary("neg", x, -x._data, NegBackward0, None)


class _TableUnaryNode(UnaryNode):
    """The backward node of a _UNARY_OPS entry: grad_out times the entry's local derivative."""

    __slots__ = ()
    _backward = None  # (g, saved value, m) -> the gradient
    _quiet = False  # NumPy's warnings silenced (division by 0, overflow), as PyTorch is silent

    def _grads(self, g, m, t):
        v = self._unpack(t)[0] if self._saved_fields else None
        if self._quiet:
            with quiet():
                return (self._backward(g, v, m),)
        return (self._backward(g, v, m),)


def _unary_table_op(op, node_name, save, forward, backward, formula, local, quiet_forward,
                    quiet_backward):
    """The node class and the function of one _UNARY_OPS entry; defines its formula."""
    node_cls = type(node_name, (_TableUnaryNode,), {
        "__slots__": (), "_saved_fields": (save,) if save else (),
        "_backward": staticmethod(backward), "_quiet": quiet_backward,
    })
    define(op, formula, local={"x": local})

    def run(x):
        x = as_tensor_input(x, op)
        if quiet_forward:
            with quiet():
                return unary(op, x, forward(x._device.xp, x), node_cls, save)
        return unary(op, x, forward(x._device.xp, x), node_cls, save)

    run.__name__ = run.__qualname__ = op
    return node_cls, run


# One entry per elementwise unary op: (op, node name, saved ("self", "result" or None),
# forward (xp, x), backward (g, saved value, m), formula, local derivative, quiet forward,
# quiet backward). _rounded: correctly rounded float32 results, as PyTorch's.
_UNARY_OPS = (
    ("exp", "ExpBackward0", "result", lambda xp, x: _rounded(xp.exp, to_floating(x)),
     lambda g, r, m: g * r, "y = exp(x)", "exp(x)", True, False),
    ("expm1", "Expm1Backward0", "result", lambda xp, x: _rounded(xp.expm1, to_floating(x)),
     lambda g, r, m: g * (r + 1), "y = exp(x) - 1", "exp(x)", True, False),
    ("log1p", "Log1PBackward0", "self", lambda xp, x: _rounded(xp.log1p, to_floating(x)),
     lambda g, x, m: g / (x + 1), "y = ln(1 + x)", "1 / (1 + x)", True, True),
    ("log", "LogBackward0", "self", lambda xp, x: _rounded(xp.log, to_floating(x)),
     lambda g, x, m: g / x, "y = ln(x)", "1 / x", True, True),
    ("sqrt", "SqrtBackward0", "result", lambda xp, x: xp.sqrt(to_floating(x)),
     lambda g, r, m: g / (2 * r), "y = sqrt(x)", "1 / (2 × sqrt(x))", True, True),
    ("rsqrt", "RsqrtBackward0", "result", lambda xp, x: 1.0 / xp.sqrt(to_floating(x)),
     lambda g, r, m: -0.5 * g * r * r * r, "y = 1 / sqrt(x)", "-1 / (2 × x × sqrt(x))",
     True, False),
    ("abs", "AbsBackward0", "self", lambda xp, x: xp.abs(x._data),
     lambda g, x, m: g * m.sign(x), "y = |x|", "sign(x)", False, False),
    ("sign", "SignBackward0", None, lambda xp, x: xp.sign(x._data),
     lambda g, _, m: g * 0, "y = sign(x)", "0", False, False),
    ("sin", "SinBackward0", "self", lambda xp, x: _rounded(xp.sin, to_floating(x)),
     lambda g, x, m: g * m.cos(x), "y = sin(x)", "cos(x)", False, False),
    ("cos", "CosBackward0", "self", lambda xp, x: _rounded(xp.cos, to_floating(x)),
     lambda g, x, m: g * -m.sin(x), "y = cos(x)", "-sin(x)", False, False),
)
ExpBackward0, exp = _unary_table_op(*_UNARY_OPS[0])
Expm1Backward0, expm1 = _unary_table_op(*_UNARY_OPS[1])
Log1PBackward0, log1p = _unary_table_op(*_UNARY_OPS[2])
LogBackward0, log = _unary_table_op(*_UNARY_OPS[3])
SqrtBackward0, sqrt = _unary_table_op(*_UNARY_OPS[4])
RsqrtBackward0, rsqrt = _unary_table_op(*_UNARY_OPS[5])
AbsBackward0, abs = _unary_table_op(*_UNARY_OPS[6])
SignBackward0, sign = _unary_table_op(*_UNARY_OPS[7])
SinBackward0, sin = _unary_table_op(*_UNARY_OPS[8])
CosBackward0, cos = _unary_table_op(*_UNARY_OPS[9])


class TanhBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        if t:
            return (double_backward_named(g * (1 - r * r), "TanhBackwardBackward0"),)
        if r.dtype.kind == "f" and r.dtype.itemsize == 4:
            # PyTorch's float kernel rounds 1 - y*y once (a fused multiply-add): y*y is exact
            # in float64, 1 - y*y rounded there, then to float32
            return (g * (1 - r.astype("float64") ** 2).astype(r.dtype),)
        return (g * (1 - r * r),)


define("tanh", "y = tanh(x)", local={"x": "1 - tanh(x)²"})


def tanh(x: Tensor):
    x = as_tensor_input(x, "tanh")
    return unary("tanh", x, _rounded(x._device.xp.tanh, to_floating(x)), TanhBackward0, "result")


class SigmoidBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        if t:
            return (double_backward_named(g * (1 - r) * r, "SigmoidBackwardBackward0"),)
        return (g * (1 - r) * r,)


define("sigmoid", "y = 1 / (1 + exp(-x))",
       local={"x": "sigmoid(x) × (1 - sigmoid(x))"})


def sigmoid(x: Tensor):
    x = as_tensor_input(x, "sigmoid")
    data = to_floating(x)
    with quiet():
        # PyTorch's formula in the tensor's own dtype (exp overflowing to inf gives exactly 0).
        out = 1 / (1 + x._device.xp.exp(-data))
    return unary("sigmoid", x, out, SigmoidBackward0, "result")


class ReluBackward0(UnaryNode):
    __slots__ = ()
    _saved_fields = ("result",)

    def _grads(self, g, m, t):
        (r,) = self._unpack(t)
        if t:  # PyTorch's gradient stays connected to the result (its derivative is zero)
            return (double_backward_named(m.where(r <= 0, r * 0, g), "ThresholdBackwardBackward0"),)
        return (m.where(r <= 0, 0.0, g),)


define("relu", "y = max(x, 0)", local={"x": "(x > 0)"})


def relu(x: Tensor):
    x = as_tensor_input(x, "relu")
    data = x._data
    return unary("relu", x, x._device.xp.maximum(data, data.dtype.type(0)), ReluBackward0, "result")


class ClampBackward1(UnaryNode):
    __slots__ = ("_saved_max", "_saved_min")
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (x,) = self._unpack(t)
        lo, hi = self._saved_min, self._saved_max
        keep = None
        if lo is not None:
            keep = x >= lo
        if hi is not None:
            keep = (x <= hi) if keep is None else keep & (x <= hi)
        return (m.where(keep, g, 0.0),)


def clamp(x: Tensor, min=None, max=None):
    x = as_tensor_input(x, "clamp")
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    data = x._data
    xp = x._device.xp
    if isinstance(min, float) or isinstance(max, float):
        data = to_floating(x)
    if min is not None:
        data = xp.maximum(data, min)
    if max is not None:
        data = xp.minimum(data, max)
    out = unary("clamp", x, data, ClampBackward1, "self")
    if out._grad_fn is not None:
        out._grad_fn._saved_min = min
        out._grad_fn._saved_max = max
    return out


# --------------------------------------------------------------------------- where / maximum
class WhereBackward0(BinaryNode):
    __slots__ = ("_condition",)

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return ()

    def _grads(self, g, m, t):
        cond = self._condition
        if t:
            cond = wrap(cond)
        return (
            m.where(cond, g, 0.0) if self._needs(0) else None,
            m.where(cond, 0.0, g) if self._needs(1) else None,
        )

    @property
    def _saved_condition(self):
        return wrap(self._condition)


def where(condition, input=None, other=None):
    """where(condition, x, y): x where condition holds, else y (scalars allowed)."""
    if input is None and other is None:
        from engine.ops.comparison import nonzero

        return nonzero(condition, as_tuple=True)
    cond = condition._data if isinstance(condition, Tensor) else condition
    if cond.dtype == "uint8":
        import warnings

        from engine.autograd import _warned

        if not _warned["where_uint8"]:  # PyTorch warns once per process
            _warned["where_uint8"] = True
            warnings.warn(
                "where received a uint8 condition tensor. This behavior is deprecated and will "
                "be removed in a future version of PyTorch. Use a boolean condition instead. "
                "(Triggered internally at "
                "/__w/pytorch/pytorch/aten/src/ATen/native/TensorCompare.cpp:621.)",
                UserWarning,
                stacklevel=2,
            )
        cond = cond.astype(bool)
    if cond.dtype.kind != "b":
        raise RuntimeError(
            f"where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{condition.dtype._legacy}"
        )
    tensors = [v for v in (input, other) if isinstance(v, Tensor)]
    xp = (tensors[0] if tensors else condition)._device.xp
    with observer.muted():  # (reported below with its condition: a traced where's code has it)
        out = binary("where", input, other, lambda x, y: xp.where(cond, x, y), WhereBackward0) \
            if tensors else wrap(xp.where(cond, input, other))
    if out._grad_fn is not None:
        out._grad_fn._condition = cond
    return record("where", (condition, input, other), out)


class _OtherAndSelfNode(BinaryNode):
    """A binary node that saves both inputs, named as PyTorch names them: other, then self."""

    __slots__ = ()
    _saved_fields = ("other", "self")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b, a)


class MaximumBackward0(_OtherAndSelfNode):
    """The larger input takes the gradient; a tie splits it in halves."""

    __slots__ = ()
    _takes_larger = True

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        half = m.where(this == other, g / 2, g)
        smaller, larger = this < other, this > other
        a_loses, b_loses = (smaller, larger) if self._takes_larger else (larger, smaller)
        return m.where(a_loses, 0.0, half), m.where(b_loses, 0.0, half)


class MinimumBackward0(MaximumBackward0):
    __slots__ = ()
    _takes_larger = False


def maximum(a: Tensor, b: Tensor):
    xp = a._device.xp
    return binary("maximum", a, b, xp.maximum, MaximumBackward0)


def minimum(a: Tensor, b: Tensor):
    xp = a._device.xp
    return binary("minimum", a, b, xp.minimum, MinimumBackward0)


# --------------------------------------------------------------------------- rounding, //, %
class _StepBackward(UnaryNode):
    """floor, ceil, round, trunc: piecewise constant, so the gradient is zero."""

    __slots__ = ()

    def _grads(self, g, m, t):
        return (g * 0,)


class FloorBackward0(_StepBackward):
    __slots__ = ()


class CeilBackward0(_StepBackward):
    __slots__ = ()


class RoundBackward0(_StepBackward):
    __slots__ = ()


class RoundBackward1(_StepBackward):
    """round(decimals=...)."""

    __slots__ = ()


class TruncBackward0(_StepBackward):
    __slots__ = ()


def floor(x: Tensor):
    x = as_tensor_input(x, "floor")
    return unary("floor", x, x._device.xp.floor(x._data), FloorBackward0, None)


def ceil(x: Tensor):
    x = as_tensor_input(x, "ceil")
    return unary("ceil", x, x._device.xp.ceil(x._data), CeilBackward0, None)


def round(x: Tensor, *, decimals: int = 0):
    x = as_tensor_input(x, "round")
    node_cls = RoundBackward1 if decimals else RoundBackward0
    return unary("round", x, x._device.xp.round(x._data, decimals), node_cls, None)


def trunc(x: Tensor):
    x = as_tensor_input(x, "trunc")
    return unary("trunc", x, x._device.xp.trunc(x._data), TruncBackward0, None)


class NoDerivative(Node):
    """The node PyTorch records for an op without a derivative: backward through it fails.

    PyTorch names this node class `NotImplemented`; so does its __name__ here.
    """

    __slots__ = ("_op",)

    def _apply(self, g, m, t):
        raise RuntimeError(f"derivative for aten::{self._op} is not implemented")


NoDerivative.__name__ = NoDerivative.__qualname__ = "NotImplemented"


def _not_differentiable(op: str, inputs: tuple, out: Tensor) -> Tensor:
    if grad_state.enabled:
        edges = tuple(edge(v) for v in inputs if isinstance(v, Tensor))
        if any(e[0] is not None for e in edges):
            node = NoDerivative(edges)
            node._op = op
            attach(out, node)
    return out


def floor_divide(a, b):
    """a // b, rounded towards minus infinity (no derivative, as in PyTorch)."""
    return _not_differentiable("floor_divide", (a, b), _rounded_div(a, b, "floor"))


def rfloordiv(a: Tensor, scalar_value):
    return _not_differentiable("floor_divide", (a,), _rounded_div(scalar_value, a, "floor"))


class RemainderBackward0(UnaryNode):
    """tensor % Python scalar: the gradient passes through unchanged."""

    __slots__ = ()

    def _grads(self, g, m, t):
        return (g,)


class RemainderBackward1(_OtherAndSelfNode):
    """tensor % tensor."""

    __slots__ = ()

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        gb = None
        if self._needs(1):
            with quiet():
                gb = -g * m.floor(this / other)
        return g, gb


def _remainder(x, y):
    with quiet():
        r = x % y
    _integer_division_check(r, y)
    return r


def _integer_division_check(result, divisor) -> None:
    """Integer division by zero raises in PyTorch (NumPy returns 0)."""
    if getattr(result, "dtype", None) is not None and result.dtype.kind in "iub" and (
        (divisor == 0).any() if hasattr(divisor, "any") else divisor == 0
    ):
        raise RuntimeError("ZeroDivisionError")


def remainder(a, b):
    """a % b with the sign of b, as Python and PyTorch define it."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return binary("remainder", a, b, _remainder, RemainderBackward1)
    if isinstance(a, Tensor):
        xa, xb, dev = operands(a, b)
        return unary("remainder", a, _remainder(xa, xb), RemainderBackward0, None)
    xa, xb, dev = operands(a, b)
    out = wrap(_remainder(xa, xb), dev)
    record("remainder", (a, b), out)
    return _not_differentiable("remainder", (b,), out)


def rremainder(a: Tensor, scalar_value):
    return remainder(scalar_value, a)


# --------------------------------------------------------------------------- Scalar overloads
class _ScalarOverload(UnaryNode):
    """The node of a binary op's Scalar overload, the one PyTorch's C++ composites call
    (`at::add(t, margin)`: AddBackward1): one edge, for the tensor. As in derivatives.yaml, the
    gradient is the Tensor overload's for `self` (`_tensor_node`'s `_grads`, the scalar in the
    place of its saved `other`), or the gradient itself where that has no formula of its own.
    The scalar is a Python number, never freed: a second backward through the node works."""

    __slots__ = ("_other",)
    _tensor_node: type | None = None

    def _needs(self, i: int) -> bool:
        return i == 0 and self._edges[0][0] is not None

    def _unpack(self, as_tensors: bool) -> list:
        return [self._other, None]

    def _grads(self, g, m, t):
        if self._tensor_node is None:
            return (g,)
        return (self._tensor_node._grads(self, g, m, t)[0],)

    @property
    def _saved_other(self):
        """The scalar, as PyTorch shows it: the Python number, not a tensor."""
        if self._tensor_node is None:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '_saved_other'")
        return self._other


class AddBackward1(_ScalarOverload):
    __slots__ = ()


class SubBackward1(_ScalarOverload):
    __slots__ = ()


class MulBackward1(_ScalarOverload):
    __slots__ = ()
    _tensor_node = MulBackward0


class DivBackward1(_ScalarOverload):
    __slots__ = ()
    _tensor_node = DivBackward0


_SCALAR_OVERLOADS = {
    "add": (operator.add, AddBackward1),
    "sub": (operator.sub, SubBackward1),
    "mul": (operator.mul, MulBackward1),
    "div": (_div, DivBackward1),
}


def with_scalar(op: str, x: Tensor, other) -> Tensor:
    """`x op other` ("add", "sub", "mul" or "div") for a Python number `other`, through the op's
    Scalar overload, as ATen's own code calls it: the same value as `x + other`, recorded as
    AddBackward1 (MulBackward1 ...), where the Python operator records AddBackward0."""
    compute, node_cls = _SCALAR_OVERLOADS[op]
    xa, xs, dev = operands(x, other)
    with quiet():
        out = wrap(compute(xa, xs), dev)
    node = None
    if x._requires_grad and (not _off_threads or grad_state.enabled):
        node = node_cls((((x._grad_fn or x._accumulator()), 0),))
        node._other = other
    return record(op, (x, other), out, node)


# --------------------------------------------------------------------------- xlogy
def _xlogy(m, x, y):
    """x × ln(y), 0 where x is 0 (even where y is 0), NaN where y is NaN: on arrays or Tensors."""
    with quiet():
        return m.where(m.isnan(y), y, m.where(x == 0, 0.0, x * m.log(y)))


class XlogyBackward0(BinaryNode):
    __slots__ = ()
    _saved_fields = ("other", "self")

    @staticmethod
    def to_save(a, b, out, need_a, need_b):
        return (b, a)

    def _grads(self, g, m, t):
        other, this = self._unpack(t)
        ga = gb = None
        if self._needs(0):  # (derivatives.yaml: xlogy(grad, other), 0 where self is 0 and other
            # is not positive; so a 0 of self with a positive other still has a gradient)
            ga = m.where((this == 0) & (other <= 0), 0.0, _xlogy(m, g, other))
        if self._needs(1):
            with quiet():
                gb = g * this / other
        return ga, gb


define("xlogy", "y = a × ln(b)", local={"a": "ln(b)", "b": "a / b"})


class XlogyBackward1(UnaryNode):
    """xlogy(Python number, tensor): the gradient of the tensor, self / other."""

    __slots__ = ("_self",)
    _saved_fields = ("other",)

    def _grads(self, g, m, t):
        (other,) = self._unpack(t)
        with quiet():
            return (g * self._self / other,)

    @property
    def _saved_self(self):
        return self._self


class XlogyBackward2(UnaryNode):
    """xlogy(tensor, Python number): the gradient of the tensor, ln(other) (0 where the tensor is
    0, for other <= 0 or NaN)."""

    __slots__ = ("_other",)
    _saved_fields = ("self",)

    def _grads(self, g, m, t):
        (this,) = self._unpack(t)
        with quiet():
            ln_other = float(np.log(np.float64(self._other)))  # (-inf for 0, NaN below)
        if self._other > 0:  # (PyTorch masks the zeros of the tensor only for other <= 0, NaN)
            return (g * ln_other,)
        return (m.where(this == 0, 0 * g, g * ln_other),)

    @property
    def _saved_other(self):
        return self._other


def _xlogy_forward(x, y):
    dtype = np.result_type(x, y)  # (a Python number takes the tensor's dtype)
    if dtype.kind != "f":
        dtype = np.dtype(np.float32)
    with quiet():
        log_y = _rounded(np.log, np.asarray(y, dtype=dtype))  # (PyTorch's float32 log)
        return np.asarray(np.where(np.isnan(y), y, np.where(x == 0, 0.0, x * log_y)), dtype=dtype)


def xlogy(a, b):
    """x × ln(y), 0 where x is 0 (F.kl_div's xlogy(target, target)); a Python number on either
    side records PyTorch's one-edge node for it (XlogyBackward1, XlogyBackward2)."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        return binary("xlogy", a, b, _xlogy_forward, XlogyBackward0)
    x, number, node_cls = (
        (b, a, XlogyBackward1) if isinstance(b, Tensor) else (a, b, XlogyBackward2)
    )
    xa, xb, dev = operands(a, b)
    out = wrap(_xlogy_forward(xa, xb), dev)
    node = None
    if x._requires_grad and (not _off_threads or grad_state.enabled):
        node = node_cls((((x._grad_fn or x._accumulator()), 0),), (x,))
        if node_cls is XlogyBackward1:
            node._self = number
        else:
            node._other = number
    return record("xlogy", (a, b), out, node)
