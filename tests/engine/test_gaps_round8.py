"""What outside programs (tests/engine/programs, round 8) needed of the engine, torch the oracle."""
from __future__ import annotations

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")

LOGITS = [[0.2, -1.0, 0.5, 1.5, 0.0], [1.0, 0.3, -0.2, 0.1, 2.0], [-0.5, 0.4, 0.9, -1.2, 0.3]]
WEIGHT = [1.0, 2.0, 0.5, 1.0, 3.0]


def test_post_accumulate_grad_hook_sees_the_summed_grad_once_and_may_update_the_leaf():
    results = []
    for lib in (engine, torch):
        seen = []
        w = lib.tensor([1.0, -1.0], requires_grad=True)

        def sgd_step(p, seen=seen):
            seen.append(p.grad.tolist())
            p.add_(p.grad, alpha=-0.1)

        handle = w.register_post_accumulate_grad_hook(sgd_step)
        (w * 3 + w * w).sum().backward()
        handle.remove()
        (w * 3).sum().backward()
        with pytest.raises(RuntimeError) as error:
            (w * 2).register_post_accumulate_grad_hook(lambda p: None)
        results.append((seen, w.tolist(), w.grad.tolist(), str(error.value)))
    assert results[0] == results[1]


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
def test_cross_entropy_with_probability_targets_as_torch(reduction, smoothing, weighted):
    results = []
    for lib in (engine, torch):
        x = lib.tensor(LOGITS, requires_grad=True)
        target = lib.tensor(LOGITS).mul(2).softmax(dim=1)
        weight = lib.tensor(WEIGHT) if weighted else None
        loss = lib.nn.functional.cross_entropy(x, target, weight=weight, reduction=reduction,
                                               label_smoothing=smoothing)
        loss.sum().backward()
        results.append((np.asarray(loss.tolist()), np.asarray(x.grad.tolist())))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("smoothing", [0.0, 0.1])
def test_class_weights_and_ignored_targets_as_torch(reduction, smoothing):
    results = []
    for lib in (engine, torch):
        x = lib.tensor(LOGITS, requires_grad=True)
        loss_fn = lib.nn.CrossEntropyLoss(weight=lib.tensor(WEIGHT), ignore_index=0,
                                          reduction=reduction, label_smoothing=smoothing)
        loss = loss_fn(x, lib.tensor([1, 0, 4]))
        loss.sum().backward()
        nll = lib.nn.NLLLoss(weight=lib.tensor(WEIGHT), reduction=reduction)(
            x.detach().log_softmax(1), lib.tensor([3, 2, 4]))
        # str: an ignored row's gradient is +0 in PyTorch, printed "0.", not "-0."
        results.append((np.asarray(loss.tolist()), str(x.grad), np.asarray(nll.tolist()),
                        sorted(dict(loss_fn.named_buffers()))))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-5, atol=1e-6)
    assert results[0][1] == results[1][1]
    np.testing.assert_allclose(results[0][2], results[1][2], rtol=1e-5, atol=1e-6)
    assert results[0][3] == results[1][3]
