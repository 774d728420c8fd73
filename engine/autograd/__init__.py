"""`engine.autograd`: backward(), grad(), Function, grad modes and the graph classes."""
from __future__ import annotations

import warnings

from engine.autograd import graph
from engine.autograd.function import Function, FunctionCtx
from engine.autograd.grad_mode import (
    enable_grad,
    is_grad_enabled,
    no_grad,
    set_grad_enabled,
)
from engine.tensor import Size, Tensor

CREATE_GRAPH_WARNING = (
    "Using backward() with create_graph=True will create a reference cycle between the parameter "
    "and its gradient which can cause a memory leak. We recommend using autograd.grad when "
    "creating the graph to avoid this. If you have to use this function, make sure to reset the "
    ".grad fields of your parameters to None after use to break the cycle and avoid the leak. "
    "(Triggered internally at /__w/pytorch/pytorch/torch/csrc/autograd/engine.cpp:1307.)"
)
_warned = {"create_graph": False, "scalar": False, "where_uint8": False}

__all__ = [
    "Function",
    "FunctionCtx",
    "Variable",
    "backward",
    "detect_anomaly",
    "enable_grad",
    "functional",
    "grad",
    "gradcheck",
    "gradgradcheck",
    "graph",
    "is_anomaly_check_nan_enabled",
    "is_anomaly_enabled",
    "is_grad_enabled",
    "no_grad",
    "profiler",
    "set_detect_anomaly",
    "set_grad_enabled",
]


def Variable(data, requires_grad: bool = False, volatile: bool = False) -> Tensor:
    """The pre-0.4 wrapper older tutorials still use: now simply a tensor (sharing `data`)."""
    if not isinstance(data, Tensor):
        raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
    return data.detach().requires_grad_(requires_grad)


def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, Tensor):
        return (value,)
    return tuple(value)


def _roots(outputs: tuple, grad_outputs, create_graph: bool) -> tuple[list, object]:
    """[(node, gradient)] for the executor, with PyTorch's checks and messages."""
    grads = _as_tuple(grad_outputs) if grad_outputs is not None else (None,) * len(outputs)
    if len(grads) != len(outputs):
        raise RuntimeError(
            f"grad_tensors has {len(grads)} tensors but tensors has {len(outputs)}; "
            "they must have the same length"
        )
    roots = []
    m = None
    for i, (t, g) in enumerate(zip(outputs, grads)):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(t).__name__}")
        if not t._requires_grad:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        xp = t._device.xp
        if g is None:
            if t._data.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            g = Tensor._wrap(xp.ones_like(t._data), t._device)
        elif not isinstance(g, Tensor):
            raise TypeError(
                f"expected Tensor as element {i} in argument 1, but got {type(g).__name__}"
            )
        elif g._data.shape != t._data.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{i}] has a shape of {Size(g._data.shape)} and "
                f"output[{i}] has a shape of {Size(t._data.shape)}."
            )
        if g._data.dtype is not t._data.dtype:
            g = g.to(t.dtype)  # as PyTorch casts a grad_output to its output's dtype
        node = t._grad_fn if t._grad_fn is not None else t._accumulator()
        roots.append((node, g if create_graph else g._data))
        m = xp
    if create_graph:
        import engine

        m = engine
    return roots, m


