"""Activations recorded as one node each, as PyTorch records them (selu and celu through the elu
kernel, mish, glu, threshold, hardshrink, softshrink), and the composed ones PyTorch composes
too (tanhshrink, softmin): names, values and gradients against torch, and gradcheck."""
import pytest

import engine

ACTIVATIONS = {
    "elu": lambda F, x: F.elu(x, 0.7),
    "selu": lambda F, x: F.selu(x),
    "celu": lambda F, x: F.celu(x, 0.5),
    "mish": lambda F, x: F.mish(x),
    "threshold": lambda F, x: F.threshold(x, 0.1, 20.0),
    "glu last": lambda F, x: F.glu(x),
    "glu first": lambda F, x: F.glu(x, 0),
    "hardshrink": lambda F, x: F.hardshrink(x),
    "softshrink": lambda F, x: F.softshrink(x, 0.3),
    "tanhshrink": lambda F, x: F.tanhshrink(x),
    "softmin": lambda F, x: F.softmin(x, 1),
}
NAMES = {
    "elu": ["EluBackward0"], "selu": ["EluBackward0"], "celu": ["CeluBackward0"],
    "mish": ["MishBackward0"], "threshold": ["ThresholdBackward0"],
    "glu last": ["GluBackward0"], "glu first": ["GluBackward0"],
    "hardshrink": ["HardshrinkBackward0"], "softshrink": ["SoftshrinkBackward0"],
    "tanhshrink": ["SubBackward0", "TanhBackward0"],
    "softmin": ["SoftmaxBackward0", "NegBackward0"],
}


def _values(lib, dtype):
    # (4, 6): both dims even for glu; points on both sides of every kink, none on one
    return lib.linspace(-2.95, 2.9, 24, dtype=dtype).reshape(4, 6).requires_grad_()


def _chain(out) -> list[str]:
    names, fn = [], out.grad_fn
    while fn is not None:
        names.append(fn.name())
        inner = [n for n, _ in fn.next_functions
                 if n is not None and n.name() != "torch::autograd::AccumulateGrad"]
        fn = inner[0] if inner else None
    return names


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_each_activation_records_the_nodes_pytorch_records(name):
    out = ACTIVATIONS[name](engine.nn.functional, _values(engine, engine.float32))
    assert _chain(out) == NAMES[name]


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_each_activation_passes_gradcheck(name):
    x = _values(engine, engine.float64)
    assert engine.autograd.gradcheck(lambda t: ACTIVATIONS[name](engine.nn.functional, t), (x,))


@pytest.mark.parametrize("name", ACTIVATIONS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_values_and_gradients_are_those_of_torch(name, dtype):
    torch = pytest.importorskip("torch")
    results = []
    for lib in (engine, torch):
        x = _values(lib, getattr(lib, dtype))
        out = ACTIVATIONS[name](lib.nn.functional, x)
        (out * lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape)).sum().backward()
        results.append((_chain(out), out.detach().numpy(), x.grad.numpy()))
    (names, value, grad), (torch_names, torch_value, torch_grad) = results
    assert names == torch_names
    tolerance = {"rel": 2e-6, "abs": 1e-6} if dtype == "float32" else {"rel": 1e-12, "abs": 1e-15}
    assert value.ravel().tolist() == pytest.approx(torch_value.ravel().tolist(), **tolerance)
    assert grad.ravel().tolist() == pytest.approx(torch_grad.ravel().tolist(), **tolerance)


def test_selu_saves_its_alpha_and_scale_as_pytorch_shows_them():
    node = engine.nn.functional.selu(_values(engine, engine.float32)).grad_fn
    assert (node._saved_alpha, node._saved_scale, node._saved_input_scale) == (
        1.6732632423543772, 1.0507009873554805, 1.0)


def test_glu_refuses_an_odd_dimension_as_pytorch():
    with pytest.raises(RuntimeError, match="Halving dimension must be even, but dimension 1 is "
                                           "size 3"):
        engine.nn.functional.glu(engine.ones(2, 3))


def test_the_modules_print_as_pytorch_prints_them():
    nn = engine.nn
    printed = [repr(m) for m in (nn.Softmin(1), nn.Hardshrink(), nn.Softshrink(0.3),
                                 nn.Tanhshrink())]
    assert printed == ["Softmin(dim=1)", "Hardshrink(0.5)", "Softshrink(0.3)", "Tanhshrink()"]


PRELU_CASES = [((5,), 1), ((2, 3), 1), ((2, 3), 3), ((2, 3, 4), 3), ((), 1)]


def _prelu(lib, shape, count, dtype):
    size = 1
    for n in shape:
        size *= n
    x = (lib.arange(size, dtype=dtype) - 3.5).reshape(shape).requires_grad_()
    weight = lib.linspace(0.1, 0.3, count, dtype=dtype).requires_grad_()
    return x, weight, lib.nn.functional.prelu(x, weight)


@pytest.mark.parametrize(("shape", "count"), PRELU_CASES)
def test_prelu_is_one_node_with_both_gradients(shape, count):
    x, weight, out = _prelu(engine, shape, count, engine.float64)
    assert out.grad_fn.name() == "PreluKernelBackward0"
    assert engine.autograd.gradcheck(engine.nn.functional.prelu, (x, weight))


@pytest.mark.parametrize(("shape", "count"), PRELU_CASES)
def test_prelu_is_that_of_torch(shape, count):
    torch = pytest.importorskip("torch")
    results = []
    for lib in (engine, torch):
        x, weight, out = _prelu(lib, shape, count, lib.float32)
        (out * 1.5).sum().backward()
        results.append((
            [None if n is None else n.name() for n, _ in out.grad_fn.next_functions],
            out.tolist(), x.grad.tolist(), weight.grad.tolist(),
        ))
    assert results[0] == results[1]


def test_prelu_refuses_a_weight_per_channel_of_another_count():
    with pytest.raises(RuntimeError, match="Found parameter numbers = 2 and channel size = 3"):
        engine.nn.functional.prelu(engine.ones(2, 3), engine.ones(2))


def _rrelu(lib, training, dtype):
    lib.manual_seed(3)
    x = lib.linspace(-2, 2, 11, dtype=dtype).requires_grad_()
    out = lib.nn.functional.rrelu(x, training=training)
    (out * lib.arange(11.0, dtype=out.dtype)).sum().backward()
    return out.grad_fn.name(), out.tolist(), x.grad.tolist(), lib.rand(2).tolist()


@pytest.mark.parametrize("training", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_rrelu_draws_pytorch_slopes_from_the_seed(training, dtype):
    torch = pytest.importorskip("torch")
    # (the numbers drawn next show that as many draws were made as PyTorch makes)
    assert _rrelu(engine, training, getattr(engine, dtype)) == _rrelu(
        torch, training, getattr(torch, dtype))


def test_rrelu_slopes_lie_between_lower_and_upper_and_are_the_gradient():
    x = engine.linspace(-2, -1, 50, dtype=engine.float64).requires_grad_()
    out = engine.nn.functional.rrelu(x, 0.2, 0.3, training=True)
    out.sum().backward()
    slopes = (out / x).tolist()
    assert all(0.2 <= s <= 0.3 for s in slopes) and len(set(slopes)) > 40
    assert x.grad.tolist() == pytest.approx(slopes, rel=1e-15)
    evaluated = engine.nn.functional.rrelu(x, 0.2, 0.3)
    assert (evaluated / x).tolist() == pytest.approx([0.25] * 50)
    assert out.grad_fn.name() == evaluated.grad_fn.name() == "RreluWithNoiseBackward0"
