"""Tensor.unflatten and torch.baddbmm (the ops MultiheadAttention is made of that the engine
lacked): values, gradients, grad_fn names and messages as torch 2.13's (skipped without it),
float64 gradchecks (always)."""

import numpy as np
import pytest

import engine
from engine.autograd import gradcheck


@pytest.fixture
def torch():
    return pytest.importorskip("torch")


def test_unflatten_is_a_view_with_one_size_inferred():
    x = engine.arange(24.0).reshape(4, 6).requires_grad_()
    y = x.t().unflatten(1, (2, -1))
    assert y.shape == (6, 2, 2)
    assert y.grad_fn.name() == "ViewBackward0"
    assert engine.unflatten(x, -1, (2, 3)).shape == (4, 2, 3)
    assert x.unflatten(0, engine.Size([2, 2])).shape == (2, 2, 6)
    (y * engine.arange(24.0).reshape(6, 2, 2)).sum().backward()
    assert x.grad.t().flatten().tolist() == list(range(24))


@pytest.mark.parametrize(("args", "error", "message"), [
    ((1, (3, 5)), RuntimeError,
     ("unflatten: Provided sizes [3, 5] don't multiply up to the size of dim 1 (6) in the input "
     "tensor")),
    ((-1, (-1, 5)), RuntimeError,
     ("unflatten: Provided sizes [-1, 5] don't multiply up to the size of dim 1 (6) in the input "
     "tensor")),
    ((1, ()), RuntimeError, "unflatten: sizes must be non-empty"),
    ((5, (2, 3)), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 5)"),
])
def test_unflatten_refuses_as_pytorch(args, error, message):
    with pytest.raises(error) as raised:
        engine.zeros(4, 6).unflatten(*args)
    assert str(raised.value) == message


def test_unflatten_messages_are_pytorchs(torch):
    with pytest.raises(RuntimeError) as raised:
        torch.zeros(4, 6).unflatten(-1, (-1, 5))
    assert str(raised.value) == (
        "unflatten: Provided sizes [-1, 5] don't multiply up to the size of dim 1 (6) in the "
        "input tensor")


RNG = np.random.default_rng(3)
BATCH1 = RNG.standard_normal((2, 3, 4))
BATCH2 = RNG.standard_normal((2, 4, 5))


@pytest.mark.parametrize("input_shape", [(1, 3, 5), (5,), (2, 3, 5), (3, 1)])
@pytest.mark.parametrize(("beta", "alpha"), [(1, 1), (0.5, 2.0)])
def test_baddbmm_values_gradients_and_node_are_pytorchs(torch, input_shape, beta, alpha):
    start = RNG.standard_normal(input_shape)
    results = []
    for lib in (engine, torch):
        tensors = [lib.tensor(a, requires_grad=True) for a in (start, BATCH1, BATCH2)]
        out = lib.baddbmm(*tensors, beta=beta, alpha=alpha)
        (out * out).sum().backward()
        names = [fn.name() if fn is not None else None for fn, _ in out.grad_fn.next_functions]
        results.append((out.grad_fn.name(), names,
                        [t.detach().numpy() for t in (out, *(t.grad for t in tensors))]))
    (mine_name, mine_next, mine), (their_name, their_next, theirs) = results
    assert (mine_name, len(mine_next)) == (their_name, len(their_next)) == ("BaddbmmBackward0", 3)
    for a, b in zip(mine, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-12)


def test_baddbmm_without_a_gradient_for_the_input_has_an_empty_edge():
    out = engine.zeros(1, 3, 5, dtype=engine.float64).baddbmm(
        engine.tensor(BATCH1, requires_grad=True),
        engine.tensor(BATCH2))
    assert [fn for fn, _ in out.grad_fn.next_functions][0::2] == [None, None]


def test_baddbmm_passes_gradcheck():
    tensors = [engine.tensor(a, requires_grad=True)
               for a in (RNG.standard_normal((1, 3, 5)), BATCH1, BATCH2)]
    assert gradcheck(lambda i, a, b: engine.baddbmm(i, a, b, beta=0.5, alpha=1.5), tensors)


@pytest.mark.parametrize(("args", "message"), [
    (((5,), (3, 4), (2, 4, 5)), "batch1 must be a 3D tensor"),
    (((5,), (2, 3, 4), (3, 4, 5)),
     "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4]."),
    (((3, 3, 5), (2, 3, 4), (2, 4, 5)),
     ("The expanded size of the tensor (2) must match the existing size (3) at non-singleton "
     "dimension 0.  Target sizes: [2, 3, 5].  Tensor sizes: [3, 3, 5]")),
])
def test_baddbmm_refuses_as_pytorch(args, message):
    with pytest.raises(RuntimeError) as raised:
        engine.baddbmm(*(engine.zeros(*shape) for shape in args))
    assert str(raised.value) == message


def test_baddbmm_dtype_messages_are_pytorchs(torch):
    for lib in (engine, torch):
        with pytest.raises(RuntimeError) as raised:
            lib.baddbmm(lib.zeros(1, dtype=lib.float64), lib.zeros(2, 3, 4), lib.zeros(2, 4, 5))
        assert str(raised.value) == (
            "Input dtypes must be the same, got: input double, batch1: float, batch2: float")
        with pytest.raises(RuntimeError) as raised:
            lib.baddbmm(lib.zeros(1), lib.zeros(2, 3, 4), lib.zeros(2, 4, 5, dtype=lib.float64))
        assert str(raised.value) == "expected scalar type Float but found Double"
