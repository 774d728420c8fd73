"""Issue 15: what learners' scripts do runs and prints as in PyTorch (torch as the oracle)."""
from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def both(program):
    """program(lib) run with the engine and with torch; each result, or the error raised."""
    results = []
    for lib in (engine, torch):
        try:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                value = program(lib)
            results.append((value, sorted({str(w.message) for w in seen})))
        except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
            results.append((type(exc).__name__, str(exc)))
    return results


def same(program):
    ours, theirs = both(program)
    assert ours == theirs


# ------------------------------------------------------------------ torch.cuda
def test_cuda_namespace_answers_as_torch_does_without_a_gpu():
    same(lambda lib: (lib.cuda.is_available(), lib.cuda.device_count(), str(lib.device("cuda"))))
    same(lambda lib: repr(lib.device("cuda" if lib.cuda.is_available() else "cpu")))


def test_placing_a_tensor_on_cuda_without_cupy_names_the_extra():
    if engine.cuda.is_available():
        pytest.skip("CuPy and a GPU are here")
    with pytest.raises(RuntimeError, match=r"\[cuda\]"):
        engine.ones(2, device="cuda")


# ------------------------------------------------------------------ higher order
def test_third_derivative_of_a_square_keeps_its_graph():
    def program(lib):
        x = lib.tensor(2.0, requires_grad=True)
        (g,) = lib.autograd.grad(x**2, x, create_graph=True)
        (h,) = lib.autograd.grad(g, x, create_graph=True)
        (k,) = lib.autograd.grad(h, x)
        return h.item(), h.requires_grad, type(h.grad_fn).__name__, k.item()

    same(program)


def test_relu_second_derivative_stays_differentiable():
    def program(lib):
        x = lib.tensor([1.5, -0.7], requires_grad=True)
        (g,) = lib.autograd.grad(lib.relu(x).sum(), x, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), x, create_graph=True)
        return g.tolist(), g.requires_grad, h.tolist(), h.requires_grad

    same(program)


# ------------------------------------------------------------------ arguments
@pytest.mark.parametrize(
    "call",
    [
        lambda lib, a: lib.matmul(input=a, other=a),
        lambda lib, a: lib.mm(input=a, mat2=a),
        lambda lib, a: lib.add(input=a, other=a, alpha=2),
        lambda lib, a: lib.sum(a, axis=0),
        lambda lib, a: lib.mean(input=a, dim=1),
        lambda lib, a: lib.exp(a, out=lib.empty(2, 2)),
        lambda lib, a: lib.mm(a, a, out=lib.empty(2, 2)),
        lambda lib, a: lib.clamp(input=a, min=2.0),
        lambda lib, a: lib.zeros_like(input=a),
    ],
)
def test_torch_keyword_names_and_out(call):
    same(lambda lib: call(lib, lib.tensor([[1.0, 2.0], [3.0, 4.0]])).tolist())


@pytest.mark.parametrize("kwargs", [{"size_average": False}, {"reduce": False}, {}])
def test_mse_loss_legacy_arguments_warn_and_reduce_as_torch(kwargs):
    def program(lib):
        a = lib.tensor([[1.0, 2.0], [3.0, 4.0]])
        return lib.nn.MSELoss(**kwargs)(a, a * 2).tolist()

    same(program)


def test_grad_only_inputs_is_accepted():
    def program(lib):
        x = lib.tensor(2.0, requires_grad=True)
        return lib.autograd.grad(x * 3, x, only_inputs=True)[0].item()

    same(program)


# ------------------------------------------------------------------ hooks, warnings, names
def test_hook_mutating_its_gradient_changes_what_flows_on():
    def program(lib):
        a = lib.tensor(1.0, requires_grad=True)
        c, d = a * 1, a * 2
        d.register_hook(lambda g: g.mul_(100))
        (c + d).backward()
        return a.grad.item()

    same(program)


def test_float_of_a_tensor_requiring_grad_warns_once():
    engine.autograd._warned["scalar"] = False
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        y = engine.tensor(1.5, requires_grad=True)
        float(y)
        float(y)
        float(engine.tensor(2.0))
    assert [str(w.message).splitlines()[0] for w in seen] == [
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior."
    ]


def test_printed_class_names_are_torch_s():
    def program(lib):
        return [
            repr(type(lib.nn.Parameter(lib.ones(1)))), repr(lib.nn.Linear), repr(lib.nn.MSELoss),
            repr(lib.optim.SGD), repr(lib.no_grad), repr(lib.Generator), repr(lib.nn.Sequential),
            repr(lib.set_grad_enabled(True)), repr(lib.optim.lr_scheduler.StepLR),
        ]

    same(program)


def test_user_subclass_prints_its_own_name():
    class Net(engine.nn.Module):
        pass

    assert repr(Net) == f"<class '{__name__}.test_user_subclass_prints_its_own_name.<locals>.Net'>"


def test_tensors_take_arbitrary_attributes():
    def program(lib):
        t = lib.ones(2)
        t.tag = "x"
        w = lib.ones(2, requires_grad=True)
        w.retain_grad = True
        u = copy.deepcopy(t)
        return t.tag, w.retain_grad, u.tag

    same(program)


