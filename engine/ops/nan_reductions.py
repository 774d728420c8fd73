"""nansum and nanmean: sums and means that skip NaN, with PyTorch's nodes (NansumBackward0;
nanmean is nansum divided by the count of numbers, as ATen composes it)."""
from __future__ import annotations

import numpy as np

from engine.autograd.graph import Node
from engine.ops.cascade_sum import torch_sum
from engine.ops.dispatch import Tensor, as_tensor_input, record, records, wrap
from engine.ops.reduction import _reduction_node, expand_grad, normalize_dims, summed_data


class NansumBackward0(Node):
    """The sum's gradient where the input is a number, 0 where it is NaN."""

    __slots__ = ("_saved_dim", "_saved_keepdim", "_saved_self_sym_sizes")
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        spread = expand_grad(g, self._saved_self_sym_sizes, self._saved_dim,
                             self._saved_keepdim, m, t)
        return (spread * (x.isnan().logical_not() if t else ~np.isnan(x)),)


def nansum(x, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """torch.nansum: the sum, NaN counted as zero."""
    x = as_tensor_input(x, "nansum")
    data = summed_data(x, dtype)
    if data.dtype.kind in "fc":
        data = np.where(np.isnan(data), data.dtype.type(0), data)
    dims = None if dim is None or dim == () or dim == [] else normalize_dims(dim, data.ndim)
    r = torch_sum(data, dims, keepdim) if dims is not None else torch_sum(data)
    if dims is None and keepdim:
        r = np.reshape(r, (1,) * data.ndim)
    node = None
    if records(x):
        node = _reduction_node(NansumBackward0, x, dims, keepdim)
        node._saved, node._versions = (x,), [x._vc[0]]
    return record("nansum", (x,), wrap(np.asarray(r), x._device), node)


def nanmean(x, dim=None, keepdim: bool = False, *, dtype=None) -> Tensor:
    """torch.nanmean: the mean of the numbers (NaN left out), nansum / their count."""
    x = as_tensor_input(x, "nanmean")
    if x._data.dtype.kind not in "fc":
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {x.dtype._legacy}")
    count = x.isnan().logical_not().sum(dim, keepdim) if dim is not None \
        else x.isnan().logical_not().sum()
    return nansum(x, dim, keepdim, dtype=dtype).div(count)
