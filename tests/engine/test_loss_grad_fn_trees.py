"""The whole grad_fn tree of each loss (every node's name, every next_functions entry, None
included) is torch 2.13's for the same inputs and options; the values and gradients too.

PyTorch's C++ composites call the Scalar overloads (`at::add(t, margin)`: AddBackward1, one
edge), which the engine once recorded as the Python operators' AddBackward0 (two edges)."""
import warnings

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def _tree(fn):
    """(name, children) down to the leaves; None for an edge to nothing."""
    if fn is None:
        return None
    return (type(fn).__name__, tuple(_tree(n) for n, _ in fn.next_functions))


_RNG = np.random.default_rng(0)
A, B, C = (_RNG.standard_normal((3, 4)).astype(np.float32) for _ in range(3))
SIGN = np.array([1.0, -1.0, 1.0], dtype=np.float32)
SIGN4 = np.array([[1.0, -1.0, 1.0, -1.0]] * 3, dtype=np.float32)
MULTI_HOT = (_RNG.random((3, 4)) > 0.5).astype(np.float32)
CLASSES = np.array([0, 3, 1])
LABEL_LISTS = np.array([[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0]])  # each ends at a -1
REPEATED_LABELS = np.array([[3, 3, -1, 1], [0, 0, 0, 0], [2, 1, -1, 0]])
PROB = (1 / (1 + np.exp(-A))).astype(np.float32)
DISTRIBUTION = PROB / PROB.sum(1, keepdims=True)
COUNTS = np.abs(np.round(B * 3)).astype(np.float32)
VAR = (np.abs(C) + 0.1).astype(np.float32)
CLASS_WEIGHT = np.array([1.0, 2.0, 0.5, 1.5], dtype=np.float32)
ELEMENT_WEIGHT = (np.abs(B) + 0.5).astype(np.float32)

