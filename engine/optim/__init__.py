"""engine.optim: PyTorch's optimizers (SGD, RMSprop, Adam) over engine tensors."""

from engine.optim.adam import Adam
from engine.optim.optimizer import Optimizer
from engine.optim.rmsprop import RMSprop
from engine.optim.sgd import SGD

__all__ = ["SGD", "Adam", "Optimizer", "RMSprop"]
