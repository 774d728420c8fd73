"""nn.functional: the stateless forms of layers and losses (``import engine.nn.functional as F``).

``linear`` and ``mse_loss`` are single ops with their own backward nodes, as in PyTorch, so a
model's graph shows ``AddmmBackward0`` and ``MseLossBackward0`` where PyTorch shows them.
"""

from __future__ import annotations

import warnings

from engine.autograd.graph import Node
from engine.broadcast import broadcast_shapes, sum_to
from engine.nn.activation_functions import (
    elu,
    gelu,
    leaky_relu,
    logsigmoid,
    prelu,
    rrelu,
    silu,
    softplus,
)
from engine.nn.attention_functions import scaled_dot_product_attention
from engine.nn.clamped_activations import (
    celu,
    glu,
    hardshrink,
    hardsigmoid,
    hardswish,
    hardtanh,
    mish,
    relu6,
    selu,
    softshrink,
    softsign,
    tanhshrink,
    threshold,
)
from engine.nn.classification import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    nll_loss,
    soft_margin_loss,
)
from engine.nn.composite_losses import (
    cosine_embedding_loss,
    gaussian_nll_loss,
    hinge_embedding_loss,
    margin_ranking_loss,
    multilabel_soft_margin_loss,
    poisson_nll_loss,
    triplet_margin_loss,
    triplet_margin_with_distance_loss,
)
from engine.nn.conv1d import adaptive_avg_pool1d, avg_pool1d, conv1d, max_pool1d
from engine.nn.conv_functions import adaptive_avg_pool2d, avg_pool2d, conv2d, max_pool2d
from engine.nn.conv_transpose import conv_transpose2d
from engine.nn.distance import cosine_similarity, pairwise_distance
from engine.nn.group_norm import group_norm
from engine.nn.instancenorm import instance_norm
from engine.nn.interpolate import interpolate, upsample, upsample_bilinear, upsample_nearest
from engine.nn.kl_divergence import kl_div
from engine.nn.multi_margin_losses import multi_margin_loss, multilabel_margin_loss
from engine.nn.multihead_attention_functions import multi_head_attention_forward
from engine.nn.normalization_functions import batch_norm, layer_norm
from engine.nn.padding_functions import pad
from engine.nn.reduction import reduction_enum
from engine.nn.regression import huber_loss, l1_loss, smooth_l1_loss
from engine.nn.sparse import embedding
from engine.nn.tensor_functions import dropout, dropout2d, normalize, one_hot
from engine.ops.dispatch import (
    NO_EDGE,
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    edge,
    emit,
    grad_state,
    operands,
    records,
    wrap,
)
from engine.ops.formulas import define
from engine.ops.linalg import check_expandable, column_major, mm_gradients

__all__ = [
    "adaptive_avg_pool1d",
    "adaptive_avg_pool2d",
    "avg_pool1d",
    "avg_pool2d",
    "batch_norm",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "celu",
    "conv1d",
    "conv2d",
    "conv_transpose2d",
    "cosine_embedding_loss",
    "cosine_similarity",
    "cross_entropy",
    "dropout",
    "dropout2d",
    "elu",
    "embedding",
    "gaussian_nll_loss",
    "gelu",
    "glu",
    "group_norm",
    "hardshrink",
    "hardsigmoid",
    "hardswish",
    "hardtanh",
    "hinge_embedding_loss",
    "huber_loss",
    "instance_norm",
    "interpolate",
    "kl_div",
    "l1_loss",
    "layer_norm",
    "leaky_relu",
    "linear",
    "log_softmax",
    "logsigmoid",
    "margin_ranking_loss",
    "max_pool1d",
    "max_pool2d",
    "mish",
    "mse_loss",
    "multi_head_attention_forward",
    "multi_margin_loss",
    "multilabel_margin_loss",
    "multilabel_soft_margin_loss",
    "nll_loss",
    "normalize",
    "one_hot",
    "pad",
    "pairwise_distance",
    "poisson_nll_loss",
    "prelu",
    "relu",
    "relu6",
    "rrelu",
    "scaled_dot_product_attention",
    "selu",
    "sigmoid",
    "silu",
    "smooth_l1_loss",
    "soft_margin_loss",
    "softmax",
    "softmin",
    "softplus",
    "softshrink",
    "softsign",
    "tanh",
    "tanhshrink",
    "threshold",
    "triplet_margin_loss",
    "triplet_margin_with_distance_loss",
    "upsample",
    "upsample_bilinear",
    "upsample_nearest",
]


# --------------------------------------------------------------------------- linear
class AddmmBackward0(Node):
    """out = bias + mat1 @ mat2; the bias gradient is summed back to the bias's shape."""

    __slots__ = ("_bias_shape", "_column_major")
    _saved_fields = ("mat1", "mat2")

    def _apply(self, g, m, t):
        mat1, mat2 = self._unpack(t)
        grad_bias = sum_to(g, self._bias_shape) if self._needs(0) else None
        return (grad_bias, *mm_gradients(g, mat1 if self._needs(2) else None,
                                         mat2 if self._needs(1) else None, self._column_major))


def _edge_if_grad(x: Tensor) -> tuple:
    return edge(x) if x._requires_grad else NO_EDGE


