"""Products (dot, mv, mm, batched matmul) and vector norms, with their backward nodes."""
from __future__ import annotations

import math

from engine.autograd.graph import NO_EDGE, Node
from engine.broadcast import sum_to
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    quiet,
    record,
    records,
    wrap,
    write_out,
)
from engine.ops.formulas import define
from engine.ops.reduction import keepdim_shape, normalize_dims


def _edges(a: Tensor, b: Tensor):
    return (
        edge(a) if a._requires_grad else NO_EDGE,
        edge(b) if b._requires_grad else NO_EDGE,
    )


def _same_dtype(op: str, a: Tensor, b: Tensor) -> None:
    if a._data.dtype is not b._data.dtype:
        if op == "dot":
            raise RuntimeError(
                f"dot : expected both vectors to have same dtype, but found {a.dtype._legacy} "
                f"and {b.dtype._legacy}"
            )
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {_c10_name(a)} != {_c10_name(b)}"
        )


def _c10_name(t: Tensor) -> str:
    """The scalar type as PyTorch's C++ messages name it (float, double, long ...)."""
    names = {"float32": "float", "float64": "double", "int64": "long", "int32": "int",
             "float16": "c10::Half", "bool": "bool"}
    return names.get(t.dtype.name, t.dtype.name)


def _product(op: str, a: Tensor, b: Tensor, data, node_cls, inputs=None):
    out = wrap(data, a._device)
    if records(a, b):
        ea, eb = _edges(a, b)
        # Each input is needed only for the other's gradient, as PyTorch saves them.
        attach(out, node_cls((ea, eb), (a if eb[0] is not None else None,
                                        b if ea[0] is not None else None)))
    return record(op, inputs or (a, b), out)


class DotBackward0(Node):
    __slots__ = ()
    _saved_fields = ("self", "tensor")

    def _apply(self, g, m, t):
        a, b = self._unpack(t)
        return (g * b if b is not None else None, g * a if a is not None else None)


define("dot", "y = Σ aᵢ × bᵢ", gradient={"a": "grad_out × b", "b": "grad_out × a"})


def dot(a: Tensor, b: Tensor):
    a, b = as_tensor_input(a, "dot"), as_tensor_input(b, "dot")
    if a._data.ndim != 1 or b._data.ndim != 1:
        raise RuntimeError(
            f"1D tensors expected, but got {a._data.ndim}D and {b._data.ndim}D tensors"
        )
    if a._data.shape[0] != b._data.shape[0]:
        n, k = a._data.shape[0], b._data.shape[0]
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{n}] and src [{k}] to have the same "
            f"number of elements, but got {n} and {k} elements respectively"
        )
    _same_dtype("dot", a, b)
    return _product("dot", a, b, a._device.xp.dot(a._data, b._data), DotBackward0)


def column_major(data) -> bool:
    """Whether a matrix is laid out by columns (a transposed contiguous one, as weight.t())."""
    return data.ndim == 2 and data.strides == (data.itemsize, data.itemsize * data.shape[0])


def mm_gradients(g, a, b, column_major_ab: tuple[bool, bool]) -> tuple:
    """The gradients of a @ b. As PyTorch's mm_mat1/mat2_backward, an input laid out by columns
    gets its gradient computed transposed, so that it too is by columns: weight.t()'s gradient
    comes back to the weight contiguous (the view() of it in a create_graph backward works)."""
    grad_a = grad_b = None
    if b is not None:
        grad_a = (b @ g.T).T if column_major_ab[0] else g @ b.T
    if a is not None:
        grad_b = (g.T @ a).T if column_major_ab[1] else a.T @ g
    return grad_a, grad_b


class MmBackward0(Node):
    __slots__ = ("_column_major",)
    _saved_fields = ("self", "mat2")

    def _apply(self, g, m, t):
        a, b = self._unpack(t)
        return mm_gradients(g, a, b, self._column_major)


# matmul records MmBackward0, MvBackward0, BmmBackward0 or DotBackward0 by the shapes
define("matmul", "y = a @ b", gradient={"a": "grad_out @ b.T", "b": "a.T @ grad_out"})


