"""Functions of a square matrix: det, slogdet, logdet, cholesky, eigh, matrix_power and the
matrix norms, with PyTorch's nodes (LinalgDetBackward0, LinalgEighBackward0 ...).

The backward formulas are PyTorch's (FunctionsManual.cpp), written with operators that arrays
and Tensors share; under create_graph they run on Tensors, so they differentiate again."""
from __future__ import annotations

import warnings

import numpy as np

from engine.autograd.function import OutputGrads
from engine.autograd.graph import Node
from engine.ops.decompositions import _mT, _svd_result, inv, svdvals
from engine.ops.dispatch import Tensor, as_tensor_input, attach, edge, record, records, wrap
from engine.ops.split import _slot_type

linalg_slogdet_result = _svd_result("linalg_slogdet", ("sign", "logabsdet"))
slogdet_result = _svd_result("slogdet", ("sign", "logabsdet"))
linalg_eigh_result = _svd_result("linalg_eigh", ("eigenvalues", "eigenvectors"))


def _square(A, name: str, floating: bool = True) -> Tensor:
    """A as a Tensor of square matrices, with PyTorch's messages for anything else."""
    A = as_tensor_input(A, f"linalg_{name}")
    shape = A._data.shape
    if len(shape) < 2:
        raise RuntimeError(f"linalg.{name}: The input tensor A must have at least 2 dimensions.")
    if shape[-1] != shape[-2]:
        raise RuntimeError(f"linalg.{name}: A must be batches of square matrices, but they are "
                           f"{shape[-2]} by {shape[-1]} matrices")
    if floating and A._data.dtype.kind != "f":
        raise RuntimeError(f"linalg.{name}: Expected a floating point or complex tensor as input. "
                           f"Got {A.dtype._legacy}")
    return A


def _eye(n: int, like, t: bool):
    eye = np.eye(n, dtype=like.dtype if not t else like._data.dtype)
    return wrap(eye, like._device) if t else eye


def _outputs(name: str, A: Tensor, arrays: tuple, make_node) -> list:
    """The op's outputs; where A records, `make_node(outputs)`'s node on output 0 and a slot
    of it on each other (as svd's)."""
    # (ascontiguousarray makes a 0-dim array 1-dim: det's result stays 0-dim)
    outs = [wrap(np.asarray(a).copy(order="C"), A._device) for a in arrays]
    if records(A):
        node = make_node(outs)
        attach(outs[0], node)
        for nr in range(1, len(outs)):
            slot = _slot_type(type(node))(((node, nr),))
            slot._owner, slot._nr = node, nr
            attach(outs[nr], slot)
    record(name, (A,), outs[0])
    return outs


def _parts(g) -> dict:
    return g.parts if g.__class__ is OutputGrads else {0: g}


# --------------------------------------------------------------------------- det, slogdet
class LinalgDetBackward0(Node):
    """grad_A = g det(A) A^-T. Where A is singular, PyTorch's two answers: zero (g det(A) times
    a finite matrix) when not differentiating again, the cofactor matrix (through the SVD)
    under create_graph."""

    __slots__ = ()
    _saved_fields = ("A", "result")

    def _apply(self, g, m, t):
        A, det = self._unpack(t)
        singular = bool((det == 0).any()) if t else bool(np.any(det == 0))
        if t:
            if singular:
                return (_cofactors(A, m, t) * g[..., None, None],)
            return (((g * det)[..., None, None]) * _mT(inv(A)),)
        scaled = (g * det)[..., None, None]
        return (scaled * _mT(np.linalg.pinv(A) if singular else np.linalg.inv(A)),)


