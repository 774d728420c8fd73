"""`engine.distributions`: PyTorch's torch.distributions for the families learners' programs use.

Each family composes ordinary engine ops as torch/distributions/*.py does, so log_prob, entropy,
rsample and kl_divergence record the nodes PyTorch records and are differentiable in the
parameters; sample() draws from the engine's generator as PyTorch draws (same seed, same numbers).
"""
from engine.distributions import constraints
from engine.distributions.bernoulli import Bernoulli
from engine.distributions.categorical import Categorical, OneHotCategorical
from engine.distributions.distribution import Distribution
from engine.distributions.exponential import Exponential
from engine.distributions.independent import Independent
from engine.distributions.kl import kl_divergence, register_kl
from engine.distributions.laplace import Laplace
from engine.distributions.multivariate_normal import MultivariateNormal
from engine.distributions.normal import Normal
from engine.distributions.uniform import Uniform

__all__ = [
    "Bernoulli",
    "Categorical",
    "Distribution",
    "Exponential",
    "Independent",
    "Laplace",
    "MultivariateNormal",
    "Normal",
    "OneHotCategorical",
    "Uniform",
    "constraints",
    "kl_divergence",
    "register_kl",
]
