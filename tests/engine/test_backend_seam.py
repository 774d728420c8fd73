"""The array-namespace seam: tensors on "cuda" are computed by that device's namespace.

Without a GPU, a stand-in namespace (NumPy behind a recording wrapper) is registered as
"cuda"; every op must give the same numbers as on the CPU, stay on "cuda", and call its
array functions through the stand-in.
"""
from __future__ import annotations

import types

import numpy as np
import pytest

import engine
from engine import backend

PROGRAMS = {
    "exp": (lambda x, y: x.exp(), {"exp"}),
    "log": (lambda x, y: (x.abs() + 1).log(), {"log", "abs"}),
    "sqrt": (lambda x, y: x.abs().sqrt(), {"sqrt"}),
    "trig": (lambda x, y: x.sin() + x.cos() + x.tanh(), {"sin", "cos", "tanh"}),
    "sigmoid": (lambda x, y: x.sigmoid(), {"exp"}),
    "relu": (lambda x, y: x.relu(), {"maximum"}),
    "arith": (lambda x, y: (x + y) * (x - y) / (y * y + 1) - 2 ** x + x ** 2, set()),
    "pow_tensor": (lambda x, y: x.abs() ** y, set()),
    "reductions": (lambda x, y: x.sum(0) + x.mean(1, keepdim=True) + x.max() - x.min(0).values,
                   set()),
    "norm": (lambda x, y: x.norm() + x.norm(dim=1).sum(), {"sqrt"}),
    "matmul": (lambda x, y: x @ y.T, set()),
    "shape": (lambda x, y: x.T.reshape(-1)[1:4].unsqueeze(0).expand(2, 3), {"broadcast_to"}),
    "index": (lambda x, y: x[engine.tensor([1, 0], device=x.device)] + x[0], set()),
    "where": (lambda x, y: engine.where(x > y, x, y), {"where"}),
    "cat": (lambda x, y: engine.cat([x, y * 2]), {"concatenate"}),
    "stack": (lambda x, y: engine.stack([x, y]), {"stack"}),
}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_ops_on_cuda_match_cpu_and_go_through_the_namespace(fake_cuda, name):
    program, functions = PROGRAMS[name]
    rng = np.random.default_rng(3)
    xs, ys = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    results = {}
    for dev in ("cpu", "cuda"):
        x = engine.tensor(xs, dtype=engine.float32, device=dev, requires_grad=True)
        y = engine.tensor(ys, dtype=engine.float32, device=dev, requires_grad=True)
        fake_cuda.calls.clear()
        out = program(x, y)
        out.sum().backward()
        assert out.device.type == dev and x.grad.device.type == dev
        results[dev] = (out.detach().cpu().numpy(), x.grad.cpu().numpy(), y.grad)
        if dev == "cuda":
            assert functions <= fake_cuda.calls, \
                f"not through the namespace: {functions - fake_cuda.calls}"
    np.testing.assert_allclose(results["cpu"][0], results["cuda"][0], rtol=1e-6)
    np.testing.assert_allclose(results["cpu"][1], results["cuda"][1], rtol=1e-6)


def test_factories_create_on_the_requested_and_default_device(fake_cuda):
    assert engine.zeros(2, device="cuda").device == engine.device("cuda")
    assert "full" in fake_cuda.calls
    engine.set_default_device("cuda")
    try:
        assert engine.ones(3).device.type == "cuda"
        assert engine.linspace(0, 1, 3).device.type == "cuda"
        assert engine.tensor([1.0]).device.type == "cuda"
    finally:
        engine.set_default_device("cpu")
    assert engine.ones(1).device.type == "cpu"


def test_to_moves_between_devices_and_gradients_flow_back(fake_cuda):
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x.to("cuda")
    assert y.device.type == "cuda" and type(y.grad_fn).__name__ == "ToCopyBackward0"
    (y * y).sum().backward()
    assert x.grad.device.type == "cpu" and x.grad.tolist() == [2.0, 4.0]
    assert y.cpu().device.type == "cpu"


def test_mixing_devices_is_an_error(fake_cuda):
    with pytest.raises(RuntimeError, match="Expected all tensors to be on the same device"):
        engine.ones(2, device="cuda") + engine.ones(2)
    # A 0-dim CPU tensor may join, as in PyTorch.
    assert (engine.ones(2, device="cuda") * engine.tensor(3.0)).device.type == "cuda"


def test_printing_a_cuda_tensor_names_the_device(fake_cuda):
    assert repr(engine.ones(2, device="cuda")) == "tensor([1., 1.], device='cuda:0')"


def test_cuda_without_cupy_names_the_extra():
    try:
        import cupy  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("CuPy is installed here")
    with pytest.raises(RuntimeError, match=r"pip install 'autograd-explorer\[cuda\]'"):
        engine.ones(2, device="cuda")
    assert not engine.accelerator.is_available()
    assert engine.accelerator.current_accelerator() is None


class ForeignArray(np.ndarray):
    """Like cupy.ndarray: not numpy.ndarray itself (so NumPy-only fast paths stay off) and
    with no `writeable` flag."""

    @property
    def flags(self):
        return types.SimpleNamespace(c_contiguous=True, f_contiguous=False, owndata=True)


class ForeignNumpy(types.ModuleType):
    """NumPy whose functions hand back ForeignArray."""

    def __init__(self) -> None:
        super().__init__("foreign_numpy")

    def __getattr__(self, name):
        attr = getattr(np, name)
        if not callable(attr) or isinstance(attr, type):
            return attr

        def call(*args, **kwargs):
            result = attr(*args, **kwargs)
            return result.view(ForeignArray) if type(result) is np.ndarray else result

        return call


@pytest.fixture
def foreign_cuda():
    backend.register("cuda", ForeignNumpy())
    try:
        yield
    finally:
        engine.set_default_device("cpu")
        backend.unregister("cuda")


def test_an_array_type_that_is_not_numpys_trains_the_tutorial_loop_to_the_same_numbers(
        foreign_cuda):
    from engine.bench import autograd_loop

    assert type(engine.ones(2, device="cuda")._data) is ForeignArray
    engine.set_default_device("cuda")
    on_device = autograd_loop(engine, steps=60, points=300)
    engine.set_default_device("cpu")
    on_cpu = autograd_loop(engine, steps=60, points=300)
    assert on_device == on_cpu
    p = engine.tensor([1.0, 2.0], device="cuda", requires_grad=True)
    (p * p).sum().backward()
    p.grad.zero_()  # the optimizer's zero_grad; fill_ and the in-place ops on such arrays
    with engine.no_grad():
        p -= engine.tensor([0.5, 0.5], device="cuda")
    assert p.grad.tolist() == [0.0, 0.0] and p.tolist() == [0.5, 1.5]
