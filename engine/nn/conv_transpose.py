"""F.conv_transpose2d and nn.ConvTranspose2d: the adjoint of conv2d (DCGAN generators, U-Nets).

conv_transpose2d(x, w) is the gradient of conv2d with respect to its input: each input pixel
scatters `x[n, c, i, j] * w[c, o]` onto the output window it belongs to. It is written on the
windows of conv_functions: the forward scatters the columns `wᵀ @ x` back onto the (padded)
output, and its backward takes the windows of the gradient, so both are a matrix product and a
strided copy. Under create_graph the gradients are rebuilt from conv2d, which is differentiable
to every order. The node is PyTorch's ConvolutionBackward0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.autograd.graph import NO_EDGE, Node, edge
from engine.nn.conv_functions import (
    Geometry,
    _pad,
    _pair,
    _scatter_windows,
    _windows,
    conv2d,
)
from engine.nn.conv_layer import ConvLayer
from engine.nn.init import reset_layer_
from engine.nn.module import Module
from engine.ops.dispatch import Tensor, _listeners, as_tensor_input, attach, emit, records, wrap
from engine.ops.formulas import define


def _output_sizes(h: int, w: int, geo: Geometry, output_padding: tuple[int, int]) -> tuple:
    """(H - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1, each dim."""
    return tuple(
        (size - 1) * s - 2 * p + d * (k - 1) + op + 1
        for size, s, p, d, k, op in zip((h, w), geo.stride, geo.padding, geo.dilation,
                                        geo.kernel, output_padding)
    )


def _grouped_weight(w, groups: int):
    """(in, out / groups, kh, kw) as (groups, in / groups, out / groups * kh * kw)."""
    c = w.shape[0]
    return w.reshape(groups, c // groups, -1)


class ConvolutionBackward0(Node):
    """conv_transpose2d's node: the input's gradient is conv2d of the gradient with the same
    weight; the weight's is the input times the gradient's windows; the bias's is its sum."""

    __slots__ = ("_geometry", "_groups")
    _saved_fields = ("input", "weight")

    def _apply(self, g, m, t):
        x, w = self._unpack(t)
        geo, groups = self._geometry, self._groups
        needs = (self._needs(0), self._needs(1), self._needs(2))
        if t:
            return self._differentiable(g, x, w, needs)
        n, c, h, wd = x.shape
        ph, pw = geo.padding
        # the gradient's windows, taken where the forward scattered them (the padded output)
        cols = _windows(np, _pad(np, g, ph, ph, pw, pw, 0), geo, h, wd)
        cols = cols.reshape(n, groups, -1, h * wd)
        gx = gw = gb = None
        if needs[0]:
            gx = (_grouped_weight(w, groups) @ cols).reshape(x.shape)
        if needs[1]:
            xs = x.reshape(n, groups, c // groups, h * wd)
            gw = (xs @ cols.swapaxes(-1, -2)).sum(0).reshape(w.shape)
        if needs[2]:
            gb = g.sum((0, 2, 3))
        return gx, gw, gb

    def _differentiable(self, g, x, w, needs):
        """The same gradients from Tensor ops (create_graph): conv2d is the adjoint."""
        import engine

        geo, groups = self._geometry, self._groups
        h, wd = x.shape[2:]

        def adjoint(weight):
            out = conv2d(g, weight, None, geo.stride, geo.padding, geo.dilation, groups)
            return out[:, :, :h, :wd]  # an output_padding past the stride adds a row and column

        gx = gw = gb = None
        if needs[0]:
            gx = adjoint(w)
        if needs[1]:
            with engine.enable_grad():
                probe = w.detach().requires_grad_(True)
                # <conv_transpose2d(x, w), g> = <x, conv2d(g, w)>, linear in w
                (gw,) = engine.autograd.grad((x * adjoint(probe)).sum(), probe,
                                             create_graph=True)
        if needs[2]:
            gb = g.sum((0, 2, 3))
        return gx, gw, gb


define("conv_transpose2d", "y = conv_transpose2d(a, b) + c",
       gradient={"a": "conv2d(grad_out, b)", "b": "a ⋆ windows(grad_out)",
                 "c": "grad_out.sum((0, 2, 3))"})


def _check(x: Tensor, weight: Tensor, bias, geo: Geometry, output_padding, groups: int) -> None:
    """PyTorch's argument checks, in its order and words."""
    if weight.dim() != 4:
        raise RuntimeError(
            "expected stride to be a single integer value or a list of "
            f"{weight.dim() - 2} values to match the convolution dimensions, but got "
            f"stride={list(geo.stride)}"
        )
    if any(s <= 0 for s in geo.stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(p < 0 for p in geo.padding):
        raise RuntimeError("negative padding is not supported")
    if any(op >= s and op >= d for op, s, d in zip(output_padding, geo.stride, geo.dilation)):
        raise RuntimeError(
            "output padding must be smaller than either stride or dilation, but got "
            f"output_padding_height: {output_padding[0]} output_padding_width: "
            f"{output_padding[1]} stride_height: {geo.stride[0]} stride_width: {geo.stride[1]} "
            f"dilation_height: {geo.dilation[0]} dilation_width: {geo.dilation[1]}"
        )
    if weight.shape[0] % groups:
        raise RuntimeError(
            f"Given groups={groups}, expected weight to be divisible by {groups} at dimension 0, "
            f"but got weight of size [{list(weight.shape)}] instead"
        )
    if x.shape[1] != weight.shape[0]:
        raise RuntimeError(
            f"Given transposed=1, weight of size {list(weight.shape)}, expected input"
            f"{list(x.shape)} to have {weight.shape[0]} channels, but got {x.shape[1]} channels "
            "instead"
        )
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None and t.dtype != x.dtype:
            if x.dtype._legacy == "Float":  # (the oneDNN path's check comes first)
                raise RuntimeError(
                    f"Input type (torch.FloatTensor) and {name} type (torch."
                    f"{t.dtype._legacy}Tensor) should be the same or input should be a MKLDNN "
                    f"tensor and {name} is a dense tensor"
                )
            raise RuntimeError(
                f"expected scalar type {x.dtype._legacy} but found {t.dtype._legacy}")
    out_channels = weight.shape[1] * groups
    if bias is not None and tuple(bias.shape) != (out_channels,):
        raise RuntimeError(
            f"Given transposed=1, weight of size {list(weight.shape)}, expected bias to be "
            f"1-dimensional with {out_channels} elements, but got bias of size "
            f"{list(bias.shape)} instead"
        )


def _check_padding(padding) -> None:
    """A transposed convolution has no padding="same" or "valid" (PyTorch's TypeError)."""
    if isinstance(padding, str):
        raise TypeError(
            "conv_transpose2d(): argument 'padding' must be tuple of ints, not str")
    if isinstance(padding, (tuple, list)):
        for i, p in enumerate(padding):
            if isinstance(p, str):
                raise TypeError(
                    "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, "
                    f"but found element of type str at pos {i}"
                )


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                     groups: int = 1, dilation=1):
    """The transposed 2-d convolution of (N, C_in, H, W) input with (C_in, C_out / groups,
    kh, kw) weight: the gradient of conv2d with respect to its input, as a layer."""
    input = as_tensor_input(input, "conv_transpose2d")
    if input.dim() == 3:  # unbatched (C, H, W): PyTorch unsqueezes and squeezes around it
        return conv_transpose2d(input.unsqueeze(0), weight, bias, stride, padding,
                                output_padding, groups, dilation).squeeze(0)
    if input.dim() != 4:
        raise RuntimeError(
            "Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of "
            f"size: {list(input.shape)}"
        )
    _check_padding(padding)
    geo = Geometry(weight.shape[2:] if weight.dim() == 4 else (1, 1), stride, padding, dilation)
    output_padding = _pair(output_padding, "output_padding")
    _check(input, weight, bias, geo, output_padding, groups)
    x = input._data
    n, c, h, w = x.shape
    oh, ow = _output_sizes(h, w, geo, output_padding)
    (ph, pw), out_channels = geo.padding, weight.shape[1] * groups
    # each input pixel's column wᵀ x[:, :, i, j], scattered onto its window of the padded output
    cols = _grouped_weight(weight._data, groups).swapaxes(-1, -2) @ x.reshape(
        n, groups, c // groups, h * w)
    cols = cols.reshape(n, out_channels, -1, h, w)
    padded = (n, out_channels, oh + 2 * ph, ow + 2 * pw)
    data = _scatter_windows(cols, geo, padded, h, w)[:, :, ph : ph + oh, pw : pw + ow]
    if bias is not None:
        data = data + bias._data.reshape(1, out_channels, 1, 1)
    out = wrap(np.ascontiguousarray(data, dtype=x.dtype), input._device)
    tensors = (input, weight, bias)
    if records(*tensors):
        edges = tuple(NO_EDGE if t is None or not t._requires_grad else edge(t) for t in tensors)
        node = ConvolutionBackward0(edges, (input, weight))
        node._geometry, node._groups = geo, groups
        attach(out, node)
    if _listeners:
        emit("conv_transpose2d", tuple(t for t in tensors if t is not None), out)
    return out


class ConvTranspose2d(Module):
    """``ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0,
    output_padding=0, groups=1, bias=True, dilation=1)``; weight of shape
    (in, out / groups, kh, kw), initialised as PyTorch initialises it."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size, stride=1, padding=0,
                 output_padding=0, groups: int = 1, bias: bool = True, dilation=1,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        from engine import empty  # deferred: engine imports nn while it initialises
        from engine.nn.parameter import Parameter

        super().__init__()
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups:
            raise ValueError("out_channels must be divisible by groups")
        if padding_mode != "zeros":
            raise ValueError(
                f'Only "zeros" padding mode is supported for {type(self).__name__}')
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.stride = _pair(stride, "stride")
        # (a string is kept as PyTorch keeps it, as its letters: the forward refuses it)
        self.padding = tuple(padding) if isinstance(padding, str) else _pair(padding, "padding")
        self.dilation = _pair(dilation, "dilation")
        self.output_padding = _pair(output_padding, "output_padding")
        self.groups, self.padding_mode = groups, padding_mode
        shape = (in_channels, out_channels // groups, *self.kernel_size)
        self.weight = Parameter(empty(shape, device=device, dtype=dtype))
        if bias:
            self.bias = Parameter(empty(out_channels, device=device, dtype=dtype))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's init: kaiming_uniform_(a=sqrt(5)) with the fan-in of dim 1 (out / groups)."""
        reset_layer_(self.weight, self.bias)

    def _output_padding(self, input: Tensor, output_size) -> tuple[int, int]:
        """The output_padding that gives `output_size` (PyTorch's checks and message)."""
        if output_size is None:
            return self.output_padding
        size = list(output_size)[-2:]
        spatial = list(input.shape[-2:])
        geo = Geometry(self.kernel_size, self.stride, self.padding, self.dilation)
        smallest = list(_output_sizes(*spatial, geo, (0, 0)))
        largest = [s + st - 1 for s, st in zip(smallest, self.stride)]
        if any(not lo <= want <= hi for want, lo, hi in zip(size, smallest, largest)):
            raise ValueError(
                f"requested an output size of {size}, but valid sizes range from {smallest} to "
                f"{largest} (for an input of {input.shape[-2:]})"
            )
        return tuple(want - lo for want, lo in zip(size, smallest))

    def forward(self, input: Tensor, output_size=None) -> Tensor:
        return conv_transpose2d(input, self.weight, self.bias, self.stride, self.padding,
                                self._output_padding(input, output_size), self.groups,
                                self.dilation)

    extra_repr = ConvLayer.extra_repr
