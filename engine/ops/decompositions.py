"""cross and svd: the vector product and the singular value decomposition, with their nodes.

The backward formulas are written once with operators that arrays and Tensors share, so they
also run (differentiably) for create_graph."""
from __future__ import annotations

import warnings

import numpy as np

from engine.autograd.function import OutputGrads
from engine.autograd.graph import NO_EDGE, Node
from engine.broadcast import broadcast_shapes, sum_to
from engine.ops.dispatch import (
    Tensor,
    as_tensor_input,
    attach,
    edge,
    record,
    records,
    wrap,
    wrap_dim,
)
from engine.ops.split import _slot_type


def _cross(m, a, b, d: int):
    """a x b along axis d (length 3), with operators and stack only."""
    a0, a1, a2 = (_component(a, d, i) for i in range(3))
    b0, b1, b2 = (_component(b, d, i) for i in range(3))
    return m.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], d)


def _component(x, d: int, i: int):
    return x[(slice(None),) * d + (i,)]


class LinalgCrossBackward0(Node):
    __slots__ = ("_saved_dim", "_shapes")
    _saved_fields = ("self", "other")

    def _apply(self, g, m, t):
        a, b = self._unpack(t)
        d, (sa, sb) = self._saved_dim, self._shapes
        ga = sum_to(_cross(m, b, g, d), sa) if self._needs(0) else None
        gb = sum_to(_cross(m, g, a, d), sb) if self._needs(1) else None
        return ga, gb


def linalg_cross(input: Tensor, other: Tensor, *, dim: int = -1) -> Tensor:
    """torch.linalg.cross: the cross product of 3-vectors along dim (broadcasting)."""
    a = as_tensor_input(input, "linalg_cross")
    b = other
    shape = broadcast_shapes(a._data.shape, b._data.shape)
    d = wrap_dim(dim, len(shape))
    if shape[d] != 3 or a._data.shape[d - len(shape) + a._data.ndim] != 3:
        raise RuntimeError(
            f"linalg.cross: inputs dimension {dim} must have length 3. Got "
            f"{a._data.shape[d - len(shape) + a._data.ndim]} and "
            f"{b._data.shape[d - len(shape) + b._data.ndim]}"
        )
    xa = np.broadcast_to(a._data, shape)
    xb = np.broadcast_to(b._data, shape)
    out = wrap(np.ascontiguousarray(_cross(np, xa, xb, d)), a._device)
    if records(a, b):
        edges = (edge(a) if a._requires_grad else NO_EDGE, edge(b) if b._requires_grad else NO_EDGE)
        node = LinalgCrossBackward0(edges, (a.expand(*shape) if a._data.shape != shape else a,
                                            b.expand(*shape) if b._data.shape != shape else b))
        node._saved_dim, node._shapes = d, (a._data.shape, b._data.shape)
        attach(out, node)
    return record("cross", (a, b), out)


def cross(input: Tensor, other: Tensor, dim=None) -> Tensor:
    """torch.cross: without dim, the first dimension of length 3 (with PyTorch's warning)."""
    if dim is None:
        warnings.warn(
            "Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass "
            "the dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will "
            "change to agree with that of linalg.cross in a future release. (Triggered internally "
            "at /__w/pytorch/pytorch/aten/src/ATen/native/Cross.cpp:63.)",
            UserWarning,
            stacklevel=2,
        )
        shape = broadcast_shapes(input._data.shape, other._data.shape)
        dim = next((i for i, s in enumerate(shape) if s == 3), -1)
    return linalg_cross(input, other, dim=dim)


# --------------------------------------------------------------------------- svd
def _svd_result(name: str, fields: tuple):
    def __repr__(self):
        body = ",\n".join(f"{f}={v!r}" for f, v in zip(fields, self))
        return f"torch.return_types.{name}(\n{body})"

    ns = {"__slots__": (), "__repr__": __repr__, "__module__": "torch.return_types",
          "__new__": lambda cls, *values: tuple.__new__(cls, values)}
    for i, f in enumerate(fields):
        ns[f] = property(lambda s, i=i: s[i])
    return type(name, (tuple,), ns)


linalg_svd_result = _svd_result("linalg_svd", ("U", "S", "Vh"))
svd_result = _svd_result("svd", ("U", "S", "V"))


def _mT(x):
    return x.swapaxes(-1, -2)


