"""nansum and nanmean: values, gradients (zero at NaN) and graphs as torch's; gradgradcheck."""
import math

import pytest

import engine

NAN = math.nan
DATA = [[1.0, NAN, 2.5], [3.0, 4.0, NAN]]
CASES = {
    "nansum": lambda lib, x: lib.nansum(x),
    "nansum dim keepdim": lambda lib, x: x.nansum(1, keepdim=True),
    "nansum dims": lambda lib, x: lib.nansum(x, (0, 1)),
    "nanmean": lambda lib, x: x.nanmean(),
    "nanmean dim": lambda lib, x: lib.nanmean(x, 0),
    "nansum float64": lambda lib, x: lib.nansum(x, dtype=lib.float64),
}


def _run(lib, name):
    x = lib.tensor(DATA, requires_grad=True)
    out = CASES[name](lib, x)
    out.sum().backward()
    names, fn = [], out.grad_fn
    while fn is not None:
        names.append((fn.name(), [n.name() if n else None for n, _ in fn.next_functions]))
        fn = next((n for n, _ in fn.next_functions if n is not None), None)
    return out.detach().double().numpy().tolist(), x.grad.numpy().tolist(), names


@pytest.mark.parametrize("name", list(CASES))
def test_nan_reductions_are_those_of_torch(name):
    torch = pytest.importorskip("torch")
    mine, theirs = _run(engine, name), _run(torch, name)
    assert mine == theirs


def test_nansum_skips_nan_in_value_and_gradient():
    x = engine.tensor(DATA, requires_grad=True)
    out = engine.nansum(x, 0)
    assert out.tolist() == [4.0, 4.0, 2.5]
    out.sum().backward()
    assert x.grad.tolist() == [[1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]
    assert x.nanmean().item() == pytest.approx(10.5 / 4)
    assert engine.nansum(engine.tensor([1, 2])).dtype == engine.int64


def test_nansum_passes_gradgradcheck():
    # (no NaN here: a finite difference at NaN is NaN; the mask is tested above)
    x = engine.tensor([[1.0, 2.0], [-3.0, 4.0]], dtype=engine.float64, requires_grad=True)
    weights = engine.tensor([[0.5, 2.0]], dtype=engine.float64)
    f = lambda a: (engine.nansum(a * a, 1, keepdim=True) * weights).nanmean()
    assert engine.autograd.gradgradcheck(f, (x,))


def test_nanmean_of_integers_gets_pytorchs_message():
    with pytest.raises(RuntimeError, match=r"^nanmean\(\): expected input to have floating point "
                                          r"or complex dtype but got Long$"):
        engine.tensor([1, 2]).nanmean()