def bmm(a: Tensor, b: Tensor):
    """Batched matrix product of (B, n, k) and (B, k, p) tensors."""
    a, b = as_tensor_input(a, "bmm"), as_tensor_input(b, "bmm")
    _check_batches(a, b)
    _same_dtype("bmm", a, b)
    out = _product("bmm", a, b, a._data @ b._data, BmmBackward0)
    if out._grad_fn is not None:
        out._grad_fn._shapes = (a._data.shape, b._data.shape)
    return out


def check_expandable(shape: tuple, target: tuple) -> None:
    """PyTorch's error when addmm's or baddbmm's input cannot be expanded to the product's
    shape."""
    for i in range(1, len(shape) + 1):
        size, want = shape[-i], target[-i] if i <= len(target) else 1
        if size != 1 and size != want:
            raise RuntimeError(
                f"The expanded size of the tensor ({want}) must match the existing size ({size}) "
                f"at non-singleton dimension {len(target) - i}.  Target sizes: {list(target)}.  "
                f"Tensor sizes: {list(shape)}"
            )


def _check_batches(a: Tensor, b: Tensor) -> None:
    """PyTorch's checks of bmm's and baddbmm's (B, n, k) and (B, k, p) operands."""
    if a._data.ndim != 3:
        raise RuntimeError("batch1 must be a 3D tensor")
    if b._data.ndim != 3:
        raise RuntimeError("batch2 must be a 3D tensor")
    (batch, _, k), (batch2, k2, _) = a._data.shape, b._data.shape
    if batch != batch2 or k != k2:
        raise RuntimeError(
            f"Expected size for first two dimensions of batch2 tensor to be: [{batch}, {k}] but "
            f"got: [{batch2}, {k2}]."
        )


class BaddbmmBackward0(Node):
    """out = beta input + alpha batch1 @ batch2; input's gradient summed back to its shape."""

    __slots__ = ("_input_shape", "_saved_alpha", "_saved_beta")
    _saved_fields = ("batch1", "batch2")

    def _apply(self, g, m, t):
        a, b = self._unpack(t)
        alpha, beta = self._saved_alpha, self._saved_beta
        grad_input = sum_to(g * beta, self._input_shape) if self._needs(0) else None
        grad_a = (g @ m.swapaxes(b, -1, -2)) * alpha if b is not None else None
        grad_b = (m.swapaxes(a, -1, -2) @ g) * alpha if a is not None else None
        return grad_input, grad_a, grad_b


define("baddbmm", "y = a + b @ c",
       gradient={"a": "grad_out (summed to a's shape)", "b": "grad_out @ c.T",
                 "c": "b.T @ grad_out"})


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta=1, alpha=1):
    """beta input + alpha (batch1 @ batch2) as one op, input broadcast to the product's shape
    (how MultiheadAttention adds its mask to the scores)."""
    input = as_tensor_input(input, "baddbmm")
    a, b = as_tensor_input(batch1, "baddbmm"), as_tensor_input(batch2, "baddbmm")
    _check_batches(a, b)
    if a._data.dtype is not b._data.dtype:
        raise RuntimeError(f"expected scalar type {a.dtype._legacy} but "
                           f"found {b.dtype._legacy}")
    if input._data.dtype is not a._data.dtype:
        raise RuntimeError(f"Input dtypes must be the same, got: input {_c10_name(input)}, "
                           f"batch1: {_c10_name(a)}, batch2: {_c10_name(b)}")
    target = (a._data.shape[0], a._data.shape[1], b._data.shape[2])
    check_expandable(tuple(input._data.shape), target)
    product = a._data @ b._data
    data = (input._data * beta if beta != 1 else input._data) + (
        product * alpha if alpha != 1 else product)
    out = wrap(data, a._device)
    if records(input, a, b):
        edges = (edge(input) if input._requires_grad else NO_EDGE, *_edges(a, b))
        node = BaddbmmBackward0(edges, (a if edges[2][0] is not None else None,
                                        b if edges[1][0] is not None else None))
        node._input_shape = input._data.shape
        node._saved_alpha, node._saved_beta = alpha, beta
        attach(out, node)
    return record("baddbmm", (input, a, b), out)


