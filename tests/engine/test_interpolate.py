"""F.interpolate and nn.Upsample (nearest, bilinear): values and gradients against PyTorch,
to the bit in float32 (skipped without it), its checks and messages, and float64 gradchecks."""

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine.autograd import gradcheck, gradgradcheck


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


MODES = [("nearest", None), ("bilinear", False), ("bilinear", True)]
RESIZES = [
    {"scale_factor": 2},                # U-Net's and super-resolution's upsampling
    {"scale_factor": 1.7},
    {"scale_factor": (0.5, 3)},
    {"size": (5, 7)},
    {"size": 3},                        # downsampling
    {"size": (4, 6)},                   # the same size: a copy
    {"size": (40, 100)},                # past 128 rows and columns: ATen's other kernel
    {"scale_factor": 2.5, "recompute_scale_factor": True},
]


@pytest.mark.parametrize("channels", [3, 11])
@pytest.mark.parametrize("resize", RESIZES)
@pytest.mark.parametrize(("mode", "align_corners"), MODES)
def test_float32_values_and_gradients_are_pytorchs_to_the_bit(torch, mode, align_corners,
                                                               resize, channels):
    rng = np.random.default_rng(channels)
    x = rng.standard_normal((2, channels, 4, 6)).astype(np.float32)
    tx, ex = torch.tensor(x, requires_grad=True), engine.tensor(x, requires_grad=True)
    ty = torch.nn.functional.interpolate(tx, mode=mode, align_corners=align_corners, **resize)
    ey = F.interpolate(ex, mode=mode, align_corners=align_corners, **resize)
    assert ey.grad_fn.name() == ty.grad_fn.name()
    np.testing.assert_array_equal(ey.detach().numpy(), ty.detach().numpy())
    grad = rng.standard_normal(tuple(ty.shape)).astype(np.float32)
    ty.backward(torch.tensor(grad))
    ey.backward(engine.tensor(grad))
    np.testing.assert_array_equal(ex.grad.numpy(), tx.grad.numpy())


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("resize", [{"scale_factor": 2}, {"scale_factor": 1.7}, {"size": 3},
                                    {"size": 300}])
@pytest.mark.parametrize(("mode", "align_corners"),
                         [("nearest", None), ("linear", False), ("linear", True)])
def test_1d_values_and_gradients_are_pytorchs_float32_to_the_bit(torch, mode, align_corners,
                                                                 resize, dtype):
    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 3, 6)).astype(dtype)
    tx, ex = torch.tensor(x, requires_grad=True), engine.tensor(x, requires_grad=True)
    ty = torch.nn.functional.interpolate(tx, mode=mode, align_corners=align_corners, **resize)
    ey = F.interpolate(ex, mode=mode, align_corners=align_corners, **resize)
    assert ey.grad_fn.name() == ty.grad_fn.name()
    grad = rng.standard_normal(tuple(ty.shape)).astype(dtype)
    ty.backward(torch.tensor(grad))
    ey.backward(engine.tensor(grad))
    pairs = [(ey.detach().numpy(), ty.detach().numpy()), (ex.grad.numpy(), tx.grad.numpy())]
    for ours, theirs in pairs:
        if dtype == np.float32:
            np.testing.assert_array_equal(ours, theirs)
        else:  # (ATen's float64 multiply-adds are fused too, NumPy's are not: an ulp apart)
            np.testing.assert_allclose(ours, theirs, rtol=1e-14, atol=1e-14)


@pytest.mark.parametrize("resize", RESIZES[:5])
@pytest.mark.parametrize(("mode", "align_corners"), MODES)
def test_float64_values_and_gradients_are_pytorchs(torch, mode, align_corners, resize):
    x = np.random.default_rng(1).standard_normal((1, 2, 5, 3))
    tx, ex = torch.tensor(x, requires_grad=True), engine.tensor(x, requires_grad=True)
    ty = torch.nn.functional.interpolate(tx, mode=mode, align_corners=align_corners, **resize)
    ey = F.interpolate(ex, mode=mode, align_corners=align_corners, **resize)
    assert ey.dtype == engine.float64
    np.testing.assert_allclose(ey.detach().numpy(), ty.detach().numpy(), rtol=1e-14, atol=1e-14)
    (ty ** 2).sum().backward()
    (ey ** 2).sum().backward()
    np.testing.assert_allclose(ex.grad.numpy(), tx.grad.numpy(), rtol=1e-13, atol=1e-13)


def _message(call) -> tuple[str, str]:
    with pytest.raises(Exception) as caught:
        call()
    return type(caught.value).__name__, str(caught.value)


