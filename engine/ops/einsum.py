"""torch.einsum, written with the engine's own differentiable ops.

It works as PyTorch's does: repeated labels become diagonals, labels no one else needs are
summed out, and operands are contracted left to right, a pair with shared summed labels by one
bmm (so `einsum('ij,jk->ik', a, b)` shows ViewBackward0 over BmmBackward0, as in PyTorch) and a
pair without by a broadcast product.
"""
from __future__ import annotations

import numpy as np

from engine.ops.dispatch import Tensor


def _parse(equation: str, operands) -> tuple[list[list[str]], list[str]]:
    equation = equation.replace(" ", "")
    lhs, arrow, rhs = equation.partition("->")
    terms = lhs.split(",")
    if len(terms) != len(operands):
        raise ValueError("einsum(): more operands were provided than specified in the equation"
                         if len(operands) > len(terms) else
                         "einsum(): fewer operands were provided than specified in the equation")
    spare = iter(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in equation)
    ellipsis: list[str] = []
    labels = []
    for term, op in zip(terms, operands):
        if "..." in term:
            before, _, after = term.partition("...")
            n = op.dim() - len(before) - len(after)
            while len(ellipsis) < n:
                ellipsis.insert(0, next(spare))
            term_labels = list(before) + ellipsis[len(ellipsis) - n:] + list(after)
        else:
            term_labels = list(term)
        if len(term_labels) != op.dim():
            raise RuntimeError(f"einsum(): the number of subscripts in the equation "
                               f"({len(term_labels)}) does not match the number of dimensions "
                               f"({op.dim()}) for operand {len(labels)} and no ellipsis was given")
        labels.append(term_labels)
    if arrow:
        before, dots, after = rhs.partition("...")
        out = list(before) + (ellipsis if dots else []) + list(after)
    else:
        counts = [c for term in labels for c in term]
        out = ellipsis + sorted(c for c in set(counts) if counts.count(c) == 1
                                and c not in ellipsis)
    return labels, out


def _diagonals(x: Tensor, labels: list[str]) -> tuple[Tensor, list[str]]:
    """Each repeated label reduced to one dimension (x_ii -> the diagonal), as PyTorch does it:
    a diagonal moved back to the label's first place (the engine's diagonal takes a matrix:
    of more dims, the masked sum of the two)."""
    import engine

    while len(set(labels)) < len(labels):
        p = next(i for i, c in enumerate(labels) if labels.count(c) > 1)
        q = labels.index(labels[p], p + 1)
        if x.dim() == 2:
            x = x.diagonal(0, p, q).movedim(-1, p)
        else:
            n = x.shape[p]
            shape = [1] * x.dim()
            shape[p] = shape[q] = n
            x = (x * engine.tensor(np.eye(n).reshape(shape), dtype=x.dtype)).sum(q)
        labels = labels[:q] + labels[q + 1:]
    return x, labels


def _sum_out(x: Tensor, labels: list[str], keep) -> tuple[Tensor, list[str]]:
    dims = [i for i, c in enumerate(labels) if c not in keep]
    if not dims:
        return x, labels
    return x.sum(dims), [c for c in labels if c in keep]


def _contract(a: Tensor, la: list[str], b: Tensor, lb: list[str], needed) -> tuple:
    import engine

    size = dict(zip(la, a.shape)) | dict(zip(lb, b.shape))
    summed = [c for c in la if c in lb and c not in needed]
    batch = [c for c in la if c in lb and c in needed]
    left = [c for c in la if c not in lb]
    right = [c for c in lb if c not in la]
    if not summed:  # a broadcast product
        order = batch + left + right
        a = a.permute([la.index(c) for c in batch + left]) if la != batch + left else a
        b = b.permute([lb.index(c) for c in batch + right]) if lb != batch + right else b
        a = a.reshape([size[c] if c in batch + left else 1 for c in order])
        b = b.reshape([size[c] if c in batch + right else 1 for c in order])
        return a * b, order

    def flat(x, labels, first, second):
        perm = [labels.index(c) for c in batch + first + second]
        if perm != list(range(len(perm))):
            x = x.permute(perm)
        return x.reshape(
            int(np.prod([size[c] for c in batch])), int(np.prod([size[c] for c in first])),
            int(np.prod([size[c] for c in second])),
        )

    product = engine.bmm(flat(a, la, left, summed), flat(b, lb, summed, right))
    order = batch + left + right
    return product.view([size[c] for c in order]), order


def einsum(equation: str, *operands) -> Tensor:
    """Sums of products over the labels of `equation` (`'ij,jk->ik'` is a matrix product)."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    labels, out = _parse(equation, operands)
    ops = []
    for x, term in zip(operands, labels):
        ops.append(_diagonals(x, term))
    result, current = ops[0]
    if len(ops) == 1:
        # PyTorch's order: one permute to the output's labels and then the summed ones, whose
        # dims are then summed out (upper-case labels sort first, as in PyTorch)
        summed = sorted(c for c in current if c not in out)
        result = result.permute([current.index(c) for c in out + summed])
        return result.sum(list(range(len(out), len(current)))) if summed else result
    for k in range(len(ops)):
        if k:
            later = {c for _, term in ops[k + 1:] for c in term}
            needed = set(out) | later
            result, current = _contract(result, current, *ops[k], needed)
        if k + 1 < len(ops):
            keep = set(out) | {c for _, term in ops[k + 1:] for c in term}
            result, current = _sum_out(result, current, keep)
    result, current = _sum_out(result, current, set(out))
    perm = [current.index(c) for c in out]
    if perm != list(range(len(perm))) or result is operands[0]:  # never the operand itself
        return result.permute(perm)
    return result
