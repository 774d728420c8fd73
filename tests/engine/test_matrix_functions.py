"""det, slogdet, logdet, cholesky, eigh, matrix_power and the matrix norms: values, gradients and
the graph PyTorch records (against torch when it is installed), gradcheck and gradgradcheck, and
PyTorch's messages."""
import pytest

import engine

SPD = [[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]]  # symmetric positive definite
GENERAL = [[2.0, -1.0, 0.5], [1.5, 3.0, -2.0], [0.3, 0.2, -1.0]]  # det < 0
BATCH = [SPD, [[2.0, 0.3, 0.1], [0.3, 1.0, 0.4], [0.1, 0.4, 3.0]]]


def _weights(lib, out):
    """Fixed weights, so each output element has a gradient of its own."""
    return lib.linspace(0.5, 2.0, out.numel(), dtype=out.dtype).reshape(out.shape)


CASES = {  # name: (matrix, function of (lib, A) -> a tensor or a tuple of tensors)
    "det": (GENERAL, lambda lib, A: lib.linalg.det(A)),
    "torch.det batched": (BATCH, lambda lib, A: lib.det(A)),
    "det singular": ([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]],
                     lambda lib, A: lib.linalg.det(A)),
    "slogdet": (GENERAL, lambda lib, A: lib.linalg.slogdet(A)[1]),
    "Tensor.slogdet": (BATCH, lambda lib, A: A.slogdet().logabsdet),
    "logdet": (SPD, lambda lib, A: lib.logdet(A)),
    "logdet negative": (GENERAL, lambda lib, A: A.logdet()),
    "cholesky": (SPD, lambda lib, A: lib.linalg.cholesky(A)),
    "cholesky upper batched": (BATCH, lambda lib, A: lib.linalg.cholesky(A, upper=True)),
    "eigh values": (SPD, lambda lib, A: lib.linalg.eigh(A).eigenvalues),
    "eigh both": (SPD, lambda lib, A: _gauge_free(lib.linalg.eigh(A))),
    "eigvalsh U": (BATCH, lambda lib, A: lib.linalg.eigvalsh(A, UPLO="U")),
    "matrix_power 0": (GENERAL, lambda lib, A: lib.linalg.matrix_power(A, 0)),
    "matrix_power 1": (GENERAL, lambda lib, A: A.matrix_power(1)),
    "matrix_power 3": (GENERAL, lambda lib, A: lib.linalg.matrix_power(A, 3)),
    "matrix_power 6": (GENERAL, lambda lib, A: lib.matrix_power(A, 6)),
    "matrix_power -2": (GENERAL, lambda lib, A: lib.linalg.matrix_power(A, -2)),
    "matrix_norm fro": (GENERAL, lambda lib, A: lib.linalg.matrix_norm(A)),
    "matrix_norm nuc": (GENERAL, lambda lib, A: lib.linalg.matrix_norm(A, "nuc")),
    "matrix_norm 2": (BATCH, lambda lib, A: lib.linalg.matrix_norm(A, 2)),
    "matrix_norm -2 keepdim": (BATCH, lambda lib, A: lib.linalg.matrix_norm(A, -2, keepdim=True)),
    "matrix_norm 1": (GENERAL, lambda lib, A: lib.linalg.matrix_norm(A, 1)),
    "matrix_norm -inf dims": (BATCH, lambda lib, A: lib.linalg.matrix_norm(A, float("-inf"),
                                                                            dim=(0, 2))),
    "cholesky_solve": (SPD, lambda lib, A: lib.cholesky_solve(A[:, :2] * 2,
                                                               lib.linalg.cholesky(A))),
    "cholesky_solve upper": (BATCH, lambda lib, A: A.cholesky_solve(
        lib.linalg.cholesky(A, upper=True), upper=True)),
    "norm of a matrix, ord 1": (GENERAL, lambda lib, A: lib.linalg.norm(A, 1)),
    "norm over two dims": (BATCH, lambda lib, A: lib.linalg.norm(A, "fro", dim=(1, 2))),
}


def _gauge_free(result):
    """eigenvalues and V diag(L) V^T: independent of each eigenvector's sign."""
    L, V = result
    return L, (V * L.unsqueeze(-2)) @ V.mT


def _graph(fn) -> list:
    """Every node's name and its edges' (name, input number), breadth first."""
    seen, order, queue = set(), [], [fn]
    while queue:
        node = queue.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        order.append((node.name(), [(n.name() if n else None, k) for n, k in node.next_functions]))
        queue.extend(n for n, _ in node.next_functions)
    return order


def _run(lib, matrix, function, dtype):
    A = lib.tensor(matrix, dtype=dtype, requires_grad=True)
    result = function(lib, A)
    outs = result if isinstance(result, tuple) else (result,)
    sum(((o * _weights(lib, o)).nansum() for o in outs), lib.tensor(0.0, dtype=dtype)).backward()
    return ([o.detach().numpy().tolist() for o in outs], A.grad.numpy().tolist(),
            [_graph(o.grad_fn) for o in outs])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(CASES))
def test_matrix_functions_are_those_of_torch(name, dtype):
    torch = pytest.importorskip("torch")
    matrix, function = CASES[name]
    mine, theirs = (_run(lib, matrix, function, getattr(lib, dtype)) for lib in (engine, torch))
    assert mine[2] == theirs[2]  # the graph: every node's name and edges
    tolerance = {"rel": 1e-4, "abs": 1e-5} if dtype == "float32" else {"rel": 1e-9, "abs": 1e-11}
    for got, expected in ((mine[0], theirs[0]), (mine[1], theirs[1])):
        assert _flat(got) == pytest.approx(_flat(expected), nan_ok=True, **tolerance)


