"""nn.Embedding and F.embedding: rows of a weight table picked by integer indices."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.autograd.graph import Node
from engine.nn import init
from engine.nn.module import Module
from engine.nn.parameter import Parameter
from engine.ops.dispatch import Tensor, _listeners, attach, edge, emit, records, wrap
from engine.ops.indexing import _add_at, _embed


class EmbeddingBackward0(Node):
    """Each picked row's gradient is added back to its row (never to padding_idx's)."""

    __slots__ = ("_indices", "_saved_padding_idx", "_weight_shape")

    def _apply(self, g, m, t):
        rows = self._indices.reshape(-1)
        dim = self._weight_shape[1]
        if t:
            grad = _embed(g.reshape(-1, dim), self._weight_shape, (rows,), True)
        else:
            grad = m.zeros(self._weight_shape, dtype=g.dtype)
            _add_at(m, grad, (rows,), g.reshape(-1, dim))
        pad = self._saved_padding_idx
        if pad >= 0 and t:
            keep = np.ones((self._weight_shape[0], 1), dtype=bool)
            keep[pad] = False
            grad = grad * m.tensor(keep)
        elif pad >= 0:
            grad[pad] = 0  # a fresh array; 0, not -0.0 as multiplying by 0 could give
        return (grad,)


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type: float = 2.0,
              scale_grad_by_freq: bool = False, sparse: bool = False) -> Tensor:
    """weight[input]: one row of the table per index, in the index tensor's shape."""
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise NotImplementedError("embedding(max_norm=, scale_grad_by_freq=, sparse=) are not "
                                  "supported by this engine")
    if not isinstance(input, Tensor) or input._data.dtype.kind not in "iu":
        dtype = input.dtype._legacy if isinstance(input, Tensor) else type(input).__name__
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the "
                           f"following scalar types: Long, Int; but got torch.{dtype}Tensor "
                           "instead (while checking arguments for embedding)")
    idx = input._data
    rows = weight.shape[0]
    if idx.size and (idx.min() < 0 or idx.max() >= rows):
        raise IndexError("index out of range in self")
    pad = -1 if padding_idx is None else padding_idx % rows
    out = wrap(weight._data[idx], weight._device)
    if records(weight):
        node = EmbeddingBackward0((edge(weight),))
        node._indices, node._saved_padding_idx = idx, pad
        node._weight_shape = tuple(weight.shape)
        attach(out, node)
    if _listeners:
        emit("embedding", (weight, input), out)
    return out


class Embedding(Module):
    """``Embedding(num_embeddings, embedding_dim, padding_idx=None)``: weight ~ N(0, 1), the
    padding row zero."""

    def __init__(self, num_embeddings: int, embedding_dim: int, padding_idx: int | None = None,
                 max_norm=None, norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                 sparse: bool = False, _weight=None, _freeze: bool = False, device: Any = None,
                 dtype: Any = None) -> None:
        import engine

        super().__init__()
        self.num_embeddings = num_embeddings
        self.embedding_dim = embedding_dim
        if padding_idx is not None:
            if not -num_embeddings <= padding_idx < num_embeddings:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx %= num_embeddings
        self.padding_idx = padding_idx
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        self.sparse = sparse
        if _weight is None:
            self.weight = Parameter(engine.empty((num_embeddings, embedding_dim), device=device,
                                                 dtype=dtype), requires_grad=not _freeze)
            self.reset_parameters()
        else:
            if list(_weight.shape) != [num_embeddings, embedding_dim]:
                raise AssertionError("Shape of weight does not match num_embeddings and "
                                     "embedding_dim")
            self.weight = Parameter(_weight, requires_grad=not _freeze)

    def reset_parameters(self) -> None:
        init.normal_(self.weight)
        if self.padding_idx is not None:
            import engine

            with engine.no_grad():
                self.weight[self.padding_idx].fill_(0)

    def forward(self, input):
        return embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                         self.scale_grad_by_freq, self.sparse)

    def extra_repr(self) -> str:
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        return text

    @classmethod
    def from_pretrained(cls, embeddings, freeze: bool = True, padding_idx=None, max_norm=None,
                        norm_type: float = 2.0, scale_grad_by_freq: bool = False,
                        sparse: bool = False) -> Embedding:
        if embeddings.dim() != 2:
            raise AssertionError("Embeddings parameter is expected to be 2-dimensional")
        rows, cols = embeddings.shape
        return cls(rows, cols, _weight=embeddings, _freeze=freeze, padding_idx=padding_idx,
                   max_norm=max_norm, norm_type=norm_type,
                   scale_grad_by_freq=scale_grad_by_freq, sparse=sparse)
