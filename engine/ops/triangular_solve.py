"""torch.linalg.solve_triangular with PyTorch's node, LinalgSolveTriangularBackward0.

NumPy has no triangular solver, so the forward solves with the triangle alone (the other one
zeroed, the diagonal set to 1 when unitriangular): only the triangle is read, as LAPACK's trtrs
reads it, and only the triangle gets a gradient. Under create_graph the backward calls this op
again on Tensors, so it differentiates again."""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.broadcast import sum_to
from engine.ops.decompositions import _mT
from engine.ops.dispatch import (
    NO_EDGE,
    Tensor,
    as_tensor_input,
    attach,
    edge,
    record,
    records,
    wrap,
)


def _triangle(A, upper: bool, unitriangular: bool, tensors: bool):
    """The triangle solve_triangular reads (without the diagonal when unitriangular)."""
    offset = (1 if upper else -1) if unitriangular else 0
    if tensors:
        return A.triu(offset) if upper else A.tril(offset)
    return np.triu(A, offset) if upper else np.tril(A, offset)


def _solve(A: np.ndarray, B: np.ndarray, upper: bool, left: bool, unitriangular: bool):
    T = _triangle(A, upper, unitriangular, False)
    if unitriangular:
        T = T + np.eye(A.shape[-1], dtype=A.dtype)
    if left:
        return np.linalg.solve(T, B)
    return _mT(np.linalg.solve(_mT(T), _mT(B)))  # X T = B  <=>  T^T X^T = B^T


class LinalgSolveTriangularBackward0(Node):
    """X = A^-1 B (left) or B A^-1: grad_B solves with A^T, the other triangle; grad_A is
    -grad_B X^T (left) or -X^T grad_B, kept on A's triangle."""

    __slots__ = ("_b_shape", "_saved_left", "_saved_unitriangular", "_saved_upper")
    _saved_fields = ("self", "result")

    def _apply(self, g, m, t):
        A, X = self._unpack(t)
        upper, left, unit = self._saved_upper, self._saved_left, self._saved_unitriangular
        if t:
            gB = solve_triangular(_mT(A), g, upper=not upper, left=left, unitriangular=unit)
        else:
            gB = _solve(_mT(A), g, not upper, left, unit)
        gA = None
        if self._needs(0):  # (batch dimensions A was broadcast over are summed)
            gA = sum_to(-(gB @ _mT(X)) if left else -(_mT(X) @ gB), tuple(A.shape))
            gA = _triangle(gA, upper, unit, bool(t))
        return gA, (sum_to(gB, self._b_shape) if self._needs(1) else None)


def solve_triangular(A, B, *, upper: bool, left: bool = True,
                     unitriangular: bool = False) -> Tensor:
    """torch.linalg.solve_triangular: X with A X = B (X A = B with left=False), A triangular."""
    A = as_tensor_input(A, "linalg_solve_triangular")
    B = as_tensor_input(B, "linalg_solve_triangular")
    for name, T in (("A", A), ("B", B)):
        if T._data.ndim < 2:
            raise RuntimeError(f"linalg.solve_triangular: The input tensor {name} must have at "
                               "least 2 dimensions.")
    result = wrap(_solve(A._data, B._data, upper, left, unitriangular), A._device)
    if records(A, B):
        edges = (edge(A) if A._requires_grad else NO_EDGE, edge(B) if B._requires_grad else NO_EDGE)
        node = LinalgSolveTriangularBackward0(edges, (A, result.detach()))
        node._saved_upper, node._saved_left = upper, left
        node._saved_unitriangular, node._b_shape = unitriangular, B._data.shape
        attach(result, node)
    return record("solve_triangular", (A, B), result)