# name: (F's function, its arguments: an array that needs a gradient, a plain array or another
# value, keyword options); "grad:" marks the arrays that require a gradient
LOSSES = {
    "margin_ranking": ("margin_ranking_loss", ("grad:a1", "grad:b1", SIGN), {"margin": 0.5}),
    "hinge_embedding": ("hinge_embedding_loss", ("grad:a", SIGN4), {}),
    "soft_margin": ("soft_margin_loss", ("grad:a", SIGN4), {}),
    "multi_margin": ("multi_margin_loss", ("grad:a", CLASSES), {}),
    "multi_margin p=2, weight, margin": ("multi_margin_loss", ("grad:a", CLASSES),
                                         {"p": 2, "weight": CLASS_WEIGHT, "margin": 0.5}),
    "multilabel_margin": ("multilabel_margin_loss", ("grad:a", LABEL_LISTS), {}),
    "multilabel_margin repeated labels": (  # a label listed twice counts twice
        "multilabel_margin_loss", ("grad:a", REPEATED_LABELS), {}),
    "cosine_embedding": ("cosine_embedding_loss", ("grad:a", "grad:b", SIGN), {"margin": 0.1}),
    "triplet_margin": ("triplet_margin_loss", ("grad:a", "grad:b", "grad:c"), {}),
    "triplet_margin swap p=1": ("triplet_margin_loss", ("grad:a", "grad:b", "grad:c"),
                                {"swap": True, "p": 1}),
    "triplet_margin_with_distance": ("triplet_margin_with_distance_loss",
                                     ("grad:a", "grad:b", "grad:c"), {}),
    "triplet_margin_with_distance swap, margin": ("triplet_margin_with_distance_loss",
                                                  ("grad:a", "grad:b", "grad:c"),
                                                  {"swap": True, "margin": 2.0}),
    "poisson_nll": ("poisson_nll_loss", ("grad:a", COUNTS), {}),
    "poisson_nll rates, full": ("poisson_nll_loss", ("grad:abs_a", COUNTS),
                                {"log_input": False, "full": True}),
    "poisson_nll full, target needs a gradient": ("poisson_nll_loss", ("grad:a", "grad:rates"),
                                                  {"full": True}),
    "gaussian_nll": ("gaussian_nll_loss", ("grad:a", B, "grad:var"), {}),
    "gaussian_nll float var, full": ("gaussian_nll_loss", ("grad:a", B, 0.5), {"full": True}),
    "multilabel_soft_margin": ("multilabel_soft_margin_loss", ("grad:a", MULTI_HOT), {}),
    "multilabel_soft_margin weight": ("multilabel_soft_margin_loss", ("grad:a", MULTI_HOT),
                                      {"weight": CLASS_WEIGHT}),
    "l1": ("l1_loss", ("grad:a", B), {}),
    "mse": ("mse_loss", ("grad:a", B), {}),
    "smooth_l1": ("smooth_l1_loss", ("grad:a", B), {}),
    "smooth_l1 beta=0": ("smooth_l1_loss", ("grad:a", B), {"beta": 0.0}),
    "huber": ("huber_loss", ("grad:a", B), {}),
    "huber weight": ("huber_loss", ("grad:a", B), {"weight": ELEMENT_WEIGHT}),
    "binary_cross_entropy": ("binary_cross_entropy", ("grad:prob", MULTI_HOT), {}),
    "binary_cross_entropy weight, target needs a gradient": (
        "binary_cross_entropy", ("grad:prob", "grad:soft_target"), {"weight": CLASS_WEIGHT}),
    "bce_with_logits": ("binary_cross_entropy_with_logits", ("grad:a", MULTI_HOT), {}),
    "bce_with_logits weights": ("binary_cross_entropy_with_logits", ("grad:a", MULTI_HOT),
                                {"weight": CLASS_WEIGHT, "pos_weight": CLASS_WEIGHT}),
    "nll": ("nll_loss", ("grad:a", CLASSES), {}),
    "cross_entropy": ("cross_entropy", ("grad:a", CLASSES), {}),
    "cross_entropy weight": ("cross_entropy", ("grad:a", CLASSES), {"weight": CLASS_WEIGHT}),
    "cross_entropy smoothing": ("cross_entropy", ("grad:a", CLASSES), {"label_smoothing": 0.1}),
    "cross_entropy smoothing, weight": ("cross_entropy", ("grad:a", CLASSES),
                                        {"label_smoothing": 0.1, "weight": CLASS_WEIGHT}),
    "cross_entropy probabilities": ("cross_entropy", ("grad:a", DISTRIBUTION), {}),
    "cross_entropy probabilities, smoothing, weight": (
        "cross_entropy", ("grad:a", DISTRIBUTION), {"label_smoothing": 0.2,
                                                     "weight": CLASS_WEIGHT}),
    "kl_div": ("kl_div", ("grad:a", PROB), {}),
    "kl_div log_target": ("kl_div", ("grad:a", B), {"log_target": True}),
    "kl_div target needs a gradient": ("kl_div", ("grad:a", "grad:prob"), {}),
}
_NAMED = {"a": A, "b": B, "c": C, "a1": A[:, 0].copy(), "b1": B[:, 0].copy(),
          "abs_a": np.abs(A), "prob": PROB, "var": VAR, "rates": COUNTS + 0.5,
          "soft_target": (1 / (1 + np.exp(-B))).astype(np.float32)}
CASES = {
    f"{name}, {reduction}": (function, args, {**options, "reduction": reduction})
    for name, (function, args, options) in LOSSES.items()
    for reduction in ("none", "mean", "sum")
}
CASES["kl_div, batchmean"] = ("kl_div", ("grad:a", PROB), {"reduction": "batchmean"})
CASES["cosine_similarity"] = ("cosine_similarity", ("grad:a", "grad:b"), {})
CASES["pairwise_distance"] = ("pairwise_distance", ("grad:a", "grad:b"), {})
CASES["pairwise_distance p=1, keepdim"] = ("pairwise_distance", ("grad:a", "grad:b"),
                                           {"p": 1.0, "keepdim": True})
CASES["normalize"] = ("normalize", ("grad:a",), {})


