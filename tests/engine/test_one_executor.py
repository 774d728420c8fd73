"""Observing a backward pass is a flag of the one executor: the numbers do not change."""
import numpy as np
import pytest

import engine
from engine import observer


def _diamond(x, w):
    a = x * w
    return (a.exp() + a * a - (a / 3).sin()).sum()


def _broadcast(x, w):
    return ((w * x + 2) ** 2).mean() + (x @ w.reshape(3, 1)).tanh().sum()


def _shared_leaf(x, w):
    y = x * x * x
    y.retain_grad()
    return (y + w.sum() * y.sigmoid()).relu().sum() + (x ** 3).sum()


@pytest.mark.parametrize("program", [_diamond, _broadcast, _shared_leaf])
@pytest.mark.parametrize("dtype", [engine.float32, engine.float64])
def test_gradients_are_the_same_bits_with_and_without_an_observer(program, dtype):
    def grads(observe: bool):
        engine.manual_seed(0)
        x = engine.randn(4, 3, dtype=dtype, requires_grad=True)
        w = engine.randn(3, dtype=dtype, requires_grad=True)
        loss = program(x, w)
        if observe:
            with observer.recording() as events:
                loss.backward()
            assert events
        else:
            loss.backward()
        return [x.grad.numpy(), w.grad.numpy()]

    for plain, watched in zip(grads(False), grads(True)):
        assert plain.dtype == watched.dtype
        assert np.array_equal(plain.view(np.uint8), watched.view(np.uint8))


def test_autograd_grad_captures_through_the_same_executor():
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    (gx,) = engine.autograd.grad(y, x, retain_graph=True)
    with observer.recording():
        (watched,) = engine.autograd.grad(y, x)
    assert gx.tolist() == watched.tolist() == [2.0, 4.0]
    assert x.grad is None