@pytest.mark.parametrize("mistake", [
    "both size and scale_factor", "align_corners with nearest", "neither", "bilinear on 3-D",
    "linear on 4-D", "unknown mode", "size of the wrong length", "scale to zero",
    "recompute with a size", "2-D input", "1-d scale to zero", "integers", "many integers",
    "integers linearly", "a size of floats", "antialias with nearest",
])
def test_common_mistakes_raise_pytorchs_errors(torch, mistake):
    def call(lib):
        fn = lib.nn.functional.interpolate
        x = lib.ones(1, 2, 4, 4)
        return {
            "both size and scale_factor": lambda: fn(x, size=3, scale_factor=2),
            "align_corners with nearest": lambda: fn(x, scale_factor=2, align_corners=True),
            "neither": lambda: fn(x),
            "bilinear on 3-D": lambda: fn(lib.ones(1, 2, 4), scale_factor=2, mode="bilinear"),
            "linear on 4-D": lambda: fn(x, scale_factor=2, mode="linear"),
            "unknown mode": lambda: fn(x, scale_factor=2, mode="bilinaer"),
            "size of the wrong length": lambda: fn(x, size=(3, 3, 3)),
            "scale to zero": lambda: fn(x, scale_factor=0.1),
            "recompute with a size": lambda: fn(x, size=2, recompute_scale_factor=True),
            "2-D input": lambda: fn(lib.ones(4, 4), scale_factor=2),
            "1-d scale to zero": lambda: fn(lib.ones(1, 2, 4), scale_factor=0.1),
            "integers": lambda: fn(lib.ones(1, 2, 4, 4, dtype=lib.int32), scale_factor=2),
            "many integers": lambda: fn(lib.ones(1, 2, 4, 4, dtype=lib.int64), size=100),
            "integers linearly": lambda: fn(lib.ones(1, 2, 4, dtype=lib.int64), size=5,
                                            mode="linear"),
            "a size of floats": lambda: fn(x, size=(3, 2.5)),
            "antialias with nearest": lambda: fn(x, size=3, antialias=True),
        }[mistake]

    assert _message(call(engine)) == _message(call(torch))


def test_modes_beyond_nearest_and_bilinear_say_so():
    with pytest.raises(NotImplementedError, match="'bicubic'"):
        F.interpolate(engine.ones(1, 1, 2, 2), scale_factor=2, mode="bicubic")


def test_upsample_modules_print_and_resize_as_pytorchs(torch):
    x = np.random.default_rng(2).standard_normal((1, 2, 3, 4)).astype(np.float32)
    pairs = [
        ("Upsample", {"scale_factor": 2}),
        ("Upsample", {"size": (5, 6), "mode": "bilinear", "align_corners": True}),
        ("Upsample", {"scale_factor": (2, 3), "mode": "bilinear"}),
        ("UpsamplingNearest2d", {"size": 5}),
        ("UpsamplingBilinear2d", {"scale_factor": 2}),
    ]
    for name, kwargs in pairs:
        ours, theirs = getattr(engine.nn, name)(**kwargs), getattr(torch.nn, name)(**kwargs)
        assert repr(ours) == repr(theirs)
        np.testing.assert_array_equal(ours(engine.tensor(x)).numpy(),
                                      theirs(torch.tensor(x)).numpy())


@pytest.mark.parametrize("resize", [{"scale_factor": 2}, {"size": (3, 5)}, {"size": (2, 1)}])
@pytest.mark.parametrize(("mode", "align_corners"), MODES)
def test_gradcheck_and_gradgradcheck_in_float64(mode, align_corners, resize):
    x = engine.tensor(np.random.default_rng(3).standard_normal((1, 2, 3, 4)),
                      requires_grad=True)

    def fn(x):
        return F.interpolate(x, mode=mode, align_corners=align_corners, **resize)

    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))


def test_a_gradient_through_the_gradient_is_pytorchs(torch):
    x = np.random.default_rng(4).standard_normal((1, 1, 3, 3))
    results = []
    for lib in (torch, engine):
        t = lib.tensor(x, requires_grad=True)
        y = lib.nn.functional.interpolate(t, scale_factor=2, mode="bilinear")
        (g,) = lib.autograd.grad((y ** 3).sum(), t, create_graph=True)
        g.sum().backward()
        results.append((g.detach().numpy(), t.grad.numpy()))
    for ours, theirs in zip(results[1], results[0]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_the_upsample_classes_print_pytorchs_module_path(torch):
    for name in ("Upsample", "UpsamplingNearest2d", "UpsamplingBilinear2d"):
        assert repr(getattr(engine.nn, name)) == repr(getattr(torch.nn, name))


@pytest.mark.parametrize(("mode", "align_corners"),
                         [("nearest", None), ("linear", False), ("linear", True)])
def test_1d_gradcheck_and_gradgradcheck_in_float64(mode, align_corners):
    x = engine.tensor(np.random.default_rng(8).standard_normal((2, 1, 4)), requires_grad=True)

    def fn(x):
        return F.interpolate(x, scale_factor=1.5, mode=mode, align_corners=align_corners)

    assert gradcheck(fn, (x,))
    assert gradgradcheck(fn, (x,))


def test_a_size_taken_from_another_tensors_shape_is_accepted():
    skip = engine.ones(1, 2, 6, 5)  # U-Net: upsample to the skip connection's size
    up = F.interpolate(engine.ones(1, 2, 3, 3), size=skip.shape[2:], mode="bilinear")
    assert up.shape == skip.shape
    assert F.interpolate(engine.ones(1, 1, 2, 2), size=(np.int64(3), engine.tensor(1))).shape == (
        1, 1, 3, 1)


@pytest.mark.parametrize("name", ["upsample", "upsample_nearest", "upsample_bilinear"])
def test_the_deprecated_upsample_functions_warn_and_resize_as_pytorchs(torch, name):
    x = np.random.default_rng(9).standard_normal((1, 2, 3, 3)).astype(np.float32)
    results = []
    for lib in (torch, engine):
        with pytest.warns(UserWarning) as caught:
            out = getattr(lib.nn.functional, name)(lib.tensor(x), scale_factor=2)
        results.append(([str(w.message) for w in caught], out.numpy()))
    assert results[1][0] == results[0][0]
    np.testing.assert_array_equal(results[1][1], results[0][1])
