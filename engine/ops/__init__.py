"""The op table: every Tensor method and operator, bound to the op functions in this package.

`formula(op)` is the other table: each op's formula and derivatives as text (see formulas.py).
"""
from __future__ import annotations

from engine import dtypes, factories
from engine.ops import (
    clamp_one_side,
    comparison,
    compositions,
    decompositions,
    elementwise,
    elementwise_more,
    indexing,
    inplace,
    linalg,
    matrix,
    matrix_functions,
    nan_reductions,
    normalization,
    reduction,
    scan,
    scatter,
    selection,
    shape,
    sorting,
    special_functions,
    split,
)
from engine.ops.formulas import FORMULAS, Formula, formula
from engine.tensor import Tensor

__all__ = ["FORMULAS", "METHODS", "Formula", "formula"]


def _cast(dtype):
    def method(self):
        return shape.to(self, dtype)

    method.__name__ = dtype.name
    return method


def _invert(self):
    if self._data.dtype.kind == "b":
        return comparison.logical_not(self)
    return comparison.bitwise_not(self)


def _cpu(self):
    return shape.to(self, "cpu")


def _cuda(self, device=None):
    return shape.to(self, "cuda" if device is None else device)


def _type(self, dtype=None):
    """`t.type()`: the legacy type name ('torch.FloatTensor'); `t.type(dtype)`: a cast."""
    if dtype is None:
        kind = "cuda." if self._device.type == "cuda" else ""
        return f"torch.{kind}{self.dtype._legacy}Tensor"
    dtype = getattr(dtype, "_dtype", dtype)  # a legacy type: t.type(torch.DoubleTensor)
    if isinstance(dtype, str):
        names = {f"torch.{d._legacy}Tensor": d for d in dtypes.ALL}
        if dtype not in names:
            raise ValueError(f"invalid type: '{dtype}'")
        dtype = names[dtype]
    return shape.to(self, dtype)


def _tensor_where(self, condition, other):
    return elementwise.where(condition, self, other)


