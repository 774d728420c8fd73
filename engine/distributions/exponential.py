"""The Exponential distribution (torch.distributions.Exponential)."""
from __future__ import annotations

from typing import ClassVar

import engine
from engine import generator
from engine.distributions import constraints
from engine.distributions.distribution import Distribution
from engine.distributions.utils import batch_shape_of, broadcast_all
from engine.tensor import Tensor


class Exponential(Distribution):
    arg_constraints: ClassVar[dict] = {"rate": constraints.positive}
    support = constraints.nonnegative
    has_rsample = True

    def __init__(self, rate, validate_args=None) -> None:
        (self.rate,) = broadcast_all(rate)
        super().__init__(batch_shape_of((rate,), self.rate), validate_args=validate_args)

    def expand(self, batch_shape, _instance=None):
        return self._expanded(Exponential, batch_shape, ("rate",), _instance)

    @property
    def mean(self):
        return self.rate.reciprocal()

    @property
    def mode(self):
        return engine.zeros_like(self.rate)

    @property
    def stddev(self):
        return self.rate.reciprocal()

    @property
    def variance(self):
        return self.rate.pow(-2)

    def rsample(self, sample_shape=()):
        shape = self._extended_shape(sample_shape)
        # rate.new(shape).exponential_(): ATen's exponential draws, as multinomial uses them
        draws = generator.default.exponential(tuple(shape), self.rate.dtype.np)
        return Tensor._wrap(draws, self.rate.device) / self.rate

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return self.rate.log() - self.rate * value

    def cdf(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return 1 - engine.exp(-self.rate * value)

    def entropy(self):
        return 1.0 - engine.log(self.rate)