def _run(lib, case):
    function, args, options = case
    leaves, values = [], []
    for arg in args:
        if isinstance(arg, str):
            leaves.append(lib.tensor(_NAMED[arg.removeprefix("grad:")], requires_grad=True))
            values.append(leaves[-1])
        else:
            values.append(lib.tensor(arg) if isinstance(arg, np.ndarray) else arg)
    options = {k: lib.tensor(v) if isinstance(v, np.ndarray) else v for k, v in options.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kl_div's 'mean'
        loss = getattr(lib.nn.functional, function)(*values, **options)
    loss.sum().backward()
    return loss, leaves


@pytest.mark.parametrize("name", sorted(CASES))
def test_loss_grad_fn_tree_values_and_gradients_are_torchs(name):
    ours, our_leaves = _run(engine, CASES[name])
    theirs, their_leaves = _run(torch, CASES[name])
    assert _tree(ours.grad_fn) == _tree(theirs.grad_fn)
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-6,
                               atol=1e-7)
    for mine, torchs in zip(our_leaves, their_leaves):
        np.testing.assert_allclose(mine.grad.numpy(), torchs.grad.numpy(), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("op", ["add", "sub", "mul", "div"])
def test_a_scalar_overload_node_is_torchs_and_runs_backward_twice(op):
    """One edge, the scalar saved as a Python number (not freed: a second backward works)."""
    from engine.ops.elementwise import with_scalar

    results = []
    for lib, overload in ((engine, lambda x: with_scalar(op, x, 2.5)),
                          (torch, lambda x: getattr(torch.ops.aten, op).Scalar(x, 2.5))):
        x = lib.tensor([1.0, -2.0, 3.0], requires_grad=True)
        y = overload(x)
        y.sum().backward()
        y.sum().backward()
        node = y.grad_fn
        saved = getattr(node, "_saved_other", None)
        results.append((node.name(), len(node.next_functions), saved, y.tolist(), x.grad.tolist()))
    assert results[0] == results[1]


def test_scalar_overload_and_xlogy_give_torchs_second_derivatives():
    from engine.ops.elementwise import with_scalar, xlogy

    results = []
    for lib, scaled, x_log_y in ((engine, with_scalar, xlogy),
                                 (torch, lambda op, x, s: getattr(torch.ops.aten, op).Scalar(x, s),
                                  torch.xlogy)):
        p = lib.tensor([0.0, 0.25, 2.0, float("nan")], requires_grad=True)
        y = x_log_y(scaled("mul", p, 3.0), scaled("div", p, 0.5)).sum()
        (g,) = lib.autograd.grad(y, p, create_graph=True)
        (gg,) = lib.autograd.grad(g.sum(), p)
        results.append([t.detach().numpy() for t in (y, g, gg)])
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-6)


@pytest.mark.parametrize("form", ["tensor, tensor", "tensor, 2.0", "tensor, 0.0", "tensor, -1.0",
                                  "0.5, tensor"])
def test_xlogy_values_nodes_and_gradients_are_torchs(form):
    """Zeros of x, zero, negative and NaN y: torch.xlogy's value, node and gradients."""
    results = []
    for lib in (engine, torch):
        x = lib.tensor([0.0, 0.0, 0.0, 1.0, 0.0, 2.0], requires_grad=True)
        y = lib.tensor([0.5, 0.0, -1.0, float("nan"), float("nan"), 3.0], requires_grad=True)
        first, second = form.split(", ")
        a = x if first == "tensor" else float(first)
        b = y if second == "tensor" else float(second)
        z = lib.xlogy(a, b)
        grads = lib.autograd.grad(z.sum(), [t for t in (a, b) if not isinstance(t, float)])
        results.append((z.grad_fn.name(), len(z.grad_fn.next_functions),
                        [t.detach().numpy() for t in (z, *grads)]))
    (name, edges, ours), (torch_name, torch_edges, theirs) = results
    assert (name, edges) == (torch_name, torch_edges)
    for mine, torchs in zip(ours, theirs):
        np.testing.assert_allclose(mine, torchs, rtol=1e-6)


@pytest.mark.parametrize("function, target", [("multi_margin_loss", CLASSES),
                                              ("multilabel_margin_loss", LABEL_LISTS)])
def test_margin_losses_have_torchs_missing_second_derivative(function, target):
    """create_graph records a NotImplemented node; backward through it fails as in torch."""
    messages = []
    for lib in (engine, torch):
        x = lib.tensor(A, requires_grad=True)
        loss = getattr(lib.nn.functional, function)(x, lib.tensor(target))
        (grad,) = lib.autograd.grad(loss, x, create_graph=True)
        with pytest.raises(RuntimeError) as caught:
            grad.sum().backward()
        messages.append((type(grad.grad_fn).__name__, str(caught.value)))
    assert messages[0] == messages[1]