def _cofactors(A, m, t):
    """The cofactor matrix of each matrix in A, singular or not: det(U) det(Vh) U diag(the
    product of the other singular values) Vh (PyTorch's singular branch)."""
    from engine.ops.decompositions import linalg_svd

    U, S, Vh = linalg_svd(A) if t else np.linalg.svd(A)
    alpha = det(U) * det(Vh) if t else np.linalg.det(U) * np.linalg.det(Vh)
    n = S.shape[-1]
    others = m.stack([S[..., [j for j in range(n) if j != i]].prod(-1) for i in range(n)], -1)
    return (U * (alpha[..., None] * others)[..., None, :]) @ Vh


def det(A) -> Tensor:
    """torch.linalg.det / torch.det: the determinant of each square matrix."""
    A = _square(A, "det")
    data = np.linalg.det(A._data).astype(A._data.dtype)
    # (the result saved as itself: under create_graph it is det(A) again, differentiable)
    return _outputs("det", A, (data,), lambda outs: LinalgDetBackward0((edge(A),), (A, outs[0])))[0]


class LinalgSlogdetBackward0(Node):
    """grad_A = g_logabsdet A^-T (the sign has no gradient)."""

    __slots__ = ()
    _saved_fields = ("A", "sign")

    def _apply(self, g, m, t):
        A, _sign = self._unpack(t)
        g_log = _parts(g).get(1)
        if g_log is None:
            return ((A * 0) if t else np.zeros_like(A),)
        A_inv_t = _mT(inv(A)) if t else _mT(np.linalg.inv(A))
        return (g_log[..., None, None] * A_inv_t,)


def _slogdet(A, name: str) -> list:
    A = _square(A, "slogdet")
    sign, logabsdet = np.linalg.slogdet(A._data)
    dt = A._data.dtype
    return _outputs(name, A, (sign.astype(dt), logabsdet.astype(dt)),
                    lambda outs: LinalgSlogdetBackward0((edge(A),), (A, outs[0].detach())))


def slogdet(A):
    """torch.linalg.slogdet: (sign, logabsdet) with det(A) = sign * exp(logabsdet)."""
    return linalg_slogdet_result(*_slogdet(A, "slogdet"))


def torch_slogdet(A):
    """torch.slogdet: the same pair under its older name."""
    return slogdet_result(*_slogdet(A, "slogdet"))


def logdet(A) -> Tensor:
    """torch.logdet: log det(A); nan where det(A) < 0 (PyTorch's where over slogdet)."""
    from engine.ops.elementwise import where

    sign, logabsdet = _slogdet(A, "logdet")
    return where(sign == -1, float("nan"), logabsdet)


# --------------------------------------------------------------------------- cholesky
class LinalgCholeskyExBackward0(Node):
    """PyTorch's cholesky_backward: grad_A = sym(L^-H Phi(L^H g) L^-1), Phi taking the lower
    triangle with its diagonal halved."""

    __slots__ = ("_saved_upper",)
    _saved_fields = ("result",)  # L, PyTorch's `_saved_L`: saved as the output, see Node
    _saved_L = property(lambda node: node._saved_result)

    def _apply(self, g, m, t):
        (L,) = self._unpack(t)
        if self._saved_upper:
            L, g = _mT(L), _mT(g)
        n = L.shape[-1]
        eye = _eye(n, L, t)
        L_inv = inv(L) if t else np.linalg.inv(L)
        phi = _mT(L) @ g
        phi = (phi.tril() if t else np.tril(phi)) - 0.5 * phi * eye
        grad = _mT(L_inv) @ phi @ L_inv
        return (0.5 * (grad + _mT(grad)),)


class CholeskyBackward0(LinalgCholeskyExBackward0):
    __slots__ = ()


def _not_positive_definite(data) -> str:
    """PyTorch's message: which leading minor (of which batch element) is not positive."""
    batch = data.reshape(-1, *data.shape[-2:])
    for b, matrix in enumerate(batch):
        for k in range(1, matrix.shape[-1] + 1):
            try:
                np.linalg.cholesky(matrix[:k, :k])
            except np.linalg.LinAlgError:
                where = f"(Batch element {b}): " if data.ndim > 2 else ""
                return (f"linalg.cholesky: {where}The factorization could not be completed "
                        "because the input is not positive-definite (the leading minor of order "
                        f"{k} is not positive-definite).")
    return "linalg.cholesky: The factorization could not be completed."