def mm(a: Tensor, b: Tensor, _op: str = "mm"):
    a, b = as_tensor_input(a, "mm"), as_tensor_input(b, "mm")
    if a._data.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if b._data.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    (n, k), (k2, p) = a._data.shape, b._data.shape
    if k != k2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{p})")
    _same_dtype("mm", a, b)
    out = _product(_op, a, b, a._data @ b._data, MmBackward0)
    if out._grad_fn is not None:
        out._grad_fn._column_major = (column_major(a._data), column_major(b._data))
    return out


class MvBackward0(Node):
    __slots__ = ()
    _saved_fields = ("self", "vec")

    def _apply(self, g, m, t):
        a, v = self._unpack(t)
        ga = g.reshape(-1, 1) * v.reshape(1, -1) if v is not None else None
        return (ga, a.T @ g if a is not None else None)


def mv(a: Tensor, v: Tensor, _op: str = "mv"):
    a, v = as_tensor_input(a, "mv"), as_tensor_input(v, "mv")
    if a._data.ndim != 2 or v._data.ndim != 1:
        raise RuntimeError("vector + matrix @ vector expected, got "
                           f"1, {a._data.ndim}, {v._data.ndim}")
    if a._data.shape[1] != v._data.shape[0]:
        n, k = a._data.shape
        raise RuntimeError(
            f"size mismatch, got input ({n}), mat ({n}x{k}), vec ({v._data.shape[0]})"
        )
    _same_dtype("mv", a, v)
    return _product(_op, a, v, a._data @ v._data, MvBackward0)


class BmmBackward0(Node):
    """Batched (broadcasting) matrix product; gradients summed back over broadcast batches."""

    __slots__ = ("_shapes",)
    _saved_fields = ("self", "mat2")

    def _apply(self, g, m, t):
        a, b = self._unpack(t)
        sa, sb = self._shapes
        ga = sum_to(g @ m.swapaxes(b, -1, -2), sa) if b is not None else None
        gb = sum_to(m.swapaxes(a, -1, -2) @ g, sb) if a is not None else None
        return ga, gb


def matmul(a: Tensor, b: Tensor, *, out=None):
    """`a @ b` dispatched like PyTorch: dot, mv, mm, or a batched product."""
    from engine.ops import shape

    if out is not None:
        return write_out("matmul", matmul(a, b), out, (a, b))
    a, b = as_tensor_input(a, "matmul"), as_tensor_input(b, "matmul")
    da, db = a._data.ndim, b._data.ndim
    if da == 0 or db == 0:
        raise RuntimeError(
            f"both arguments to matmul need to be at least 1D, but they are {da}D and {db}D"
        )
    if da == 1 and db == 1:
        return dot(a, b)
    if da == 2 and db == 1:
        return mv(a, b, "matmul")
    if da == 2 and db == 2:
        return mm(a, b, "matmul")
    if da == 1 and db == 2:
        return shape.squeeze(mm(shape.unsqueeze(a, 0), b, "matmul"), 0,
                             _node=shape.SqueezeBackward4)
    if db <= 2 and da > 2:
        # Fold the batch dimensions of `a` into rows, as PyTorch does, then view the result back.
        lead = a._data.shape[:-1]
        folded = shape.reshape(a, -1, a._data.shape[-1])
        out = mm(folded, b, "matmul") if db == 2 else mv(folded, b, "matmul")
        return shape._unsafe_view(out, lead + (b._data.shape[-1],) if db == 2 else lead)
    _same_dtype("matmul", a, b)
    av = a if da > 1 else shape.unsqueeze(a, 0)
    bv = b if db > 1 else shape.unsqueeze(b, 1)
    try:
        data = av._data @ bv._data
    except ValueError:
        raise RuntimeError(
            "Expected size for first two dimensions of batch2 tensor to be: "
            f"[{av._data.shape[-2]}, {av._data.shape[-1]}] but got: "
            f"[{bv._data.shape[-2]}, {bv._data.shape[-1]}]."
        ) from None
    out = wrap(data, a._device)
    if records(a, b):
        ea, eb = _edges(av, bv)
        node = BmmBackward0((ea, eb), (av if eb[0] is not None else None,
                                       bv if ea[0] is not None else None))
        node._shapes = (av._data.shape, bv._data.shape)
        attach(out, node)
    final = data.shape
    if da == 1:
        final = final[:-2] + final[-1:]
    if db == 1:
        final = final[:-1]
    return shape._unsafe_view(out, final)


