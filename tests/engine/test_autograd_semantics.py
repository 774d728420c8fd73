"""Autograd semantics: accumulation, retain_graph, retain_grad, leaves, grad modes, in-place
checks, deep graphs, higher order, autograd.grad and autograd.Function."""
from __future__ import annotations

import gc
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest

import engine as torch


def test_grad_accumulates_across_two_backward_calls():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    (x * 3).sum().backward()
    (x * x).sum().backward()
    assert x.grad.tolist() == [3.0 + 2.0, 3.0 + 4.0]


def test_grad_set_to_none_restarts_accumulation():
    x = torch.tensor(2.0, requires_grad=True)
    (x * x).backward()
    x.grad = None
    (x * 5).backward()
    assert x.grad.item() == 5.0


def test_grad_zero_then_backward_gives_fresh_gradient():
    x = torch.arange(4.0, requires_grad=True)
    (2 * torch.dot(x, x)).backward()
    assert x.grad.tolist() == [0.0, 4.0, 8.0, 12.0]
    x.grad.zero_()
    x.sum().backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0, 1.0]


def test_first_gradient_is_not_aliased_with_other_leaves_or_user_tensors():
    a = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([1.0], requires_grad=True)
    (a + b).sum().backward()
    a.grad += 10
    assert b.grad.tolist() == [1.0]
    g = torch.ones(1)
    c = torch.tensor([3.0], requires_grad=True)
    c.backward(g)
    c.grad.zero_()
    assert g.tolist() == [1.0]


def test_backward_twice_needs_retain_graph():
    x = torch.tensor(3.0, requires_grad=True)
    y = x * x
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.item() == 12.0
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


def test_graph_without_saved_tensors_can_run_twice():
    x = torch.tensor(3.0, requires_grad=True)
    y = (x + x).sum()
    y.backward()
    y.backward()
    assert x.grad.item() == 4.0


def test_retain_grad_keeps_non_leaf_gradient_and_accumulates():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    h.retain_grad()
    assert h.retains_grad and not x.retains_grad
    y = (h * h).sum()
    y.backward(retain_graph=True)
    assert h.grad.tolist() == [4.0, 8.0]
    y.backward()
    assert h.grad.tolist() == [8.0, 16.0]


def test_non_leaf_grad_is_none_with_warning():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.sum().backward()
    with pytest.warns(UserWarning, match="is not a leaf Tensor"):
        assert y.grad is None


def test_backward_on_a_leaf_accumulates_the_given_gradient():
    x = torch.tensor([[0.1, 0.2], [0.3, 0.4]], requires_grad=True)
    x.backward(torch.ones_like(x))
    x.backward(torch.full((2, 2), 2.0))
    assert x.grad.tolist() == [[3.0, 3.0], [3.0, 3.0]]


def test_leaf_flags():
    x = torch.ones(2, requires_grad=True)
    c = torch.ones(2)
    y = x * c
    assert x.is_leaf and c.is_leaf and not y.is_leaf
    assert y.requires_grad and not c.requires_grad
    assert (c * 2).is_leaf  # nothing requires grad: the result is a leaf
    assert x.detach().is_leaf and not x.detach().requires_grad


def test_requires_grad_flag_on_non_leaf_cannot_be_changed():
    y = torch.ones(2, requires_grad=True) * 2
    with pytest.raises(RuntimeError, match="only change requires_grad flags of leaf"):
        y.requires_grad_(False)


def test_no_grad_context_and_decorator():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        assert not (x * 2).requires_grad
        assert not torch.is_grad_enabled()
        with torch.enable_grad():
            assert (x * 2).requires_grad
    assert torch.is_grad_enabled()

    @torch.no_grad()
    def double(t):
        return t * 2

    assert not double(x).requires_grad
    assert torch.is_grad_enabled()


def test_set_grad_enabled_as_function_and_context():
    x = torch.ones(1, requires_grad=True)
    with torch.set_grad_enabled(False):
        assert not (x + 1).requires_grad
    assert torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        assert not (x + 1).requires_grad
    finally:
        torch.set_grad_enabled(True)

    @torch.set_grad_enabled(False)
    def f():
        return torch.is_grad_enabled()

    assert torch.is_grad_enabled() and f() is False and torch.is_grad_enabled()