def _cholesky(A, upper: bool, node_cls, name: str) -> Tensor:
    A = _square(A, "cholesky")
    try:
        L = np.linalg.cholesky(A._data)
    except np.linalg.LinAlgError:
        raise RuntimeError(_not_positive_definite(A._data)) from None

    def make_node(outs):
        node = node_cls((edge(A),), (outs[0],))
        node._saved_upper = upper
        return node

    return _outputs(name, A, (_mT(L) if upper else L,), make_node)[0]


def cholesky(A, *, upper: bool = False) -> Tensor:
    """torch.linalg.cholesky: L lower-triangular with A = L L^T (U = L^T with upper=True)."""
    return _cholesky(A, upper, LinalgCholeskyExBackward0, "cholesky")


def torch_cholesky(A, upper: bool = False) -> Tensor:
    """torch.cholesky: the deprecated form, with PyTorch's warning."""
    warnings.warn(
        "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in a "
        "future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\nL = "
        "torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be replaced "
        "with\nU = torch.linalg.cholesky(A).mH\nThis transform will produce equivalent results for "
        "all valid (symmetric positive definite) inputs. (Triggered internally at "
        "/__w/pytorch/pytorch/aten/src/ATen/native/BatchLinearAlgebra.cpp:1765.)",
        UserWarning, stacklevel=2,
    )
    return _cholesky(A, upper, CholeskyBackward0, "cholesky")


class CholeskySolveBackward0(Node):
    """X = A^-1 B with A = L L^T: grad_B = A^-1 g; grad_L = -(S + S^T) L, S = grad_B X^T
    (PyTorch's cholesky_solve_backward; upper: L^T (S + S^T))."""

    __slots__ = ("_saved_upper",)
    _saved_fields = ("input2", "result")

    def _apply(self, g, m, t):
        L, X = self._unpack(t)
        lower = _mT(L) if self._saved_upper else L
        A = lower @ _mT(lower)
        gB = (inv(A) @ g) if t else np.linalg.solve(A, g)
        gL = None
        if self._needs(1):
            common = gB @ _mT(X)
            common = common + _mT(common)
            gL = -(L @ common) if self._saved_upper else -(common @ L)
        return (gB if self._needs(0) else None), gL


def cholesky_solve(B, L, upper: bool = False) -> Tensor:
    """torch.cholesky_solve: X with (L L^T) X = B, given the Cholesky factor L (U with upper)."""
    from engine.ops.linalg import _edges

    B = as_tensor_input(B, "cholesky_solve")
    if B._data.ndim < 2 or L._data.ndim < 2:
        raise RuntimeError("b should have at least 2 dimensions, but has "
                           f"{B._data.ndim} dimensions instead")
    lower = _mT(L._data) if upper else L._data
    out = wrap(np.linalg.solve(lower @ _mT(lower), B._data), B._device)
    if records(B, L):
        node = CholeskySolveBackward0(_edges(B, L), (L, out))
        node._saved_upper = upper
        attach(out, node)
    return record("cholesky_solve", (B, L), out)


# --------------------------------------------------------------------------- eigh
class LinalgEighBackward0(Node):
    """PyTorch's linalg_eig_backward, hermitian case: grad_A = V (skew(V^T gV) / E + diag(gL))
    V^T, E_ij = L_j - L_i (1 on the diagonal)."""

    __slots__ = ()
    _saved_fields = ("eigenvalues", "eigenvectors")

    def _apply(self, g, m, t):
        L, V = self._unpack(t)
        parts = _parts(g)
        gL, gV = parts.get(0), parts.get(1)
        Vt = _mT(V)
        if gV is None:
            return ((V * gL[..., None, :]) @ Vt,)
        VhgV = Vt @ gV
        VhgV = 0.5 * (VhgV - _mT(VhgV))
        eye = _eye(L.shape[-1], L, t)
        E = L[..., None, :] - L[..., :, None] + eye
        inner = VhgV / E
        if gL is not None:
            inner = inner + eye * gL[..., None, :]
        return (V @ (inner @ Vt),)


