"""engine.nn: modules, parameters and losses with PyTorch's names and behaviour."""

from engine.nn import functional, init
from engine.nn.activation import LogSoftmax, ReLU, Sigmoid, Softmax, Tanh
from engine.nn.container import Sequential
from engine.nn.flatten import Flatten
from engine.nn.linear import Linear
from engine.nn.loss import BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, MSELoss, NLLLoss
from engine.nn.module import Module
from engine.nn.parameter import Parameter

__all__ = [
    "BCELoss",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "Flatten",
    "Linear",
    "LogSoftmax",
    "MSELoss",
    "Module",
    "NLLLoss",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "functional",
    "init",
]
