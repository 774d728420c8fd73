"""F.interpolate and nn.Upsample: nearest and (bi)linear resizing of (N, C, W) and (N, C, H, W).

Each output pixel reads input pixels chosen by PyTorch's source-index arithmetic (in float32 for
nearest, in the input's precision for linear, as ATen computes it), so the same pixels are
picked and weighted. Along each spatial dim the op is a list of (source index, weight) pairs:
one pair for nearest, two for linear; 1-d input is resized on a height of one. The forward sums
the weighted sources; the backward adds each output's gradient back onto its sources, in output
order, as ATen's loop does. In float32 both follow ATen's fused multiply-adds, so values and
gradients are PyTorch's to the bit (on its AVX2/AVX-512 CPU kernels). Under create_graph the
forward is rebuilt from indexing and products, which differentiate again. Nodes are PyTorch's
(UpsampleNearest2DBackward0, UpsampleBilinear2DBackward0, and the 1-d ones).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from engine.autograd.graph import Node, edge
from engine.nn.module import Module
from engine.ops.dispatch import (
    Tensor,
    _listeners,
    as_tensor_input,
    attach,
    emit,
    records,
    wrap,
)
from engine.ops.formulas import define

_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"


def _nearest_taps(in_size: int, out_size: int, scale, dtype) -> list:
    """[(source index, weight)] of mode 'nearest': floor(dst * in/out) in float32, as ATen."""
    dst = np.arange(out_size)
    if out_size == in_size:
        index = dst
    elif out_size == 2 * in_size:
        index = dst >> 1
    else:
        step = np.float32(1.0 / scale) if scale else np.float32(in_size) / np.float32(out_size)
        index = np.minimum(np.floor(dst.astype(np.float32) * step).astype(np.int64), in_size - 1)
    return [(index, np.ones(out_size, dtype=dtype))]


def _linear_taps(in_size: int, out_size: int, align_corners: bool, scale, dtype) -> list:
    """[(index0, lambda0), (index1, lambda1)] of mode 'bilinear' along one dim, as ATen's
    area_pixel_compute_source_index and guard_index_and_lambda compute them."""
    dst = np.arange(out_size)
    if out_size == in_size:
        return [(dst, np.ones(out_size, dtype=dtype)), (dst, np.zeros(out_size, dtype=dtype))]
    real = dtype.type
    if align_corners:
        ratio = real(in_size - 1) / real(out_size - 1) if out_size > 1 else real(0)
        source = ratio * dst.astype(dtype)
    else:
        ratio = real(1.0 / scale) if scale else real(in_size) / real(out_size)
        if dtype == np.float32:  # ATen's float32 kernel fuses this into one multiply-add
            source = (np.float64(ratio) * (dst + 0.5) - 0.5).astype(dtype)
        else:
            source = ratio * (dst.astype(dtype) + real(0.5)) - real(0.5)
        source = np.maximum(source, real(0))
    index0 = np.minimum(np.floor(source).astype(np.int64), in_size - 1)
    lambda1 = np.clip(source - index0.astype(dtype), real(0), real(1)).astype(dtype)
    index1 = index0 + (index0 < in_size - 1)
    return [(index0, real(1) - lambda1), (index1, lambda1)]


class _UpsampleBackward(Node):
    """Each output's gradient added onto the sources it was made of, weighted as it read them."""

    __slots__ = ("_in_shape", "_taps")

    def _apply(self, g, m, t):
        if t:
            return (_reference_grad(self, g),)
        n, c, h, w = _as_4d(self._in_shape)
        target, weight, output = _contributions(*self._taps, w)
        # pixels as rows, channels as columns: each pair moves a contiguous row
        values = np.ascontiguousarray(g.reshape(n * c, -1).T)[output]
        gx = np.zeros((h * w, n * c), dtype=g.dtype)
        if g.dtype == np.float32 and len(self._taps[1]) > 1:
            _add_fused(gx, target, weight[:, None], values)
        else:
            np.add.at(gx, target, values * weight[:, None])
        return (np.ascontiguousarray(gx.T).reshape(self._in_shape),)


def _as_4d(shape: tuple) -> tuple:
    """(N, C, H, W) of a 4-D shape; (N, C, 1, W) of a 3-D one (1-d resizing on a height of 1)."""
    return shape if len(shape) == 4 else (shape[0], shape[1], 1, shape[2])


def _contributions(rows: list, cols: list, w: int) -> tuple:
    """(source, weight, output) of every pair: outputs in order, each output's sources in
    ATen's order (top-left, top-right, bottom-left, bottom-right)."""
    targets, weights = [], []
    for ih, wh in rows:
        for iw, ww in cols:
            targets.append((ih[:, None] * w + iw[None, :]).ravel())
            weights.append((wh[:, None] * ww[None, :]).ravel())
    output = np.repeat(np.arange(targets[0].size), len(targets))
    return np.stack(targets, 1).ravel(), np.stack(weights, 1).ravel(), output


