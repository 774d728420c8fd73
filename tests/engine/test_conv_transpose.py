"""F.conv_transpose2d and nn.ConvTranspose2d: values, gradients, names, checks and init against
PyTorch (skipped without it), and float64 gradchecks of every order (always)."""

import numpy as np
import pytest

import engine
import engine.nn.functional as F
from engine.autograd import gradcheck, gradgradcheck


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


# (batch, in, H, W), out, kernel, stride, padding, output_padding, groups, dilation, bias
CASES = [
    ((2, 3, 4, 4), 5, 3, 2, 1, 1, 1, 1, True),      # the DCGAN / U-Net upsampling block
    ((1, 4, 3, 5), 6, (3, 2), (2, 1), (1, 0), (1, 0), 2, 1, False),
    ((2, 2, 3, 3), 2, 3, 1, 0, 1, 1, 2, True),      # output_padding below the dilation
    ((1, 1, 1, 1), 3, 4, 1, 0, 0, 1, 1, True),      # DCGAN's first layer: 1x1 noise to 4x4
    ((3, 2, 5, 4), 4, 2, 2, 0, 0, 1, 1, True),      # U-Net's up-convolution (kernel 2, stride 2)
    ((2, 4, 2, 3), 4, 3, 3, 2, 2, 4, (1, 2), True),
    ((3, 4, 4), 2, 3, 2, 1, 0, 1, 1, True),         # unbatched (C, H, W)
]


