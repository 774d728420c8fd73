"""Cosine similarity and pairwise distance, as functions (F.cosine_similarity,
F.pairwise_distance) and modules, written with the engine's differentiable ops."""

from __future__ import annotations

from engine.autograd.grad_mode import no_grad
from engine.nn.module import Module
from engine.ops.elementwise import with_scalar
from engine.ops.linalg import norm_over_dim


def cosine_similarity(x1, x2, dim: int = 1, eps: float = 1e-8):
    """sum(x1 * x2) / (max(||x1||, eps) * max(||x2||, eps)) along dim, as PyTorch computes
    it (each vector normalised first)."""
    # ATen clamps copies of the norms outside the graph (CloneBackward0, no ClampBackward1):
    # the norm's saved result stays unmodified, and no gradient is cut where a norm is below eps
    n1 = x1.norm(dim=dim, keepdim=True).clone()
    n2 = x2.norm(dim=dim, keepdim=True).clone()
    with no_grad():
        n1.clamp_(min=eps)
        n2.clamp_(min=eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)


def pairwise_distance(x1, x2, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False):
    """||x1 - x2 + eps||_p along the last dim (AddBackward1 and NormBackward1, ATen's nodes)."""
    difference = with_scalar("add", x1 - x2, eps)
    return norm_over_dim(difference, p, -1 if difference.dim() else None, keepdim)


class CosineSimilarity(Module):
    def __init__(self, dim: int = 1, eps: float = 1e-8) -> None:
        super().__init__()
        self.dim = dim
        self.eps = eps

    def forward(self, x1, x2):
        return cosine_similarity(x1, x2, self.dim, self.eps)


class PairwiseDistance(Module):
    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm = p
        self.eps = eps
        self.keepdim = keepdim

    def forward(self, x1, x2):
        return pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)