METHODS = {
    # arithmetic; a Python scalar on the left keeps the tensor first, as PyTorch does
    "__add__": elementwise.add_tensor, "__radd__": elementwise.add_tensor, "add": elementwise.add,
    "__sub__": elementwise.sub_tensor, "__rsub__": elementwise.rsub, "sub": elementwise.sub,
    "subtract": elementwise.sub,
    "__mul__": elementwise.mul_tensor, "__rmul__": elementwise.mul_tensor, "mul": elementwise.mul,
    "multiply": elementwise.mul,
    "__truediv__": elementwise.div_tensor, "__rtruediv__": elementwise.rdiv, "div": elementwise.div,
    "divide": elementwise.div, "true_divide": elementwise.div,
    "__pow__": elementwise.pow, "__rpow__": lambda self, other: elementwise.pow(other, self),
    "pow": elementwise.pow,
    "__neg__": elementwise.neg, "neg": elementwise.neg, "negative": elementwise.neg,
    "__floordiv__": elementwise.floor_divide, "__rfloordiv__": elementwise.rfloordiv,
    "floor_divide": elementwise.floor_divide, "__mod__": elementwise.remainder,
    "__rmod__": elementwise.rremainder, "remainder": elementwise.remainder,
    "floor": elementwise.floor, "ceil": elementwise.ceil, "round": elementwise.round,
    "trunc": elementwise.trunc,
    "__pos__": lambda self: self, "__abs__": elementwise.abs, "abs": elementwise.abs,
    "__matmul__": linalg.matmul, "__rmatmul__": lambda self, other: linalg.matmul(other, self),
    "matmul": linalg.matmul, "mm": linalg.mm, "mv": linalg.mv, "dot": linalg.dot,
    "bmm": linalg.bmm, "baddbmm": linalg.baddbmm, "tril": matrix.tril, "triu": matrix.triu,
    "diag": matrix.diag, "trace": matrix.trace,
    "outer": linalg.outer,
    # functions
    "exp": elementwise.exp, "log": elementwise.log, "expm1": elementwise.expm1,
    "log1p": elementwise.log1p, "sqrt": elementwise.sqrt,
    "tan": elementwise_more.tan, "atan": elementwise_more.atan, "asin": elementwise_more.asin,
    "acos": elementwise_more.acos, "sinh": elementwise_more.sinh, "cosh": elementwise_more.cosh,
    "log2": elementwise_more.log2, "log10": elementwise_more.log10,
    "exp2": elementwise_more.exp2, "erf": elementwise_more.erf, "lerp": elementwise_more.lerp,
    "fmax": elementwise_more.fmax, "fmin": elementwise_more.fmin,
    "heaviside": elementwise_more.heaviside,
    "rsqrt": elementwise.rsqrt, "sin": elementwise.sin, "cos": elementwise.cos,
    "tanh": elementwise.tanh, "sigmoid": elementwise.sigmoid, "relu": elementwise.relu,
    "sign": elementwise.sign, "square": elementwise.square, "reciprocal": elementwise.reciprocal,
    "clamp_min": clamp_one_side.clamp_min, "clamp_max": clamp_one_side.clamp_max,
    "clamp": elementwise.clamp, "clip": elementwise.clamp, "maximum": elementwise.maximum,
    "minimum": elementwise.minimum, "where": _tensor_where, "xlogy": elementwise.xlogy,
    # reductions
    "sum": reduction.sum, "cumsum": reduction.cumsum, "prod": reduction.prod,
    "lgamma": special_functions.lgamma, "digamma": special_functions.digamma,
    "polygamma": lambda x, n: special_functions.polygamma(n, x),
    "erfc": special_functions.erfc, "erfinv": special_functions.erfinv,
    "logit": special_functions.logit, "sinc": special_functions.sinc,
    "mean": reduction.mean, "nansum": nan_reductions.nansum, "nanmean": nan_reductions.nanmean,
    "max": reduction.max, "min": reduction.min, "amax": reduction.amax, "amin": reduction.amin,
    "argmax": reduction.argmax, "argmin": reduction.argmin, "all": reduction.all,
    "any": reduction.any, "norm": linalg.norm, "var": normalization.var,
    "std": normalization.std, "softmax": normalization.softmax,
    "log_softmax": normalization.log_softmax, "logsumexp": normalization.logsumexp,
    # shape
    "reshape": shape.reshape, "view": shape.view, "view_as": shape.view_as,
    "reshape_as": shape.reshape_as, "flatten": shape.flatten,
    "unflatten": shape.unflatten, "transpose": shape.transpose,
    "swapaxes": shape.transpose, "t": shape.t, "permute": shape.permute,
    "unsqueeze": shape.unsqueeze, "squeeze": shape.squeeze, "expand": shape.expand,
    "expand_as": shape.expand_as, "contiguous": shape.contiguous, "clone": shape.clone,
    "flip": shape.flip, "repeat": shape.repeat, "split": split.split, "chunk": split.chunk,
    "tensor_split": split.tensor_split, "hsplit": split.hsplit, "vsplit": split.vsplit,
    "dsplit": split.dsplit, "unfold": shape.unfold,
    "unbind": split.unbind, "to": shape.to, "cpu": _cpu, "cuda": _cuda,
    "float": _cast(dtypes.float32), "double": _cast(dtypes.float64), "half": _cast(dtypes.float16),
    "type": _type, "long": _cast(dtypes.int64), "int": _cast(dtypes.int32),
    "bool": _cast(dtypes.bool_),
    # indexing
    "__getitem__": indexing.getitem, "__setitem__": indexing.setitem,
    "masked_fill": selection.masked_fill, "gather": selection.gather,
    "index_select": selection.index_select, "narrow": indexing.narrow, "select": indexing.select,
    "sort": sorting.sort, "argsort": sorting.argsort,
    "topk": sorting.topk,
    # factories
    "new_tensor": factories.new_tensor, "new_zeros": factories.new_zeros,
    "new_ones": factories.new_ones, "new_empty": factories.new_empty,
    "new_full": factories.new_full,
    # comparisons and logic
    "__eq__": comparison.eq, "__ne__": comparison.ne, "__lt__": comparison.lt,
    "__le__": comparison.le, "__gt__": comparison.gt, "__ge__": comparison.ge,
    "eq": comparison.eq, "ne": comparison.ne, "lt": comparison.lt, "le": comparison.le,
    "gt": comparison.gt, "ge": comparison.ge, "logical_not": comparison.logical_not,
    "logical_and": comparison.logical_and, "logical_or": comparison.logical_or,
    "__invert__": _invert, "__and__": comparison.bitwise_and, "__or__": comparison.bitwise_or,
    "__xor__": comparison.bitwise_xor, "isclose": comparison.isclose,
    "allclose": comparison.allclose, "equal": comparison.equal, "isnan": comparison.isnan,
    "nonzero": comparison.nonzero,
    # in place
    "add_": inplace.add_, "sub_": inplace.sub_, "mul_": inplace.mul_, "div_": inplace.div_,
    "pow_": inplace.pow_, "__iadd__": inplace.iadd, "__isub__": inplace.isub,
    "__imul__": inplace.imul, "__itruediv__": inplace.div_, "__ipow__": inplace.pow_,
    "zero_": inplace.zero_, "fill_": inplace.fill_, "copy_": inplace.copy_,
    "clamp_": inplace.clamp_, "normal_": inplace.normal_,
    "uniform_": inplace.uniform_, "random_": inplace.random_, "masked_fill_": inplace.masked_fill_,
    "unsqueeze_": inplace.shape_inplace("unsqueeze", shape.unsqueeze),
    "squeeze_": inplace.shape_inplace("squeeze", shape.squeeze),
    "t_": inplace.shape_inplace("t", shape.t),
    "transpose_": inplace.shape_inplace("transpose", shape.transpose),
}

