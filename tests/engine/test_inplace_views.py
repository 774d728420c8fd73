"""In-place ops through views of tensors that require grad, checked against PyTorch.

PyTorch rewrites the viewed tensor's history (CopySlices) and makes the view an as_strided
view of it; values, gradients, grad_fn names and version errors must all agree.
"""
from __future__ import annotations

import numpy as np
import pytest

import engine

torch = pytest.importorskip("torch")


def observe(value):
    if isinstance(value, (engine.Tensor, torch.Tensor)):
        return (str(value.dtype), tuple(value.shape), value.detach().cpu().numpy().copy())
    if isinstance(value, (list, tuple)):
        return [observe(v) for v in value]
    return value


def assert_same(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    for key, value in ours.items():
        a, b = observe(value), observe(theirs[key])
        if isinstance(a, tuple):
            assert a[:2] == b[:2], key
            np.testing.assert_allclose(a[2], b[2], rtol=1e-5, atol=1e-6, err_msg=key)
        else:
            assert a == b, key


def name(t) -> str | None:
    return None if t.grad_fn is None else type(t.grad_fn).__name__


def next_names(t) -> list:
    return [None if fn is None else type(fn).__name__ for fn, _ in t.grad_fn.next_functions]


def p_slice_of_non_leaf_multiplied_in_place(lib):
    x = lib.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    y = x * 2
    v = y[1:3]
    v.mul_(10)
    y.pow(2).sum().backward()
    return {"y": y, "v": v, "grad": x.grad, "y_fn": name(y), "v_fn": name(v),
            "next": next_names(y), "version": y._version}


def p_view_of_matrix_added_in_place_with_a_tensor_that_requires_grad(lib):
    x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    w = lib.tensor([0.5, -1.0, 2.0, 3.0], requires_grad=True)
    y = x * 3
    flat = y.view(4)
    flat.mul_(w)
    (y * y).sum().backward()
    return {"y": y, "gx": x.grad, "gw": w.grad, "next": next_names(y)}


def p_select_then_unary_in_place(lib):
    x = lib.tensor([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]], requires_grad=True)
    y = x + 0
    y[1].sigmoid_()
    y.sum().backward()
    return {"y": y, "grad": x.grad, "fn": name(y)}


def p_transposed_column_written_by_setitem(lib):
    x = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    y = x.clone()
    t = y.t()
    t[0] = lib.tensor([7.0, 8.0])
    y.mul(lib.tensor([[1.0, 2.0, 3.0]])).sum().backward()
    return {"y": y, "t": t, "grad": x.grad}


def p_view_of_view_in_place_and_augmented_setitem(lib):
    x = lib.arange(8.0).requires_grad_()
    y = x * 1
    m = y.view(2, 4)
    m[:, 1:3] *= 3
    m[0, 0] += 5
    (y ** 2).sum().backward()
    return {"y": y, "m": m, "grad": x.grad, "fn": name(y)}


def p_grad_flows_into_a_plain_tensor_through_a_view(lib):
    k = lib.tensor([1.0, 2.0], requires_grad=True)
    s = lib.zeros(4)
    s[1:3] = k * k
    s.view(2, 2)[1].add_(k)
    (s * lib.arange(4.0)).sum().backward()
    return {"s": s, "grad": k.grad, "requires": s.requires_grad, "fn": name(s)}


def p_views_see_in_place_changes_of_their_base_in_a_graph(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 2
    v = y[:2]
    y.add_(1)
    d = y.detach()
    y.mul_(2)
    return {"v": v, "d": d, "y": y}


def p_index_put_with_a_list_index(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    w = lib.tensor([10.0, 20.0], requires_grad=True)
    y = x * 3
    y[[0, 2]] = w
    (y * y).sum().backward()
    return {"y": y, "gx": x.grad, "gw": w.grad, "fn": name(y), "next": next_names(y)}


def p_second_derivative_through_copy_slices(lib):
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * x
    y[1:].mul_(x[1:])
    (g,) = lib.autograd.grad(y.sum(), x, create_graph=True)
    (h,) = lib.autograd.grad(g.sum(), x)
    return {"g": g, "h": h}


def p_other_views_follow_their_base_after_an_in_place_change(lib):
    x = lib.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    y = x * 2
    first, grid = y[:2], y.view(2, 2)
    y.mul_(3)
    grid[1].add_(x[:2])
    total = (first * lib.tensor([1.0, 10.0])).sum() + (grid ** 2).sum()
    total.backward()
    return {"first": first, "grid": grid, "grad": x.grad, "first_fn": name(first),
            "grid_fn": name(grid)}


PROGRAMS = [value for key, value in sorted(globals().items()) if key.startswith("p_")]


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.__name__[2:])
def test_inplace_program_matches_pytorch(program):
    assert_same(program(engine), program(torch))


def errors(lib, fn) -> str:
    try:
        fn(lib)
    except RuntimeError as exc:
        return str(exc)
    return "no error"


@pytest.mark.parametrize("fn", [
    lambda lib: lib.ones(2, requires_grad=True)[0].mul_(2),
    lambda lib: lib.ones(2, requires_grad=True).view(2, 1).zero_(),
    lambda lib: (lib.ones(2, requires_grad=True) * 1).expand(3, 2).add_(1),
    lambda lib: lib.ones(3, requires_grad=True).__setitem__(0, 1.0),
    lambda lib: lib.ones(3, requires_grad=True).__setitem__(slice(None), 1.0),
    lambda lib: lib.ones(3, requires_grad=True).__setitem__([0], 1.0),
], ids=["view_of_leaf", "reshaped_leaf", "expanded", "setitem_int", "setitem_all", "setitem_list"])
def test_inplace_error_messages_match_pytorch(fn):
    assert errors(engine, fn) == errors(torch, fn)


def test_a_value_saved_before_an_in_place_write_through_a_view_is_caught():
    def program(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 2
        z = y * y  # saves y
        y[0:2].add_(1)
        z.sum().backward()

    assert errors(engine, program) == errors(torch, program)
    assert "modified by an inplace operation" in errors(engine, program)


def test_backward_twice_through_copy_slices_needs_retain_graph():
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y[0:1].mul_(x[1:2].detach() + 1)
    y.sum().backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.sum().backward()
