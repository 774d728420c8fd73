"""Module hooks: forward pre-hooks, forward hooks, full backward (pre-)hooks and the legacy
backward hook, run as PyTorch's `Module.__call__` runs them.

A module without hooks never comes here (its __call__ is forward()). Full backward hooks wrap
the module's tensor inputs and outputs in an identity `BackwardHookFunction`, as PyTorch does,
so outputs show `grad_fn=<BackwardHookFunctionBackward>` and the hook sees the gradients with
respect to the module's inputs and outputs. The legacy hook is a post-hook on the output's node.
"""
from __future__ import annotations

import itertools
import warnings
import weakref
from collections import OrderedDict
from typing import Any

from engine.autograd.function import Function
from engine.tensor import Tensor

_next_id = itertools.count().__next__


class HookHandle:
    """What register_*_hook returns: .remove() unregisters the hook."""

    def __init__(self, hooks: OrderedDict) -> None:
        self._hooks = hooks
        self.id = _next_id()

    def remove(self) -> None:
        self._hooks.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.remove()


class ModuleHooks:
    """A module's hooks, made on the first registration."""

    __slots__ = ("backward", "backward_pre", "forward", "forward_pre", "legacy_backward")

    def __init__(self) -> None:
        self.forward_pre: OrderedDict = OrderedDict()
        self.forward: OrderedDict = OrderedDict()
        self.backward: OrderedDict = OrderedDict()
        self.backward_pre: OrderedDict = OrderedDict()
        self.legacy_backward: OrderedDict = OrderedDict()


def add(hooks: OrderedDict, hook, prepend: bool = False, **flags) -> HookHandle:
    handle = HookHandle(hooks)
    hooks[handle.id] = (hook, flags)
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


class BackwardHookFunction(Function):
    """Identity; its backward hands the gradients to the module's backward hooks."""

    @staticmethod
    def forward(ctx, on_backward, *tensors):
        ctx.on_backward = on_backward
        return tensors

    @staticmethod
    def backward(ctx, *grads):
        return (None, *ctx.on_backward(grads))


class _BackwardRun:
    """One forward's full backward hooks: grad_output is recorded at the outputs, the hooks run
    when the inputs' gradients are known (or at once if no input needs one)."""

    def __init__(self, module, hooks: ModuleHooks, args: tuple) -> None:
        self.module = module
        self.hooks = hooks
        self.n_inputs = sum(isinstance(a, Tensor) for a in args)
        self.grad_outputs = None
        self.input_positions: list[int] = []

    def wrap_inputs(self, args: tuple) -> tuple:
        tensors = [a for a in args if isinstance(a, Tensor)]
        self.input_positions = [i for i, t in enumerate(tensors) if t.requires_grad]
        if not self.input_positions:
            return args
        wrapped = iter(BackwardHookFunction.apply(
            self._on_input_grads, *[tensors[i] for i in self.input_positions]))
        out, k = [], 0
        for a in args:
            if isinstance(a, Tensor):
                out.append(next(wrapped) if k in self.input_positions else a)
                k += 1
            else:
                out.append(a)
        return tuple(out)

    def wrap_outputs(self, result):
        single = isinstance(result, Tensor)
        outputs = (result,) if single else result
        if not isinstance(outputs, tuple) or not any(
            isinstance(t, Tensor) and t.requires_grad for t in outputs
        ):
            return result
        positions = [i for i, t in enumerate(outputs) if isinstance(t, Tensor) and t.requires_grad]
        wrapped = iter(BackwardHookFunction.apply(
            self._on_output_grads, *[outputs[i] for i in positions]))
        new = tuple(next(wrapped) if i in positions else t for i, t in enumerate(outputs))
        return new[0] if single else new

    def _on_output_grads(self, grads: tuple) -> tuple:
        for hook, _ in list(self.hooks.backward_pre.values()):
            result = hook(self.module, grads)
            if result is not None:
                grads = tuple(result) if isinstance(result, (tuple, list)) else (result,)
        self.grad_outputs = grads
        if not self.input_positions and self.hooks.backward:
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to module "
                "outputs since no inputs require gradients. See https://docs.pytorch.org/docs/"
                "main/generated/torch.nn.Module.html#torch.nn.Module.register_full_backward_hook"
                " for more details.",
                UserWarning,
                stacklevel=2,
            )
            for hook, _ in list(self.hooks.backward.values()):
                hook(self.module, (None,) * self.n_inputs, self.grad_outputs)
        return grads

    def _on_input_grads(self, grads: tuple) -> tuple:
        full = [None] * self.n_inputs
        for i, g in zip(self.input_positions, grads):
            full[i] = g
        grad_input = tuple(full)
        for hook, _ in list(self.hooks.backward.values()):
            result = hook(self.module, grad_input, self.grad_outputs)
            if result is not None:
                grad_input = tuple(result)
        return tuple(grad_input[i] for i in self.input_positions)


