"""Broadcasting: PyTorch's shape rule, its error message, and `sum_to`.

`sum_to` is the one place where a gradient that was broadcast in the forward pass is
summed back to the shape of the input it belongs to (PyTorch's `at::sum_to`).
"""
from __future__ import annotations


def broadcast_shapes(*shapes: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape, or PyTorch's RuntimeError naming the first clashing dimension."""
    out = tuple(shapes[0])
    for shape in shapes[1:]:
        out = _broadcast_pair(out, tuple(shape))
    return out


def _broadcast_pair(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    # PyTorch compares from the trailing dimension backwards and reports the first clash.
    n = max(len(a), len(b))
    out = [1] * n
    for i in range(n - 1, -1, -1):
        sa = a[i - n + len(a)] if i - n + len(a) >= 0 else 1
        sb = b[i - n + len(b)] if i - n + len(b) >= 0 else 1
        if sa == sb or sb == 1:
            out[i] = sa
        elif sa == 1:
            out[i] = sb
        else:
            raise RuntimeError(
                f"The size of tensor a ({sa}) must match the size of tensor b ({sb}) "
                f"at non-singleton dimension {i}"
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
    lead = len(shape) - len(grad.shape)
    if lead > 0:  # a source whose leading 1s setitem dropped, as PyTorch does (y[0] = a, a: [1])
        return sum_to(grad, shape[lead:]).reshape(shape)
    axes = reduce_axes(tuple(grad.shape), shape)
    if hasattr(grad, "_data"):  # a Tensor: stay differentiable for create_graph=True
        out = grad.sum(dim=axes, keepdim=True) if axes else grad
        return out.reshape(shape)
    out = grad.sum(axis=axes, keepdims=True) if axes else grad
    return out.reshape(shape)