def backward(
    tensors,
    grad_tensors=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    inputs=None,
) -> None:
    """Accumulate the gradients of `tensors` into the .grad of the leaves (or of `inputs`)."""
    if (
        grad_tensors is None and inputs is None and not create_graph
        and tensors.__class__ is Tensor and tensors._grad_fn is not None
        and tensors._data.size == 1
    ):  # the common `loss.backward()`: skip the general checks
        data = tensors._data
        graph.run_from_scalar(
            tensors._grad_fn, data.dtype, data.shape, tensors._device.xp, bool(retain_graph)
        )
        return
    outputs = _as_tuple(tensors)
    if retain_graph is None:
        retain_graph = create_graph
    roots, m = _roots(outputs, grad_tensors, create_graph)
    if create_graph and not _warned["create_graph"]:
        _warned["create_graph"] = True  # PyTorch warns once per process (TORCH_WARN_ONCE)
        warnings.warn(CREATE_GRAPH_WARNING, UserWarning, stacklevel=3)
    if inputs is None:
        graph.execute(roots, m, retain_graph, create_graph)
        return
    targets = _as_tuple(inputs)
    if not targets:
        raise RuntimeError("`inputs` argument to `backward()` cannot be empty.")
    nodes = [_input_node(t, i) for i, t in enumerate(targets)]
    found = graph.execute(roots, m, retain_graph, create_graph, capture=nodes, accumulate=False)
    for t, g in zip(targets, found):
        if g is not None:
            graph.accumulate_grad(t, g, create_graph)


def _input_node(t, i: int):
    if not t._requires_grad:
        raise RuntimeError("One of the differentiated Tensors does not require grad")
    return t._grad_fn if t._grad_fn is not None else t._accumulator()


def grad(
    outputs,
    inputs,
    grad_outputs=None,
    retain_graph: bool | None = None,
    create_graph: bool = False,
    only_inputs: bool = True,
    allow_unused: bool | None = None,
    is_grads_batched: bool = False,
    materialize_grads: bool = False,
) -> tuple:
    """The gradients of `outputs` with respect to `inputs`, without touching any .grad.

    `only_inputs` is PyTorch's deprecated, ignored argument (with its warning when False).
    """
    if not only_inputs:
        warnings.warn(
            "only_inputs argument is deprecated and is ignored now (defaults to True). To "
            "accumulate gradient for other parts of the graph, please use "
            "torch.autograd.backward.",
            UserWarning,
            stacklevel=2,
        )
    if is_grads_batched:
        return _batched_grad(outputs, inputs, grad_outputs, retain_graph, create_graph,
                             allow_unused, materialize_grads)
    outs = _as_tuple(outputs)
    ins = _as_tuple(inputs)
    if retain_graph is None:
        retain_graph = create_graph
    if allow_unused is None:
        allow_unused = materialize_grads
    roots, m = _roots(outs, grad_outputs, create_graph)
    nodes = [_input_node(t, i) for i, t in enumerate(ins)]
    found = graph.execute(roots, m, retain_graph, create_graph, capture=nodes, accumulate=False)
    result = []
    for i, (t, g) in enumerate(zip(ins, found)):
        if g is None:
            if not allow_unused:
                raise RuntimeError(
                    f"The differentiated Tensor at index {i} appears to not have been used in the "
                    "graph. Set allow_unused=True if this is the desired behavior."
                )
            if materialize_grads:
                g = t._device.xp.zeros_like(t._data)
        if g is not None and not isinstance(g, Tensor):
            g = Tensor._wrap(g.copy(), t._device)  # never hand out an internal buffer
        result.append(g)
    return tuple(result)



def _batched_grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused,
                  materialize_grads) -> tuple:
    """grad() once per row of the batched grad_outputs, stacked (PyTorch vmaps it: the same
    values)."""
    from engine.ops.shape import stack

    batched = _as_tuple(grad_outputs)
    n = batched[0].shape[0]
    rows = [
        grad(outputs, inputs, tuple(g[b] for g in batched),
             retain_graph=True if b < n - 1 else retain_graph, create_graph=create_graph,
             allow_unused=allow_unused, materialize_grads=materialize_grads)
        for b in range(n)
    ]
    return tuple(None if column[0] is None else stack(column) for column in zip(*rows))


# Imported last: they are built on grad() above.
from engine.autograd import functional, profiler
from engine.autograd.anomaly_mode import (
    detect_anomaly,
    is_anomaly_check_nan_enabled,
    is_anomaly_enabled,
    set_detect_anomaly,
)
from engine.autograd.gradcheck import gradcheck, gradgradcheck
