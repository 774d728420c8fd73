"""torch.distributions in the engine: log_prob, entropy, moments, rsample and kl_divergence against
torch (values, gradients, the graph recorded), seeded draws, reprs and PyTorch's messages (when
torch is installed); gradcheck of the differentiable paths without torch."""
import math

import pytest

import engine
from tests.engine.test_matrix_functions import _graph

LOC = [0.5, -1.0, 2.0]
SCALE = [1.5, 0.7, 2.0]
VALUE = [0.3, -0.4, 3.1]
PROBS = [[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]
COV = [[2.0, 0.6], [0.6, 1.0]]
TRIL = [[1.3, 0.0], [0.4, 0.8]]


def _normal(D, p):
    return D.Normal(p["loc"], p["scale"])


def _mvn(D, p):
    return D.MultivariateNormal(p["loc"][:2], covariance_matrix=p["cov"])


# name: (function of (lib, D, parameters) -> a tensor, whether its graph is torch's node for node;
# False where only reshape nodes differ: PyTorch's cholesky and triangular solve return
# column-major matrices, so reshaping them records ReshapeAliasBackward0 or UnsafeViewBackward0
# where the engine's row-major ones record ViewBackward0; or where the engine's broadcast matmul
# records other nodes. The values and gradients agree in every case)
CASES = {
    "Normal.log_prob": (lambda lib, D, p: _normal(D, p).log_prob(lib.tensor(VALUE)), True),
    "Normal.entropy": (lambda lib, D, p: _normal(D, p).entropy(), True),
    "Normal.cdf": (lambda lib, D, p: _normal(D, p).cdf(lib.tensor(VALUE)), True),
    "Normal moments": (lambda lib, D, p: _normal(D, p).variance + _normal(D, p).stddev
                       + _normal(D, p).mean, True),
    "Normal.rsample": (lambda lib, D, p: _normal(D, p).rsample((2,)), True),
    "Normal.rsample, 20 draws": (lambda lib, D, p: _normal(D, p).rsample((7,)), True),
    "kl Normal Normal": (lambda lib, D, p: D.kl_divergence(
        _normal(D, p), D.Normal(p["loc"] * 0.5, 1.0)), True),
    "Bernoulli probs log_prob": (lambda lib, D, p: D.Bernoulli(p["probs"]).log_prob(
        lib.tensor([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])), True),
    "Bernoulli logits log_prob": (lambda lib, D, p: D.Bernoulli(logits=p["loc"]).log_prob(
        lib.tensor([1.0, 0.0, 1.0])), True),
    "Bernoulli entropy and variance": (lambda lib, D, p: D.Bernoulli(logits=p["loc"]).entropy()
                                       + D.Bernoulli(logits=p["loc"]).variance, True),
    "kl Bernoulli Bernoulli": (lambda lib, D, p: D.kl_divergence(
        D.Bernoulli(p["probs"]), D.Bernoulli(logits=p["probs"] - 0.5)), True),
    "Categorical probs log_prob": (lambda lib, D, p: D.Categorical(p["probs"]).log_prob(
        lib.tensor([[2, 0], [1, 1]])), True),
    "Categorical logits log_prob": (lambda lib, D, p: D.Categorical(logits=p["loc"]).log_prob(
        lib.tensor([2, 0, 1, 1])), True),
    "Categorical entropy": (lambda lib, D, p: D.Categorical(logits=p["probs"] * 3).entropy(),
                            True),
    "kl Categorical Categorical": (lambda lib, D, p: D.kl_divergence(
        D.Categorical(p["probs"]), D.Categorical(logits=p["probs"].flip(-1))), True),
    "OneHotCategorical log_prob": (lambda lib, D, p: D.OneHotCategorical(p["probs"]).log_prob(
        lib.tensor([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])), True),
    "Uniform log_prob and entropy": (lambda lib, D, p: D.Uniform(p["loc"], p["loc"] + p["scale"])
                                     .log_prob(lib.tensor([0.6, -0.5, 3.0]))
                                     + D.Uniform(p["loc"], 5.0).entropy(), True),
    "Uniform moments": (lambda lib, D, p: D.Uniform(p["loc"], 5.0).variance
                        + D.Uniform(p["loc"], 5.0).mean, True),
    "Uniform.rsample": (lambda lib, D, p: D.Uniform(p["loc"], 5.0).rsample((2,)), True),
    "kl Uniform Uniform": (lambda lib, D, p: D.kl_divergence(
        D.Uniform(p["loc"], 5.0), D.Uniform(p["loc"] - 1.0, 6.0)), True),
    "Exponential": (lambda lib, D, p: D.Exponential(p["scale"]).log_prob(lib.tensor(VALUE).abs())
                    + D.Exponential(p["scale"]).entropy() + D.Exponential(p["scale"]).variance,
                    True),
    "Exponential.rsample": (lambda lib, D, p: D.Exponential(p["scale"]).rsample((3,)), True),
    "Laplace": (lambda lib, D, p: D.Laplace(p["loc"], p["scale"]).log_prob(lib.tensor(VALUE))
                + D.Laplace(p["loc"], p["scale"]).entropy(), True),
    "Laplace.rsample": (lambda lib, D, p: D.Laplace(p["loc"], p["scale"]).rsample((2,)), True),
    "Independent Normal log_prob": (lambda lib, D, p: D.Independent(_normal(D, p), 1).log_prob(
        lib.tensor([VALUE, LOC])), True),
    "MultivariateNormal log_prob": (lambda lib, D, p: _mvn(D, p).log_prob(
        lib.tensor([[0.3, -0.2], [1.0, 2.0]])), False),
    "MultivariateNormal scale_tril": (lambda lib, D, p: D.MultivariateNormal(
        p["loc"][1:], scale_tril=p["tril"]).log_prob(lib.tensor([0.3, -0.2])), True),
    "MultivariateNormal precision_matrix": (lambda lib, D, p: D.MultivariateNormal(
        p["loc"][:2], precision_matrix=p["cov"]).log_prob(lib.tensor([0.3, -0.2])), False),
    "MultivariateNormal lazy matrices": (lambda lib, D, p: D.MultivariateNormal(
        p["loc"][:2], scale_tril=p["tril"]).covariance_matrix + D.MultivariateNormal(
        p["loc"][:2], scale_tril=p["tril"]).variance, True),
    "Categorical perplexity": (lambda lib, D, p: D.Categorical(p["probs"]).perplexity(), True),
    "MultivariateNormal entropy": (lambda lib, D, p: _mvn(D, p).entropy(), True),
    "MultivariateNormal.rsample": (lambda lib, D, p: _mvn(D, p).rsample((3,)), False),
    "kl MultivariateNormal": (lambda lib, D, p: D.kl_divergence(
        _mvn(D, p), D.MultivariateNormal(p["loc"][1:], scale_tril=p["tril"])), False),
}


def _parameters(lib, dtype) -> dict:
    return {name: lib.tensor(value, dtype=dtype, requires_grad=True) for name, value in (
        ("loc", LOC), ("scale", SCALE), ("probs", PROBS), ("cov", COV), ("tril", TRIL))}


def _run(lib, function, dtype):
    lib.manual_seed(3)
    p = _parameters(lib, dtype)
    default = lib.get_default_dtype()
    lib.set_default_dtype(dtype)  # values of the parameters' dtype
    try:
        out = function(lib, lib.distributions, p)
    finally:
        lib.set_default_dtype(default)
    weights = lib.linspace(0.5, 2.0, out.numel(), dtype=out.dtype).reshape(out.shape)
    (out * weights).sum().backward()
    grads = {k: v.grad.tolist() for k, v in p.items() if v.grad is not None}
    return out.tolist(), grads, _graph(out.grad_fn)


def _flat(value) -> list:
    if isinstance(value, list):
        return [x for item in value for x in _flat(item)]
    return [value]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name", list(CASES))
def test_distributions_compute_what_torch_computes(name, dtype):
    torch = pytest.importorskip("torch")
    function, same_graph = CASES[name]
    mine, theirs = (_run(lib, function, getattr(lib, dtype)) for lib in (engine, torch))
    tolerance = {"rel": 1e-4, "abs": 1e-5} if dtype == "float32" else {"rel": 1e-9, "abs": 1e-11}
    assert _flat(mine[0]) == pytest.approx(_flat(theirs[0]), nan_ok=True, **tolerance)
    assert mine[1].keys() == theirs[1].keys()
    for key in mine[1]:
        assert _flat(mine[1][key]) == pytest.approx(_flat(theirs[1][key]), **tolerance), key
    if same_graph:
        assert mine[2] == theirs[2]


SAMPLES = {  # name: function of (lib, D) -> a sample, drawn after manual_seed
    "Normal": lambda lib, D: D.Normal(lib.tensor(LOC), lib.tensor(SCALE)).sample((5,)),
    "Normal, few": lambda lib, D: D.Normal(0.0, 1.0).sample((3,)),
    "Bernoulli": lambda lib, D: D.Bernoulli(lib.tensor(PROBS)).sample((4,)),
    "Bernoulli logits": lambda lib, D: D.Bernoulli(logits=lib.tensor(LOC)).sample(),
    "Categorical": lambda lib, D: D.Categorical(lib.tensor(PROBS)).sample((6,)),
    "Categorical one": lambda lib, D: D.Categorical(logits=lib.tensor(LOC)).sample(),
    "OneHotCategorical": lambda lib, D: D.OneHotCategorical(lib.tensor(PROBS)).sample((2,)),
    "Uniform": lambda lib, D: D.Uniform(lib.tensor(LOC), 5.0).sample((3,)),
    "Exponential": lambda lib, D: D.Exponential(lib.tensor(SCALE)).sample((4,)),
    "Laplace": lambda lib, D: D.Laplace(lib.tensor(LOC), lib.tensor(SCALE)).sample((4,)),
    "MultivariateNormal": lambda lib, D: D.MultivariateNormal(
        lib.tensor(LOC[:2]), lib.tensor(COV)).sample((3,)),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_samples_are_torchs_draws_for_the_same_seed(name):
    torch = pytest.importorskip("torch")
    draws = []
    for lib in (engine, torch):
        lib.manual_seed(11)
        sample = SAMPLES[name](lib, lib.distributions)
        draws.append((sample.tolist(), str(sample.dtype), sample.requires_grad))
    assert draws[0][1:] == draws[1][1:]
    assert _flat(draws[0][0]) == pytest.approx(_flat(draws[1][0]), rel=1e-5, abs=1e-6)


REPRS = {
    "Normal scalars": lambda lib, D: D.Normal(0.0, 1.0),
    "Normal one element": lambda lib, D: D.Normal(lib.zeros(1), 1.0),
    "Normal batch": lambda lib, D: D.Normal(lib.zeros(2), 1.0),
    "Bernoulli": lambda lib, D: D.Bernoulli(0.3),
    "Categorical": lambda lib, D: D.Categorical(logits=lib.zeros(3)),
    "Uniform": lambda lib, D: D.Uniform(0.0, 2.0),
    "MultivariateNormal": lambda lib, D: D.MultivariateNormal(lib.zeros(2), lib.eye(2)),
    "Independent": lambda lib, D: D.Independent(D.Normal(lib.zeros(2), 1.0), 1),
    "Exponential": lambda lib, D: D.Exponential(2.0),
    "Laplace": lambda lib, D: D.Laplace(0.0, 1.0),
    "expanded": lambda lib, D: D.Normal(0.0, 1.0).expand((2, 3)),
    "support": lambda lib, D: D.Categorical(logits=lib.zeros(3)).support,
    "constraint of Uniform": lambda lib, D: D.Uniform(lib.zeros(2), 1.0).arg_constraints["low"],
}


@pytest.mark.parametrize("name", list(REPRS))
def test_reprs_are_torchs(name):
    torch = pytest.importorskip("torch")
    assert repr(REPRS[name](engine, engine.distributions)) == repr(
        REPRS[name](torch, torch.distributions))


ERRORS = {
    "negative scale": lambda lib, D: D.Normal(0.0, -1.0),
    "nan value": lambda lib, D: D.Normal(0.0, 1.0).log_prob(lib.tensor([1.0, math.nan])),
    "probs above 1": lambda lib, D: D.Bernoulli(lib.tensor([0.3, 1.2])),
    "negative probs": lambda lib, D: D.Categorical(probs=lib.tensor([0.3, -1.0])),
    "category out of range": lambda lib, D: D.Categorical(logits=lib.zeros(3)).log_prob(
        lib.tensor(3)),
    "low above high": lambda lib, D: D.Uniform(1.0, 0.0),
    "negative exponential value": lambda lib, D: D.Exponential(2.0).log_prob(lib.tensor(-1.0)),
    "Bernoulli value 0.5": lambda lib, D: D.Bernoulli(0.3).log_prob(lib.tensor(0.5)),
    "probs and logits": lambda lib, D: D.Categorical(probs=lib.tensor([0.3, 0.7]),
                                                     logits=lib.zeros(2)),
    "no KL": lambda lib, D: D.kl_divergence(D.Categorical(logits=lib.zeros(2)),
                                            D.Normal(0.0, 1.0)),
    "value shape": lambda lib, D: D.Normal(lib.zeros(3), 1.0).log_prob(lib.zeros(2)),
    "event shape": lambda lib, D: D.MultivariateNormal(lib.zeros(2), lib.eye(2)).log_prob(
        lib.zeros(3)),
    "value not a tensor": lambda lib, D: D.Normal(0.0, 1.0).log_prob(1.0),
    "covariance not positive definite": lambda lib, D: D.MultivariateNormal(
        lib.zeros(2), lib.tensor([[1.0, 2.0], [2.0, 1.0]])),
    "KL of different event shapes": lambda lib, D: D.kl_divergence(
        D.MultivariateNormal(lib.zeros(2), lib.eye(2)),
        D.MultivariateNormal(lib.zeros(3), lib.eye(3))),
    "Independent too many dims": lambda lib, D: D.Independent(D.Normal(0.0, 1.0), 1),
}


def _error(lib, make) -> tuple:
    with pytest.raises(Exception) as caught:
        make(lib, lib.distributions)
    return type(caught.value).__name__, str(caught.value)


@pytest.mark.parametrize("name", list(ERRORS))
def test_messages_are_torchs(name):
    torch = pytest.importorskip("torch")
    assert _error(engine, ERRORS[name]) == _error(torch, ERRORS[name])


def test_validation_can_be_turned_off():
    D = engine.distributions
    assert D.Normal(0.0, -1.0, validate_args=False).scale.item() == -1.0
    D.Distribution.set_default_validate_args(False)
    try:
        assert math.isnan(D.Normal(0.0, 1.0).log_prob(engine.tensor(math.nan)).item())
    finally:
        D.Distribution.set_default_validate_args(True)
    with pytest.raises(ValueError, match="GreaterThan"):
        D.Normal(0.0, -1.0)


def test_sample_is_outside_the_graph_and_rsample_inside():
    loc = engine.tensor([0.0, 1.0], requires_grad=True)
    normal = engine.distributions.Normal(loc, 1.0)
    assert not normal.sample().requires_grad
    drawn = normal.rsample()
    assert drawn.grad_fn.name() == "AddBackward0"
    drawn.sum().backward()
    assert loc.grad.tolist() == [1.0, 1.0]  # d(loc + eps * scale)/d loc


def test_shapes_of_batches_events_and_samples():
    D = engine.distributions
    mvn = D.MultivariateNormal(engine.zeros(4, 2), engine.eye(2))
    assert (mvn.batch_shape, mvn.event_shape) == ((4,), (2,))
    assert mvn.sample((3,)).shape == (3, 4, 2)
    assert mvn.log_prob(engine.zeros(2)).shape == (4,)
    categorical = D.Categorical(logits=engine.zeros(5, 3))
    assert categorical.sample((2, 6)).shape == (2, 6, 5)
    independent = D.Independent(D.Normal(engine.zeros(5, 3), 1.0), 1)
    assert (independent.batch_shape, independent.event_shape) == ((5,), (3,))
    expanded = D.Bernoulli(logits=engine.tensor(0.0)).expand((2, 3))
    assert expanded.batch_shape == (2, 3)
    assert _flat(expanded.log_prob(engine.ones(2, 3)).tolist()) == pytest.approx(
        [-math.log(2)] * 6)


def test_kl_dispatches_to_a_registered_subclass_pair():
    D = engine.distributions

    class Narrow(D.Normal):
        pass

    assert D.kl_divergence(Narrow(0.0, 1.0), D.Normal(0.0, 1.0)).item() == 0.0

    @D.register_kl(Narrow, D.Normal)
    def _kl_narrow_normal(p, q):
        return engine.tensor(-1.0)

    assert D.kl_divergence(Narrow(0.0, 1.0), D.Normal(0.0, 1.0)).item() == -1.0


GRADCHECKED = {  # function of float64 parameters (loc, scale) -> a differentiable tensor
    "Normal.log_prob": lambda loc, scale: engine.distributions.Normal(loc, scale).log_prob(
        engine.tensor(VALUE, dtype=engine.float64)),
    "Normal.rsample": lambda loc, scale: _seeded(
        lambda: engine.distributions.Normal(loc, scale).rsample((2,))),
    "kl Normal": lambda loc, scale: engine.distributions.kl_divergence(
        engine.distributions.Normal(loc, scale), engine.distributions.Normal(scale, 2.0)),
    "Categorical.log_prob": lambda loc, scale: engine.distributions.Categorical(
        logits=engine.stack([loc, scale])).log_prob(engine.tensor([2, 0])),
    "Bernoulli.entropy": lambda loc, scale: engine.distributions.Bernoulli(logits=loc).entropy(),
    "Laplace.rsample": lambda loc, scale: _seeded(
        lambda: engine.distributions.Laplace(loc, scale).rsample()),
    "MultivariateNormal.log_prob": lambda loc, scale: engine.distributions.MultivariateNormal(
        loc[:2], scale_tril=engine.diag(scale[:2]) + engine.tril(engine.ones(2, 2), -1) * 0.3,
    ).log_prob(engine.tensor([0.1, 0.2], dtype=engine.float64)),
    "MultivariateNormal.rsample": lambda loc, scale: _seeded(
        lambda: engine.distributions.MultivariateNormal(
            loc[:2], covariance_matrix=engine.diag(scale[:2] ** 2) + 0.1).rsample((2,))),
}


def _seeded(draw):
    """The same noise at every evaluation, as gradcheck needs."""
    engine.manual_seed(5)
    return draw()


@pytest.mark.parametrize("name", list(GRADCHECKED))
def test_log_prob_and_rsample_pass_gradcheck(name):
    loc = engine.tensor(LOC, dtype=engine.float64, requires_grad=True)
    scale = engine.tensor(SCALE, dtype=engine.float64, requires_grad=True)
    assert engine.autograd.gradcheck(GRADCHECKED[name], (loc, scale))


def test_normal_icdf_inverts_cdf_and_is_torchs():
    loc = engine.tensor([0.0, 1.0], requires_grad=True)
    normal = engine.distributions.Normal(loc, engine.tensor([1.0, 2.0]))
    p = engine.tensor([0.3, 0.9])
    q = normal.icdf(p)
    assert normal.cdf(q).tolist() == pytest.approx(p.tolist(), abs=1e-6)
    q.sum().backward()
    assert loc.grad.tolist() == [1.0, 1.0]
    torch = pytest.importorskip("torch")
    theirs = torch.distributions.Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
    assert q.tolist() == pytest.approx(theirs.icdf(torch.tensor([0.3, 0.9])).tolist(), rel=1e-6)
