"""linalg.solve_triangular: values, gradients (the other triangle gets none) and the node PyTorch
records, against torch when it is installed; gradcheck and gradgradcheck; PyTorch's messages."""
import pytest

import engine
from tests.engine.test_matrix_functions import _flat, _graph

A = [[2.0, 0.7, -0.4], [0.5, 1.5, 0.3], [-1.0, 0.8, 3.0]]  # both triangles: one is read
B = [[1.0, -2.0], [0.5, 0.25], [3.0, 1.0]]
CASES = {  # name: (A's shape-maker, B's, keyword arguments)
    "lower": (lambda a: a, lambda b: b, {"upper": False}),
    "upper": (lambda a: a, lambda b: b, {"upper": True}),
    "unitriangular": (lambda a: a, lambda b: b, {"upper": False, "unitriangular": True}),
    "right side": (lambda a: a, lambda b: b.mT, {"upper": True, "left": False}),
    "batched B": (lambda a: a, lambda b: b.expand(4, 3, 2) * 1.5, {"upper": False}),
    "batched A": (lambda a: a.expand(2, 3, 3) * 2, lambda b: b, {"upper": True}),
}


def _run(lib, name, dtype):
    make_a, make_b, kwargs = CASES[name]
    a = lib.tensor(A, dtype=dtype, requires_grad=True)
    b = lib.tensor(B, dtype=dtype, requires_grad=True)
    x = lib.linalg.solve_triangular(make_a(a), make_b(b), **kwargs)
    (x * lib.linspace(0.5, 2.0, x.numel(), dtype=dtype).reshape(x.shape)).sum().backward()
    return x.tolist(), a.grad.tolist(), b.grad.tolist(), _graph(x.grad_fn)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(CASES))
def test_solve_triangular_is_torchs(name, dtype):
    torch = pytest.importorskip("torch")
    mine, theirs = (_run(lib, name, getattr(lib, dtype)) for lib in (engine, torch))
    tolerance = {"rel": 1e-4, "abs": 1e-5} if dtype == "float32" else {"rel": 1e-9, "abs": 1e-11}
    for got, expected in zip(mine[:3], theirs[:3]):
        assert _flat(got) == pytest.approx(_flat(expected), **tolerance)
    assert mine[3] == theirs[3]


def test_only_the_triangle_read_gets_a_gradient():
    a = engine.tensor(A, requires_grad=True)
    engine.linalg.solve_triangular(a, engine.tensor(B), upper=False).sum().backward()
    assert a.grad.triu(1).abs().sum().item() == 0.0
    assert a.grad.tril().abs().sum().item() > 0.0


@pytest.mark.parametrize("name", list(CASES))
def test_solve_triangular_passes_gradcheck_and_gradgradcheck(name):
    make_a, make_b, kwargs = CASES[name]
    a = engine.tensor(A, dtype=engine.float64, requires_grad=True)
    b = engine.tensor(B, dtype=engine.float64, requires_grad=True)

    def f(x, y):
        return engine.linalg.solve_triangular(make_a(x), make_b(y), **kwargs)

    assert engine.autograd.gradcheck(f, (a, b))
    assert engine.autograd.gradgradcheck(f, (a, b))


def test_a_vector_is_refused_as_torch_refuses_it():
    with pytest.raises(RuntimeError, match="^linalg.solve_triangular: The input tensor B must have "
                                           "at least 2 dimensions.$"):
        engine.linalg.solve_triangular(engine.eye(2), engine.ones(2), upper=False)