def test_grad_mode_is_per_thread():
    seen = []

    def worker():
        seen.append(torch.is_grad_enabled())

    with torch.no_grad():
        t = threading.Thread(target=worker)
        t.start()
        t.join()
    assert seen == [True]


def test_ops_record_by_their_own_threads_grad_mode():
    # one thread inside no_grad while another builds a graph, and the other way round: each
    # op (add, mul, pow, sum: the fast paths) asks its own thread
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    inside, release = threading.Event(), threading.Event()
    recorded = {}

    def ops():
        return [x + x, x * 2.0, x**2, x.sum()]

    def worker():
        with torch.no_grad():
            inside.set()
            release.wait(5)
            recorded["worker in no_grad"] = [t.requires_grad for t in ops()]
        recorded["worker after"] = [t.requires_grad for t in ops()]

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(5)
    recorded["main"] = [t.requires_grad for t in ops()]
    with torch.no_grad():
        release.set()
        t.join()
        recorded["main in no_grad"] = [t.requires_grad for t in ops()]
    assert recorded == {
        "main": [True] * 4,
        "worker in no_grad": [False] * 4,
        "worker after": [True] * 4,
        "main in no_grad": [False] * 4,
    }


def test_detach_shares_data_but_not_graph():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    d = x.detach()
    assert not d.requires_grad and d.grad_fn is None
    with torch.no_grad():
        x.mul_(3)
    assert d.tolist() == [3.0, 6.0]
    assert d.eq(x).all().item()


def test_inplace_on_leaf_allowed_under_no_grad_and_bumps_version():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    v0 = w._version
    with torch.no_grad():
        w -= 0.5
        w *= 2
    assert w.tolist() == [1.0, 3.0] and w._version == v0 + 2
    assert w.is_leaf and w.requires_grad


def test_inplace_on_non_leaf_rebases_history():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    h.add_(1)
    assert type(h.grad_fn).__name__ == "AddBackward0"
    h.mul_(h.detach().clone())  # the constant factor (2w + 1)
    h.sum().backward()
    assert w.grad.tolist() == [2 * 3.0, 2 * 5.0]


def test_inplace_multiply_by_own_detached_view_is_caught_like_pytorch():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    h = w * 2
    h.mul_(h.detach())  # detach shares the version counter: the saved factor changes
    with pytest.raises(RuntimeError, match="is at version 1; expected version 0"):
        h.sum().backward()


def test_modified_saved_tensor_is_detected():
    x = torch.ones(3, requires_grad=True)
    a = x.exp()
    b = a * 2  # exp saved its result a
    a.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation.*output 0 of Exp"):
        b.sum().backward()


def test_modifying_an_unsaved_tensor_is_fine():
    x = torch.ones(3, requires_grad=True)
    a = x * 2
    y = a + 1  # add saves nothing
    a.add_(5)
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_ten_thousand_node_chain_has_no_recursion_limit():
    x = torch.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(10_000):
        y = y * 1.0001
    y.backward()
    assert x.grad.item() == pytest.approx(1.0001**10_000, rel=1e-3)


def test_paths_that_meet_are_summed():
    x = torch.tensor(3.0, requires_grad=True)
    a = x * 2
    b = x * x
    c = a + b + a * b
    c.backward()
    # dc/dx = 2 + 2x + (2 * x^2 + 2x * 2x) = 2 + 6 + 18 + 36
    assert x.grad.item() == pytest.approx(62.0)


def test_higher_order_with_create_graph():
    x = torch.tensor(2.0, requires_grad=True)
    y = x**4
    y.backward(create_graph=True)
    g = x.grad
    assert g.item() == 32.0 and g.requires_grad
    x.grad = None
    g.backward()
    assert x.grad.item() == 48.0


def test_autograd_grad_does_not_touch_grad_fields():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    w = torch.tensor([3.0, 4.0], requires_grad=True)
    (gx,) = torch.autograd.grad((x * w).sum(), x)
    assert gx.tolist() == [3.0, 4.0]
    assert x.grad is None and w.grad is None