def outer(a: Tensor, b: Tensor):
    from engine.ops import elementwise, shape

    return elementwise.mul(shape.unsqueeze(a, 1), b)


# --------------------------------------------------------------------------- vector norm
class LinalgVectorNormBackward0(Node):
    __slots__ = ("_saved_dim", "_saved_keepdim", "_saved_ord")
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        x, r = self._unpack(t)
        p, dims, keepdim = self._saved_ord, self._saved_dim, self._saved_keepdim
        if dims is not None and not keepdim:
            shape = keepdim_shape(tuple(x.shape), dims)
            g = g.reshape(shape)
            r = r.reshape(shape)
        with quiet():
            if p == 0:
                return (x * 0 * g,)
            if p == 1:
                return (m.sign(x) * g,)
            if p == 2:
                return (x * m.where(r == 0, 0.0, g / r),)
            if math.isinf(p):
                ax = m.abs(x)
                mask = ax == r
                count = mask.sum() if dims is None else mask.sum(*_sum_args(dims, t))
                return (m.sign(x) * m.where(mask, g / count, 0.0),)
            ax = m.abs(x)
            scale = m.where(r == 0, 0.0, g / r ** (p - 1))
            return (x * ax ** (p - 2) * scale,)


def _sum_args(dims, t):
    return (dims, True) if t else ()


def vector_norm(x: Tensor, ord=2, dim=None, keepdim: bool = False, *, dtype=None):
    x = as_tensor_input(x, "linalg.vector_norm")
    if x._data.dtype.kind not in "fc":
        raise RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. Got "
            f"{x.dtype._legacy}"
        )
    data = x._data
    xp = x._device.xp
    dims = None if dim is None else normalize_dims(dim, data.ndim)
    p = float(ord)
    ax = xp.abs(data)
    kw = {"axis": dims, "keepdims": keepdim}
    with quiet():
        if p == 2:
            r = xp.sqrt((data * data).sum(**kw))
        elif p == 1:
            r = ax.sum(**kw)
        elif p == 0:
            r = (data != 0).sum(**kw).astype(data.dtype)
        elif math.isinf(p):
            r = ax.max(**kw) if p > 0 else ax.min(**kw)
        else:
            r = (ax**p).sum(**kw) ** (1.0 / p)
    out = wrap(xp.asarray(r).astype(data.dtype, copy=False), x._device)
    if records(x):
        node = LinalgVectorNormBackward0((edge(x),), (x, out))
        node._saved_ord, node._saved_dim, node._saved_keepdim = p, dims, keepdim
        attach(out, node)
    return record("norm", (x,), out)


class NormBackward1(LinalgVectorNormBackward0):
    """at::norm(self, p, dim, keepdim), which ATen's pairwise_distance calls: the vector norm's
    maths under PyTorch's other name, with `p` for `ord`."""

    __slots__ = ()

    @property
    def _saved_p(self):
        return self._saved_ord


def norm_over_dim(x: Tensor, p: float, dim: int | None, keepdim: bool = False) -> Tensor:
    """The p-norm over `dim` as ATen's own code takes it (NormBackward1); torch.norm and
    Tensor.norm record LinalgVectorNormBackward0."""
    out = vector_norm(x, p, dim, keepdim)
    if out._grad_fn is not None:
        out._grad_fn.__class__ = NormBackward1  # (the same slots: a rename in place)
    return out


def norm(x: Tensor, p="fro", dim=None, keepdim: bool = False, dtype=None):
    """Tensor.norm / torch.norm: the vector p-norm over all elements or over `dim`."""
    if p == "fro" or p is None:
        p = 2
    if isinstance(p, str):
        raise RuntimeError(f"norm with p={p!r} is not supported by this engine")  # noqa: TRY004
    return vector_norm(x, p, dim, keepdim, dtype=dtype)


def dist(input: Tensor, other: Tensor, p=2) -> Tensor:
    """The p-norm of input - other."""
    return vector_norm(input - other, p)
