"""F.scaled_dot_product_attention: softmax(q k^T / sqrt(d) + mask) v, written with the engine's
differentiable ops (PyTorch's math reference implementation)."""

from __future__ import annotations

import math


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p: float = 0.0,
                                 is_causal: bool = False, scale=None, enable_gqa: bool = False):
    import engine

    length, source = query.shape[-2], key.shape[-2]
    factor = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    scores = query @ key.transpose(-2, -1) * factor
    if is_causal:
        allowed = engine.ones(length, source, dtype=engine.bool).tril()
        scores = scores.masked_fill(allowed.logical_not(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == engine.bool:
            scores = scores.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            scores = scores + attn_mask
    weights = scores.softmax(dim=-1)
    if dropout_p > 0.0:
        weights = engine.nn.functional.dropout(weights, dropout_p, True)
    return weights @ value