def _eigh(A, UPLO: str, name: str) -> list:
    A = _square(A, name)
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    L, V = np.linalg.eigh(A._data, UPLO=UPLO)
    # (saved detached, as svd's factors: under create_graph they enter as constants)
    return _outputs(name, A, (L, V), lambda outs: LinalgEighBackward0(
        (edge(A),), (outs[0].detach(), outs[1].detach())))


def eigh(A, UPLO: str = "L"):
    """torch.linalg.eigh: eigenvalues (ascending) and eigenvectors of a symmetric matrix."""
    return linalg_eigh_result(*_eigh(A, UPLO, "eigh"))


def eigvalsh(A, UPLO: str = "L") -> Tensor:
    """torch.linalg.eigvalsh: the eigenvalues alone (the node is eigh's, as in PyTorch)."""
    return _eigh(A, UPLO, "eigvalsh")[0]


# --------------------------------------------------------------------------- matrix_power
def matrix_power(A, n: int) -> Tensor:
    """torch.linalg.matrix_power: A^n by repeated squaring, PyTorch's sequence of matmuls (its
    nodes: MmBackward0 ...); n < 0 inverts first, n == 0 gives identities."""
    from engine.ops.linalg import matmul

    A = _square(A, "matrix_power", floating=False)
    if n == 0:
        eye = np.broadcast_to(np.eye(A._data.shape[-1], dtype=A._data.dtype), A._data.shape)
        return A.clone().copy_(wrap(eye, A._device))
    a = inv(A) if n < 0 else A
    n = abs(n)
    if n == 1:
        return a.clone()
    if n == 2:
        return matmul(a, a)
    if n == 3:
        return matmul(matmul(a, a), a)
    z = result = None
    while n > 0:
        bit, n = n % 2, n // 2
        z = a if z is None else matmul(z, z)
        if bit:
            result = z if result is None else matmul(result, z)
    return result


# --------------------------------------------------------------------------- matrix norms
def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim: bool = False, *, dtype=None) -> Tensor:
    """torch.linalg.matrix_norm: 'fro', 'nuc', 2, -2, 1, -1, inf, -inf over the two dims,
    composed as PyTorch composes them (vector_norm, svdvals, amax/amin)."""
    from engine.ops.linalg import vector_norm

    A = as_tensor_input(A, "linalg_matrix_norm")
    ndim = A._data.ndim
    if ndim < 2:
        raise RuntimeError(
            "linalg.matrix_norm: The input tensor A must have at least 2 dimensions.")
    d0, d1 = (d % ndim for d in dim)
    if d0 == d1:
        raise RuntimeError(f"linalg.matrix_norm: dims must be different. Got ({dim[0]}, "
                           f"{dim[1]})")
    if ord == "fro":
        return vector_norm(A, 2, (d0, d1), keepdim, dtype=dtype)
    if dtype is not None:
        A = A.to(dtype)
    if ord == "nuc" or ord in (2, -2):
        rest = [d for d in range(ndim) if d not in (d0, d1)]
        S = svdvals(A.permute(*rest, d0, d1))  # (ATen permutes even where nothing moves)
        if ord == "nuc":
            out = S.sum(-1, keepdim=keepdim)
        else:
            out = S.amax(-1, keepdim=keepdim) if ord > 0 else S.amin(-1, keepdim=keepdim)
        if keepdim:
            order = [*rest, d0, d1]
            out = out.unsqueeze(-1).permute(*(order.index(d) for d in range(ndim)))
        return out
    if ord in (1, -1, float("inf"), float("-inf")):
        if abs(ord) == float("inf"):
            d0, d1 = d1, d0
        if not keepdim and d0 < d1:
            d1 -= 1
        norms = vector_norm(A, 1, (d0,), keepdim)
        return norms.amax(d1, keepdim=keepdim) if ord > 0 else norms.amin(d1, keepdim=keepdim)
    raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")


