"""engine.nn: modules, parameters and losses with PyTorch's names and behaviour."""

from engine.nn import functional
from engine.nn.activation import ReLU, Sigmoid, Tanh
from engine.nn.container import Sequential
from engine.nn.flatten import Flatten
from engine.nn.linear import Linear
from engine.nn.loss import MSELoss
from engine.nn.module import Module
from engine.nn.parameter import Parameter

__all__ = [
    "Flatten",
    "Linear",
    "MSELoss",
    "Module",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
    "functional",
]