def _add_fused(gx, target, weight, values) -> None:
    """gx[target] = fma(values, weight, gx[target]) pair by pair, in order, as ATen's float32
    loop adds them (a fused multiply-add each): the k-th pair of every source at once."""
    order = np.argsort(target, kind="stable")
    first = np.searchsorted(target[order], target[order])
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size) - first
    for k in range(int(rank.max()) + 1 if rank.size else 0):
        pick = rank == k
        where = target[pick]
        gx[where] = _fma(values[pick], weight[pick], gx[where])


class UpsampleNearest2DBackward0(_UpsampleBackward):
    __slots__ = ()


class UpsampleBilinear2DBackward0(_UpsampleBackward):
    __slots__ = ()


class UpsampleNearest1DBackward0(_UpsampleBackward):
    __slots__ = ()


class UpsampleLinear1DBackward0(_UpsampleBackward):
    __slots__ = ()


def _gather(x, ih, iw):
    """x[:, :, ih[:, None], iw[None, :]] of an (N, C, H, W) array (one flat take is faster)."""
    n, c, h, w = x.shape
    flat = (ih[:, None] * w + iw[None, :]).ravel()
    return x.reshape(n * c, h * w).take(flat, axis=1).reshape(n, c, len(ih), len(iw))


def _resample(m, x, rows: list, cols: list):
    """Σ over taps of weight_h × weight_w × x[..., index_h, index_w] (arrays and Tensors)."""
    out = None
    for ih, wh in rows:
        part = None
        for iw, ww in cols:
            picked = _gather(x, ih, iw) if m is np else x[:, :, ih[:, None], iw[None, :]]
            term = picked * _as(m, ww, x)[None, :]
            part = term if part is None else part + term
        part = part * _as(m, wh, x)[:, None]
        out = part if out is None else out + part
    return out


def _fma(a, b, c):
    """a * b + c rounded once to float32, as the fused multiply-add of ATen's AVX2 kernels."""
    out = a.astype(np.float64)  # (in place: NumPy's mixed-type expression is 40x slower)
    out *= b
    out += c
    return out.astype(np.float32)


def _bilinear_float32(x, rows: list, cols: list):
    """The float32 forward in ATen's own order of multiply-adds, so that it prints PyTorch's
    digits: an output of up to 128 rows plus columns runs its channels-last kernel (8 channels
    at a time, the rest one by one, each in its order of corners), a larger one the generic
    kernel (along the width, then the height)."""
    (h0, l0), (h1, l1) = rows
    (w0, m0), (w1, m1) = cols
    c00, c01, c10, c11 = (_gather(x, h, w) for h in (h0, h1) for w in (w0, w1))
    l0, l1 = l0[:, None], l1[:, None]
    if len(l0) + len(m0) > 128:
        return _fma(_fma(c00, m0, c01 * m1), l0, _fma(c10, m0, c11 * m1) * l1)
    w00, w01, w10, w11 = l0 * m0, l0 * m1, l1 * m0, l1 * m1
    lanes = x.shape[1] - x.shape[1] % 8
    vector = np.s_[:, :lanes]
    out = np.empty(c00.shape, dtype=np.float32)
    out[vector] = _fma(c00[vector], w00, _fma(c01[vector], w01, _fma(
        c11[vector], w11, c10[vector] * w10)))
    rest = np.s_[:, lanes:]
    out[rest] = _fma(c11[rest], w11, _fma(c10[rest], w10, _fma(
        c00[rest], w00, c01[rest] * w01)))
    return out


def _linear_float32(x, rows: list, cols: list):
    """upsample_linear1d's float32 forward: one multiply-add of the two neighbours."""
    (w0, m0), (w1, m1) = cols
    ((h0, _),) = rows
    return _fma(_gather(x, h0, w0), m0, _gather(x, h0, w1) * m1)


def _as(m, weights, like):
    if m is np:
        return weights
    import engine

    return engine.from_numpy(np.ascontiguousarray(weights)).to(like.dtype)


def _reference_grad(node: _UpsampleBackward, g):
    """create_graph: the gradient of the forward rebuilt from Tensor ops (linear in x)."""
    import engine

    rows, cols = node._taps
    with engine.enable_grad():
        probe = engine.zeros(node._in_shape, dtype=g.dtype, requires_grad=True)
        out = _resample(engine, probe.reshape(_as_4d(node._in_shape)), rows, cols)
        (gx,) = engine.autograd.grad((out.reshape(g.shape) * g).sum(), probe, create_graph=True)
    return gx


