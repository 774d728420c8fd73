"""autograd-explorer's engine: a NumPy autograd whose API is a faithful subset of PyTorch's.

`import engine as torch` runs textbook autograd programs and prints what PyTorch prints.
"""
from __future__ import annotations

import math

from engine import (
    accelerator,
    autograd,
    cuda,
    dtypes,
    generator,
    linalg,
    observer,
    ops,  # importing it binds the Tensor methods
    special,
)
from engine.autograd.anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled
from engine.autograd.grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from engine.backend import default_device as get_default_device
from engine.backend import device, set_default_device
from engine.dtypes import (
    bool_ as bool,
)
from engine.dtypes import (
    dtype,
    finfo,
    float16,
    float32,
    float64,
    get_default_dtype,
    iinfo,
    int8,
    int16,
    int32,
    int64,
    promote_types,
    set_default_dtype,
    uint8,
)
from engine.factories import (
    arange,
    as_tensor,
    bernoulli,
    empty,
    empty_like,
    eye,
    from_numpy,
    full,
    full_like,
    is_tensor,
    linspace,
    logspace,
    multinomial,
    normal,
    numel,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randn,
    randn_like,
    randperm,
    seed,
    tensor,
    zeros,
    zeros_like,
)
from engine.generator import Generator, initial_seed, manual_seed
from engine.legacy import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
)
from engine.ops.clamp_one_side import clamp_max, clamp_min
from engine.ops.comparison import (
    allclose,
    bitwise_and,
    bitwise_left_shift,
    bitwise_not,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    eq,
    equal,
    ge,
    gt,
    isclose,
    isfinite,
    isinf,
    isnan,
    le,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    lt,
    ne,
    nonzero,
)
from engine.ops.compositions import (
    cartesian_prod,
    diff,
    dstack,
    get_num_threads,
    hstack,
    inner,
    kron,
    movedim,
    repeat_interleave,
    set_num_threads,
    std_mean,
    tensordot,
    tile,
    tril_indices,
    triu_indices,
    var_mean,
    vstack,
)
from engine.ops.decompositions import cross, svd
from engine.ops.decompositions import inv as inverse
from engine.ops.einsum import einsum
from engine.ops.elementwise import (
    abs,
    add,
    ceil,
    clamp,
    cos,
    div,
    exp,
    expm1,
    floor,
    floor_divide,
    log,
    log1p,
    maximum,
    minimum,
    mul,
    neg,
    pow,
    reciprocal,
    relu,
    remainder,
    round,
    rsqrt,
    sigmoid,
    sign,
    sin,
    sqrt,
    square,
    sub,
    tanh,
    trunc,
    where,
    xlogy,
)
from engine.ops.elementwise_more import (
    acos,
    asin,
    atan,
    cosh,
    erf,
    exp2,
    fmax,
    fmin,
    frac,
    heaviside,
    lerp,
    log2,
    log10,
    sinh,
    tan,
)
from engine.ops.indexing import narrow, select
from engine.ops.linalg import baddbmm, bmm, dist, dot, matmul, mm, mv, norm, outer
from engine.ops.matrix import diag, diagonal, trace, tril, triu
from engine.ops.matrix_functions import cholesky_solve, det, logdet, matrix_power
from engine.ops.matrix_functions import torch_cholesky as cholesky
from engine.ops.matrix_functions import torch_slogdet as slogdet
from engine.ops.meshgrid import meshgrid
from engine.ops.nan_reductions import nanmean, nansum
from engine.ops.normalization import log_softmax, logsumexp, softmax, std, var
from engine.ops.reduction import (
    all,
    amax,
    amin,
    any,
    argmax,
    argmin,
    cumsum,
    max,
    mean,
    min,
    prod,
    sum,
)
from engine.ops.scan import cumprod, logcumsumexp, roll
from engine.ops.scatter import index_add, scatter, scatter_add
from engine.ops.selection import gather, index_select, masked_fill, masked_select, take
from engine.ops.shape import (
    broadcast_to,
    cat,
    clone,
    flatten,
    flip,
    permute,
    reshape,
    squeeze,
    stack,
    swapaxes,
    t,
    transpose,
    unflatten,
    unsqueeze,
)
from engine.ops.sorting import (
    argsort,
    bincount,
    histc,
    kthvalue,
    median,
    msort,
    nanquantile,
    quantile,
    sort,
    topk,
    unique,
)
from engine.ops.special_functions import digamma, erfc, erfinv, lgamma, logit, polygamma, sinc
from engine.ops.split import chunk, dsplit, hsplit, split, tensor_split, unbind, vsplit
from engine.printing import set_printoptions
from engine.serialization import load, save
from engine.tensor import Size, Tensor