def test_autograd_grad_allow_unused_and_grad_outputs():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    z = torch.tensor([1.0], requires_grad=True)
    y = x * 2
    gx, gz = torch.autograd.grad(y, (x, z), grad_outputs=torch.tensor([1.0, 10.0]),
                                 allow_unused=True)
    assert gx.tolist() == [2.0, 20.0] and gz is None
    (g,) = torch.autograd.grad(y.sum(), z, materialize_grads=True)
    assert g.tolist() == [0.0]


def test_autograd_grad_of_intermediate_keeps_rest_of_graph_usable():
    x = torch.tensor(2.0, requires_grad=True)
    h = x.exp()
    y = h * h
    (gh,) = torch.autograd.grad(y, h, retain_graph=True)
    assert gh.item() == pytest.approx(2 * np.exp(2.0), rel=1e-6)
    y.backward()
    assert x.grad.item() == pytest.approx(2 * np.exp(4.0), rel=1e-5)


def test_backward_with_inputs_accumulates_only_there():
    x = torch.tensor(1.0, requires_grad=True)
    w = torch.tensor(2.0, requires_grad=True)
    (x * w).backward(inputs=[w])
    assert w.grad.item() == 1.0 and x.grad is None


def test_function_with_ctx_and_needs_input_grad():
    seen = {}

    class Scale(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, factor):
            seen["needs"] = ctx.needs_input_grad
            ctx.save_for_backward(x, y)
            ctx.factor = factor
            return x * y * factor

        @staticmethod
        def backward(ctx, grad):
            x, y = ctx.saved_tensors
            return grad * y * ctx.factor, grad * x * ctx.factor, None

    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = torch.tensor([3.0, 4.0])
    out = Scale.apply(x, y, 2.0)
    assert seen["needs"] == (True, False, False)
    assert type(out.grad_fn).__name__ == "ScaleBackward"
    assert out.grad_fn.name() == "ScaleBackward"
    out.sum().backward()
    assert x.grad.tolist() == [6.0, 8.0]


def test_function_wrong_gradient_count_is_reported():
    class Bad(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad, grad

    x = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="incorrect number of gradients"):
        Bad.apply(x).sum().backward()


def test_next_functions_and_accumulate_grad_variable():
    w = torch.tensor(2.0, requires_grad=True)
    x = torch.tensor(3.0)
    y = w * x
    (acc, _), (none, _) = y.grad_fn.next_functions
    assert type(acc).__name__ == "AccumulateGrad" and acc.variable is w and none is None
    z = w + 1
    assert z.grad_fn.next_functions[0][0] is acc  # one AccumulateGrad per leaf


def test_saved_attributes_like_pytorch():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    assert y.grad_fn._saved_other.item() == 2
    p = x**3
    assert p.grad_fn._saved_exponent == 3 and p.grad_fn._saved_self is x
    s = x.sum(0)
    assert s.grad_fn._saved_dim == (0,) and s.grad_fn._saved_self_sym_sizes == (2,)


def test_graph_is_freed_when_unreferenced():
    import weakref

    x = torch.ones(3, requires_grad=True)
    y = (x * x).sum()
    ref = weakref.ref(y.grad_fn)
    y.backward()
    del y
    gc.collect()
    assert ref() is None


def test_int_tensor_times_python_float_is_float32():
    assert (torch.tensor([1, 2]) * 1.5).dtype is torch.float32
    assert (torch.tensor([1, 2]) * 2).dtype is torch.int64
    assert (torch.ones(2) * torch.tensor(2.0, dtype=torch.float64)).dtype is torch.float32


def test_numpy_interop_shares_memory():
    a = np.array([1.0, 2.0])
    t = torch.from_numpy(a)
    a[0] = 5
    assert t.tolist() == [5.0, 2.0] and t.dtype is torch.float64
    assert t.numpy() is a


def test_item_tolist_float_int_bool():
    t = torch.tensor([[1.5]])
    assert t.item() == 1.5 and float(t) == 1.5 and int(torch.tensor(3)) == 3
    assert bool(torch.tensor(True)) and torch.tensor([[1, 2]]).tolist() == [[1, 2]]
    with pytest.raises(RuntimeError, match="ambiguous"):
        bool(torch.ones(2))
    assert f"{torch.tensor(2.5):.2f}" == "2.50"


