"""PyTorch's CPU random numbers, reproduced exactly.

PyTorch draws from a 32-bit Mersenne Twister seeded with `manual_seed(s)`; NumPy's legacy
RandomState is the same generator, so after `engine.manual_seed(s)` the functions below give
the numbers `torch.rand`, `torch.randn`, `torch.randint`, `torch.randperm`, `Tensor.uniform_`
and `Tensor.normal_` give after `torch.manual_seed(s)` (checked against PyTorch 2.13 in the
oracle tests). The transforms follow ATen's CPU kernels:

- uniform: the low `digits` bits of one draw (two for float64) scaled to [0, 1), then
  `x * (to - from) + from` in double;
- normal, 16 values or more: fill with uniforms, then Box-Muller on each block of 16
  (pairs j and j + 8), the last block redrawn when the size is not a multiple of 16;
- normal, fewer than 16: one double Box-Muller pair per two values, the second one cached
  in the generator for the next call.
"""
from __future__ import annotations

import math

import numpy as np

from engine.torch_names import TorchNamed

_DIGITS = {np.dtype(np.float16): 11, np.dtype(np.float32): 24, np.dtype(np.float64): 53}
_U32 = np.uint64(32)


class Generator(metaclass=TorchNamed):
    """The engine's random source; `default` below is what the module functions use."""

    def __init__(self, seed: int | None = None) -> None:
        self.manual_seed(seed if seed is not None else np.random.SeedSequence().entropy % 2**64)

    def manual_seed(self, seed: int) -> Generator:
        seed = int(seed)
        if not -(2**63) <= seed < 2**64:
            raise ValueError("Overflow when unpacking long long")
        self._seed = seed % 2**64  # a negative seed is read as unsigned, as in PyTorch
        self._mt = np.random.RandomState(self._seed & 0xFFFFFFFF)
        self._cached_normal = None
        return self

    def initial_seed(self) -> int:
        return self._seed

    def _u32(self, n: int) -> np.ndarray:
        return self._mt.randint(0, 2**32, size=n, dtype=np.uint64)

    def _u64(self, n: int) -> np.ndarray:
        u = self._u32(2 * n)
        return (u[0::2] << _U32) | u[1::2]

    def _unit(self, n: int, dtype) -> np.ndarray:
        """n uniforms in [0, 1) as float64 holding `dtype`'s mantissa worth of random bits."""
        digits = _DIGITS.get(np.dtype(dtype), 24)
        raw = self._u64(n) if digits > 32 else self._u32(n)
        return (raw & np.uint64((1 << digits) - 1)).astype(np.float64) * 2.0**-digits

    def uniform(self, shape: tuple, dtype, low: float = 0.0, high: float = 1.0) -> np.ndarray:
        n = math.prod(shape)
        # ATen's uniform_real: the bounds in the tensor's dtype, their difference taken there,
        # then x * (to - from) + from in double.
        low, high = np.dtype(dtype).type(low), np.dtype(dtype).type(high)
        span = float(high - low)
        return (self._unit(n, dtype) * span + float(low)).astype(dtype).reshape(shape)

    def normal(self, shape: tuple, dtype, mean: float = 0.0, std: float = 1.0) -> np.ndarray:
        n = math.prod(shape)
        dtype = np.dtype(dtype)
        if n >= 16:
            data = self._unit(n, dtype).astype(dtype)
            blocks = n // 16
            _box_muller_16(data[: blocks * 16].reshape(blocks, 16), mean, std)
            if n % 16:
                tail = self._unit(16, dtype).astype(dtype).reshape(1, 16)
                _box_muller_16(tail, mean, std)
                data[n - 16 :] = tail[0]
            return data.reshape(shape)
        out = np.empty(n, dtype=dtype)
        for i in range(n):
            if self._cached_normal is not None:
                value, self._cached_normal = self._cached_normal, None
            else:
                u1, u2 = self._unit(2, np.float64)
                r = math.sqrt(-2.0 * math.log1p(-u2))
                theta = 2.0 * math.pi * u1
                self._cached_normal = r * math.sin(theta)
                value = r * math.cos(theta)
            out[i] = value * std + mean
        return out.reshape(shape)

    def exponential(self, shape: tuple, dtype, lambd: float = 1.0) -> np.ndarray:
        """ATen's CPU exponential_: -1 / lambd * log1p(-u) in double, u a double uniform."""
        u = self._unit(math.prod(shape), np.float64)
        return ((-1.0 / lambd) * _libm_log1p(-u).astype(np.float64)).astype(dtype).reshape(shape)

    def integers(self, low: int, high: int, shape: tuple) -> np.ndarray:
        """Uniform integers in [low, high): one draw modulo the range, as ATen does."""
        span = high - low
        if span <= 0:
            raise RuntimeError(
                f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
            )
        n = math.prod(shape)
        raw = self._u64(n) if span >= 2**32 else self._u32(n)
        return ((raw % np.uint64(span)).astype(np.int64) + low).reshape(shape)

    def permutation(self, n: int) -> np.ndarray:
        """ATen's CPU randperm: a forward Fisher-Yates shuffle of 0..n-1."""
        out = np.arange(n, dtype=np.int64)
        if n > 1:
            draws = self._u32(n - 1)
            for i in range(n - 1):
                z = int(draws[i]) % (n - i)
                out[i], out[i + z] = out[i + z], out[i]
        return out