float = float32
double = float64
half = float16
long = int64
int = int32
short = int16
subtract = sub
multiply = mul
divide = div
true_divide = div
negative = neg
clip = clamp
concat = cat
concatenate = cat
result_type = dtypes.result_type


def broadcast_shapes(*shapes) -> Size:
    """The shape that tensors of these shapes broadcast to."""
    from engine.broadcast import broadcast_shapes as _broadcast

    return Size(_broadcast(*(tuple(s) if hasattr(s, "__len__") else (s,) for s in shapes)))


def is_floating_point(t: Tensor) -> bool:
    return t.is_floating_point()


# torch.nn, torch.optim, torch.utils and torch.distributions are built on everything above, so
# they are imported last.
from engine import distributions, nn, optim, utils


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta=1, alpha=1) -> Tensor:
    """input + mat1 @ mat2 as one op (AddmmBackward0), as nn.Linear computes it."""
    if beta != 1 or alpha != 1:
        return input * beta + (mat1 @ mat2) * alpha
    return nn.functional._addmm(input, mat1, mat2)

__all__ = [
    "BoolTensor",
    "ByteTensor",
    "CharTensor",
    "DoubleTensor",
    "FloatTensor",
    "Generator",
    "HalfTensor",
    "IntTensor",
    "LongTensor",
    "ShortTensor",
    "Size",
    "Tensor",
    "abs",
    "accelerator",
    "acos",
    "add",
    "addmm",
    "all",
    "allclose",
    "amax",
    "amin",
    "any",
    "arange",
    "argmax",
    "argmin",
    "argsort",
    "as_tensor",
    "asin",
    "atan",
    "autograd",
    "baddbmm",
    "bernoulli",
    "bincount",
    "bitwise_and",
    "bitwise_left_shift",
    "bitwise_not",
    "bitwise_or",
    "bitwise_right_shift",
    "bitwise_xor",
    "bmm",
    "bool",
    "broadcast_shapes",
    "broadcast_to",
    "cartesian_prod",
    "cat",
    "ceil",
    "cholesky",
    "cholesky_solve",
    "chunk",
    "clamp",
    "clamp_max",
    "clamp_min",
    "clip",
    "clone",
    "concat",
    "concatenate",
    "cos",
    "cosh",
    "cross",
    "cuda",
    "cumprod",
    "cumsum",
    "det",
    "device",
    "diag",
    "diagonal",
    "diff",
    "digamma",
    "dist",
    "distributions",
    "div",
    "divide",
    "dot",
    "double",
    "dsplit",
    "dstack",
    "dtype",
    "dtypes",
    "einsum",
    "empty",
    "empty_like",
    "enable_grad",
    "eq",
    "equal",
    "erf",
    "erfc",
    "erfinv",
    "exp",
    "exp2",
    "expm1",
    "eye",
    "finfo",
    "flatten",
    "flip",
    "float",
    "float16",
    "float32",
    "float64",
    "floor",
    "floor_divide",
    "fmax",
    "fmin",
    "frac",
    "from_numpy",
    "full",
    "full_like",
    "gather",
    "ge",
    "generator",
    "get_default_device",
    "get_default_dtype",
    "get_num_threads",
    "gt",
    "half",
    "heaviside",
    "histc",
    "hsplit",
    "hstack",
    "iinfo",
    "index_add",
    "index_select",
    "inference_mode",
    "initial_seed",
    "inner",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "inverse",
    "is_anomaly_check_nan_enabled",
    "is_anomaly_enabled",
    "is_floating_point",
    "is_grad_enabled",
    "is_inference_mode_enabled",
    "is_tensor",
    "isclose",
    "isfinite",
    "isinf",
    "isnan",
    "kron",
    "kthvalue",
    "le",
    "lerp",
    "lgamma",
    "linalg",
    "linspace",
    "load",
    "log",
    "log1p",
    "log2",
    "log10",
    "log_softmax",
    "logcumsumexp",
    "logdet",
    "logical_and",
    "logical_not",
    "logical_or",
    "logical_xor",
    "logit",
    "logspace",
    "logsumexp",
    "long",
    "lt",
    "manual_seed",
    "masked_fill",
    "masked_select",
    "matmul",
    "matrix_power",
    "max",
    "maximum",
    "mean",
    "median",
    "meshgrid",
    "min",
    "minimum",
    "mm",
    "moveaxis",
    "movedim",
    "msort",
    "mul",
    "multinomial",
    "multiply",
    "mv",
    "nanmean",
    "nanquantile",
    "nansum",
    "narrow",
    "ne",
    "neg",
    "negative",
    "nn",
    "no_grad",
    "nonzero",
    "norm",
    "normal",
    "numel",
    "observer",
    "ones",
    "ones_like",
    "ops",
    "optim",
    "outer",
    "permute",
    "polygamma",
    "pow",
    "prod",
    "promote_types",
    "quantile",
    "rand",
    "rand_like",
    "randint",
    "randn",
    "randn_like",
    "randperm",
    "reciprocal",
    "relu",
    "remainder",
    "repeat_interleave",
    "reshape",
    "result_type",
    "roll",
    "round",
    "rsqrt",
    "save",
    "scatter",
    "scatter_add",
    "seed",
    "select",
    "set_default_device",
    "set_default_dtype",
    "set_grad_enabled",
    "set_num_threads",
    "set_printoptions",
    "short",
    "sigmoid",
    "sign",
    "sin",
    "sinc",
    "sinh",
    "slogdet",
    "softmax",
    "sort",
    "special",
    "split",
    "sqrt",
    "square",
    "squeeze",
    "stack",
    "std",
    "std_mean",
    "sub",
    "subtract",
    "sum",
    "svd",
    "swapaxes",
    "t",
    "take",
    "tan",
    "tanh",
    "tensor",
    "tensor_split",
    "tensordot",
    "tile",
    "topk",
    "trace",
    "transpose",
    "tril",
    "tril_indices",
    "triu",
    "triu_indices",
    "true_divide",
    "trunc",
    "uint8",
    "unbind",
    "unflatten",
    "unique",
    "unsqueeze",
    "utils",
    "var",
    "var_mean",
    "vsplit",
    "vstack",
    "where",
    "xlogy",
    "zeros",
    "zeros_like",
]

