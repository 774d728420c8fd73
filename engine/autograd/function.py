"""`engine.autograd.Function`: user-defined ops with their own forward and backward.

    class Exp(Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, grad):
            (y,) = ctx.saved_tensors
            return grad * y

`Exp.apply(x)` records a node named `ExpBackward`, as PyTorch names it.
"""
from __future__ import annotations

import functools

from engine.autograd import grad_mode
from engine.autograd.graph import NO_EDGE, Node, edge, record
from engine.broadcast import sum_to
from engine.tensor import Tensor, bump_version


class FunctionCtx:
    """What forward() leaves for backward(): saved tensors, needs_input_grad, extra attributes."""

    def __init__(self) -> None:
        self.needs_input_grad: tuple[bool, ...] = ()
        self._to_save: tuple = ()
        self._node = None
        self._materialize = True

    def set_materialize_grads(self, value: bool) -> None:
        """With False, backward receives None (not zeros) for outputs that got no gradient."""
        self._materialize = bool(value)

    def save_for_backward(self, *tensors) -> None:
        self._to_save = tensors

    @property
    def saved_tensors(self) -> tuple:
        if self._node is None:
            return tuple(self._to_save)
        return tuple(self._node._unpack(True))

    def mark_non_differentiable(self, *tensors) -> None:
        self._non_differentiable = {id(t) for t in tensors}

    def mark_dirty(self, *tensors) -> None:
        """forward changed these inputs in place: they are returned as themselves, with a new
        version and this call as their history."""
        self._dirty = {id(t) for t in tensors}


class BackwardCFunction(Node):
    """The node of a Function call; subclassed per Function as `<Name>Backward`."""

    __slots__ = ("_ctx", "_function", "_outputs", "_positions", "_shapes")
    _saved_fields = ()

    def __getattr__(self, name: str):
        # PyTorch's node is the ctx: y.grad_fn.needs_input_grad, y.grad_fn.constant ...
        if not name.startswith("__") and name != "_ctx":
            try:
                return getattr(self._ctx, name)
            except AttributeError:
                pass
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        from engine.tensor import Tensor

        if grad.__class__ is OutputGrads:  # several outputs: one gradient each, zeros if unused
            grads = [grad.parts.get(i) for i in range(len(self._outputs))]
        else:
            grads = [grad] + [None] * (len(self._outputs) - 1)
        device = self._ctx._device
        for i, g in enumerate(grads):
            if g is None and self._ctx._materialize:
                shape, dt = self._outputs[i]
                g = device.xp.zeros(shape, dtype=dt)
                grads[i] = Tensor._wrap(g, device) if as_tensors else g
        if not as_tensors:
            grads = [None if g is None else Tensor._wrap(g, device) for g in grads]
        result = self._function.backward(self._ctx, *grads)
        if not isinstance(result, tuple):
            result = (result,)
        expected = len(self._ctx.needs_input_grad)
        if len(result) > expected and all(g is None for g in result[expected:]):
            result = result[:expected]  # extra gradients are fine when None, as in PyTorch
        if len(result) != expected:
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients "
                f"(expected {expected}, got {len(result)})"
            )
        out = []
        for k, pos in enumerate(self._positions):
            g = result[pos]
            if g is not None and self._edges[k][0] is not None:
                if not isinstance(g, Tensor):
                    raise TypeError(
                        f"function {self.name()} returned a gradient different than None at "
                        f"position {pos + 1}, but the corresponding forward input was not a "
                        "Variable"
                    )
                shape = self._shapes[k]
                if g._data.shape != shape:
                    try:
                        g = sum_to(g, shape)
                    except (RuntimeError, ValueError):
                        g = None
                    if g is None or g._data.shape != shape:
                        raise RuntimeError(
                            f"Function {self.name()} returned an invalid gradient at index {pos} - "
                            f"got {list(result[pos]._data.shape)} but expected shape compatible "
                            f"with {list(shape)}"
                        ) from None
                out.append(g if as_tensors else g._data)
            else:
                out.append(None)
        return tuple(out)


class OutputGrads:
    """The gradients arriving at a node with several outputs, by output number.

    The executor sums what arrives at a node with `+`; this sums output by output (a bare
    gradient is output 0's), so nodes with one output keep the plain, fast path.
    """

    __slots__ = ("parts",)
    __array_ufunc__ = None  # `ndarray + OutputGrads` defers to OutputGrads.__radd__

    def __init__(self, parts: dict) -> None:
        self.parts = parts

    def __add__(self, other):
        parts = dict(self.parts)
        more = other.parts if other.__class__ is OutputGrads else {0: other}
        for nr, g in more.items():
            parts[nr] = g if parts.get(nr) is None else parts[nr] + g
        return OutputGrads(parts)

    __radd__ = __add__

    def copy(self):
        """Output 0's gradient (what the observer shows of a multi-output node's input)."""
        first = next(iter(self.parts.values()))
        return first.copy()