def test_reading_grad_of_leaf_does_not_warn():
    x = torch.ones(1, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None


def test_variable_wraps_a_tensor_as_a_new_leaf_sharing_data():
    a = torch.ones(2)
    v = torch.autograd.Variable(a, requires_grad=True)
    assert v is not a and v.requires_grad and not a.requires_grad and v.is_leaf
    with torch.no_grad():
        v.add_(1)
    assert a.tolist() == [2.0, 2.0]


def test_forward_graph_without_backward_needs_no_garbage_collector():
    import weakref

    gc.disable()
    try:
        w = torch.ones(3, requires_grad=True)
        out = w.exp().sigmoid().tanh().sqrt().sum()  # all of these save their own output
        ref = weakref.ref(out.grad_fn.next_functions[0][0])
        del out
        assert ref() is None  # freed by reference counting: no output <-> node cycle
    finally:
        gc.enable()


def test_saved_result_is_the_output_with_its_grad_fn():
    x = torch.tensor(2.0, requires_grad=True)
    y = x.exp()
    saved = y.grad_fn._saved_result
    assert saved.item() == y.item() and saved.grad_fn is y.grad_fn


def test_overflow_gives_inf_silently_like_pytorch():
    # In a fresh interpreter: pytest resets warning filters around every test.
    program = (
        "import engine as torch\n"
        "big = torch.tensor([1e30, 2.0], requires_grad=True)\n"
        "y = (big * big) ** 3 / 0\n"
        "y.sum().backward()\n"
        "print(y.tolist(), big.grad.tolist())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], check=False, capture_output=True, text=True, timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[inf, inf]") and done.stderr == ""


def test_a_hook_writing_in_place_into_an_expanded_gradient_gets_pytorchs_error():
    # sum's backward hands on grad.expand(shape): one element seen many times, as in PyTorch
    x = torch.ones(3, requires_grad=True)
    y = x * 2
    y.register_hook(lambda g: g.add_(1))
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor"):
        y.sum().backward()
    z = x * 2
    z.register_hook(lambda g: g.zero_())  # filling it is allowed: one value everywhere
    z.sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0]
    w = x * 2
    w.register_hook(lambda g: g * 10)  # out of place is fine
    w.sum().backward()
    assert x.grad.tolist() == [20.0, 20.0, 20.0]


def test_fresh_tensors_share_a_counter_that_no_in_place_change_ever_bumps():
    # Tensors start on one shared, never-bumped version counter (engine.tensor._FRESH_VC); each
    # in-place change or shared counter gives a tensor its own first. Go through every kind.
    fresh = sys.modules["engine.tensor"]._FRESH_VC  # (engine.tensor is also the factory)
    x = torch.tensor([1.0, 2.0, 3.0]) * 1.0  # an op's output
    w = torch.nn.Parameter(torch.ones(3) + 0.0)
    v = x[1:]  # a view shares x's counter
    d = x.detach()
    v.mul_(2)
    assert x._version == v._version == d._version == 1
    d += 1
    x[0] = 5.0
    x.zero_()
    torch.ones(2).add_(1).sub_(1).mul_(3).div_(2).fill_(7).clamp_(0, 1)
    opt = torch.optim.SGD([w], lr=0.1)
    (w * 2).sum().backward()
    opt.step()
    (w * w).sum().backward()  # accumulates into the existing .grad in place
    with torch.no_grad():
        w -= 0.5 * w.grad
    y = torch.tensor(2.0, requires_grad=True)
    z = y.exp()  # saves its output (its counter, shared)
    with torch.no_grad():
        z.add_(0)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.backward()
    assert fresh == [0]
    assert x._version == 4 and w._version == 2
    s = torch.tensor([1.0, 2.0], requires_grad=True) * 1.0
    out = (s * s).sum()
    with torch.no_grad():
        s.add_(1)  # s was saved by mul: backward must refuse
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        out.backward()
    assert fresh == [0]
