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

from engine import observer
from engine.autograd import grad_mode
from engine.autograd.graph import NO_EDGE, Node, edge
from engine.broadcast import sum_to
from engine.observer import _listeners


class FunctionCtx:
    """What forward() leaves for backward(): saved tensors, needs_input_grad, extra attributes."""

    def __init__(self) -> None:
        self.needs_input_grad: tuple[bool, ...] = ()
        self._to_save: tuple = ()
        self._node = None

    def save_for_backward(self, *tensors) -> None:
        self._to_save = tensors

    @property
    def saved_tensors(self) -> tuple:
        if self._node is None:
            return tuple(self._to_save)
        return tuple(self._node._unpack(True))

    def mark_non_differentiable(self, *tensors) -> None:
        self._non_differentiable = {id(t) for t in tensors}


class BackwardCFunction(Node):
    """The node of a Function call; subclassed per Function as `<Name>Backward`."""

    __slots__ = ("_ctx", "_function", "_positions", "_shapes")
    _saved_fields = ()

    def _apply(self, grad, m, as_tensors: bool) -> tuple:
        from engine.tensor import Tensor

        if not as_tensors:
            device = self._ctx._device
            grad = Tensor._wrap(grad, device)
        result = self._function.backward(self._ctx, grad)
        if not isinstance(result, tuple):
            result = (result,)
        expected = len(self._ctx.needs_input_grad)
        if len(result) != expected:
            raise RuntimeError(
                f"function {self.name()} returned an incorrect number of gradients "
                f"(expected {expected}, got {len(result)})"
            )
        out = []
        for k, pos in enumerate(self._positions):
            g = result[pos]
            if g is not None and self.next_functions[k][0] is not None:
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


_node_types: dict[type, type] = {}


def _node_type(fn_cls: type) -> type:
    node_cls = _node_types.get(fn_cls)
    if node_cls is None:
        node_cls = type(f"{fn_cls.__name__}Backward", (BackwardCFunction,), {"__slots__": ()})
        _node_types[fn_cls] = node_cls
    return node_cls


class Function:
    """Base class of user-defined differentiable operations (see the module docstring)."""

    @staticmethod
    def forward(ctx: FunctionCtx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx: FunctionCtx, *grad_outputs):
        raise NotImplementedError("You must implement the backward function for custom autograd.Function.")

    @classmethod
    def apply(cls, *args, **kwargs):
        from engine.tensor import Tensor

        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(
            isinstance(a, Tensor) and a._requires_grad for a in args
        )
        with grad_mode.no_grad():
            out = cls.forward(ctx, *args, **kwargs)
        if isinstance(out, tuple):
            raise RuntimeError(  # noqa: TRY004 - a limitation of this engine, not a type error
                f"{cls.__name__}.forward returned {len(out)} outputs; this engine supports "
                "custom Functions with a single Tensor output"
            )
        if not isinstance(out, Tensor):
            raise TypeError(f"{cls.__name__}.forward must return a Tensor, not {type(out).__name__}")
        if any(a is out for a in args):
            out = out.detach()  # an input returned as is becomes a new output, as in PyTorch
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
            ctx._node = node
            ctx._device = out._device
            out._grad_fn = node
            out._requires_grad = True
        if _listeners:
            observer.forward(cls.__name__, args, out)
        return out
