"""engine.nn: modules, parameters and losses with PyTorch's names and behaviour."""

from engine.nn import functional, init, utils
from engine.nn.activation import (
    ELU,
    GELU,
    Dropout,
    Dropout2d,
    Identity,
    LeakyReLU,
    LogSigmoid,
    LogSoftmax,
    PReLU,
    ReLU,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    Tanh,
)
from engine.nn.batchnorm import BatchNorm1d, BatchNorm2d
from engine.nn.clamped_activations import (
    CELU,
    GLU,
    SELU,
    Hardsigmoid,
    Hardswish,
    Hardtanh,
    Mish,
    ReLU6,
    Softsign,
    Threshold,
)
from engine.nn.container import ModuleDict, ModuleList, Sequential
from engine.nn.conv import Conv2d
from engine.nn.conv1d import AdaptiveAvgPool1d, AvgPool1d, Conv1d, MaxPool1d
from engine.nn.conv_transpose import ConvTranspose2d
from engine.nn.distance import CosineSimilarity, PairwiseDistance
from engine.nn.flatten import Flatten, Unflatten
from engine.nn.group_norm import GroupNorm
from engine.nn.interpolate import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from engine.nn.kl_divergence import KLDivLoss
from engine.nn.lazy import LazyLinear, UninitializedParameter
from engine.nn.linear import Linear
from engine.nn.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CosineEmbeddingLoss,
    CrossEntropyLoss,
    GaussianNLLLoss,
    HingeEmbeddingLoss,
    HuberLoss,
    L1Loss,
    MarginRankingLoss,
    MSELoss,
    MultiLabelSoftMarginLoss,
    NLLLoss,
    PoissonNLLLoss,
    SmoothL1Loss,
    TripletMarginLoss,
)
from engine.nn.module import Module
from engine.nn.normalization import LayerNorm
from engine.nn.padding import ReflectionPad1d, ReflectionPad2d, ReplicationPad2d, ZeroPad2d
from engine.nn.parameter import Parameter
from engine.nn.parameter_containers import ParameterDict, ParameterList
from engine.nn.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from engine.nn.rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNBase, RNNCell
from engine.nn.sparse import Embedding

__all__ = [
    "CELU",
    "ELU",
    "GELU",
    "GLU",
    "GRU",
    "LSTM",
    "RNN",
    "SELU",
    "AdaptiveAvgPool1d",
    "AdaptiveAvgPool2d",
    "AvgPool1d",
    "AvgPool2d",
    "BCELoss",
    "BCEWithLogitsLoss",
    "BatchNorm1d",
    "BatchNorm2d",
    "Conv1d",
    "Conv2d",
    "ConvTranspose2d",
    "CosineEmbeddingLoss",
    "CosineSimilarity",
    "CrossEntropyLoss",
    "Dropout",
    "Dropout2d",
    "Embedding",
    "Flatten",
    "GRUCell",
    "GaussianNLLLoss",
    "GroupNorm",
    "Hardsigmoid",
    "Hardswish",
    "Hardtanh",
    "HingeEmbeddingLoss",
    "HuberLoss",
    "Identity",
    "KLDivLoss",
    "L1Loss",
    "LSTMCell",
    "LayerNorm",
    "LazyLinear",
    "LeakyReLU",
    "Linear",
    "LogSigmoid",
    "LogSoftmax",
    "MSELoss",
    "MarginRankingLoss",
    "MaxPool1d",
    "MaxPool2d",
    "Mish",
    "Module",
    "ModuleDict",
    "ModuleList",
    "MultiLabelSoftMarginLoss",
    "NLLLoss",
    "PReLU",
    "PairwiseDistance",
    "Parameter",
    "ParameterDict",
    "ParameterList",
    "PoissonNLLLoss",
    "RNNBase",
    "RNNCell",
    "ReLU",
    "ReLU6",
    "ReflectionPad1d",
    "ReflectionPad2d",
    "ReplicationPad2d",
    "Sequential",
    "SiLU",
    "Sigmoid",
    "SmoothL1Loss",
    "Softmax",
    "Softplus",
    "Softsign",
    "Tanh",
    "Threshold",
    "TripletMarginLoss",
    "Unflatten",
    "UninitializedParameter",
    "Upsample",
    "UpsamplingBilinear2d",
    "UpsamplingNearest2d",
    "ZeroPad2d",
    "functional",
    "init",
    "utils",
]