def test_where_with_a_uint8_condition_warns_once_and_works():
    def program(lib):
        mask = lib.tensor([1, 0], dtype=lib.uint8)
        return [lib.where(mask, lib.ones(2), lib.zeros(2)).tolist() for _ in range(2)]

    assert program(engine) == program(torch)
    engine.autograd._warned["where_uint8"] = False
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        program(engine)
    assert [str(w.message).split(".")[0] for w in seen] == [
        "where received a uint8 condition tensor"
    ]


# ------------------------------------------------------------------ silent corruption
@pytest.mark.parametrize(
    "program",
    [
        lambda lib: lib.tensor([2**63]).tolist(),
        lambda lib: lib.tensor([2**64 - 1]).tolist(),
        lambda lib: lib.tensor([1, 2**63]).tolist(),
        lambda lib: lib.tensor(2**63).tolist(),
        lambda lib: lib.tensor([-(2**63)]).tolist(),
        lambda lib: lib.tensor([2**70, 1.0]).dtype == lib.float32,
        lambda lib: (lib.tensor([1]) // 0).tolist(),
        lambda lib: (lib.tensor([1]) % 0).tolist(),
        lambda lib: (lib.tensor([4, 5]) // lib.tensor([2, 0])).tolist(),
        lambda lib: (lib.tensor([1.0]) // 0).tolist(),
        lambda lib: lib.manual_seed(2**64).initial_seed(),
        lambda lib: lib.manual_seed(-1).initial_seed(),
        lambda lib: lib.arange(0, math.inf).tolist(),
        lambda lib: lib.arange(0, math.nan).tolist(),
        lambda lib: copy.deepcopy(lib.ones(2, requires_grad=True) * 2).tolist(),
        lambda lib: copy.deepcopy(lib.ones(2, requires_grad=True)).is_leaf,
    ],
)
def test_corruption_raises_as_torch(program):
    same(program)


# ------------------------------------------------------------------ digits
@pytest.mark.parametrize("name", ["exp", "log", "sin", "cos", "tanh", "log1p"])
def test_float32_transcendentals_print_torch_s_digits(name):
    values = np.linspace(0.05, 12.0, 4001, dtype=np.float32)
    ours = getattr(engine, name)(engine.tensor(values)).numpy()
    theirs = getattr(torch, name)(torch.tensor(values)).numpy()
    assert (ours == theirs).mean() > 0.92  # NumPy's float32: 0.61-0.93
    assert getattr(engine, name)(engine.tensor(10.0)).item() == getattr(torch, name)(
        torch.tensor(10.0)).item()


def test_finfo_and_iinfo_match_torch():
    same(lambda lib: [repr(lib.finfo()), repr(lib.finfo(lib.float64)), lib.finfo(lib.float32).eps,
                      repr(lib.iinfo(lib.int64)), lib.iinfo(lib.int32).max])


def test_label_smoothing_round_decimals_and_eye_init_match_torch():
    def program(lib):
        logits = lib.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
        labels = lib.tensor([0, 2])
        loss = lib.nn.CrossEntropyLoss(label_smoothing=0.2)(logits, labels)
        loss.backward()
        none = lib.nn.functional.cross_entropy(logits, labels, reduction="none",
                                               label_smoothing=0.1)
        return (round(loss.item(), 5), logits.grad.numpy().round(5).tolist(),
                none.detach().numpy().round(5).tolist(),
                lib.tensor([1.2345, -2.5551]).round(decimals=2).tolist(),
                lib.nn.init.eye_(lib.empty(2, 3)).tolist())

    same(program)


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu"])
def test_create_graph_gradients_show_torch_s_double_backward_names(name):
    def program(lib):
        x = lib.tensor([-1.0, 0.5, 2.0], requires_grad=True)
        (g,) = lib.autograd.grad(getattr(lib, name)(x).sum(), x, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), x)
        return type(g.grad_fn).__name__, [round(v, 5) for v in h.tolist()]

    same(program)


def test_matmul_dtype_mismatch_message_names_c10_types():
    same(lambda lib: lib.ones(2, 2) @ lib.ones(2, 2, dtype=lib.float64))


@pytest.mark.parametrize("n", [16, 100, 10_003])
def test_random_draws_are_torch_s_bits(n):
    """randn (ATen's AVX2 Box-Muller), normal_, uniform_ and nn.Linear's init, bit for bit."""

    def program(lib):
        lib.manual_seed(n)
        return [lib.randn(n).numpy(), lib.empty(n).normal_(2.0, 0.5).numpy(),
                lib.empty(n).uniform_(-0.3, 0.7).numpy(),
                lib.nn.Linear(n // 10, 7).weight.detach().numpy(),
                lib.randn(n, dtype=lib.float64).numpy()]

    for ours, theirs in zip(program(engine), program(torch)):
        assert ours.dtype == theirs.dtype
        assert np.array_equal(ours, theirs)
