"""cumprod, roll, scatter / scatter_add / index_add (and their in-place forms), einsum and
meshgrid: values, grad_fn names and gradients as PyTorch gives them."""
import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def _both(program):
    """Run `program(lib)` with the engine and with torch; it returns (output, leaves)."""
    ours, theirs = program(engine), program(torch)
    return ours, theirs


def _check(program, rtol=1e-5, same_node=True):
    (out, leaves), (t_out, t_leaves) = _both(program)
    np.testing.assert_allclose(out.detach().numpy(), t_out.detach().numpy(), rtol=rtol, atol=1e-6)
    if t_out.grad_fn is None:
        assert out.grad_fn is None
        return
    assert type(out.grad_fn).__name__ == type(t_out.grad_fn).__name__ or not same_node
    weights = np.linspace(-1, 2, out.numel()).reshape(tuple(out.shape)).astype(np.float32)
    (out * engine.tensor(weights)).sum().backward()
    (t_out * torch.tensor(weights)).sum().backward()
    for ours, theirs in zip(leaves, t_leaves):
        np.testing.assert_allclose(ours.grad.numpy(), theirs.grad.numpy(), rtol=rtol, atol=1e-5)


def _leaf(lib, values):
    return lib.tensor(np.asarray(values, dtype=np.float32), requires_grad=True)


X = np.array([[1.5, -2.0, 0.5, 3.0], [0.25, 1.0, -1.5, 2.0], [2.0, 0.5, 1.0, -0.75]])


@pytest.mark.parametrize("dim", [0, 1, -1])
def test_cumprod_with_and_without_zeros(dim):
    for values in (X, np.where(X == 1.0, 0.0, X), np.where(X > 1.9, 0.0, X)):
        def program(lib, values=values):
            x = _leaf(lib, values)
            return x.cumprod(dim), [x]

        _check(program)


def test_cumprod_twice_differentiable_and_integer():
    x = engine.tensor([1.5, 0.0, 2.0, -1.0], requires_grad=True)
    (g,) = engine.autograd.grad(x.cumprod(0).sum(), x, create_graph=True)
    (h,) = engine.autograd.grad(g.sum(), x)
    tx = torch.tensor([1.5, 0.0, 2.0, -1.0], requires_grad=True)
    (tg,) = torch.autograd.grad(tx.cumprod(0).sum(), tx, create_graph=True)
    (th,) = torch.autograd.grad(tg.sum(), tx)
    np.testing.assert_allclose(g.detach().numpy(), tg.detach().numpy())
    np.testing.assert_allclose(h.numpy(), th.numpy())
    assert engine.cumprod(engine.tensor([1, 2, 3]), 0).dtype == engine.int64


@pytest.mark.parametrize("shifts, dims", [(1, None), (-2, None), (1, 1), ((1, 2), (0, 1)),
                                          (5, 0)])
def test_roll(shifts, dims):
    def program(lib):
        x = _leaf(lib, X)
        return lib.roll(x, shifts, dims), [x]

    _check(program)


def test_scatter_with_a_tensor_and_with_a_value():
    index = [[0, 1, 2, 0], [1, 2, 0, 1]]

    def program(lib):
        base, src = _leaf(lib, np.zeros((3, 4))), _leaf(lib, X[:2] * 2)
        return base.scatter(0, lib.tensor(index), src), [base, src]

    def value(lib):
        base = _leaf(lib, X)
        return lib.scatter(base, 1, lib.tensor([[3], [0], [1]]), 7.5), [base]

    _check(program)
    _check(value)


def test_scatter_add_and_index_add_add_up_repeats():
    def program(lib):
        base, src = _leaf(lib, X), _leaf(lib, X[:2] + 1)
        return lib.scatter_add(base, 0, lib.tensor([[0, 0, 2, 0], [0, 2, 0, 1]]), src), [base, src]

    def index_add(lib):
        base, src = _leaf(lib, np.ones((5, 4))), _leaf(lib, X)
        return base.index_add(0, lib.tensor([0, 4, 0]), src, alpha=2), [base, src]

    _check(program)
    _check(index_add)


def test_in_place_forms_and_errors():
    for lib in (engine, torch):
        t = lib.zeros(2, 3)
        t.scatter_(1, lib.tensor([[2], [0]]), 5.0)
        t.index_add_(1, lib.tensor([1]), lib.ones(2, 1))
        t.scatter_add_(0, lib.tensor([[1, 1, 1]]), lib.ones(1, 3))
        if lib is engine:
            ours = t.numpy()
        else:
            np.testing.assert_array_equal(ours, t.numpy())
    with pytest.raises(RuntimeError, match="out of bounds"):
        engine.zeros(2).scatter(0, engine.tensor([2]), engine.ones(1))
    with pytest.raises(RuntimeError, match="int64"):
        engine.zeros(2).scatter(0, engine.tensor([1.0]), engine.ones(1))


@pytest.mark.parametrize("equation, shapes", [
    ("ij,jk->ik", [(3, 4), (4, 2)]),
    ("ij->ji", [(3, 4)]),
    ("ij->", [(3, 4)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("i,j->ij", [(3,), (4,)]),
    ("i,i->", [(4,), (4,)]),
    ("ij,ij->ij", [(3, 4), (3, 4)]),
    ("ij,j->i", [(3, 4), (4,)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (2, 4, 5)]),
    ("bhqd,bhkd->bhqk", [(2, 2, 3, 4), (2, 2, 5, 4)]),
    ("i,i,i->", [(4,), (4,), (4,)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("ij", [(3, 4)]),
    ("ji", [(3, 4)]),
])
def test_einsum(equation, shapes):
    rng = np.random.default_rng(0)
    values = [rng.standard_normal(s) for s in shapes]

    def program(lib):
        leaves = [_leaf(lib, v) for v in values]
        return lib.einsum(equation, *leaves), leaves

    # a diagonal that stays in the output: PyTorch's last node is a permute of a strided view
    _check(program, rtol=1e-4, same_node=equation != "ii->i")


def test_meshgrid_both_indexings_and_the_warning():
    for indexing in ("ij", "xy"):
        def program(lib, indexing=indexing):
            a, b = _leaf(lib, [1.0, 2.0, 3.0]), _leaf(lib, [4.0, 5.0])
            gx, gy = lib.meshgrid(a, b, indexing=indexing)
            return gx * 2 + gy ** 2, [a, b]

        _check(program)
        ours = engine.meshgrid(engine.arange(3), engine.arange(2), indexing=indexing)
        theirs = torch.meshgrid(torch.arange(3), torch.arange(2), indexing=indexing)
        assert [g.tolist() for g in ours] == [g.tolist() for g in theirs]
        assert ours[0].grad_fn is None
    with pytest.warns(UserWarning, match="indexing argument"):
        engine.meshgrid(engine.arange(2), engine.arange(2))


def test_scatter_family_differentiable_twice():
    results = []
    for lib in (engine, torch):
        src = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
        base = lib.tensor([[1.0] * 3, [2.0] * 3, [3.0] * 3], requires_grad=True)
        idx = lib.tensor([[0, 2, 1], [1, 0, 1]])
        out = (base ** 2).scatter(0, idx, src ** 2).scatter_add(0, idx, src ** 3)
        out = out.index_add(1, lib.tensor([0, 2]), base[:, :2] ** 2)
        g = lib.autograd.grad(out.sum(), [src, base], create_graph=True)
        h = lib.autograd.grad((g[0] ** 2).sum() + (g[1] ** 2).sum(), [src, base])
        results.append([t.tolist() for t in (*g, *h)])
    assert results[0] == results[1]
