"""What learners' snippets (round 9) needed of the engine: the graphs PyTorch records for global
average pooling and repeat_interleave, unfold, tensor_split and its h/v/d forms, lstsq; torch the
oracle where installed, gradcheck and PyTorch's messages without it."""
from __future__ import annotations

import pytest

import engine


def _chain(t) -> list:
    names, fn = [], t.grad_fn
    while fn is not None:
        names.append(fn.name())
        fn = next((n for n, _ in fn.next_functions if n is not None), None)
    return names


def _x(lib):
    return lib.arange(12.0, dtype=lib.float64).reshape(1, 1, 3, 4).requires_grad_()


CASES = {  # name: function of (lib, x) with x 1 x 1 x 3 x 4, float64
    "global average pool": lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x, 1),
    "adaptive average pool 2 x 3": lambda lib, x: lib.nn.functional.adaptive_avg_pool2d(x,
                                                                                      (2, 3)),
    "adaptive average pool 1d": lambda lib, x: lib.nn.functional.adaptive_avg_pool1d(x[0, 0],
                                                                                     1),
    "repeat_interleave": lambda lib, x: x.repeat_interleave(2),
    "repeat_interleave dim": lambda lib, x: x.repeat_interleave(3, dim=-2),
    "repeat_interleave counts": lambda lib, x: x[0, 0].repeat_interleave(
        lib.tensor([1, 0, 2]), dim=0),
    "unfold": lambda lib, x: x.unfold(3, 2, 1),
    "unfold with a step": lambda lib, x: x.reshape(12).unfold(0, 3, 2),
    "tensor_split into 3": lambda lib, x: lib.tensor_split(x.reshape(12), 5)[4],
    "tensor_split at indices": lambda lib, x: x.tensor_split([1, 3], dim=3)[1],
    "hsplit": lambda lib, x: lib.hsplit(x[0, 0], 2)[1],
    "vsplit": lambda lib, x: x[0, 0].vsplit([2])[0],
    "dsplit": lambda lib, x: lib.dsplit(x[0], [1, 3])[2],
    "quantile": lambda lib, x: lib.quantile(x[0, 0], 0.3, dim=1),
    "quantiles kept": lambda lib, x: x[0, 0].quantile(
        lib.tensor([0.25, 0.8], dtype=lib.float64), dim=0, keepdim=True),
    "nanquantile": lambda lib, x: lib.nanquantile(x.reshape(12), 0.7),
    "quantile midpoint": lambda lib, x: x.reshape(12).quantile(0.5, interpolation="midpoint"),
    "quantile nearest": lambda lib, x: lib.quantile(x, 0.4, interpolation="nearest"),
    "msort": lambda lib, x: lib.msort(x[0, 0].flip(0)),
    "lerp by a tensor": lambda lib, x: x.lerp(x * 2, lib.linspace(0, 1, 4, dtype=lib.float64)),
    "fmax": lambda lib, x: lib.fmax(x, x.flip(3)),
    "fmin": lambda lib, x: lib.fmin(x, lib.tensor(5.5, dtype=lib.float64)),
    "index_fill": lambda lib, x: x[0, 0].index_fill(1, lib.tensor([0, 2]), -1.0),
    "kron": lambda lib, x: lib.kron(x[0, 0], x[0, 0, :2, :2]),
    "inner": lambda lib, x: lib.inner(x[0, 0], x[0, 0]),
    "logcumsumexp": lambda lib, x: lib.logcumsumexp(x / 3 - 2, 3),
    "logcumsumexp along rows": lambda lib, x: (x[0, 0] * x[0, 0]).logcumsumexp(0),
}


def _run(lib, name):
    x = _x(lib)
    out = CASES[name](lib, x)
    weights = lib.linspace(0.5, 2.0, out.numel(), dtype=out.dtype).reshape(out.shape)
    (out * weights).sum().backward()
    return out.detach().numpy().tolist(), x.grad.numpy().tolist(), _chain(out)


@pytest.mark.parametrize("name", list(CASES))
def test_the_op_is_that_of_torch(name):
    torch = pytest.importorskip("torch")
    (values, grad, chain), (their_values, their_grad, their_chain) = (
        _run(engine, name), _run(torch, name))
    if name != "inner":  # (PyTorch's tensordot permutes and reshapes for mm; here einsum)
        assert chain == their_chain
    assert _deep(values) == pytest.approx(_deep(their_values))
    assert _deep(grad) == pytest.approx(_deep(their_grad))


def _deep(value) -> list:
    if isinstance(value, list):
        return [x for item in value for x in _deep(item)]
    return [value]


@pytest.mark.parametrize("name", list(CASES))
def test_the_op_passes_gradcheck_and_gradgradcheck(name):
    x = _x(engine).detach().requires_grad_()

    def f(a):
        return CASES[name](engine, a)

    assert engine.autograd.gradcheck(f, (x,))
    assert engine.autograd.gradgradcheck(f, (x,))


def test_global_average_pooling_is_a_mean_over_the_last_two_dims():
    out = engine.nn.functional.adaptive_avg_pool2d(_x(engine), (1, 1))
    assert _chain(out) == ["MeanBackward1", "torch::autograd::AccumulateGrad"]
    assert out.item() == pytest.approx(5.5)


def test_a_clone_of_an_expanded_tensor_is_contiguous():
    y = engine.tensor([[1.0], [2.0]]).expand(2, 3).clone()
    assert y.is_contiguous() and y.view(6).tolist() == [1.0, 1.0, 1.0, 2.0, 2.0, 2.0]


def test_unfold_windows_overlap_and_their_gradients_add_up():
    x = engine.arange(5.0, requires_grad=True)
    windows = x.unfold(0, 3, 1)
    assert windows.tolist() == [[0.0, 1.0, 2.0], [1.0, 2.0, 3.0], [2.0, 3.0, 4.0]]
    windows.sum().backward()
    assert x.grad.tolist() == [1.0, 2.0, 3.0, 2.0, 1.0]