# (i, j): an output pixel; h × w the input's size, oh × ow the output's; λ: the weights
define("upsample_nearest2d", "y = x[⌊i × h / oh⌋, ⌊j × w / ow⌋]",
       gradient={"x": "Σ grad_out over the outputs that copy each x"})
define("upsample_bilinear2d", "y = Σ λᵢ × λⱼ × x[the 4 nearest of (i, j)]",
       gradient={"x": "Σ λᵢ × λⱼ × grad_out over the outputs that read each x"})
define("upsample_nearest1d", "y = x[⌊j × w / ow⌋]",
       gradient={"x": "Σ grad_out over the outputs that copy each x"})
define("upsample_linear1d", "y = Σ λⱼ × x[the 2 nearest of j]",
       gradient={"x": "Σ λⱼ × grad_out over the outputs that read each x"})


def _is_integer(value) -> bool:
    """An int, a NumPy integer or an integer Tensor, as F.interpolate accepts for a size."""
    if isinstance(value, Tensor):
        return not value.is_floating_point()
    return isinstance(value, (int, np.integer))


def _output_size(input, size, scale_factor, dim: int) -> tuple[list, list]:
    """(output sizes, the scales ATen is given), checked as F.interpolate checks them."""
    spatial = list(input.shape[2:])
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {spatial} and output size of {size}. "
                    "Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                    "output size in (o1, o2, ...,oK) format."
                )
            if not all(_is_integer(s) for s in size):
                raise TypeError(
                    "expected size to be one of int or Tuple[int] or Tuple[int, int] or "
                    f"Tuple[int, int, int], but got size with types {[type(s) for s in size]}"
                )
            return [int(s) for s in size], [None] * dim
        return [int(size)] * dim, [None] * dim
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    if isinstance(scale_factor, (list, tuple)):
        if len(scale_factor) != dim:
            raise ValueError(
                "Input and scale_factor must have the same number of spatial dimensions, but "
                f"got input with spatial dimensions of {spatial} and "
                f"scale_factor of shape {scale_factor}. "
                "Please provide input tensor in (N, C, d1, d2, ...,dK) format and "
                "scale_factor in (s1, s2, ...,sK) format."
            )
        scales = [float(s) for s in scale_factor]
    else:
        scales = [float(scale_factor)] * dim
    return [math.floor(n * s) for n, s in zip(spatial, scales)], scales


def interpolate(input, size=None, scale_factor=None, mode: str = "nearest",
                align_corners: bool | None = None, recompute_scale_factor: bool | None = None,
                antialias: bool = False):
    """Resize (N, C, H, W) input to `size` or by `scale_factor`, mode 'nearest' or 'bilinear'."""
    input = as_tensor_input(input, "interpolate")
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError(
                "align_corners option can only be set with the "
                "interpolating modes: linear | bilinear | bicubic | trilinear"
            )
    elif align_corners is None:
        align_corners = False
    out_size, scales = _output_size(input, size, scale_factor, input.dim() - 2)
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if recompute_scale_factor:
        scales = [None] * len(scales)  # the kernel works from the integer sizes
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and input.dim() == 4):
        raise ValueError(
            "Anti-alias option is restricted to bilinear, bicubic, and lanczos modes and "
            "requires a 4-D tensor as input"
        )
    if antialias:
        raise NotImplementedError("interpolate(antialias=True) is not supported by this engine")
    if input.dim() not in (3, 4, 5) or mode not in _MODES.split(" | "):
        raise NotImplementedError(
            "Input Error: Only 3D, 4D and 5D input Tensors supported"
            f" (got {input.dim()}D) for the modes: {_MODES} (got {mode})"
        )
    if mode in ("linear", "trilinear") and input.dim() == 4:
        raise NotImplementedError(f"Got 4D input, but {mode} mode needs "
                                  f"{3 if mode == 'linear' else 5}D input")
    if mode == "bilinear" and input.dim() != 4:
        raise NotImplementedError(f"Got {input.dim()}D input, but bilinear mode needs 4D input")
    if mode not in ("nearest", "linear", "bilinear"):
        raise NotImplementedError(
            "interpolate: this engine resizes with mode 'nearest' (3-D and 4-D input), 'linear' "
            f"or 'bilinear' only (got {input.dim()}D input and mode {mode!r})"
        )
    if mode == "nearest" and input.dim() == 5:
        raise NotImplementedError("interpolate: this engine resizes 3-D and 4-D input only")
    return _upsample(input, out_size, scales, mode, align_corners)


def _deprecated(name: str) -> None:
    warnings.warn(f"`nn.functional.{name}` is deprecated. Use `nn.functional.interpolate` "
                  "instead.", UserWarning, stacklevel=3)


