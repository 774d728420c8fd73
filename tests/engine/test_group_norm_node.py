"""F.group_norm / nn.GroupNorm as one node, NativeGroupNormBackward0, with edges to the input,
the weight and the bias as in PyTorch; values and gradients against torch; PyTorch's checks."""
import math

import pytest

import engine

CASES = [((2, 4, 3), 2, True), ((2, 4, 3), 2, False), ((2, 6, 2, 3), 3, True), ((3, 4), 2, True),
         ((2, 4, 3), 4, True), ((2, 4, 3), 1, True)]


def _run(lib, shape, groups, affine):
    module = lib.nn.GroupNorm(groups, shape[1], affine=affine).double()
    if affine:
        with lib.no_grad():
            module.weight.copy_(lib.linspace(0.5, 1.5, shape[1]))
            module.bias.copy_(lib.linspace(-0.2, 0.3, shape[1]))
    x = lib.linspace(-2, 3, math.prod(shape), dtype=lib.float64).reshape(shape).requires_grad_()
    out = module(x)
    (out * lib.arange(out.numel(), dtype=out.dtype).reshape(out.shape)).sum().backward()
    edges = [None if n is None else n.name() for n, _ in out.grad_fn.next_functions]
    numbers = [out, x.grad] + ([module.weight.grad, module.bias.grad] if affine else [])
    return out.grad_fn.name(), edges, [t.detach().numpy().ravel().tolist() for t in numbers]


@pytest.mark.parametrize(("shape", "groups", "affine"), CASES)
def test_group_norm_is_that_of_torch(shape, groups, affine):
    torch = pytest.importorskip("torch")
    mine, theirs = (_run(lib, shape, groups, affine) for lib in (engine, torch))
    assert mine[:2] == theirs[:2]
    for a, b in zip(mine[2], theirs[2]):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-11)


def test_group_norm_is_one_node_with_three_edges():
    name, edges, _ = _run(engine, (2, 4, 3), 2, True)
    assert name == "NativeGroupNormBackward0"
    assert edges == ["torch::autograd::AccumulateGrad"] * 3


def test_group_norm_passes_gradcheck_and_gradgradcheck():
    x = engine.linspace(-2, 3, 24, dtype=engine.float64).reshape(2, 4, 3).requires_grad_()
    weight = engine.linspace(0.5, 1.5, 4, dtype=engine.float64).requires_grad_()
    bias = engine.linspace(-0.2, 0.3, 4, dtype=engine.float64).requires_grad_()

    def fn(a, w, b):
        return engine.nn.functional.group_norm(a, 2, w, b)

    assert engine.autograd.gradcheck(fn, (x, weight, bias))
    assert engine.autograd.gradgradcheck(fn, (x, weight, bias))


def test_pytorch_checks():
    F = engine.nn.functional
    with pytest.raises(RuntimeError, match="Expected number of channels in input to be "
                                           r"divisible by num_groups, but got input of shape "
                                           r"\[2, 4, 3\] and num_groups=3"):
        F.group_norm(engine.ones(2, 4, 3), 3)
    with pytest.raises(RuntimeError, match="Expected weight to be a vector of size equal to the "
                                           r"number of channels in input, but got weight of "
                                           r"shape \[3\] and input of shape \[2, 4, 3\]"):
        F.group_norm(engine.ones(2, 4, 3), 2, engine.ones(3))
    with pytest.raises(ValueError, match=r"Expected more than 1 value per channel when "
                                         r"training, got input size \[1, 1\]"):
        F.group_norm(engine.ones(1, 1), 1)
    with pytest.raises(RuntimeError, match="Expected at least 2 dimensions for input tensor but "
                                           "received 1"):
        F.group_norm(engine.ones(4), 2)