def _box_muller_16(blocks: np.ndarray, mean: float, std: float) -> None:
    """In place on rows of 16 uniforms, like ATen's normal_fill_16 (its AVX2 form for float32)."""
    if blocks.dtype == np.float32:
        _box_muller_16_avx2(blocks, mean, std)
        return
    dt = blocks.dtype.type
    u1 = dt(1) - blocks[:, :8]
    u2 = blocks[:, 8:]
    # the C library's log, cos and sin (Python's math), as ATen's scalar loop calls them:
    # NumPy's own float64 versions differ in the last bit now and then
    radius = np.sqrt(dt(-2) * _libm_log(u1).astype(dt))
    theta = dt(2.0 * math.pi) * u2
    blocks[:, :8] = radius * _libm_cos(theta).astype(dt) * dt(std) + dt(mean)
    blocks[:, 8:] = radius * _libm_sin(theta).astype(dt) * dt(std) + dt(mean)


_libm_log = np.frompyfunc(math.log, 1, 1)
_libm_log1p = np.frompyfunc(math.log1p, 1, 1)
_libm_cos = np.frompyfunc(math.cos, 1, 1)
_libm_sin = np.frompyfunc(math.sin, 1, 1)


# ATen's float32 normal_fill_16_AVX2 takes log and sin/cos from avx_mathfun.h (Cephes
# polynomials in float32, with the compiler's fused multiply-adds), not from libm: they are
# written out here step by step so that randn gives PyTorch's bits.
_F32 = np.float32
_LOG_P = (7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1,
          1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1,
          3.3333331174e-1)


def _fma(a, b, c) -> np.ndarray:
    """a * b + c rounded once to float32 (the float32 product is exact in float64)."""
    return (np.float64(a) * np.asarray(b, np.float64) + np.asarray(c, np.float64)).astype(_F32)


def _log256(x: np.ndarray) -> np.ndarray:
    x = np.maximum(x, np.array(0x00800000, np.int32).view(_F32))
    bits = x.view(np.int32)
    exponent = (bits.view(np.uint32) >> 23).astype(np.int32) - 0x7F
    x = ((bits & np.int32(~0x7F800000)) | np.array(0.5, _F32).view(np.int32)).view(_F32)
    e = exponent.astype(_F32) + _F32(1)
    small = x < _F32(0.707106781186547524)
    x = (x - _F32(1)) + np.where(small, x, _F32(0))
    e = e - np.where(small, _F32(1), _F32(0))
    z = x * x
    y = np.full_like(x, _F32(_LOG_P[0]))
    for p in _LOG_P[1:]:
        y = _fma(y, x, _F32(p))
    y = y * x
    y = _fma(y, z, e * _F32(-2.12194440e-4))
    y = _fma(_F32(-0.5), z, y)
    return _fma(_F32(0.693359375), e, x + y)


def _sincos256(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sin and cos of x >= 0 (theta = 2 pi u here)."""
    j = (x * _F32(1.27323954473516)).astype(np.int32)
    j = (j + 1) & ~1
    y = j.astype(_F32)
    x = _fma(_F32(-0.78515625), y, x)
    x = _fma(_F32(-2.4187564849853515625e-4), y, x)
    x = _fma(_F32(-3.77489497744594108e-8), y, x)
    z = x * x
    yc = _fma(_F32(2.443315711809948e-5), z, _F32(-1.388731625493765e-3))
    yc = _fma(yc, z, _F32(4.166664568298827e-2)) * z
    yc = _fma(yc, z, -(z * _F32(0.5))) + _F32(1)
    ys = _fma(_F32(-1.9515295891e-4), z, _F32(8.3321608736e-3))
    ys = _fma(ys, z, _F32(-1.6666654611e-1)) * z
    ys = _fma(ys, x, x)
    first = (j & 2) == 0
    sin = np.where(first, ys, yc)
    cos = np.where(first, yc, ys)
    return np.where((j & 4) != 0, -sin, sin), np.where((~(j - 2) & 4) != 0, -cos, cos)


def _box_muller_16_avx2(blocks: np.ndarray, mean: float, std: float) -> None:
    radius = np.sqrt(_F32(-2) * _log256(_F32(1) - blocks[:, :8]))
    sin, cos = _sincos256(_F32(2.0 * math.pi) * blocks[:, 8:])
    blocks[:, :8] = _fma(radius * cos, _F32(std), _F32(mean))
    blocks[:, 8:] = _fma(radius * sin, _F32(std), _F32(mean))


default = Generator()


def manual_seed(seed: int) -> Generator:
    """Seed the engine's random numbers; returns the generator, as torch.manual_seed does."""
    return default.manual_seed(seed)


def initial_seed() -> int:
    return default.initial_seed()