def upsample(input, size=None, scale_factor=None, mode: str = "nearest",
             align_corners: bool | None = None):
    """The old name of interpolate (PyTorch warns that it is deprecated)."""
    _deprecated("upsample")
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    _deprecated("upsample_nearest")
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    """interpolate(mode="bilinear", align_corners=True), as nn.UpsamplingBilinear2d."""
    _deprecated("upsample_bilinear")
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


# mode, input dims -> the op's name and node; the kernel names ATen's integer error gives
_OPS = {
    ("nearest", 4): ("upsample_nearest2d", UpsampleNearest2DBackward0, "nearest"),
    ("bilinear", 4): ("upsample_bilinear2d", UpsampleBilinear2DBackward0, "linear"),
    ("nearest", 3): ("upsample_nearest1d", UpsampleNearest1DBackward0, "nearest"),
    ("linear", 3): ("upsample_linear1d", UpsampleLinear1DBackward0, "linear"),
}


def _upsample(input, out_size: list, scales: list, mode: str, align_corners):
    op, node_cls, kind = _OPS[(mode, input.dim())]
    n, c, h, w = _as_4d(tuple(input.shape))
    oh, ow = ([1], [None]) if input.dim() == 3 else (out_size[:1], scales[:1])
    (oh, ow), (sh, sw) = (oh[0], out_size[-1]), (ow[0], scales[-1])
    if min(h, w, oh, ow) <= 0:
        sizes = [f"(H: {h}, W: {w})", f"(H: {oh}, W: {ow})"] if input.dim() == 4 else [
            f"(W: {w})", f"(W: {ow})"]
        joint = " " if input.dim() == 4 else " and "
        raise RuntimeError("Input and output sizes should be greater than 0, but got input "
                           f"{sizes[0]}{joint}output {sizes[1]}")
    dtype = input._data.dtype
    if dtype.kind not in "fc":
        kernel = f"upsample_{mode}2d_channels_last" if input.dim() == 4 and oh + ow <= 128 else (
            f"compute_indices_weights_{kind}")
        raise NotImplementedError(f'"{kernel}" not implemented for \'{input.dtype._legacy}\'')
    x = input._data.reshape(n, c, h, w)
    if mode == "nearest":
        taps = (_nearest_taps(h, oh, sh, dtype), _nearest_taps(w, ow, sw, dtype))
        data = _gather(x, taps[0][0][0], taps[1][0][0])
    else:
        rows = _linear_taps(h, oh, align_corners, sh, dtype) if mode == "bilinear" else [
            (np.zeros(1, dtype=np.int64), np.ones(1, dtype=dtype))]
        taps = (rows, _linear_taps(w, ow, align_corners, sw, dtype))
        if dtype == np.float32:
            data = (_bilinear_float32 if mode == "bilinear" else _linear_float32)(x, *taps)
        else:
            data = _resample(np, x, *taps)
    shape = (n, c, oh, ow) if input.dim() == 4 else (n, c, ow)
    out = wrap(np.ascontiguousarray(data, dtype=dtype).reshape(shape), input._device)
    if records(input):
        node = node_cls((edge(input),))
        node._taps, node._in_shape = taps, tuple(input.shape)
        attach(out, node)
    if _listeners:
        emit(op, (input,), out)
    return out


class Upsample(Module):
    """``Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)``."""

    def __init__(self, size=None, scale_factor=None, mode: str = "nearest",
                 align_corners: bool | None = None,
                 recompute_scale_factor: bool | None = None) -> None:
        super().__init__()
        self.name = type(self).__name__
        self.size = size
        if isinstance(scale_factor, tuple):
            self.scale_factor = tuple(float(s) for s in scale_factor)
        else:
            self.scale_factor = float(scale_factor) if scale_factor else None
        self.mode = mode
        self.align_corners = align_corners
        self.recompute_scale_factor = recompute_scale_factor

    def forward(self, input: Any) -> Any:
        return interpolate(input, self.size, self.scale_factor, self.mode, self.align_corners,
                           recompute_scale_factor=self.recompute_scale_factor)

    def extra_repr(self) -> str:
        if self.scale_factor is not None:
            info = "scale_factor=" + repr(self.scale_factor)
        else:
            info = "size=" + repr(self.size)
        return info + ", mode=" + repr(self.mode)


class UpsamplingNearest2d(Upsample):
    def __init__(self, size=None, scale_factor=None) -> None:
        super().__init__(size, scale_factor, mode="nearest")


class UpsamplingBilinear2d(Upsample):
    def __init__(self, size=None, scale_factor=None) -> None:
        super().__init__(size, scale_factor, mode="bilinear", align_corners=True)
