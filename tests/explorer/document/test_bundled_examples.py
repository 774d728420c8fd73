"""Every bundled example evaluates, and its values and grads equal a direct program's.

The program for each example is written out here by hand, run once with the engine (exact
equality: same ops, same order) and, where torch is installed, with real PyTorch.
"""
import math

import numpy as np
import pytest

import engine
from explorer.core.document.evaluation import backward, evaluate, grad_of, implicit_gradient
from explorer.core.document.examples import list_examples, load_example
from explorer.core.document.layout import layered_positions


def x_squared(torch):
    x = torch.tensor(2.0, requires_grad=True)
    x_sq = x**2
    y = x_sq + 1
    return locals()


def linear_int_x(torch):
    x = torch.tensor(3)
    w = torch.tensor(2.0, requires_grad=True)
    b = torch.tensor(5.0, requires_grad=True)
    wx = w * x
    y = wx + b
    return locals()


def power(torch):
    x = torch.tensor(3.0, requires_grad=True)
    y = torch.tensor(4.0, requires_grad=True)
    z = x**y
    return locals()


def mean_of_square(torch):
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    y_sq = y**2
    z = 3 * y_sq
    out = z.mean()
    return locals()


def dot(torch):
    x = torch.arange(4.0, requires_grad=True)
    xx = torch.dot(x, x)
    y = 2 * xx
    return locals()


def leaf_nonleaf(torch):
    t = torch.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], requires_grad=True)
    r = t * 2
    r.retain_grad()
    return locals()


def diamond(torch):
    a = torch.tensor(3.0, requires_grad=True)
    b = a * a
    ba = b * a
    c = b + ba
    return locals()


def polynomial_loss(torch):
    x = torch.linspace(-math.pi, math.pi, 2000)
    y = torch.sin(x)
    a = torch.tensor(-0.3, requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    c = torch.tensor(0.2, requires_grad=True)
    d = torch.tensor(-0.1, requires_grad=True)
    bx = b * x
    s1 = a + bx
    x2 = x**2
    cx2 = c * x2
    s2 = s1 + cx2
    x3 = x**3
    dx3 = d * x3
    y_pred = s2 + dx3
    diff = y_pred - y
    sq = diff.pow(2)
    loss = sq.sum()
    return locals()


def detach(torch):
    x = torch.tensor(3.0, requires_grad=True)
    y = x * x
    c = y.detach()
    z = c * x
    return locals()


def no_grad(torch):
    x = torch.tensor(3.0, requires_grad=True)
    with torch.no_grad():
        s = x * 2
    sx = s * x
    y = sx + x
    return locals()


PROGRAMS = {f.__name__: f for f in (x_squared, linear_int_x, power, mean_of_square, dot,
                                     leaf_nonleaf, diamond, polynomial_loss, detach, no_grad)}


def as_array(value) -> np.ndarray:
    if hasattr(value, "detach"):
        return np.asarray(value.detach().numpy())
    return np.asarray(value)


def run_program(key: str, torch):
    """The program's tensors by name and its root's name, after backward."""
    values = {k: v for k, v in PROGRAMS[key](torch).items() if isinstance(v, torch.Tensor)}
    doc = load_example(key)
    root_name = doc.node(doc.meta["root"]).name
    root = values[root_name]
    root.backward(None if root.numel() == 1 else torch.ones_like(root))
    return values, root_name


def evaluate_example(key: str):
    doc = load_example(key)
    ev = evaluate(doc)
    assert ev.errors == {} and ev.not_computed == set()
    root = doc.meta["root"]
    backward(ev, root, implicit_gradient(ev, root))
    by_name = {d.name: d.id for d in doc.nodes()}
    return ev, by_name


def test_every_program_has_an_example_and_back():
    assert sorted(key for key, _ in list_examples()) == sorted(PROGRAMS)


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_example_values_and_grads_equal_the_engine_program(key):
    ev, by_name = evaluate_example(key)
    values, _ = run_program(key, engine)
    for name, expected in values.items():
        got = ev.values[by_name[name]]
        assert type(got) is engine.Tensor
        assert got.dtype == expected.dtype, name
        assert got.requires_grad == expected.requires_grad, name
        assert got.is_leaf == expected.is_leaf, name
        np.testing.assert_array_equal(as_array(got), as_array(expected), err_msg=name)
        if expected.is_leaf or expected.retains_grad:
            grad, reason = grad_of(ev, by_name[name])
            if expected.grad is None:
                assert grad is None and reason, name
            else:
                np.testing.assert_array_equal(as_array(grad), as_array(expected.grad),
                                              err_msg=name)


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_example_values_and_grads_equal_real_pytorch(key):
    torch = pytest.importorskip("torch")
    ev, by_name = evaluate_example(key)
    values, _ = run_program(key, torch)
    for name, expected in values.items():
        got = ev.values[by_name[name]]
        assert str(got.dtype) == str(expected.dtype), name
        assert (got.grad_fn is None) == (expected.grad_fn is None), name
        if expected.grad_fn is not None:
            assert got.grad_fn.name() == expected.grad_fn.name(), name
        np.testing.assert_allclose(as_array(got), as_array(expected), rtol=1e-5, atol=1e-5,
                                   err_msg=name)
        if expected.is_leaf or expected.retains_grad:
            grad, _ = grad_of(ev, by_name[name])
            assert (grad is None) == (expected.grad is None), name
            if grad is not None:
                np.testing.assert_allclose(as_array(grad), as_array(expected.grad), rtol=1e-4,
                                           err_msg=name)


@pytest.mark.parametrize("key", sorted(PROGRAMS))
def test_example_has_title_description_and_a_laid_out_root(key):
    doc = load_example(key)
    assert doc.meta["title"] and doc.meta["description"]
    assert doc.meta["root"] in doc.outputs()
    positions = layered_positions(doc)
    assert {d.id: d.pos for d in doc.nodes()} == positions
