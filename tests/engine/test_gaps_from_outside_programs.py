"""What outside programs (tests/engine/programs, round 4) needed of the engine, torch the oracle."""
from __future__ import annotations

import pytest

import engine

torch = pytest.importorskip("torch")


def test_math_constants_are_torch_s():
    for name in ("pi", "e", "inf", "nan"):
        ours, theirs = getattr(engine, name), getattr(torch, name)
        assert type(ours) is type(theirs) and repr(ours) == repr(theirs)


def _policy(lib):
    lib.manual_seed(0)
    return lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Tanh(), lib.nn.Linear(4, 2, bias=False))


def test_parameters_to_vector_stays_in_the_graph_and_vector_to_parameters_sets_data():
    results = []
    for lib in (engine, torch):
        net = _policy(lib)
        vec = lib.nn.utils.parameters_to_vector(net.parameters())
        before = (list(vec.shape), vec.requires_grad, type(vec.grad_fn).__name__)
        lib.nn.utils.vector_to_parameters(lib.arange(float(vec.numel())), net.parameters())
        with pytest.raises(TypeError) as error:
            lib.nn.utils.vector_to_parameters([1.0], net.parameters())
        results.append((before, vec.detach().tolist(), net[2].weight.tolist(),
                        net[0].bias.requires_grad, str(error.value)))
    assert results[0] == results[1]


@pytest.mark.parametrize("bias", [True, False])
def test_create_graph_weight_gradients_are_contiguous_as_in_torch(bias):
    """A linear layer's weight is used as weight.t(); its gradient comes back contiguous, so
    TRPO-style code can .view(-1) the gradients of a create_graph backward."""
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        layer = lib.nn.Linear(4, 3, bias=bias)
        a = lib.randn(4, 5, requires_grad=True)
        out = layer(a.t()).pow(2).sum()
        grads = lib.autograd.grad(out, [layer.weight, a], create_graph=True)
        results.append([(g.stride(), g.view(-1).shape[0], g.grad_fn is not None) for g in grads])
    assert results[0] == results[1]


def test_top_level_inplace_functions_act_as_the_tensor_methods():
    results = []
    for lib in (engine, torch):
        leaf = lib.linspace(0.0, 1.0, steps=3, requires_grad=True)
        with pytest.raises(RuntimeError) as error:
            lib.sin_(leaf)
        x = leaf * 2
        lib.clamp_(x, max=1.5)
        same = lib.exp_(x) is x
        x.sum().backward()
        results.append((str(error.value), same, x.tolist(), type(x.grad_fn).__name__,
                        leaf.grad.tolist(), lib.zero_(lib.ones(2)).tolist()))
    assert results[0] == results[1]


def test_inplace_shape_methods_reshape_the_tensor_itself():
    results = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        a = lib.rand(2, 3, requires_grad=True)
        with pytest.raises(RuntimeError) as error:
            a.unsqueeze_(0)
        b = a * 2
        same = b.unsqueeze_(0) is b
        b.squeeze_(0).t_()
        b.transpose_(0, 1)
        (b * lib.arange(3.0)).sum().backward()
        c = lib.rand(2, 3, out=lib.zeros(2, 3))
        results.append((str(error.value), same, list(b.shape), b._version, a.grad.tolist(),
                        c.tolist(), list(lib.linalg.matmul(c, c.t()).shape)))
    assert results[0] == results[1]
