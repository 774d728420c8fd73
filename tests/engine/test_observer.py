"""engine.observer: the events the explorer's animation replays."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from engine import observer
from engine.observer import AccumulateEvent, BackwardEvent, ForwardEvent


def kinds(events):
    out = []
    for e in events:
        if isinstance(e, ForwardEvent):
            out.append(("forward", e.op))
        elif isinstance(e, BackwardEvent):
            out.append(("backward", e.node.name()))
        else:
            out.append(("accumulate", e.tensor))
    return out


def test_linear_program_events_in_pytorch_order_with_correct_grads():
    w = engine.tensor(2.0, requires_grad=True)
    x = engine.tensor(3.0)
    b = engine.tensor(5.0, requires_grad=True)
    with observer.recording() as events:
        y = w * x + b
        y.backward()
    assert kinds(events) == [
        ("forward", "mul"), ("forward", "add"),
        ("backward", "AddBackward0"), ("accumulate", b),
        ("backward", "MulBackward0"), ("accumulate", w),
    ]
    seqs = [e.seq for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    mul_f, add_f, add_b, acc_b, mul_b, acc_w = events
    assert mul_f.inputs == (w, x) and add_f.output is y and y.grad_fn is add_f.output.grad_fn
    assert add_b.node is y.grad_fn and add_b.grad_output.item() == 1.0
    assert [g.item() for g in add_b.grad_inputs] == [1.0, 1.0]
    assert [v.item() for v in add_b.local] == [1.0, 1.0]
    assert mul_b.grad_inputs[0].item() == 3.0 and mul_b.grad_inputs[1] is None
    assert mul_b.local[0].item() == 3.0 and mul_b.local[1] is None
    assert acc_b.before is None and acc_b.contribution.item() == 1.0 and acc_b.after.item() == 1.0
    assert acc_w.after.item() == w.grad.item() == 3.0


def test_accumulate_event_shows_before_and_after():
    x = engine.tensor([1.0, 2.0], requires_grad=True)
    (x * 2).sum().backward()
    with observer.recording() as events:
        (x * 3).sum().backward()
    (acc,) = [e for e in events if isinstance(e, AccumulateEvent)]
    assert acc.before.tolist() == [2.0, 2.0]
    assert acc.contribution.tolist() == [3.0, 3.0]
    assert acc.after.tolist() == [5.0, 5.0]
    x.grad.zero_()
    assert acc.after.tolist() == [5.0, 5.0]  # a copy, not the live gradient


def test_retained_non_leaf_reports_an_accumulation():
    x = engine.tensor([1.0], requires_grad=True)
    h = x * 4
    h.retain_grad()
    with observer.recording() as events:
        (h * h).sum().backward()
    accs = [e for e in events if isinstance(e, AccumulateEvent)]
    assert [a.tensor for a in accs] == [h, x]
    assert accs[0].after.tolist() == [8.0]


def test_broadcast_grad_inputs_are_reduced_and_local_is_output_shaped():
    a = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = engine.tensor([10.0, 20.0], requires_grad=True)
    with observer.recording() as events:
        (a * b).sum().backward()
    (mul,) = [e for e in events if isinstance(e, BackwardEvent) and e.node.name() == "MulBackward0"]
    assert mul.grad_inputs[0].shape == (2, 2) and mul.grad_inputs[1].tolist() == [4.0, 6.0]
    assert mul.local[0].tolist() == [[10.0, 20.0], [10.0, 20.0]]
    assert mul.local[1].tolist() == [[1.0, 2.0], [3.0, 4.0]]
    (sum_event,) = [e for e in events
                    if isinstance(e, BackwardEvent) and e.node.name() == "SumBackward0"]
    assert sum_event.local == (None,)


def test_local_of_a_scalar_weight_times_a_vector_is_elementwise():
    b = engine.tensor(0.5, requires_grad=True)
    x = engine.tensor([1.0, 2.0, 3.0])
    with observer.recording() as events:
        (b * x).sum().backward()
    (mul,) = [e for e in events if isinstance(e, BackwardEvent) and e.node.name() == "MulBackward0"]
    assert mul.local[0].tolist() == [1.0, 2.0, 3.0]
    assert mul.grad_inputs[0].item() == 6.0 and b.grad.item() == 6.0


def test_recording_does_not_change_results():
    def program():
        engine.manual_seed(0)
        w = engine.randn(3, 2, requires_grad=True)
        x = engine.linspace(-1, 1, 6).reshape(2, 3)
        h = (x @ w).tanh()
        h.retain_grad()
        loss = (h**2).mean() + w.norm()
        loss.backward()
        return loss.item(), w.grad.numpy().copy(), h.grad.numpy().copy()

    plain = program()
    with observer.recording() as events:
        watched = program()
    assert events
    assert plain[0] == watched[0]
    np.testing.assert_array_equal(plain[1], watched[1])
    np.testing.assert_array_equal(plain[2], watched[2])


def test_listen_and_unlisten():
    got = []
    handle = observer.listen(got.append)
    try:
        engine.ones(2) + 1
    finally:
        observer.unlisten(handle)
    engine.ones(2) + 1
    assert [e.op for e in got] == ["add"]
    assert not observer._listeners


def test_inplace_and_index_ops_are_reported():
    x = engine.zeros(3)
    with observer.recording() as events:
        x.add_(1)
        _ = x[0]
        x[1] = 5
    assert [e.op for e in events] == ["add_", "index", "setitem"]
    assert events[0].output is x


def test_inplace_in_a_graph_and_none_index_report_one_event_each():
    w = engine.ones(2, requires_grad=True)
    with observer.recording() as events:
        h = w * 2
        h.add_(1)
        _ = h[None]
    assert [e.op for e in events] == ["mul", "add_", "index"]
    assert type(events[1].output.grad_fn).__name__ == "AddBackward0"


def test_backward_order_matches_pytorch_on_a_diamond():
    torch = pytest.importorskip("torch")

    def build(lib):
        a = lib.tensor(1.5, requires_grad=True)
        b = lib.tensor(-0.5, requires_grad=True)
        c = a * b
        d = c.exp() + a * c - b.sin()
        return d

    order = []
    t = build(torch)
    stack, seen = [t.grad_fn], set()
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        fn.register_prehook(lambda grads, fn=fn: order.append(type(fn).__name__))
        stack.extend(n for n, _ in fn.next_functions)
    t.backward()

    with observer.recording() as events:
        build(engine).backward()
    ours = [
        e.node.name() if isinstance(e, BackwardEvent) else "AccumulateGrad"
        for e in events if not isinstance(e, ForwardEvent)
    ]
    assert ours == order
