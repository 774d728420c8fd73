"""torch functions and nn pieces that PyTorch writes with other ops, written the same way here:
hstack / vstack / dstack, cartesian_prod, tile, repeat_interleave, movedim, tensordot, diff,
var_mean / std_mean, tril/triu_indices, set/get_num_threads; F.conv1d and 1-d pooling, group
norm, cosine similarity, pairwise distance, kl_div, scaled dot-product attention, the clamped
activations; Conv1d, ParameterList / ParameterDict, Unflatten. Values, gradients and reprs
against torch."""
import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(0)
A = RNG.standard_normal((3, 4)).astype(np.float32)
B = RNG.standard_normal((3, 4)).astype(np.float32)
V = RNG.standard_normal(4).astype(np.float32)
X3 = RNG.standard_normal((2, 3, 8)).astype(np.float32)
X4 = RNG.standard_normal((2, 4, 3, 3)).astype(np.float32)


def _agree(program, *arrays, rtol=1e-5):
    """program(lib, *leaves) with each library: same values and same gradients of the leaves."""
    results = []
    for lib in (engine, torch):
        leaves = [lib.tensor(a, requires_grad=True) for a in arrays]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = program(lib, *leaves)
        outs = out if isinstance(out, tuple) else (out,)
        total = sum((o.float() * (1 + lib.arange(o.numel()).reshape(o.shape).float()).sin()).sum()
                    for o in outs if o.dtype.is_floating_point)
        if arrays and total.requires_grad:
            total.backward()
        results.append(([o.detach().numpy() for o in outs],
                        [leaf.grad.numpy() if leaf.grad is not None else None for leaf in leaves]))
    (ours, our_grads), (theirs, their_grads) = results
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-6)
    for a, b in zip(our_grads, their_grads):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


PROGRAMS = {
    "hstack": (lambda t, a, b: t.hstack([a, b]), A, B),
    "hstack 1-d": (lambda t, v: t.hstack([v, v * 2]), V),
    "vstack": (lambda t, v, a: t.vstack([v, a]), V, A),
    "dstack": (lambda t, a, b: t.dstack([a, b]), A, B),
    "cartesian_prod": (lambda t, v: t.cartesian_prod(v, v[:2]), V),
    "tile": (lambda t, a: t.tile(a, (2,)), A),
    "tile 3-d": (lambda t, a: a.tile((2, 1, 3)), A),
    "repeat_interleave": (lambda t, a: a.repeat_interleave(2, dim=0), A),
    "repeat_interleave flat": (lambda t, v: t.repeat_interleave(v, 3), V),
    "repeat_interleave counts": (
        lambda t, a: a.repeat_interleave(t.tensor([1, 0, 2]), dim=0), A),
    "movedim": (lambda t, x: t.movedim(x, 0, -1), X3),
    "movedim many": (lambda t, x: x.movedim((0, 1), (2, 0)), X3),
    "tensordot": (lambda t, x, a: t.tensordot(x, a, dims=1), X3[:, :, :3], A),
    "tensordot dims": (lambda t, a, b: t.tensordot(a, b, dims=([1, 0], [1, 0])), A, B),
    "diff": (lambda t, a: t.diff(a, dim=1), A),
    "diff twice prepend": (lambda t, v: t.diff(v, n=2, prepend=v[:1]), V),
    "var_mean": (lambda t, a: t.var_mean(a, 1), A),
    "std_mean": (lambda t, a: t.std_mean(a, dim=0, keepdim=True), A),
    "conv1d": (lambda t, x, w: t.nn.functional.conv1d(x, w, padding=1), X3,
               RNG.standard_normal((5, 3, 3)).astype(np.float32)),
    "conv1d stride dilation": (
        lambda t, x, w: t.nn.functional.conv1d(x, w, stride=2, dilation=2), X3,
        RNG.standard_normal((2, 3, 2)).astype(np.float32)),
    "max_pool1d": (lambda t, x: t.nn.functional.max_pool1d(x, 2), X3),
    "avg_pool1d": (lambda t, x: t.nn.functional.avg_pool1d(x, 3, stride=2, padding=1), X3),
    "group_norm": (lambda t, x, w: t.nn.functional.group_norm(x, 2, w, w * 0.5), X4,
                   np.array([1.0, 2.0, -1.0, 0.5], dtype=np.float32)),
    "cosine_similarity": (lambda t, a, b: t.nn.functional.cosine_similarity(a, b), A, B),
    "cosine_similarity dim 0": (
        lambda t, a, b: t.nn.functional.cosine_similarity(a, b, dim=0), A, B),
    "pairwise_distance": (lambda t, a, b: t.nn.functional.pairwise_distance(a, b), A, B),
    "kl_div": (lambda t, a, b: t.nn.functional.kl_div(a.log_softmax(1), b.softmax(1),
                                                    reduction="batchmean"), A, B),
    "kl_div log target": (lambda t, a, b: t.nn.functional.kl_div(
        a.log_softmax(1), b.log_softmax(1), reduction="sum", log_target=True), A, B),
    "kl_div mean": (lambda t, a, b: t.nn.functional.kl_div(a.log_softmax(1), b.softmax(1)),
                    A, B),
    "sdpa": (lambda t, q, k: t.nn.functional.scaled_dot_product_attention(q, k, k * 2), X3, X3),
    "sdpa causal": (lambda t, q, k: t.nn.functional.scaled_dot_product_attention(
        q, k, k, is_causal=True), X3, X3),
    "sdpa mask": (lambda t, q, k: t.nn.functional.scaled_dot_product_attention(
        q, k, k, attn_mask=t.tensor([[True, False, True]] * 3)), X3, X3),
}
for _name in ("relu6", "hardsigmoid", "hardswish", "softsign", "selu", "celu", "mish"):
    PROGRAMS[_name] = (lambda t, a, n=_name: getattr(t.nn.functional, n)(a * 4), A)