class OutputSlot(Node):
    """The grad_fn recorded for output `nr` (>= 1) of a Function with several outputs.

    It hands its gradient on to the Function's node tagged with its number. Users never see
    it: `Tensor.grad_fn` shows the Function's node, the same for every output, as in PyTorch.
    """

    __slots__ = ("_nr", "_owner")
    _is_output_slot = True

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        return (OutputGrads({self._nr: grad}),)

    @property
    def next_functions(self) -> tuple:
        # Reached through a consumer's next_functions, it stands for the node it hands on to,
        # whose inputs come next (PyTorch has one node there, not two).
        return self._owner.next_functions

    def __repr__(self) -> str:
        return repr(self._owner)


_node_types: dict[tuple, type] = {}


def _node_type(fn_cls: type, base: type = BackwardCFunction) -> type:
    node_cls = _node_types.get((fn_cls, base))
    if node_cls is None:
        node_cls = type(
            f"{fn_cls.__name__}Backward",
            (base,),
            {"__slots__": (), "__module__": "torch.autograd.function"},
        )
        _node_types[(fn_cls, base)] = node_cls
    return node_cls


class Function:
    """Base class of user-defined differentiable operations (see the module docstring)."""

    @staticmethod
    def forward(ctx: FunctionCtx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def backward(ctx: FunctionCtx, *grad_outputs):
        raise NotImplementedError("You must implement the backward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def setup_context(ctx: FunctionCtx, inputs: tuple, output) -> None:
        """The newer style: forward(*args) without ctx, then setup_context saves what is needed."""
        raise NotImplementedError("setup_context is not overridden")

    @classmethod
    def apply(cls, *args, **kwargs):
        from engine.tensor import Tensor

        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(
            isinstance(a, Tensor) and a._requires_grad for a in args
        )
        with grad_mode.no_grad():
            if cls.setup_context is Function.setup_context:
                out = cls.forward(ctx, *args, **kwargs)
            else:
                out = cls.forward(*args, **kwargs)
                cls.setup_context(ctx, args, out)
        outputs = list(out) if isinstance(out, tuple) else [out]
        if not any(isinstance(o, Tensor) for o in outputs):
            raise TypeError(
                f"{cls.__name__}.forward must return a Tensor or a tuple of Tensors, not "
                f"{type(out).__name__}"
            )
        dirty = getattr(ctx, "_dirty", ())
        for i, o in enumerate(outputs):
            if isinstance(o, Tensor) and id(o) in dirty:
                _check_dirty(o)
                bump_version(o)
            elif isinstance(o, Tensor) and any(a is o for a in args):
                # an input returned as is becomes a new output, as in PyTorch
                outputs[i] = o.detach()
        if grad_mode.state.enabled and any(ctx.needs_input_grad):
            positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
            node = _node_type(cls)(
                tuple(edge(args[i]) if args[i]._requires_grad else NO_EDGE for i in positions),
                tuple(ctx._to_save),
            )
            node._ctx = ctx
            node._function = cls
            node._positions = positions
            node._shapes = [args[i]._data.shape for i in positions]
            node._outputs = [
                (o._data.shape, o._data.dtype) if isinstance(o, Tensor) else ((), None)
                for o in outputs
            ]
            ctx._node = node
            ctx._device = next(o for o in outputs if isinstance(o, Tensor))._device
            skip = getattr(ctx, "_non_differentiable", ())
            for nr, o in enumerate(outputs):
                if not isinstance(o, Tensor) or id(o) in skip:
                    continue
                if nr:
                    slot = _node_type(cls, OutputSlot)(((node, nr),))
                    slot._owner, slot._nr = node, nr
                    record(None, (), o, slot)
                else:
                    record(None, (), o, node)
        out = tuple(outputs) if isinstance(out, tuple) else outputs[0]
        return record(cls.__name__, args, out)


def _check_dirty(t) -> None:
    if t._requires_grad and t._grad_fn is None and grad_mode.state.enabled:
        raise RuntimeError("a leaf Variable that requires grad has been used in an in-place "
                           "operation.")


ONCE_DIFFERENTIABLE_MESSAGE = (
    "trying to differentiate twice a function that was marked with @once_differentiable"
)


class Error(Node):
    """What a once_differentiable backward's results hang from under create_graph: reaching it
    in a backward raises (PyTorch's DelayedError node, printed as Error)."""

    __slots__ = ()

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        raise RuntimeError(ONCE_DIFFERENTIABLE_MESSAGE)


def once_differentiable(backward):
    """Decorate a Function's backward that is not itself differentiable: it runs without
    recording a graph; under create_graph its results still require grad, through an Error
    node, so that differentiating them again raises (as in PyTorch)."""

    @functools.wraps(backward)
    def wrapper(ctx, *grad_outputs):
        with grad_mode.no_grad():
            outputs = backward(ctx, *grad_outputs)
        if not grad_mode.is_grad_enabled() or not any(
            isinstance(g, Tensor) and g.requires_grad for g in grad_outputs
        ):
            return outputs
        if not isinstance(outputs, tuple):
            return _behind_error(outputs)
        return tuple(_behind_error(o) for o in outputs)

    return wrapper


def _behind_error(t):
    """t's value, produced by an Error node over a detached copy that requires grad."""
    if t is None:
        return None
    alias = t.detach().requires_grad_()
    return record(None, (), t.detach(), Error((edge(alias),)))