# The in-place form of every unary op (`x.sin_()`), recorded like the others in inplace.py.
UNARY = (
    "neg", "exp", "log", "sqrt", "abs", "relu", "sigmoid", "tanh",
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "expm1", "log1p", "log2",
    "log10", "exp2", "erf", "rsqrt", "reciprocal", "square", "sign", "floor", "ceil", "round",
    "trunc", "frac",
)
METHODS.update({
    # picking, sorting, decompositions
    "masked_select": selection.masked_select, "take": selection.take,
    "median": sorting.median, "msort": sorting.msort, "quantile": sorting.quantile,
    "nanquantile": sorting.nanquantile, "histc": sorting.histc, "kthvalue": sorting.kthvalue,
    "unique": sorting.unique,
    "bincount": sorting.bincount,
    "cross": decompositions.cross, "inverse": decompositions.inv,
    "det": matrix_functions.det, "logdet": matrix_functions.logdet,
    "slogdet": matrix_functions.torch_slogdet, "cholesky": matrix_functions.torch_cholesky,
    "matrix_power": matrix_functions.matrix_power,
    "cholesky_solve": matrix_functions.cholesky_solve,
    "diagonal": matrix.diagonal, "svd": decompositions.svd, "frac": elementwise_more.frac,
    "bernoulli": factories.bernoulli, "multinomial": factories.multinomial,
    "bitwise_and": comparison.bitwise_and, "bitwise_or": comparison.bitwise_or,
    "bitwise_xor": comparison.bitwise_xor, "bitwise_not": comparison.bitwise_not,
    "bitwise_left_shift": comparison.bitwise_left_shift,
    "bitwise_right_shift": comparison.bitwise_right_shift,
    "__lshift__": comparison.bitwise_left_shift, "__rshift__": comparison.bitwise_right_shift,
    "__rand__": comparison.bitwise_and, "__ror__": comparison.bitwise_or,
    "__rxor__": comparison.bitwise_xor,
})
METHODS.update({f"{name}_": inplace.unary_inplace(name, METHODS[name]) for name in UNARY})
METHODS.update({
    "cumprod": scan.cumprod, "roll": scan.roll, "logcumsumexp": scan.logcumsumexp,
    "scatter": scatter.scatter,
    "scatter_add": scatter.scatter_add, "index_add": scatter.index_add,
    "scatter_": scatter.scatter_, "scatter_add_": scatter.scatter_add_,
    "index_add_": scatter.index_add_, "index_fill": scatter.index_fill,
    "index_fill_": scatter.index_fill_,
    "tile": compositions.tile, "kron": compositions.kron, "inner": compositions.inner,
    "repeat_interleave": compositions.repeat_interleave,
    "movedim": compositions.movedim, "moveaxis": compositions.movedim,
    "diff": compositions.diff,
})

for _name, _fn in METHODS.items():
    setattr(Tensor, _name, _fn)
Tensor.T = property(shape.T)
Tensor.mT = property(lambda self: shape.transpose(self, -2, -1))
Tensor.__hash__ = Tensor.__hash__  # __eq__ above does not take hashing away
