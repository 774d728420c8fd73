"""A loss summed from a temporary is summed when first read (engine/deferred.py): every way of
reading it gives the value an eager sum gives, and a sum that someone could change afterwards
is never deferred."""
import copy
import pickle
import warnings

import numpy as np
import pytest

import engine as torch
from engine import observer
from engine.deferred import DeferredTensor


def _inputs():
    x = torch.linspace(-3.0, 3.0, 2000)
    w = torch.tensor(0.7, requires_grad=True)
    return x, w


def _eager(x, w) -> float:
    """The same sum, made from a named tensor (never deferred), as a Python float."""
    squares = (w * x - 1) ** 2
    loss = squares.sum()
    assert type(loss) is torch.Tensor
    return loss.item()


def test_a_loss_from_a_temporary_is_deferred_and_reads_as_the_eager_sum():
    x, w = _inputs()
    loss = ((w * x - 1) ** 2).sum()
    assert loss.__class__ is DeferredTensor
    assert isinstance(loss, torch.Tensor) and str(type(loss)) == "<class 'torch.Tensor'>"
    assert loss.grad_fn.name() == "SumBackward0" and loss.requires_grad and not loss.is_leaf
    value = loss.item()
    assert value == _eager(x, w)
    assert type(loss) is torch.Tensor  # once read, a plain tensor
    assert loss.item() == value


@pytest.mark.parametrize(
    "read",
    [
        lambda t: t.item(),
        lambda t: float(t),
        lambda t: repr(t),
        lambda t: t.tolist(),
        lambda t: t.detach().numpy().item(),
        lambda t: t.shape,
        lambda t: t.dtype,
        lambda t: (t * 2).item() / 2,
        lambda t: t.detach().item(),
        lambda t: copy.deepcopy(t.detach()).item(),
        lambda t: pickle.loads(pickle.dumps(t.detach())).item(),
    ],
    ids=["item", "float", "repr", "tolist", "numpy", "shape", "dtype", "mul", "detach",
         "deepcopy", "pickle"],
)
def test_every_read_computes_the_value(read):
    x, w = _inputs()
    deferred = ((w * x - 1) ** 2).sum()
    assert deferred.__class__ is DeferredTensor
    eager = (w * x - 1) ** 2
    eager = eager.sum()
    assert read(deferred) == read(eager)


def test_backward_needs_no_value_and_gives_the_eager_gradient():
    x, w = _inputs()
    loss = ((w * x - 1) ** 2).sum()
    loss.backward(retain_graph=True)
    assert loss.__class__ is DeferredTensor  # backward did not read it
    deferred_grad = w.grad.clone()
    w.grad = None
    squares = (w * x - 1) ** 2
    squares.sum().backward()
    assert np.array_equal(deferred_grad.numpy(), w.grad.numpy())
    loss.backward()  # retained: a second backward accumulates
    assert np.array_equal(w.grad.numpy(), (deferred_grad * 2).numpy())


def test_the_other_ways_of_going_backward_take_a_deferred_loss():
    x, w = _inputs()
    (grad,) = torch.autograd.grad(((w * x - 1) ** 2).sum(), w)
    loss = ((w * x - 1) ** 2).sum()
    torch.autograd.backward(loss)
    assert grad.item() == w.grad.item()
    seen = []
    loss = ((w * x - 1) ** 2).sum()
    loss.register_hook(lambda g: seen.append(g.item()))
    loss.retain_grad()
    loss.backward()
    assert seen == [1.0] and loss.grad.item() == 1.0


def test_a_named_input_changed_afterwards_leaves_the_sum_as_it_was():
    x, w = _inputs()
    squares = (w * x - 1) ** 2
    loss = squares.sum()
    before = _eager(x, w)
    with torch.no_grad():
        squares.add_(1.0)
    assert loss.item() == before


def test_a_view_of_a_changed_tensor_is_summed_at_once():
    base = torch.linspace(0.0, 1.0, 200) * 1  # a temporary base is not enough: views share it
    loss = base[10:].sum()
    before = base[10:].sum().item()
    base.add_(5.0)
    assert loss.item() == pytest.approx(before) and loss.item() != base[10:].sum().item()


def test_an_array_held_elsewhere_is_summed_at_once():
    array = np.linspace(0.0, 1.0, 300, dtype=np.float32)
    loss = torch.from_numpy(array).sum()
    before = float(np.float32(loss.item()))
    array += 1.0
    assert loss.item() == before


def test_nothing_is_deferred_while_an_observer_listens():
    x, w = _inputs()
    with observer.recording() as made:
        loss = ((w * x - 1) ** 2).sum()
    assert type(loss) is torch.Tensor and made


def test_a_missing_attribute_is_the_usual_error():
    x, w = _inputs()
    loss = ((w * x - 1) ** 2).sum()
    with pytest.raises(AttributeError, match="'Tensor' object has no attribute 'nothing'"):
        loss.nothing  # noqa: B018
    assert loss.__class__ is DeferredTensor  # and it did not compute the value


def test_an_overflow_gives_what_the_eager_sum_gives():
    big = torch.full((64,), 3e38)
    with warnings.catch_warnings(record=True) as deferred_warnings:
        deferred = (big * 1).sum()
        assert deferred.__class__ is DeferredTensor
        deferred_value = deferred.item()
    with warnings.catch_warnings(record=True) as eager_warnings:
        eager = big * 1
        eager_value = eager.sum().item()
    assert deferred_value == eager_value == float("inf")
    assert [str(w.message) for w in deferred_warnings] == [str(w.message) for w in eager_warnings]