PROGRAMS["hardtanh"] = (lambda t, a: t.nn.functional.hardtanh(a, -0.5, 0.7), A)
EDGES = np.array([-8.0, -6.0, -3.0, -1.0, 0.0, 1.0, 3.0, 6.0, 8.0], dtype=np.float32)
for _name in ("relu6", "hardtanh", "hardsigmoid", "hardswish"):  # gradients at the kinks
    PROGRAMS[f"{_name} at its edges"] = (lambda t, x, n=_name: getattr(t.nn.functional, n)(x),
                                         EDGES)
PROGRAMS["glu"] = (lambda t, a: t.nn.functional.glu(a, 1), A)
PROGRAMS["threshold"] = (lambda t, a: t.nn.functional.threshold(a, 0.1, 20.0), A)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_values_and_gradients_as_torch(name):
    program, *arrays = PROGRAMS[name]
    _agree(program, *arrays)


def test_index_helpers_and_threads():
    for row, col, offset in ((3, 3, 0), (4, 3, 1), (3, 5, -1)):
        assert engine.tril_indices(row, col, offset).tolist() == \
            torch.tril_indices(row, col, offset).tolist()
        assert engine.triu_indices(row, col, offset).tolist() == \
            torch.triu_indices(row, col, offset).tolist()
    assert engine.repeat_interleave(engine.tensor([2, 0, 1])).tolist() == \
        torch.repeat_interleave(torch.tensor([2, 0, 1])).tolist()
    engine.set_num_threads(1)
    assert engine.get_num_threads() == 1
    with pytest.raises(RuntimeError):
        engine.set_num_threads(0)


@pytest.mark.parametrize("make", [
    lambda nn: nn.Conv1d(3, 4, 3, padding=1), lambda nn: nn.Conv1d(4, 2, 2, stride=2, bias=False),
    lambda nn: nn.MaxPool1d(2), lambda nn: nn.AvgPool1d(2), lambda nn: nn.GroupNorm(2, 4),
    lambda nn: nn.Unflatten(1, (2, 2)), lambda nn: nn.ReLU6(), lambda nn: nn.Hardtanh(),
    lambda nn: nn.CELU(), lambda nn: nn.GLU(), lambda nn: nn.Threshold(0.1, 20),
    lambda nn: nn.Mish(), lambda nn: nn.SELU(), lambda nn: nn.Softsign(),
    lambda nn: nn.Hardswish(), lambda nn: nn.Hardsigmoid(), lambda nn: nn.CosineSimilarity(),
    lambda nn: nn.PairwiseDistance(), lambda nn: nn.KLDivLoss(reduction="batchmean"),
])
def test_modules_print_and_compute_as_torch(make):
    modules = []
    for lib in (engine, torch):
        lib.manual_seed(0)
        modules.append(make(lib.nn))
    assert repr(modules[0]) == repr(modules[1])
    ours, theirs = (dict(m.named_parameters()) for m in modules)
    assert list(ours) == list(theirs)
    for name, p in theirs.items():
        np.testing.assert_array_equal(ours[name].detach().numpy(), p.detach().numpy())
    name = type(modules[1]).__name__
    if name in ("CosineSimilarity", "PairwiseDistance", "KLDivLoss"):
        _agree(lambda t, a, b: make(t.nn)(a.log_softmax(1), b.softmax(1)), A, B)
    elif name in ("Conv1d", "MaxPool1d", "AvgPool1d"):
        x = RNG.standard_normal((2, modules[1].weight.shape[1] if name == "Conv1d" else 3, 6))

        def run(t, x):
            t.manual_seed(0)
            return make(t.nn)(x)

        _agree(run, x.astype(np.float32))
    else:
        shape = (2, 4, 3) if name == "GroupNorm" else (3, 4)
        _agree(lambda t, x: make(t.nn)(x * 3), RNG.standard_normal(shape).astype(np.float32))


def _net_with_parameter_containers(lib):
    nn = lib.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.ws = nn.ParameterList([nn.Parameter(lib.ones(2, 3)) for _ in range(2)])
            self.ws.append(nn.Parameter(lib.zeros(4)))
            self.named = nn.ParameterDict({"a": nn.Parameter(lib.ones(2))})
            self.named["b"] = nn.Parameter(lib.zeros(1))

    return Net()


def test_parameter_list_and_dict_register_like_torch():
    ours, theirs = (_net_with_parameter_containers(lib) for lib in (engine, torch))
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert repr(ours) == repr(theirs)
    assert len(ours.ws) == 3 and list(ours.named) == ["a", "b"] and "a" in ours.named
    assert [tuple(p.shape) for p in ours.ws] == [(2, 3), (2, 3), (4,)]
