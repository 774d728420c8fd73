"""Broadcasting: PyTorch's shape rule, its error message, and `sum_to`.

`sum_to` is the one place where a gradient that was broadcast in the forward pass is
summed back to the shape of the input it belongs to (PyTorch's `at::sum_to`).
"""
from __future__ import annotations


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape, or PyTorch's RuntimeError naming the first clashing dimension."""
    ndim = max(len(s) for s in shapes)
    out = [1] * ndim
    for shape in shapes:
        offset = ndim - len(shape)
        for i, size in enumerate(shape):
            have = out[offset + i]
            if have == 1:
                out[offset + i] = size
            elif size != 1 and size != have:
                raise RuntimeError(
                    f"The size of tensor a ({have}) must match the size of tensor b ({size}) "
                    f"at non-singleton dimension {offset + i}"
                )
    return tuple(out)


def reduce_axes(shape: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, ...]:
    """Axes of `shape` that sum_to must sum over to reach `target`."""
    lead = len(shape) - len(target)
    axes = list(range(lead))
    for i, size in enumerate(target):
        if size == 1 and shape[lead + i] != 1:
            axes.append(lead + i)
    return tuple(axes)


def sum_to(grad, shape: tuple[int, ...]):
    """Sum `grad` (an array or a Tensor) over its broadcast dimensions down to `shape`."""
    if grad.shape == shape:
        return grad
    if not shape:  # the common case of a scalar parameter: one full reduction
        return grad.sum()
    axes = reduce_axes(tuple(grad.shape), shape)
    if hasattr(grad, "_data"):  # a Tensor: stay differentiable for create_graph=True
        out = grad.sum(dim=axes, keepdim=True) if axes else grad
        return out.reshape(shape)
    out = grad.sum(axis=axes, keepdims=True) if axes else grad
    return out.reshape(shape)