moveaxis = movedim

# PyTorch's mathematical constants (torch.pi ...), plain Python floats as there.
pi, e, inf, nan = math.pi, math.e, math.inf, math.nan


def _inplace_function(name: str):
    method = getattr(Tensor, name)

    def function(input, *args, **kwargs):
        return method(input, *args, **kwargs)

    function.__name__ = function.__qualname__ = name
    return function


# PyTorch's top-level in-place functions: torch.sin_(x) is x.sin_().
for _name in (
    "abs_", "acos_", "asin_", "atan_", "ceil_", "clamp_", "cos_", "cosh_", "detach_", "erf_",
    "exp2_", "exp_", "expm1_", "fill_", "floor_", "frac_", "log10_", "log1p_", "log2_", "log_",
    "neg_", "reciprocal_", "relu_", "round_", "rsqrt_", "sigmoid_", "sin_", "sinh_", "sqrt_",
    "square_", "tan_", "tanh_", "trunc_", "zero_",
):
    globals()[_name] = _inplace_function(_name)

# PyTorch's keyword names (input=, other=, axis=, out=) for the top-level functions.
from engine.torch_signatures import adapt_namespace

adapt_namespace(globals(), __all__)

# One BLAS thread unless asked (small products on a busy 2-core machine: engine/blas_threads.py).
from engine import blas_threads as _blas_threads

_blas_threads.apply_default()
