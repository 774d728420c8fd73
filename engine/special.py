"""`engine.special`: torch.special's names for the engine's functions (expit is sigmoid, gammaln
lgamma, psi digamma ...), and ndtr composed as PyTorch composes it."""
from __future__ import annotations

import math

from engine.ops.elementwise import expm1, log1p, sigmoid, with_scalar, xlogy
from engine.ops.elementwise_more import erf, exp2
from engine.ops.normalization import log_softmax, logsumexp, softmax
from engine.ops.special_functions import digamma, erfc, erfinv, lgamma, logit, polygamma, sinc
from engine.tensor import Tensor

__all__ = [
    "digamma", "erf", "erfc", "erfinv", "exp2", "expit", "expm1", "gammaln", "log1p",
    "log_softmax", "logit", "logsumexp", "ndtr", "polygamma", "psi", "sinc", "softmax", "xlogy",
]

expit = sigmoid
gammaln = lgamma
psi = digamma


def ndtr(x: Tensor) -> Tensor:
    """The standard normal's distribution function, (1 + erf(x / sqrt 2)) / 2, composed as ATen
    composes it (its Scalar overloads: MulBackward1, AddBackward1)."""
    return with_scalar("mul", with_scalar("add", erf(with_scalar("mul", x, math.sqrt(0.5))), 1),
                       0.5)


