"""The one-click fix offered beside PyTorch's refusal of an integer leaf that requires grad.

`torch.tensor(3, requires_grad=True)` fails ("Only Tensors of floating point and complex dtype
can require gradients"): 3 makes an int64 tensor. The card keeps PyTorch's message and offers
the value written with float literals, 3.0, which makes a float tensor.
"""
from __future__ import annotations

import re

# A whole integer literal: not part of a name, a float (1.5, 1e5) or a longer number.
_INTEGER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")
_REFUSAL = "floating point"


def float_value_fix(op: str, params: dict, error: str | None) -> str | None:
    """The input's value text with float literals ('3' -> '3.0', '[1, 2]' -> '[1.0, 2.0]')
    when its error is PyTorch's refusal of an integer tensor that requires grad, else None."""
    if op != "input" or error is None or _REFUSAL not in error:
        return None
    if params.get("init") != "value" or params.get("dtype", "auto") != "auto" \
            or not params.get("requires_grad"):
        return None
    text = str(params.get("value", ""))
    fixed = _INTEGER.sub(r"\1.0", text)
    return fixed if fixed != text else None
