"""lgamma, digamma, polygamma, erfc, erfinv, logit, sinc and torch.special's names: values over a
range of points, gradients and nodes against torch where installed; gradcheck and gradgradcheck
and the values at the poles without it."""
import math

import pytest

import engine

POINTS = [-3.7, -2.5, -0.6, 0.01, 0.3, 1.0, 1.5, 2.0, 4.75, 11.9, 12.5, 30.0, 250.0]
UNIT = [-0.99, -0.7, -0.2, 0.0, 0.05, 0.5, 0.93, 0.999]
CASES = {  # name: (points, function of (lib, x))
    "lgamma": (POINTS, lambda lib, x: lib.lgamma(x)),
    "gammaln": (POINTS, lambda lib, x: lib.special.gammaln(x)),
    "digamma": (POINTS, lambda lib, x: x.digamma()),
    "psi": (POINTS, lambda lib, x: lib.special.psi(x)),
    "polygamma 1": (POINTS, lambda lib, x: lib.polygamma(1, x)),
    "polygamma 3": (POINTS, lambda lib, x: x.polygamma(3)),
    "erfc": (POINTS, lambda lib, x: lib.erfc(x)),
    "erfinv": (UNIT, lambda lib, x: lib.erfinv(x)),
    "logit": ([abs(u) / 2 + 0.25 for u in UNIT], lambda lib, x: lib.logit(x)),
    "logit eps": (UNIT, lambda lib, x: x.logit(eps=0.1)),
    "sinc": ([*POINTS, 0.0], lambda lib, x: lib.sinc(x)),
    "expit": (POINTS, lambda lib, x: lib.special.expit(x)),
    "ndtr": (POINTS, lambda lib, x: lib.special.ndtr(x)),
}


def _run(lib, name, dtype):
    points, function = CASES[name]
    x = lib.tensor(points, dtype=dtype, requires_grad=True)
    out = function(lib, x)
    out.sum().backward()
    return out.detach().tolist(), x.grad.tolist(), out.grad_fn.name()


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(CASES))
def test_special_functions_are_those_of_torch(name, dtype):
    torch = pytest.importorskip("torch")
    mine = _run(engine, name, getattr(engine, dtype))
    theirs = _run(torch, name, getattr(torch, dtype))
    assert mine[2] == theirs[2]
    # (PyTorch's trigamma stops its series early: 5e-10 from the exact value)
    rel = 1e-9 if dtype == "float64" else 2e-6
    for got, expected in zip(mine[:2], theirs[:2]):
        assert got == pytest.approx(expected, rel=rel, abs=rel, nan_ok=True)


@pytest.mark.parametrize("name", [n for n in CASES if n != "logit eps"])
def test_special_functions_pass_gradcheck_and_gradgradcheck(name):
    points, function = CASES[name]
    # (away from the kinks and poles, where finite differences mean nothing)
    x = engine.tensor([p for p in points if p > 0.2 and p < 20 or name in ("erfinv", "logit")],
                      dtype=engine.float64, requires_grad=True)
    if name == "erfinv":
        x = engine.tensor([-0.7, -0.2, 0.05, 0.5], dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradcheck(lambda a: function(engine, a), (x,))
    assert engine.autograd.gradgradcheck(lambda a: function(engine, a), (x,))


def test_values_at_the_poles_are_pytorchs():
    def values(t):
        return [float(v) for v in t.tolist()]

    assert values(engine.digamma(engine.tensor([0.0, -0.0, -1.0]))) == pytest.approx(
        [-math.inf, math.inf, math.nan], nan_ok=True)
    assert values(engine.lgamma(engine.tensor([0.0, -1.0]))) == [math.inf, math.inf]
    assert values(engine.polygamma(1, engine.tensor([0.0]))) == [math.inf]
    assert values(engine.polygamma(2, engine.tensor([0.0]))) == [-math.inf]
    assert values(engine.erfinv(engine.tensor([-1.0, 1.0]))) == [-math.inf, math.inf]
    assert math.isnan(engine.erfinv(engine.tensor(1.5)).item())
    assert values(engine.logit(engine.tensor([0.0, 1.0]), eps=0.1)) == pytest.approx(
        [-2.1972246, 2.1972246])


def test_digamma_and_lgamma_agree_with_known_values():
    euler = 0.5772156649015329
    x = engine.tensor([1.0, 0.5, 10.5], dtype=engine.float64)
    assert engine.digamma(x).tolist() == pytest.approx(
        [-euler, -euler - 2 * math.log(2), 2.3030010342], rel=1e-10)
    assert engine.lgamma(x).tolist() == pytest.approx(
        [0.0, math.log(math.sqrt(math.pi)), math.lgamma(10.5)], abs=1e-15)
    assert engine.polygamma(1, engine.tensor(1.0, dtype=engine.float64)).item() == \
        pytest.approx(math.pi**2 / 6, rel=1e-14)


def test_polygamma_of_a_negative_order_gets_pytorchs_message():
    with pytest.raises(RuntimeError, match=r"^polygamma\(n, x\) does not support negative n\.$"):
        engine.polygamma(-1, engine.tensor(1.0))