def test_lstsq_is_that_of_torch():
    torch = pytest.importorskip("torch")
    results = []
    for lib in (engine, torch):
        A = lib.tensor([[2.0, 1.0], [1.0, 3.0], [1.0, 1.0]], dtype=lib.float64,
                       requires_grad=True)
        B = lib.tensor([[1.0, 0.0], [2.0, 1.0], [0.5, -1.0]], dtype=lib.float64,
                       requires_grad=True)
        result = lib.linalg.lstsq(A, B)
        (result.solution * lib.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=lib.float64)).sum() \
            .backward()
        results.append((result.solution.tolist(), result.rank.item(),
                        list(result.residuals.shape), A.grad.tolist(), B.grad.tolist(),
                        _chain(result.solution), repr(result).splitlines()[0]))
    assert results[0][1:3] == results[1][1:3] and results[0][5:] == results[1][5:]
    for i in (0, 3, 4):  # the solution and the two gradients
        assert _deep(results[0][i]) == pytest.approx(_deep(results[1][i]))


@pytest.mark.parametrize("shape", [(3, 2), (2, 3)])
def test_lstsq_passes_gradcheck(shape):
    A = engine.linspace(-1.0, 2.0, 6, dtype=engine.float64).reshape(shape) + \
        engine.eye(*shape, dtype=engine.float64)
    A.requires_grad_()
    B = engine.tensor([[1.0], [-2.0], [0.5]][: shape[0]], dtype=engine.float64,
                      requires_grad=True)
    assert engine.autograd.gradcheck(lambda a, b: engine.linalg.lstsq(a, b).solution, (A, B))


@pytest.mark.parametrize(("call", "message"), [
    (lambda: engine.arange(6.0).reshape(2, 3).unfold(1, 4, 1),
     "maximum size for tensor at dimension 1 is 3 but size is 4"),
    (lambda: engine.arange(6.0).unfold(0, 2, 0), "step is 0 but must be > 0"),
    (lambda: engine.tensor_split(engine.arange(6.0), 0),
     "number of sections must be larger than 0, got 0"),
    (lambda: engine.hsplit(engine.arange(6.0).reshape(2, 3), 2),
     ("torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is "
      "not divisible by the split_size 2!")),
    (lambda: engine.vsplit(engine.arange(3.0), 1),
     ("torch.vsplit requires a tensor with at least 2 dimension, but got a tensor with 1 "
      "dimensions!")),
])
def test_bad_arguments_get_pytorchs_message(call, message):
    with pytest.raises(RuntimeError) as error:
        call()
    assert str(error.value) == message


def test_quantile_and_nanquantile_treat_nan_as_pytorch():
    nan = float("nan")
    x = engine.tensor([[1.0, nan, 3.0], [4.0, 5.0, 6.0]])
    assert str(engine.quantile(x, 0.5, dim=1).tolist()) == "[nan, 5.0]"
    assert engine.nanquantile(x, 0.5, dim=1).tolist() == [2.0, 5.0]
    assert engine.nanquantile(engine.tensor([nan]), 0.3).isnan().item()
    assert engine.quantile(engine.arange(5.0), 0.625, interpolation="nearest").item() == 2.0


@pytest.mark.parametrize(("call", "message"), [
    (lambda: engine.quantile(engine.arange(3.0), 1.5),
     "quantile() q must be in the range [0, 1] but got 1.5"),
    (lambda: engine.quantile(engine.arange(3.0), engine.tensor([0.2, 1.2])),
     "quantile() q values must be in the range [0, 1]"),
    (lambda: engine.quantile(engine.arange(3.0), 0.5, interpolation="bad"),
     ("quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, "
      "but got bad")),
    (lambda: engine.heaviside(engine.tensor([1, 0]), engine.tensor(1.0)),
     "heaviside is not yet implemented for tensors with different dtypes."),
])
def test_quantile_and_heaviside_messages_are_pytorchs(call, message):
    with pytest.raises(RuntimeError) as error:
        call()
    assert str(error.value) == message


def test_histc_and_heaviside_have_values_and_no_derivative():
    x = engine.tensor([1.0, 2.0, 1.0, 4.0, 10.0], requires_grad=True)
    counts = engine.histc(x, bins=4, min=0, max=4)
    assert counts.tolist() == [0.0, 2.0, 1.0, 1.0]
    assert engine.histc(engine.tensor([1.0, 2.0, 3.0]), bins=3).tolist() == [1.0, 1.0, 1.0]
    step = engine.heaviside(x - 2, engine.tensor(0.5))
    assert step.tolist() == [0.0, 0.5, 0.0, 1.0, 1.0]
    assert step.grad_fn.name() == "NotImplemented"
    with pytest.raises(RuntimeError, match="derivative for aten::heaviside is not implemented"):
        step.sum().backward()


def test_storage_offset_counts_elements_from_the_base():
    x = engine.arange(6.0).reshape(2, 3)
    assert [x.storage_offset(), x[1].storage_offset(), x[:, 1:].storage_offset(),
            x.t()[1].storage_offset()] == [0, 3, 1, 1]


def test_logcumsumexp_neither_overflows_nor_underflows():
    x = engine.tensor([[0.0, 1000.0, -1000.0]], requires_grad=True)
    out = engine.logcumsumexp(x, 1)
    assert out.tolist() == [[0.0, 1000.0, 1000.0]]
    (out * engine.tensor([[1.0, -2.0, 3.0]])).sum().backward()
    assert x.grad[0].tolist() == pytest.approx([1.0, 1.0, 0.0], abs=1e-5)