def _addmm(bias: Tensor, mat1: Tensor, mat2: Tensor) -> Tensor:
    (n, k), (k2, p) = mat1._data.shape, mat2._data.shape
    if k != k2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{p})")
    if not (bias._data.dtype == mat1._data.dtype == mat2._data.dtype):
        raise RuntimeError(
            "self and mat2 must have the same dtype, but got "
            f"{bias.dtype._legacy} and {mat2.dtype._legacy}"
        )
    check_expandable(tuple(bias._data.shape), (n, p))
    out = wrap(bias._data + mat1._data @ mat2._data, mat1._device)
    if grad_state.enabled and (bias._requires_grad or mat1._requires_grad or mat2._requires_grad):
        edges = (_edge_if_grad(bias), _edge_if_grad(mat1), _edge_if_grad(mat2))
        # mat1 is needed only for mat2's gradient and vice versa, as PyTorch saves them
        saved = (
            mat1 if edges[2][0] is not None else None,
            mat2 if edges[1][0] is not None else None,
        )
        node = AddmmBackward0(edges, saved)
        node._bias_shape = bias._data.shape
        node._column_major = (column_major(mat1._data), column_major(mat2._data))
        attach(out, node)
    if _listeners:
        emit("addmm", (bias, mat1, mat2), out)
    return out


# linear is recorded as TBackward0 and AddmmBackward0 (as PyTorch records it); its formula is
# the layer's whole, keyed by the functional's name as the explorer's node names it
define("linear", "y = a @ b.T + c",
       gradient={"a": "grad_out @ b", "b": "grad_out.T @ a", "c": "grad_out.sum(0)"})


def linear(input: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``input @ weight.T + bias``, with weight of shape (out_features, in_features)."""
    input = as_tensor_input(input, "linear")
    if bias is None:
        return input.matmul(weight.t())
    if input.dim() == 2:
        return _addmm(bias, input, weight.t())
    if input.dim() == 0:
        raise RuntimeError(
            "both arguments to linear need to be at least 1D, but they are 0D and 2D"
        )
    if not input.is_contiguous():
        # PyTorch's matmul folds the copy's rows itself; the bias is then added in place
        return input.matmul(weight.t()).add_(bias)
    # PyTorch folds the leading dimensions into rows, multiplies once, and views the result back
    rows = input.reshape(-1, input.shape[-1])
    return _addmm(bias, rows, weight.t()).view(*input.shape[:-1], weight.shape[0])


# --------------------------------------------------------------------------- mse_loss
class MseLossBackward0(Node):
    """d/d(input) of the squared error: 2 (input - target) g, divided by numel for 'mean'."""

    __slots__ = ("_numel", "_saved_reduction")
    _saved_fields = ("self", "target")

    def _apply(self, g, m, t):
        x, y = self._unpack(t)
        scale = 2.0 / self._numel if self._saved_reduction == 1 else 2.0
        grad = scale * (x - y) * g
        return (grad if self._needs(0) else None, -grad if self._needs(1) else None)


# n: the elements averaged ('mean'); 1 for 'sum' and 'none'
define("mse_loss", "y = Σ (a - b)² / n", params=("n",),
       gradient={"a": "2 × (a - b) × grad_out / n", "b": "-2 × (a - b) × grad_out / n"})


def mse_loss(input: Tensor, target: Tensor, reduction: str = "mean") -> Tensor:
    """Squared error ``(input - target) ** 2``, averaged ('mean'), summed or kept ('none')."""
    input = as_tensor_input(input, "mse_loss")
    enum = reduction_enum(reduction)
    if target.size() != input.size():
        warnings.warn(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=2,
        )
        shape = broadcast_shapes(tuple(input.shape), tuple(target.shape))
        input, target = input.expand(*shape), target.expand(*shape)
    xa, xb, device = operands(input, target)
    diff = xa - xb
    squared = diff * diff
    if reduction == "mean":
        squared = squared.mean()
    elif reduction == "sum":
        squared = squared.sum()
    out = wrap(device.xp.asarray(squared, dtype=diff.dtype), device)
    if records(input, target):
        node = MseLossBackward0((_edge_if_grad(input), _edge_if_grad(target)), (input, target))
        node._saved_reduction = enum
        node._numel = diff.size
        attach(out, node)
    if _listeners:
        emit("mse_loss", (input, target), out)
    return out


# --------------------------------------------------------------------------- activations
def softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:
    return input.softmax(_implicit_dim("softmax", input, dim), dtype=dtype)


def softmin(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:
    """softmax(-input): NegBackward0 then SoftmaxBackward0, as in PyTorch."""
    return (-input).softmax(_implicit_dim("softmin", input, dim), dtype=dtype)


def log_softmax(input: Tensor, dim: int | None = None, _stacklevel: int = 3, dtype=None) -> Tensor:
    return input.log_softmax(_implicit_dim("log_softmax", input, dim), dtype=dtype)


def _implicit_dim(name: str, input: Tensor, dim: int | None) -> int:
    """PyTorch's deprecated choice when dim is not given: 0 for 0-, 1- and 3-d inputs, else 1."""
    if dim is not None:
        return dim
    warnings.warn(
        f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
        "dim=X as an argument.",
        UserWarning,
        stacklevel=3,
    )
    return 0 if input.dim() in (0, 1, 3) else 1


def relu(input: Tensor, inplace: bool = False) -> Tensor:
    return input.relu_() if inplace else input.relu()


def sigmoid(input: Tensor) -> Tensor:
    return input.sigmoid()


def tanh(input: Tensor) -> Tensor:
    return input.tanh()