def _flat(value) -> list:
    if isinstance(value, list):
        return [x for item in value for x in _flat(item)]
    return [value]


@pytest.mark.parametrize("name", [n for n in CASES if "eig" not in n and "singular" not in n
                                  and "negative" not in n])
def test_matrix_functions_pass_gradcheck_and_gradgradcheck(name):
    matrix, function = CASES[name]
    A = engine.tensor(matrix, dtype=engine.float64, requires_grad=True)

    def f(a):
        if "cholesky" in name or "logdet" == name:
            a = (a + a.mT) / 2  # (a symmetric matrix stays positive definite near SPD)
        return function(engine, a)

    assert engine.autograd.gradcheck(f, (A,))
    if not any(through_svd in name for through_svd in ("nuc", "2")):
        # (svd's factors enter a second derivative as constants)
        assert engine.autograd.gradgradcheck(f, (A,))


def test_eigh_passes_gradcheck():
    A = engine.tensor(SPD, dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradcheck(lambda a: _gauge_free(engine.linalg.eigh((a + a.mT) / 2)),
                                     (A,))
    assert engine.autograd.gradcheck(lambda a: engine.linalg.eigvalsh((a + a.mT) / 2, "U"), (A,))


def test_create_graph_through_the_inverse_and_the_singular_values():
    A = engine.tensor(GENERAL, dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradgradcheck(lambda a: engine.linalg.inv(a) * 2, (A,))
    (grad,) = engine.autograd.grad(engine.linalg.svdvals(A).sum(), A, create_graph=True)
    U, _, Vh = engine.linalg.svd(A.detach())
    assert engine.allclose(grad, U @ Vh)  # d(sum of singular values)/dA


def test_det_of_a_singular_matrix_has_pytorchs_two_gradients():
    A = engine.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=engine.float64, requires_grad=True)
    (grad,) = engine.autograd.grad(engine.linalg.det(A), A, create_graph=True)
    assert _flat(grad.tolist()) == pytest.approx([4.0, -2.0, -2.0, 1.0])  # the cofactors
    assert grad.requires_grad
    engine.linalg.det(A).backward()
    assert A.grad.tolist() == [[0.0, 0.0], [0.0, 0.0]]  # g det(A) times a finite matrix


def test_results_print_as_torch_return_types():
    A = engine.tensor(SPD)
    assert repr(engine.linalg.slogdet(A)).startswith("torch.return_types.linalg_slogdet(\nsign=")
    assert repr(engine.slogdet(A)).startswith("torch.return_types.slogdet(\nsign=")
    assert repr(engine.linalg.eigh(A)).startswith(
        "torch.return_types.linalg_eigh(\neigenvalues=")
    assert engine.linalg.matrix_power(engine.tensor([[1, 1], [1, 0]]), 10).tolist() == [
        [89, 55], [55, 34]]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: engine.linalg.det(engine.ones(2, 3)),
     "linalg.det: A must be batches of square matrices, but they are 2 by 3 matrices"),
    (lambda: engine.linalg.det(engine.ones(2, 2, dtype=engine.long)),
     "linalg.det: Expected a floating point or complex tensor as input. Got Long"),
    (lambda: engine.linalg.det(engine.ones(3)),
     "linalg.det: The input tensor A must have at least 2 dimensions."),
    (lambda: engine.linalg.cholesky(engine.tensor([[1.0, 2.0], [2.0, 1.0]])),
     ("linalg.cholesky: The factorization could not be completed because the input is not "
      "positive-definite (the leading minor of order 2 is not positive-definite).")),
    (lambda: engine.linalg.cholesky(engine.tensor([SPD, [[-1.0, 0, 0], [0, 1, 0], [0, 0, 1]]])),
     ("linalg.cholesky: (Batch element 1): The factorization could not be completed because "
      "the input is not positive-definite (the leading minor of order 1 is not "
      "positive-definite).")),
    (lambda: engine.linalg.matrix_power(engine.ones(2, 3), 2),
     "linalg.matrix_power: A must be batches of square matrices, but they are 2 by 3 matrices"),
    (lambda: engine.linalg.eigh(engine.ones(2, 3)),
     "linalg.eigh: A must be batches of square matrices, but they are 2 by 3 matrices"),
    (lambda: engine.linalg.norm(engine.ones(2, 3, 4), "fro"),
     "linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D."),
    (lambda: engine.linalg.norm(engine.ones(2, 3, 4), "fro", dim=0),
     "linalg.matrix_norm: dim must be a 2-tuple. Got 0"),
])
def test_bad_input_gets_pytorchs_message(call, message):
    with pytest.raises(RuntimeError) as error:
        call()
    assert str(error.value) == message


def test_torch_cholesky_warns_as_pytorch_and_records_its_own_node():
    A = engine.tensor(SPD, requires_grad=True)
    with pytest.warns(UserWarning, match=r"torch.cholesky is deprecated in favor of"):
        L = engine.cholesky(A)
    assert L.grad_fn.name() == "CholeskyBackward0"
    assert L.grad_fn._saved_upper is False
    assert engine.allclose(L.grad_fn._saved_L, L.detach())
