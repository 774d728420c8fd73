"""F.instance_norm and nn.InstanceNorm1d / 2d: composed as ATen composes them (the graph PyTorch
records), values, gradients and running statistics against torch, PyTorch's checks."""
import math

import pytest

import engine

CASES = [  # (module, options, input shape, training)
    ("InstanceNorm1d", {}, (2, 3, 5), True),
    ("InstanceNorm2d", {"affine": True}, (2, 3, 4, 4), True),
    ("InstanceNorm1d", {"track_running_stats": True}, (2, 3, 5), True),
    ("InstanceNorm1d", {"track_running_stats": True, "affine": True}, (2, 3, 5), False),
    ("InstanceNorm2d", {}, (3, 4, 4), True),  # unbatched
    ("InstanceNorm1d", {"affine": True}, (3, 5), True),  # unbatched
]


def _run(lib, name, options, shape, training):
    module = getattr(lib.nn, name)(3, **options).double()
    module.train(training)
    x = lib.linspace(-2, 3, math.prod(shape), dtype=lib.float64).reshape(shape).requires_grad_()
    out = module(x)
    (out * lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape)).sum().backward()
    chain, fn = [], out.grad_fn
    while fn is not None:
        chain.append(fn.name())
        inner = [n for n, _ in fn.next_functions if n is not None]
        fn = inner[0] if inner else None
    numbers = [out, x.grad]
    if module.affine:
        numbers += [module.weight.grad, module.bias.grad]
    if module.running_mean is not None:
        numbers += [module.running_mean, module.running_var]
    return repr(module), chain, [t.detach().numpy().ravel().tolist() for t in numbers]


@pytest.mark.parametrize(("name", "options", "shape", "training"), CASES)
def test_instance_norm_is_that_of_torch(name, options, shape, training):
    torch = pytest.importorskip("torch")
    mine, theirs = (_run(lib, name, options, shape, training) for lib in (engine, torch))
    assert mine[:2] == theirs[:2]
    for a, b in zip(mine[2], theirs[2]):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


def test_the_graph_is_a_batch_norm_between_two_views():
    _, chain, _ = _run(engine, "InstanceNorm2d", {}, (2, 3, 4, 4), True)
    assert chain == ["ViewBackward0", "NativeBatchNormBackward0", "ViewBackward0",
                     "torch::autograd::AccumulateGrad"]


def test_instance_norm_passes_gradcheck():
    x = engine.linspace(-2, 3, 30, dtype=engine.float64).reshape(2, 3, 5).requires_grad_()
    weight = engine.tensor([0.5, 1.5, 2.0], dtype=engine.float64, requires_grad=True)
    bias = engine.tensor([0.1, -0.2, 0.3], dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradcheck(
        lambda a, w, b: engine.nn.functional.instance_norm(a, weight=w, bias=b),
        (x, weight, bias),
    )


def test_running_statistics_are_the_mean_over_the_samples():
    module = engine.nn.InstanceNorm1d(2, track_running_stats=True, momentum=1.0)
    x = engine.tensor([[[0.0, 2.0], [1.0, 1.0]], [[4.0, 6.0], [3.0, 5.0]]])
    module(x)
    assert module.running_mean.tolist() == [3.0, 2.5]  # per sample 1 and 5, 1 and 4
    assert module.running_var.tolist() == [2.0, 1.0]  # unbiased: 2 and 2, 0 and 2


def test_pytorch_checks():
    nn, F = engine.nn, engine.nn.functional
    with pytest.raises(ValueError, match=r"expected 2D or 3D input \(got 4D input\)"):
        nn.InstanceNorm1d(3)(engine.ones(2, 3, 4, 5))
    with pytest.raises(ValueError, match=r"Expected more than 1 spatial element when training, "
                                         r"got input size \[2, 3, 1\]"):
        F.instance_norm(engine.ones(2, 3, 1))
    with pytest.raises(ValueError, match=r"expected input's size at dim=1 to match "
                                         r"num_features \(4\), but got: 3\."):
        nn.InstanceNorm1d(4, affine=True)(engine.ones(2, 3, 5))
    with pytest.warns(UserWarning, match="input's size at dim=0 does not match num_features"):
        nn.InstanceNorm1d(3)(engine.ones(4, 5))


def test_the_module_prints_as_pytorch_prints_it():
    assert repr(engine.nn.InstanceNorm2d(3, affine=True)) == (
        "InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=True, bias=True, "
        "track_running_stats=False)"
    )
