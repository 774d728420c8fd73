"""float32/float64 sums and means print PyTorch's digits: the engine replays the order of
PyTorch's CPU cascade sum (SIMD lanes, four streams, blocks carried up four accumulators)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine

torch = pytest.importorskip("torch")


def _data(seed: int, shape, dtype):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape) * rng.uniform(0.01, 100)).astype(dtype)


def test_the_tutorials_sum_of_2000_values():
    # the example: NumPy's float32 pairwise sum gave 647.08154296875
    x = engine.linspace(-np.pi, np.pi, 2000)
    t = torch.linspace(-np.pi, np.pi, 2000)
    assert (engine.sin(x) ** 2 * 0.2).sum().item() == (torch.sin(t) ** 2 * 0.2).sum().item()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 32768), st.sampled_from(["float32", "float64"]))
def test_a_whole_tensor_sums_and_averages_as_torch_does(seed, n, dtype):
    data = _data(seed, n, dtype)
    ours, theirs = engine.tensor(data), torch.tensor(data)
    assert ours.sum().item() == theirs.sum().item()
    assert ours.mean().item() == theirs.mean().item()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 300), st.integers(1, 300),
       st.sampled_from([0, 1, -1]), st.booleans(), st.sampled_from(["float32", "float64"]))
def test_rows_and_columns_sum_as_torch_does(seed, m, n, dim, keepdim, dtype):
    data = _data(seed, (m, n), dtype)
    ours, theirs = engine.tensor(data), torch.tensor(data)
    np.testing.assert_array_equal(ours.sum(dim, keepdim=keepdim).numpy(),
                                  theirs.sum(dim, keepdim=keepdim).numpy())
    np.testing.assert_array_equal(ours.mean(dim, keepdim=keepdim).numpy(),
                                  theirs.mean(dim, keepdim=keepdim).numpy())
    assert ours.sum().item() == theirs.sum().item() or m * n > 32768


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_sums_past_32768_elements_split_across_threads_as_torch_does(threads):
    before = (torch.get_num_threads(), engine.get_num_threads())
    try:
        torch.set_num_threads(threads)
        engine.set_num_threads(threads)
        for n in (32769, 100_000, 1_000_003):
            data = _data(n, n, "float32")
            assert engine.tensor(data).sum().item() == torch.tensor(data).sum().item()
            assert engine.tensor(data).mean().item() == torch.tensor(data).mean().item()
    finally:
        torch.set_num_threads(before[0])
        engine.set_num_threads(before[1])


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 80), st.integers(1, 80), st.sampled_from([0, 1]))
def test_transposed_tensors_sum_in_memory_order(seed, m, n, dim):
    data = _data(seed, (m, n), "float32")
    ours, theirs = engine.tensor(data).t(), torch.tensor(data).t()
    assert ours.sum().item() == theirs.sum().item()
    np.testing.assert_array_equal(ours.sum(dim).numpy(), theirs.sum(dim).numpy())


def test_a_sum_that_overflows_is_inf_and_its_warning_is_the_engines():
    """The engine silences NumPy's overflow warnings raised from its own modules; a warning
    raised inside NumPy's Python wrappers (np.cumsum) escaped that filter."""
    import warnings

    for n in (5, 300, 3000):
        data = np.full(n, 3e38, dtype=np.float32)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert engine.tensor(data).sum().item() == torch.tensor(data).sum().item() == np.inf
            rows = engine.tensor(data.reshape(5, -1))
            assert rows.sum(0).tolist() == torch.tensor(data.reshape(5, -1)).sum(0).tolist()
        assert not [w.filename for w in caught if "numpy" in w.filename]


class _DeviceArray(np.ndarray):
    """Stands in for a device's array type (CuPy's): not a NumPy ndarray itself."""


@pytest.mark.parametrize("n", [600, 2000, 2001, 5000])
def test_a_vector_of_another_array_type_sums_as_torch_does(n):
    # the vector sum pads a NumPy array's tail with np.zeros; another array type takes the
    # unpadded way to the same bits
    from engine.ops.cascade_sum import torch_sum

    data = _data(n, n, "float32")
    theirs = torch.tensor(data).sum().item()
    assert float(torch_sum(data.view(_DeviceArray))) == float(torch_sum(data)) == theirs