def call_with_hooks(module, hooks: ModuleHooks, args: tuple, kwargs: dict) -> Any:
    for hook, flags in list(hooks.forward_pre.values()):
        if flags.get("with_kwargs"):
            result = hook(module, args, kwargs)
            if result is not None:
                args, kwargs = result
        else:
            result = hook(module, args)
            if result is not None:
                args = result if isinstance(result, tuple) else (result,)
    run = None
    if hooks.backward or hooks.backward_pre:
        run = _BackwardRun(module, hooks, args)
        args = run.wrap_inputs(args)
    result = module.forward(*args, **kwargs)
    for hook, flags in list(hooks.forward.values()):
        if flags.get("with_kwargs"):
            out = hook(module, args, kwargs, result)
        else:
            out = hook(module, args, result)
        if out is not None:
            result = out
    if run is not None:
        result = run.wrap_outputs(result)
    if hooks.legacy_backward:
        _legacy_backward(module, hooks, args, result)
    return result


# --------------------------------------------------------------------------- legacy hook
_post_hooks: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_hooked_classes: dict = {}


def _legacy_backward(module, hooks: ModuleHooks, args: tuple, result) -> None:
    var = result
    while not isinstance(var, Tensor):
        if isinstance(var, dict):
            var = next(v for v in var.values() if isinstance(v, Tensor))
        else:
            var = var[0]
    node = var.grad_fn
    if node is None:
        return
    inputs_fns = {a.grad_fn for a in args if isinstance(a, Tensor) and a.grad_fn is not None}
    if inputs_fns != {n for n, _ in node._edges}:
        warnings.warn(
            "Using a non-full backward hook when the forward contains multiple autograd Nodes is "
            "deprecated and will be removed in future versions. This hook will be missing some "
            "grad_input. Please use register_full_backward_hook to get the documented behavior.",
            FutureWarning,
            stacklevel=3,
        )
    for hook, _ in hooks.legacy_backward.values():
        _add_post_hook(node, lambda grad_input, grad_output, hook=hook: hook(
            module, grad_input, grad_output))


def _add_post_hook(node, hook) -> None:
    """hook(grad_inputs, grad_outputs) after `node` runs; a returned tuple replaces its grads.

    The node becomes an instance of a same-named subclass whose _apply calls the hooks: no
    executor change, and nodes without hooks pay nothing."""
    cls = node.__class__
    hooked = _hooked_classes.get(cls)
    if hooked is None:
        hooked = _hooked_classes[cls] = type(cls.__name__, (cls,), {
            "__slots__": (), "__module__": cls.__module__, "_apply": _apply_with_post_hooks,
        })
    if node.__class__ is not hooked:
        node.__class__ = hooked
    _post_hooks.setdefault(node, []).append(hook)


def _apply_with_post_hooks(self, grad, m, as_tensors: bool):
    grads = super(type(self), self)._apply(grad, m, as_tensors)
    device = None
    for hook in _post_hooks.get(self, ()):
        as_t = tuple(_as_tensor(g, as_tensors, device) for g in grads)
        result = hook(as_t, (_as_tensor(grad, as_tensors, device),))
        if result is not None:
            grads = tuple(
                g if as_tensors or g is None else g._data for g in result
            )
    return grads


def _as_tensor(g, as_tensors: bool, device):
    if g is None or as_tensors:
        return g
    from engine.backend import device_of_array

    return Tensor._wrap(g, device or device_of_array(g))