class LinalgSvdBackward0(Node):
    """PyTorch's svd_backward (real case) for the reduced factors U (m, k), S (k), Vh (k, n)."""

    __slots__ = ("_factors",)

    def _apply(self, g, m, t):
        # The factors are kept as arrays (they are this node's own outputs); under create_graph
        # they enter as constants, so a second derivative through svd misses their dependence.
        parts = g.parts if g.__class__ is OutputGrads else {0: g}
        if t:
            device = next(p for p in parts.values() if p is not None)._device
        U, S, Vh = (wrap(f, device) for f in self._factors) if t else self._factors
        gU, gS, gVh = (parts.get(i) for i in range(3))
        k = S.shape[-1]
        mm, n = U.shape[-2], Vh.shape[-1]
        U, Vh = U[..., :, :k], Vh[..., :k, :]
        if gU is not None:
            gU = gU[..., :, :k]
        if gVh is not None:
            gVh = gVh[..., :k, :]
        if gU is None and gVh is None:
            ga = (U * gS[..., None, :]) @ Vh if gS is not None else None
            return (ga,)
        V = _mT(Vh)
        gV = None if gVh is None else _mT(gVh)
        eye = np.eye(k, dtype=self._factors[1].dtype)
        if t:
            eye = wrap(eye, S._device)
        S2 = S * S
        E = S2[..., None, :] - S2[..., :, None] + eye
        if gU is not None and gV is not None:
            UhgU = _mT(U) @ gU
            VhgV = Vh @ gV
            ga = ((UhgU - _mT(UhgU)) * S[..., None, :] + S[..., :, None] * (VhgV - _mT(VhgV))) / E
        elif gU is not None:
            UhgU = _mT(U) @ gU
            ga = (UhgU - _mT(UhgU)) / E * S[..., None, :]
        else:
            VhgV = Vh @ gV
            ga = S[..., :, None] * ((VhgV - _mT(VhgV)) / E)
        if gS is not None:
            ga = ga + eye * gS[..., None, :]
        if mm > k and gU is not None:
            ga = U @ ga
            gUSinv = gU / S[..., None, :]
            ga = ga + gUSinv - U @ (_mT(U) @ gUSinv)
            ga = ga @ Vh
        elif n > k and gV is not None:
            ga = ga @ Vh
            gVSinv = gV / S[..., None, :]
            ga = ga + _mT(gVSinv) - (_mT(gVSinv) @ V) @ Vh
            ga = U @ ga
        else:
            ga = U @ (ga @ Vh)
        return (ga,)



def _svd(a: Tensor, full_matrices: bool, name: str):
    a = as_tensor_input(a, name)
    if a._data.ndim < 2:
        raise RuntimeError(
            "linalg.svd: The input tensor A must have at least 2 dimensions."
        )
    U, S, Vh = np.linalg.svd(a._data, full_matrices=full_matrices)
    outs = [wrap(np.ascontiguousarray(x), a._device) for x in (U, S, Vh)]
    if records(a):
        node = LinalgSvdBackward0((edge(a),))
        node._factors = (U, S, Vh)
        attach(outs[0], node)
        for nr in (1, 2):
            slot = _slot_type(LinalgSvdBackward0)(((node, nr),))
            slot._owner, slot._nr = node, nr
            attach(outs[nr], slot)
    record(name, (a,), outs[0])
    return outs


def linalg_svd(A: Tensor, full_matrices: bool = True):
    """torch.linalg.svd: (U, S, Vh) with A = U diag(S) Vh."""
    return linalg_svd_result(*_svd(A, full_matrices, "linalg_svd"))


def svd(input: Tensor, some: bool = True, compute_uv: bool = True):
    """torch.svd: (U, S, V), V not transposed (the older form)."""
    U, S, Vh = _svd(input, not some, "svd")
    if not compute_uv:
        U, Vh = U.new_zeros(U.shape), Vh.new_zeros(Vh.shape)
    return svd_result(U, S, Vh.mT)


def svdvals(A: Tensor) -> Tensor:
    return _svd(A, False, "linalg_svdvals")[1]


# --------------------------------------------------------------------------- inverse, solve
class LinalgInvExBackward0(Node):
    """d(A^-1) = -A^-1 dA A^-1, so grad_A = -A^-T g A^-T."""

    __slots__ = ()
    # the inverse, PyTorch's `_saved_inverse`, saved as the output: under create_graph it is
    # A^-1 again, differentiable (see Node)
    _saved_fields = ("result",)
    _saved_inverse = property(lambda node: node._saved_result)

    def _apply(self, g, m, t):
        (inv,) = self._unpack(t)
        inv_t = _mT(inv)
        return (-(inv_t @ g @ inv_t),)


def inv(A: Tensor) -> Tensor:
    """torch.linalg.inv / torch.inverse."""
    A = as_tensor_input(A, "linalg_inv")
    try:
        data = np.linalg.inv(A._data)
    except np.linalg.LinAlgError:
        raise RuntimeError(
            "linalg.inv: The diagonal element 2 is zero, the inversion could not be completed "
            "because the input matrix is singular."
        ) from None
    out = wrap(data, A._device)
    if records(A):
        attach(out, LinalgInvExBackward0((edge(A),), (out,)))
    return record("inverse", (A,), out)


class LinalgSolveExBackward0(Node):
    """X = A^-1 B: grad_B = A^-T g, grad_A = -grad_B X^T."""

    __slots__ = ("_vector",)
    _saved_fields = ("A", "result")

    def _apply(self, g, m, t):
        A, X = self._unpack(t)
        vector = self._vector
        gg = g[..., None] if vector else g
        gB = (inv(_mT(A)) @ gg) if t else np.linalg.solve(_mT(A), gg)
        XX = X[..., None] if vector else X
        gA = -(gB @ _mT(XX)) if self._needs(0) else None
        if vector:
            gB = gB[..., 0]
        return gA, (gB if self._needs(1) else None)


def solve(A: Tensor, B: Tensor, *, left: bool = True) -> Tensor:
    """torch.linalg.solve: X with A X = B (B a vector or a matrix)."""
    A = as_tensor_input(A, "linalg_solve")
    vector = B._data.ndim == 1 or B._data.ndim == A._data.ndim - 1
    rhs = B._data[..., None] if vector else B._data
    X = np.linalg.solve(A._data, rhs)
    out = wrap(X[..., 0] if vector else X, A._device)
    if records(A, B):
        edges = (edge(A) if A._requires_grad else NO_EDGE, edge(B) if B._requires_grad else NO_EDGE)
        node = LinalgSolveExBackward0(edges, (A, out.detach()))
        node._vector = vector
        attach(out, node)
    return record("solve", (A, B), out)