def _pair_of(torch, array, dtype):
    a = array.astype(dtype)
    return torch.tensor(a, requires_grad=True), engine.tensor(a, requires_grad=True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("case", CASES)
def test_values_and_gradients_of_input_weight_and_bias_are_pytorchs(torch, case, dtype):
    shape, out, kernel, stride, padding, out_pad, groups, dilation, bias = case
    rng = np.random.default_rng(len(shape) + out)
    kh, kw = kernel if isinstance(kernel, tuple) else (kernel, kernel)
    tx, ex = _pair_of(torch, rng.standard_normal(shape), dtype)
    tw, ew = _pair_of(torch, rng.standard_normal((shape[-3], out // groups, kh, kw)), dtype)
    tb, eb = _pair_of(torch, rng.standard_normal(out), dtype)
    options = (stride, padding, out_pad, groups, dilation)
    ty = torch.nn.functional.conv_transpose2d(tx, tw, tb if bias else None, *options)
    ey = F.conv_transpose2d(ex, ew, eb if bias else None, *options)
    tol = {"rtol": 1e-5, "atol": 1e-5} if dtype == np.float32 else {"rtol": 1e-12, "atol": 1e-12}
    assert tuple(ey.shape) == tuple(ty.shape)
    assert ey.dtype == getattr(engine, str(ty.dtype).removeprefix("torch."))
    np.testing.assert_allclose(ey.detach().numpy(), ty.detach().numpy(), **tol)
    grad = rng.standard_normal(tuple(ty.shape)).astype(dtype)
    ty.backward(torch.tensor(grad))
    ey.backward(engine.tensor(grad))
    pairs = [(tx, ex), (tw, ew)] + ([(tb, eb)] if bias else [])
    for t, e in pairs:
        np.testing.assert_allclose(e.grad.numpy(), t.grad.numpy(), **tol)
    assert eb.grad is None if not bias else eb.grad is not None


def test_its_node_is_convolution_backward_with_pytorchs_edges(torch):
    x = engine.randn(1, 2, 3, 3, requires_grad=True)
    w = engine.randn(2, 3, 2, 2, requires_grad=True)
    y = F.conv_transpose2d(x, w, stride=2)
    assert y.grad_fn.name() == "ConvolutionBackward0"
    assert [type(fn).__name__ if fn else None for fn, _ in y.grad_fn.next_functions] == [
        "AccumulateGrad", "AccumulateGrad", None]
    unbatched = F.conv_transpose2d(x[0].detach().requires_grad_(), w)
    tx = torch.randn(2, 3, 3, requires_grad=True)
    expected = torch.nn.functional.conv_transpose2d(tx, torch.randn(2, 3, 2, 2))
    assert unbatched.grad_fn.name() == expected.grad_fn.name() == "SqueezeBackward1"


def _message(call) -> tuple[str, str]:
    with pytest.raises(Exception) as caught:
        call()
    return type(caught.value).__name__, str(caught.value)


@pytest.mark.parametrize("mistake", [
    "wrong channel count", "output_padding as large as stride", "bias of in_channels",
    "2-D input", "negative padding", "zero stride", "groups not dividing",
    "float input, double weight", "double input, float weight", "float input, double bias",
    "padding 'same'", "a layer with padding 'same'",
])
def test_common_mistakes_raise_pytorchs_errors(torch, mistake):
    def call(lib):
        fn = lib.nn.functional.conv_transpose2d
        x, w = lib.ones(2, 3, 4, 4), lib.ones(3, 5, 3, 3)
        return {
            "wrong channel count": lambda: fn(lib.ones(2, 4, 4, 4), w),
            "output_padding as large as stride": lambda: fn(x, w, stride=2, output_padding=2),
            "bias of in_channels": lambda: fn(x, w, lib.ones(3)),
            "2-D input": lambda: fn(lib.ones(4, 4), w),
            "negative padding": lambda: fn(x, w, padding=-1),
            "zero stride": lambda: fn(x, w, stride=0),
            "groups not dividing": lambda: fn(x, w, groups=2),
            "float input, double weight": lambda: fn(x, w.double()),
            "double input, float weight": lambda: fn(x.double(), w),
            "float input, double bias": lambda: fn(x, w, lib.ones(5).double()),
            "padding 'same'": lambda: fn(x, w, padding="same"),
            "a layer with padding 'same'": lambda: lib.nn.ConvTranspose2d(3, 2, 3,
                                                                         padding="same")(x),
        }[mistake]

    assert _message(call(engine)) == _message(call(torch))


def test_the_layer_draws_pytorchs_weights_and_prints_as_pytorch(torch):
    args = (4, 6, 3)
    kwargs = {"stride": 2, "padding": 1, "output_padding": 1, "bias": False}
    torch.manual_seed(3)
    theirs = [torch.nn.ConvTranspose2d(*args, **kwargs), torch.nn.ConvTranspose2d(4, 6, (3, 2),
                                                                                 dilation=2,
                                                                                 groups=2)]
    engine.manual_seed(3)
    ours = [engine.nn.ConvTranspose2d(*args, **kwargs), engine.nn.ConvTranspose2d(4, 6, (3, 2),
                                                                                dilation=2,
                                                                                groups=2)]
    for mine, their in zip(ours, theirs):
        assert repr(mine) == repr(their)
        for (name, p), (their_name, q) in zip(mine.named_parameters(),
                                              their.named_parameters()):
            assert name == their_name
            np.testing.assert_array_equal(p.detach().numpy(), q.detach().numpy())


def test_output_size_picks_the_output_padding_and_refuses_what_no_padding_gives(torch):
    ours = engine.nn.ConvTranspose2d(3, 5, 3, stride=2, padding=1)
    theirs = torch.nn.ConvTranspose2d(3, 5, 3, stride=2, padding=1)
    x = np.random.default_rng(0).standard_normal((1, 3, 4, 4)).astype(np.float32)
    for size in ([7, 7], [8, 8], [1, 3, 7, 8]):
        assert list(ours(engine.tensor(x), output_size=size).shape) == list(
            theirs(torch.tensor(x), output_size=size).shape)
    assert _message(lambda: ours(engine.tensor(x), output_size=[10, 10])) == _message(
        lambda: theirs(torch.tensor(x), output_size=[10, 10]))


def test_padding_modes_other_than_zeros_are_refused_as_pytorch_refuses_them(torch):
    assert _message(lambda: engine.nn.ConvTranspose2d(1, 1, 2, padding_mode="reflect")) == (
        _message(lambda: torch.nn.ConvTranspose2d(1, 1, 2, padding_mode="reflect")))


@pytest.mark.parametrize("options", [
    {"stride": 2, "padding": 1, "output_padding": 1},
    {"stride": (1, 2), "dilation": 2, "output_padding": (1, 0)},
    {"groups": 2, "stride": 3, "padding": (0, 1)},
])
def test_gradcheck_and_gradgradcheck_in_float64(options):
    rng = np.random.default_rng(5)
    x = engine.tensor(rng.standard_normal((2, 2, 3, 2)), requires_grad=True)
    w = engine.tensor(rng.standard_normal((2, 2, 2, 3)), requires_grad=True)  # 2 per group
    b = engine.tensor(rng.standard_normal(2 * options.get("groups", 1)), requires_grad=True)

    def fn(x, w, b):
        return F.conv_transpose2d(x, w, b, **options)

    assert gradcheck(fn, (x, w, b))
    assert gradgradcheck(fn, (x, w, b))


def test_double_backward_matches_pytorchs(torch):
    rng = np.random.default_rng(7)
    arrays = (rng.standard_normal((1, 2, 3, 3)), rng.standard_normal((2, 3, 3, 3)))
    results = []
    for lib in (torch, engine):
        x, w = (lib.tensor(a, requires_grad=True) for a in arrays)
        y = lib.nn.functional.conv_transpose2d(x, w, stride=2, padding=1, output_padding=1)
        (gx,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        (gx * gx).sum().backward()
        results.append((gx.detach().numpy(), x.grad.numpy(), w.grad.numpy()))
    for ours, theirs in zip(results[1], results[0]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-10)


def test_the_layer_class_prints_pytorchs_module_path(torch):
    assert repr(type(engine.nn.ConvTranspose2d(1, 1, 2))) == repr(
        type(torch.nn.ConvTranspose2d(1, 1, 2)))