# --------------------------------------------------------------------------- lstsq
linalg_lstsq_result = _svd_result("linalg_lstsq", ("solution", "residuals", "rank",
                                                   "singular_values"))


def _pinv(A, t: bool):
    """The pseudo-inverse; under create_graph from differentiable ops (A of full rank)."""
    if not t:
        return np.linalg.pinv(A)
    At = _mT(A)
    if A.shape[-2] >= A.shape[-1]:
        return inv(At @ A) @ At
    return At @ inv(A @ At)


class LinalgLstsqBackward0(Node):
    """X = pinv(A) B: grad_B = pinv(A)^T g; grad_A through PyTorch's pinv_backward."""

    __slots__ = ("_vector",)
    _saved_fields = ("self", "b")

    def _apply(self, g, m, t):
        A, B = self._unpack(t)
        gX = _parts(g).get(0)
        if gX is None:
            return None, None
        if self._vector:
            gX, B = gX[..., None], B[..., None]
        pinvA = _pinv(A, t)
        gA = gB = None
        if self._needs(0):
            gA = _pinv_backward(gX @ _mT(B), pinvA, A)
        if self._needs(1):
            gB = _mT(pinvA) @ gX
            if self._vector:
                gB = gB[..., 0]
        return gA, gB


def _pinv_backward(grad, pinvA, A):
    """PyTorch's pinv_backward (real case), in its two shapes."""
    m, n = A.shape[-2], A.shape[-1]
    pinvAh, gradh = _mT(pinvA), _mT(grad)
    if m <= n:
        K = gradh @ pinvA
        KpinvAh = K @ pinvAh
        return (-_mT(pinvA @ K) + KpinvAh - (A @ pinvA) @ KpinvAh
                + (pinvAh @ pinvA) @ (gradh - K @ A))
    K = pinvA @ gradh
    pinvAhK = pinvAh @ K
    return (-_mT(K @ pinvA) + (gradh - A @ K) @ pinvA @ pinvAh + pinvAhK
            - pinvAhK @ pinvA @ A)


def lstsq(A, B, rcond=None, *, driver=None):
    """torch.linalg.lstsq: the least-squares solution of A X = B (the minimum-norm one where A
    is rank-deficient), as the CPU's default driver gives it: residuals and singular values
    empty, the rank computed."""
    A = as_tensor_input(A, "linalg_lstsq")
    vector = B._data.ndim == A._data.ndim - 1
    rhs = B._data[..., None] if vector else B._data
    X = np.linalg.pinv(A._data) @ rhs
    dt = A._data.dtype
    arrays = (X[..., 0] if vector else X, np.zeros((0,), dtype=dt))
    outs = [wrap(np.ascontiguousarray(a.astype(dt, copy=False)), A._device) for a in arrays]
    if records(A, B):
        from engine.ops.linalg import _edges

        node = LinalgLstsqBackward0(_edges(A, B), (A, B))
        node._vector = vector
        attach(outs[0], node)
        slot = _slot_type(LinalgLstsqBackward0)(((node, 1),))
        slot._owner, slot._nr = node, 1
        attach(outs[1], slot)
    record("lstsq", (A, B), outs[0])
    rank = wrap(np.asarray(np.linalg.matrix_rank(A._data), dtype=np.int64), A._device)
    return linalg_lstsq_result(outs[0], outs[1], rank, wrap(np.zeros((0,), dtype=dt), A._device))
