"""F.conv2d, F.max_pool2d, F.avg_pool2d: window ops on (N, C, H, W) tensors.

Each is written once over "windows": the kh*kw strided slices of the padded input, stacked on a
new axis 2 ((N, C, K, OH, OW)). The same code runs on arrays (forward, and the plain backward)
and on Tensors: for create_graph the node rebuilds the op from Tensor ops and differentiates it,
so every order of derivative is available. Node names are PyTorch's.
"""
from __future__ import annotations

import math

import numpy as np

from engine.autograd.graph import NO_EDGE, Node, edge
from engine.ops.dispatch import Tensor, _listeners, as_tensor_input, attach, emit, records, wrap


def _pair(value, name: str) -> tuple[int, int]:
    if isinstance(value, (tuple, list)):
        if len(value) == 1:
            return (int(value[0]), int(value[0]))
        if len(value) != 2:
            raise RuntimeError(
                f"expected {name} to be a single integer value or a list of 2 values")
        return (int(value[0]), int(value[1]))
    return (int(value), int(value))


class Geometry:
    """Kernel, stride, padding and dilation of a 2-d window op, and its output size."""

    __slots__ = ("ceil_mode", "dilation", "kernel", "padding", "stride")

    def __init__(self, kernel, stride, padding, dilation, ceil_mode: bool = False) -> None:
        self.kernel = _pair(kernel, "kernel_size")
        self.stride = _pair(stride if stride not in (None, ()) else kernel, "stride")
        self.padding = _pair(padding, "padding")
        self.dilation = _pair(dilation, "dilation")
        self.ceil_mode = ceil_mode

    def out_size(self, h: int, w: int) -> tuple[int, int]:
        return tuple(
            self._out(size, k, s, p, d)
            for size, k, s, p, d in zip((h, w), self.kernel, self.stride, self.padding,
                                        self.dilation)
        )

    def _out(self, size, k, s, p, d) -> int:
        span = size + 2 * p - d * (k - 1) - 1
        n = (-(-span // s) if self.ceil_mode else span // s) + 1
        if self.ceil_mode and (n - 1) * s >= size + p:
            n -= 1  # PyTorch: the last window must start inside the input or its left padding
        return n

    def extra(self, h: int, w: int) -> tuple[int, int]:
        """Padding past the right/bottom edge that ceil_mode's last windows reach into."""
        oh, ow = self.out_size(h, w)
        need = [
            (o - 1) * s + d * (k - 1) + 1 - (size + 2 * p)
            for o, size, k, s, p, d in zip((oh, ow), (h, w), self.kernel, self.stride,
                                           self.padding, self.dilation)
        ]
        return (max(0, need[0]), max(0, need[1]))


def _windows(m, x, geo: Geometry, oh: int, ow: int):
    """(N, C, K, OH, OW): the K = kh*kw strided slices of the (already padded) input."""
    (kh, kw), (sh, sw), (dh, dw) = geo.kernel, geo.stride, geo.dilation
    parts = [
        x[:, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw]
        for i in range(kh)
        for j in range(kw)
    ]
    return m.stack(parts, 2)


def _pad(m, x, top: int, bottom: int, left: int, right: int, value: float):
    """x padded on its last two axes with `value` (arrays and Tensors alike)."""
    if not (top or bottom or left or right):
        return x
    if m is np:
        return np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=value)
    import engine

    n, c, h, w = x.shape
    opts = {"dtype": x.dtype, "device": x.device}
    x = engine.cat([engine.full((n, c, h, left), value, **opts), x,
                    engine.full((n, c, h, right), value, **opts)], 3)
    w = x.shape[3]
    return engine.cat([engine.full((n, c, top, w), value, **opts), x,
                       engine.full((n, c, bottom, w), value, **opts)], 2)


def _scatter_windows(gw, geo: Geometry, shape: tuple, oh: int, ow: int):
    """The adjoint of _windows on arrays: each window's gradient added back where it came from."""
    (kh, kw), (sh, sw), (dh, dw) = geo.kernel, geo.stride, geo.dilation
    out = np.zeros(shape, dtype=gw.dtype)
    for i in range(kh):
        for j in range(kw):
            out[:, :, i * dh : i * dh + sh * (oh - 1) + 1 : sh,
                j * dw : j * dw + sw * (ow - 1) + 1 : sw] += gw[:, :, i * kw + j]
    return out


def _batched(x: Tensor, name: str) -> tuple[Tensor, bool]:
    if x.dim() == 3:
        return x.unsqueeze(0), True  # unbatched (C, H, W), as PyTorch accepts it
    if x.dim() != 4:
        raise RuntimeError(
            f"Expected 3D (unbatched) or 4D (batched) input to {name}, but got input of size: "
            f"{list(x.shape)}"
        )
    return x, False


def _differentiated(reference, inputs: tuple, needs: tuple, g):
    """For create_graph: the gradients of reference(*inputs) built from Tensor ops."""
    import engine

    wanted = [x for x, need in zip(inputs, needs) if need and x is not None]
    with engine.enable_grad():
        out = reference(*inputs)
        found = iter(engine.autograd.grad(out, wanted, g, create_graph=True, allow_unused=True))
    # contiguous, as PyTorch's gradients are (a slice of the padded gradient is not)
    return tuple(next(found).contiguous() if need and x is not None else None
                 for x, need in zip(inputs, needs))


# --------------------------------------------------------------------------- conv2d
def _conv(m, x, w, b, geo: Geometry, groups: int):
    """conv2d of a padded input; the same code for arrays and Tensors."""
    n = x.shape[0]
    o, cg, kh, kw = w.shape
    oh = (x.shape[2] - geo.dilation[0] * (kh - 1) - 1) // geo.stride[0] + 1
    ow = (x.shape[3] - geo.dilation[1] * (kw - 1) - 1) // geo.stride[1] + 1
    cols = _windows(m, x, geo, oh, ow).reshape((n, groups, cg * kh * kw, oh * ow))
    out = w.reshape((1, groups, o // groups, cg * kh * kw)) @ cols
    out = out.reshape((n, o, oh, ow))
    if b is not None:
        out = out + b.reshape((1, o, 1, 1))
    return out


class ConvolutionBackward0(Node):
    __slots__ = ("_batched", "_geometry", "_groups")
    _saved_fields = ("input", "weight")

    def _apply(self, g, m, t):
        x, w = self._unpack(t)
        geo, groups = self._geometry, self._groups
        needs = (self._needs(0), self._needs(1), self._needs(2))
        if t:
            import engine

            def reference(x_, w_, b_):
                xb = x_ if self._batched else x_.unsqueeze(0)
                (ph, pw) = geo.padding
                out = _conv(engine, _pad(engine, xb, ph, ph, pw, pw, 0.0), w_, b_, geo, groups)
                return out if self._batched else out[0]

            bias = _bias_stand_in(w) if needs[2] else None
            return _differentiated(reference, (x, w, bias), needs, g)
        if not self._batched:
            x, g = x[None], g[None]
        ph, pw = geo.padding
        xp = _pad(np, x, ph, ph, pw, pw, 0)
        n, c = x.shape[:2]
        o, cg, kh, kw = w.shape
        oh, ow = g.shape[2:]
        gg = g.reshape(n, groups, o // groups, oh * ow)
        gx = gw = gb = None
        if needs[0]:
            gcols = w.reshape(1, groups, o // groups, cg * kh * kw).swapaxes(-1, -2) @ gg
            gcols = gcols.reshape(n, c, kh * kw, oh, ow)
            gx = _scatter_windows(gcols, geo, xp.shape, oh, ow)
            gx = gx[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]]
            if not self._batched:
                gx = gx[0]
        if needs[1]:
            cols = _windows(np, xp, geo, oh, ow).reshape(n, groups, cg * kh * kw, oh * ow)
            gw = (gg @ cols.swapaxes(-1, -2)).sum(0).reshape(o, cg, kh, kw)
        if needs[2]:
            gb = g.sum((0, 2, 3))
        return gx, gw, gb


def _bias_stand_in(w):
    """A zero bias for the create_graph rebuild: only its gradient (the sum of g) is used."""
    import engine

    return engine.zeros(w.shape[0], dtype=w.dtype, device=w.device, requires_grad=True)


def _conv_padding(padding, geo_kernel, dilation) -> tuple[int, int]:
    if padding == "valid":
        return (0, 0)
    if padding == "same":
        return tuple(d * (k - 1) // 2 for k, d in zip(geo_kernel, dilation))
    return _pair(padding, "padding")


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups: int = 1):
    """2-d cross-correlation of (N, C, H, W) input with (O, C/groups, kh, kw) weight."""
    input = as_tensor_input(input, "conv2d")
    x, unbatched = _batched(input, "conv2d")
    cg, kh, kw = weight.shape[1:]
    dil = _pair(dilation, "dilation")
    pad = _conv_padding(padding, (kh, kw), dil)
    if isinstance(padding, str) and padding == "same" and any(
        d * (k - 1) % 2 for k, d in zip((kh, kw), dil)
    ):
        raise NotImplementedError("padding='same' with an even kernel is not supported here")
    geo = Geometry((kh, kw), stride, pad, dil)
    if x.shape[1] != cg * groups:
        raise RuntimeError(
            f"Given groups={groups}, weight of size {list(weight.shape)}, expected input"
            f"{list(x.shape)} to have {cg * groups} channels, but got {x.shape[1]} channels "
            "instead"
        )
    xp = _pad(np, x._data, pad[0], pad[0], pad[1], pad[1], 0)
    if xp.shape[2] < geo.dilation[0] * (kh - 1) + 1 or xp.shape[3] < geo.dilation[1] * (kw - 1) + 1:
        raise RuntimeError(
            f"Calculated padded input size per channel: ({xp.shape[2]} x {xp.shape[3]}). Kernel "
            f"size: ({kh} x {kw}). Kernel size can't be greater than actual input size"
        )
    b = None if bias is None else bias._data
    data = _conv(np, xp, weight._data, b, geo, groups).astype(xp.dtype, copy=False)
    if unbatched:
        data = data[0]
    out = wrap(np.ascontiguousarray(data), input._device)
    tensors = (input, weight, bias)
    if records(*tensors):
        edges = tuple(NO_EDGE if t is None or not t._requires_grad else edge(t) for t in tensors)
        node = ConvolutionBackward0(edges, (input, weight))
        node._geometry, node._groups, node._batched = geo, groups, not unbatched
        attach(out, node)
    if _listeners:
        emit("conv2d", tuple(t for t in tensors if t is not None), out)
    return out


# --------------------------------------------------------------------------- pooling
def _pool_windows(m, x, geo: Geometry, value: float):
    h, w = x.shape[2], x.shape[3]
    oh, ow = geo.out_size(h, w)
    eh, ew = geo.extra(h, w)
    ph, pw = geo.padding
    return _windows(m, _pad(m, x, ph, ph + eh, pw, pw + ew, value), geo, oh, ow), (oh, ow)


def _check_pool(geo: Geometry, name: str) -> None:
    for k, p in zip(geo.kernel, geo.padding):
        if p > k // 2:
            raise RuntimeError(
                f"{name}: pad should be at most half of effective kernel size, but got "
                f"pad={p}, kernel_size={k} and dilation={geo.dilation[0]}"
            )


class _Pool2DBackward(Node):
    """A pooling backward: each window's gradient (from `_window_grads`) scattered back onto
    the input; under create_graph, the forward rebuilt from Tensor ops (`_pooled`)."""

    __slots__ = ("_batched", "_geometry")
    _saved_fields = ("self",)
    _pad_value = 0.0

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        geo = self._geometry
        if t:
            import engine

            def reference(x_):
                xb = x_ if self._batched else x_.unsqueeze(0)
                windows, _ = _pool_windows(engine, xb, geo, self._pad_value)
                out = self._pooled(engine, windows)
                return out if self._batched else out[0]

            return _differentiated(reference, (x,), (True,), g)
        if not self._batched:
            x, g = x[None], g[None]
        h, w = x.shape[2:]
        ph, pw = geo.padding
        eh, ew = geo.extra(h, w)
        oh, ow = g.shape[2:]
        shape = (*x.shape[:2], h + 2 * ph + eh, w + 2 * pw + ew)
        spread = self._window_grads(g, geo.kernel[0] * geo.kernel[1])
        gx = _scatter_windows(spread, geo, shape, oh, ow)[:, :, ph : ph + h, pw : pw + w]
        return (gx if self._batched else gx[0],)


class MaxPool2DWithIndicesBackward0(_Pool2DBackward):
    """The gradient goes to the first maximum of each window."""

    __slots__ = ("_argmax",)
    _pad_value = -math.inf

    def _pooled(self, engine, windows):
        return windows.gather(2, engine.from_numpy(self._argmax[:, :, None])).squeeze(2)

    def _window_grads(self, g, size: int):
        picked = np.zeros((*g.shape[:2], size, *g.shape[2:]), dtype=g.dtype)
        np.put_along_axis(picked, self._argmax[:, :, None], g[:, :, None], 2)
        return picked


def _pooled_output(op: str, node_cls, input, data, unbatched: bool, geo, **saved):
    out = wrap(data[0] if unbatched else data, input._device)
    if records(input):
        node = node_cls((edge(input),), (input,))
        node._geometry, node._batched = geo, not unbatched
        for name, value in saved.items():
            setattr(node, name, value)
        attach(out, node)
    if _listeners:
        emit(op, (input,), out)
    return out


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode: bool = False,
               return_indices: bool = False):
    """The maximum of each window; ties go to the first, as in PyTorch."""
    input = as_tensor_input(input, "max_pool2d")
    x, unbatched = _batched(input, "max_pool2d")
    geo = Geometry(kernel_size, stride, padding, dilation, ceil_mode)
    _check_pool(geo, "max_pool2d")
    windows, (oh, ow) = _pool_windows(np, x._data, geo, -np.inf)
    k = windows.argmax(2)
    data = np.take_along_axis(windows, k[:, :, None], 2)[:, :, 0]
    out = _pooled_output("max_pool2d", MaxPool2DWithIndicesBackward0, input, data, unbatched,
                         geo, _argmax=k)
    if not return_indices:
        return out
    kw = geo.kernel[1]
    rows = (np.arange(oh)[:, None] * geo.stride[0] - geo.padding[0]
            + (k // kw) * geo.dilation[0])
    cols = (np.arange(ow)[None, :] * geo.stride[1] - geo.padding[1]
            + (k % kw) * geo.dilation[1])
    index = (rows * x.shape[3] + cols).astype(np.int64)
    return out, wrap(index[0] if unbatched else index, input._device)


class AvgPool2DBackward0(_Pool2DBackward):
    """Each window's gradient is spread evenly over it (divided by the window's divisor)."""

    __slots__ = ("_divisor",)

    def _pooled(self, engine, windows):
        return windows.sum(2) / engine.from_numpy(self._divisor)

    def _window_grads(self, g, size: int):
        return np.broadcast_to((g / self._divisor)[:, :, None], (*g.shape[:2], size,
                                                                 *g.shape[2:]))


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode: bool = False,
               count_include_pad: bool = True, divisor_override=None):
    """The mean of each window (padding counted unless count_include_pad=False)."""
    input = as_tensor_input(input, "avg_pool2d")
    x, unbatched = _batched(input, "avg_pool2d")
    geo = Geometry(kernel_size, stride, padding, 1, ceil_mode)
    _check_pool(geo, "avg_pool2d")
    windows, (oh, ow) = _pool_windows(np, x._data, geo, 0.0)
    h, w = x.shape[2:]
    if divisor_override:
        divisor = np.full((oh, ow), float(divisor_override))
    else:
        # PyTorch divides by the window clipped to the padded input (or to the input itself).
        lo_h = np.arange(oh) * geo.stride[0] - geo.padding[0]
        lo_w = np.arange(ow) * geo.stride[1] - geo.padding[1]
        edge_h, edge_w = (h + geo.padding[0], w + geo.padding[1]) if count_include_pad else (h, w)
        start_h, start_w = (lo_h, lo_w) if count_include_pad else (
            np.maximum(lo_h, 0), np.maximum(lo_w, 0))
        size_h = np.minimum(lo_h + geo.kernel[0], edge_h) - start_h
        size_w = np.minimum(lo_w + geo.kernel[1], edge_w) - start_w
        divisor = (size_h[:, None] * size_w[None, :]).astype(np.float64)
    divisor = divisor.astype(x._data.dtype)
    data = windows.sum(2) / divisor
    return _pooled_output("avg_pool2d", AvgPool2DBackward0, input, data, unbatched, geo,
                          _divisor=divisor)


class AdaptiveAvgPool2DBackward0(Node):
    """Each output's gradient spread evenly over its adaptive window."""

    __slots__ = ("_cols", "_rows")
    _saved_fields = ("self",)

    def _apply(self, g, m, t):
        (x,) = self._unpack(t)
        rows, cols = self._rows, self._cols
        if t:
            import engine

            return _differentiated(lambda x_: _adaptive_means(engine, x_, rows, cols), (x,),
                                   (True,), g)
        gx = np.zeros(x.shape, dtype=g.dtype)
        for i, (r0, r1) in enumerate(rows):
            for j, (c0, c1) in enumerate(cols):
                gx[..., r0:r1, c0:c1] += g[..., i : i + 1, j : j + 1] / ((r1 - r0) * (c1 - c0))
        return (gx,)


def _adaptive_windows(size: int, out: int) -> list:
    """PyTorch's adaptive windows: start floor(i*size/out), end ceil((i+1)*size/out)."""
    return [((i * size) // out, -(-((i + 1) * size) // out)) for i in range(out)]


def _adaptive_means(m, x, rows, cols):
    """The mean of every window, for arrays (m = np) and for Tensors (m = engine)."""
    return m.stack([m.stack([x[..., r0:r1, c0:c1].mean((-2, -1)) for c0, c1 in cols], -1)
                    for r0, r1 in rows], -2)


def adaptive_avg_pool2d(input, output_size):
    """Average over PyTorch's adaptive windows; an output of 1 x 1 is the mean over the last
    two dims, as PyTorch computes it (its node: MeanBackward1)."""
    input = as_tensor_input(input, "adaptive_avg_pool2d")
    h, w = input.shape[-2:]
    oh, ow = _pair(output_size if output_size is not None else (h, w), "output_size")
    oh, ow = oh or h, ow or w
    if (oh, ow) == (1, 1):
        return input.mean((-2, -1), keepdim=True)
    rows, cols = _adaptive_windows(h, oh), _adaptive_windows(w, ow)
    out = wrap(np.ascontiguousarray(_adaptive_means(np, input._data, rows, cols)
                                    .astype(input._data.dtype, copy=False)), input._device)
    if records(input):
        node = AdaptiveAvgPool2DBackward0((edge(input),), (input,))
        node._rows, node._cols = rows, cols
        attach(out, node)
    return emit("adaptive_avg_pool2d", (input,), out)