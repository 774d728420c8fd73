import random
import sys
import threading

import numpy as np
import pytest

import engine
from explorer.core.document.evaluation import (
    EvaluationError,
    backward,
    clear_grad,
    evaluate,
    grad_of,
    ones_gradient,
    waiting_text,
    zero_grad,
)
from explorer.core.document.examples import load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS
from tests.explorer.lookup import ids_by_name


def values(tensor) -> list:
    return np.asarray(tensor.detach().numpy()).tolist()


def test_grad_accumulates_across_two_backward_calls():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    x = ids_by_name(doc)["x"]
    backward(ev, doc.meta["root"])
    assert grad_of(ev, x)[0].item() == 4.0
    backward(ev, doc.meta["root"])
    assert grad_of(ev, x)[0].item() == 8.0


def test_seed_003_leaf_then_non_leaf_backward_gives_1_then_3():
    doc = load_example("leaf_nonleaf")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    backward(ev, ids["t"], ones_gradient(ev, ids["t"]))
    assert values(grad_of(ev, ids["t"])[0]) == [[1.0] * 3] * 2
    backward(ev, ids["r"], ones_gradient(ev, ids["r"]))
    assert values(grad_of(ev, ids["t"])[0]) == [[3.0] * 3] * 2
    assert values(grad_of(ev, ids["r"])[0]) == [[1.0] * 3] * 2


def test_non_leaf_without_retain_grad_has_no_grad_and_says_why():
    doc = load_example("diamond")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    backward(ev, doc.meta["root"])
    grad, reason = grad_of(ev, ids["b"])
    assert grad is None and "not a leaf" in reason
    assert grad_of(ev, ids["a"])[0].item() == 33.0


def test_grad_of_reasons():
    doc = load_example("linear_int_x")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    grad, reason = grad_of(ev, ids["x"])
    assert grad is None and "does not require grad" in reason
    grad, reason = grad_of(ev, ids["w"])
    assert grad is None and "no backward" in reason
    doc = load_example("x_squared")
    ev = evaluate(doc)
    grad, reason = grad_of(ev, ids_by_name(doc)["two"])
    assert grad is None and "Python number" in reason


def test_zero_grad_zeroes_in_place_and_clear_grad_sets_none():
    doc = load_example("linear_int_x")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    backward(ev, doc.meta["root"])
    grad_before = grad_of(ev, ids["w"])[0]
    assert sorted(zero_grad(ev)) == sorted([ids["w"], ids["b"]])
    assert grad_of(ev, ids["w"])[0] is grad_before   # the same tensor, zeroed in place
    assert grad_before.item() == 0.0
    backward(ev, doc.meta["root"])
    assert grad_of(ev, ids["w"])[0].item() == 3.0
    assert sorted(clear_grad(ev)) == sorted([ids["w"], ids["b"]])
    assert grad_of(ev, ids["w"])[0] is None
    backward(ev, doc.meta["root"])
    assert grad_of(ev, ids["b"])[0].item() == 1.0


def test_non_scalar_root_needs_a_gradient():
    doc = load_example("leaf_nonleaf")
    ev = evaluate(doc)
    root = doc.meta["root"]
    with pytest.raises(EvaluationError, match=r"shape \(2, 3\)"):
        backward(ev, root)
    with pytest.raises(EvaluationError):
        backward(ev, root, engine.ones(3))   # the engine refuses a gradient of the wrong shape


def test_backward_from_a_root_that_does_not_require_grad_is_refused():
    doc = GraphDocument()
    x = doc.add_node("input", params={"requires_grad": False})
    e = doc.add_node("exp")
    doc.connect(x, e, "x")
    ev = evaluate(doc)
    with pytest.raises(EvaluationError, match="does not require grad"):
        backward(ev, e)


def test_backward_from_a_python_number_or_failed_node_is_refused():
    doc = GraphDocument()
    c = doc.add_node("constant")
    e = doc.add_node("exp")
    ev = evaluate(doc)
    with pytest.raises(EvaluationError, match="Python number"):
        backward(ev, c)
    with pytest.raises(EvaluationError, match="no value"):
        backward(ev, e)


def test_failing_node_gets_engine_message_and_downstream_is_not_computed():
    doc = GraphDocument()
    a = doc.add_node("input", params={"value": "[1., 2.]"})
    b = doc.add_node("input", params={"value": "[1., 2., 3.]"})
    s = doc.add_node("add")
    e = doc.add_node("exp")
    m = doc.add_node("mean")
    other = doc.add_node("exp")
    doc.connect(a, s, "a")
    doc.connect(b, s, "b")
    doc.connect(s, e, "x")
    doc.connect(e, m, "x")
    doc.connect(a, other, "x")
    ev = evaluate(doc)
    with pytest.raises(Exception) as info:
        engine.tensor([1.0, 2.0]) + engine.tensor([1.0, 2.0, 3.0])
    assert ev.errors == {s: str(info.value)}
    assert ev.not_computed == {e, m}
    assert set(ev.values) == {a, b, other}


def test_a_missing_input_is_waited_for_not_an_error_and_what_follows_is_not_computed():
    doc = GraphDocument()
    x = doc.add_node("input")
    mul = doc.add_node("mul")
    doc.connect(x, mul, "a")
    after = doc.add_node("exp")
    doc.connect(mul, after, "x")
    ev = evaluate(doc)
    assert ev.errors == {}
    assert ev.waiting == {mul: ("b",)}
    assert ev.not_computed == {after}
    assert waiting_text(ev.waiting[mul]) == "waiting for input b"
    assert waiting_text(("a", "b")) == "waiting for inputs a and b"


def test_bad_value_text_and_int_requires_grad_are_node_errors():
    doc = GraphDocument()
    bad = doc.add_node("input", params={"value": "__import__('os')"})
    int_grad = doc.add_node("input", params={"value": "3", "requires_grad": True})
    ev = evaluate(doc)
    assert "Unknown name" in ev.errors[bad]
    with pytest.raises(Exception) as info:
        engine.tensor(3, requires_grad=True)
    assert ev.errors[int_grad] == str(info.value)


def test_retain_grad_param_keeps_a_non_leaf_grad():
    doc = load_example("diamond")
    ids = ids_by_name(doc)
    doc.set_params(ids["b"], {"retain_grad": True})
    ev = evaluate(doc)
    backward(ev, doc.meta["root"])
    # c = b + b*a, so dc/db = 1 + a = 4 at a = 3.
    assert grad_of(ev, ids["b"])[0].item() == 4.0


def test_retain_grad_on_a_node_without_grad_is_ignored():
    doc = load_example("linear_int_x")
    ids = ids_by_name(doc)
    doc.set_params(ids["x"], {"retain_grad": True})
    ev = evaluate(doc)
    assert ev.errors == {}
    assert grad_of(ev, ids["x"])[0] is None


def test_every_op_evaluates_to_the_engines_own_call():
    doc = GraphDocument()
    m = doc.add_node("input", params={"value": "[[1., -2.], [3., 4.]]"})
    v = doc.add_node("input", params={"value": "[0.5, 2.]"})
    p = doc.add_node("input", params={"value": "[0.5, 2.]"})
    expected = {}
    M = engine.tensor([[1.0, -2.0], [3.0, 4.0]], requires_grad=True)
    V = engine.tensor([0.5, 2.0], requires_grad=True)
    P = engine.tensor([0.5, 2.0], requires_grad=True)

    def op(key, *sources, **params):
        node = doc.add_node(key, params=params or None)
        for port, src in zip(("a", "b") if len(sources) == 2 else ("x",), sources, strict=True):
            doc.connect(src, node, port)
        return node

    for key in ("exp", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "neg"):
        expected[op(key, m)] = getattr(engine, key)(M)
    expected[op("log", p)] = engine.log(P)
    expected[op("sqrt", p)] = engine.sqrt(P)
    expected[op("add", m, v)] = M + V
    expected[op("sub", m, v)] = M - V
    expected[op("mul", m, v)] = M * V
    expected[op("div", m, v)] = M / V
    expected[op("pow", p, v)] = P ** V
    expected[op("dot", v, p)] = engine.dot(V, P)
    expected[op("matmul", m, v)] = M @ V
    expected[op("sum", m)] = M.sum()
    expected[op("sum", m, dim="1", keepdim=True)] = M.sum(dim=1, keepdim=True)
    expected[op("mean", m, dim="0")] = M.mean(dim=0)
    expected[op("reshape", m, shape="4")] = M.reshape(4)
    expected[op("transpose", m)] = M.transpose(0, 1)
    expected[op("index", m, index="1, :")] = M[1, :]
    expected[op("index", m, index="0:1")] = M[0:1]
    ev = evaluate(doc)
    assert ev.errors == {}
    for node, tensor in expected.items():
        got = ev.values[node]
        assert got.shape == tensor.shape, doc.node(node).op
        assert got.grad_fn.name() == tensor.grad_fn.name(), doc.node(node).op
        np.testing.assert_array_equal(values(got), values(tensor), err_msg=doc.node(node).op)


def test_input_initialisers_match_engine_factories():
    doc = GraphDocument()
    cases = {
        doc.add_node("input", params={"init": "zeros", "shape": "2, 3"}):
            engine.zeros(2, 3, requires_grad=True),
        doc.add_node("input", params={"init": "ones", "shape": "", "dtype": "float64"}):
            engine.ones((), dtype=engine.float64, requires_grad=True),
        doc.add_node("input", params={"init": "arange", "start": "1", "end": "7", "step": "2",
                                      "requires_grad": False}):
            engine.arange(1, 7, 2),
        doc.add_node("input", params={"init": "linspace", "start": "-1", "end": "1",
                                      "steps": 5}):
            engine.linspace(-1, 1, 5, requires_grad=True),
    }
    engine.manual_seed(3)
    cases[doc.add_node("input", params={"init": "randn", "shape": "3", "seed": 3})] = \
        engine.randn(3, requires_grad=True)
    ev = evaluate(doc)
    assert ev.errors == {}
    for node, tensor in cases.items():
        got = ev.values[node]
        assert got.dtype == tensor.dtype and got.requires_grad == tensor.requires_grad
        np.testing.assert_array_equal(values(got), values(tensor))


def test_constant_number_stays_a_python_scalar():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    assert type(ev.values[ids["two"]]) is int
    assert ev.values[ids["x_sq"]].grad_fn.name() == "PowBackward0"


def test_fresh_evaluation_has_fresh_leaves():
    doc = load_example("x_squared")
    first = evaluate(doc)
    backward(first, doc.meta["root"])
    second = evaluate(doc)
    x = ids_by_name(doc)["x"]
    assert grad_of(second, x)[0] is None
    assert first.values[x] is not second.values[x]


def test_forward_events_are_recorded_per_node_in_execution_order():
    doc = load_example("mean_of_square")
    ev = evaluate(doc)
    assert ev.forward_events == [e for n in ev.order for e in ev.node_events[n]]
    seqs = [e.seq for e in ev.forward_events]
    assert seqs == sorted(seqs)
    for data in doc.nodes():
        if data.op not in ("input", "constant"):
            events = ev.node_events[data.id]
            assert events and events[-1].output is ev.values[data.id], data.name
            assert ev.node_of_tensor(events[-1].output) == data.id


def test_backward_events_map_back_to_nodes():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    events = backward(ev, doc.meta["root"])
    nodes_run = [ev.node_of_grad_fn(e.node) for e in events if hasattr(e, "grad_inputs")]
    assert nodes_run == [ids["y"], ids["x_sq"]]   # AccumulateGrad reports an AccumulateEvent
    accumulations = [e for e in events if hasattr(e, "contribution")]
    assert [ev.node_of_tensor(e.tensor) for e in accumulations] == [ids["x"]]
    assert accumulations[0].before is None and accumulations[0].after.item() == 4.0
    seqs = [e.seq for e in events]
    assert seqs == sorted(seqs) and seqs[0] > ev.forward_events[-1].seq


def test_huge_initialisers_are_refused_without_allocating():
    doc = GraphDocument()
    big_linspace = doc.add_node("input", params={"init": "linspace", "steps": 10**12})
    big_arange = doc.add_node("input", params={"init": "arange", "end": "1e12"})
    big_ones = doc.add_node("input", params={"init": "ones", "shape": "100000, 100000"})
    ev = evaluate(doc)
    assert set(ev.errors) == {big_linspace, big_arange, big_ones}
    assert all("elements" in message for message in ev.errors.values())


def test_random_graphs_with_random_params_never_crash_evaluation():
    rng = random.Random(0)
    texts = ["2.0", "[1., 2.]", "[[1, 2], [3, 4]]", "-1", "0", "nan", "x", "[1, [2]]", "", "3"]
    for _ in range(40):
        doc = GraphDocument()
        nodes = []
        for _ in range(rng.randint(1, 12)):
            op = rng.choice(sorted(OPS))
            params = {}
            for spec in OPS[op].params:
                if spec.kind in ("text", "shape") and rng.random() < 0.5:
                    params[spec.name] = rng.choice(texts)
                elif spec.kind == "bool" and rng.random() < 0.5:
                    params[spec.name] = rng.random() < 0.5
                elif spec.kind == "choice" and rng.random() < 0.5:
                    params[spec.name] = rng.choice(spec.choices)
                elif spec.kind == "int" and rng.random() < 0.3:
                    params[spec.name] = rng.randint(-2, 3)
            node = doc.add_node(op, params=params)
            for port in OPS[op].inputs:
                if nodes and rng.random() < 0.9:
                    doc.connect(rng.choice(nodes), node, port)
            nodes.append(node)
        ev = evaluate(doc)
        assert set(ev.values) | set(ev.errors) | set(ev.waiting) | ev.not_computed == set(nodes)
        assert all(isinstance(m, str) and m for m in ev.errors.values())
        for root in doc.outputs():
            try:
                backward(ev, root, ones_gradient(ev, root) if root in ev.values
                         and hasattr(ev.values[root], "shape") else None)
            except EvaluationError as exc:
                assert str(exc)


def test_engine_work_in_another_thread_does_not_leak_into_events():
    stop = threading.Event()

    def busy():
        t = engine.ones(3, requires_grad=True)
        while not stop.is_set():
            (t * 2).sum().backward()

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)   # switch threads often, so the worker runs mid-evaluation
    worker = threading.Thread(target=busy)
    worker.start()
    try:
        doc = load_example("mean_of_square")
        for _ in range(30):
            ev = evaluate(doc)
            events = backward(ev, doc.meta["root"])
            assert all(ev.node_of_tensor(e.output) for e in ev.forward_events)
            assert len([e for e in events if hasattr(e, "grad_inputs")]) == 4
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(previous)


def _s_times_x_plus_x(*, no_grad: bool) -> tuple[GraphDocument, dict[str, str]]:
    """x = 3 (requires grad); s = x * 2 (under no_grad or not); y = s * x + x."""
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "3.0"})
    two = doc.add_node("constant", params={"value": "2"})
    s = doc.add_node("mul", name="s", params={"no_grad": no_grad})
    sx = doc.add_node("mul", name="sx")
    y = doc.add_node("add", name="y")
    for src, dst, port in ((x, s, "a"), (two, s, "b"), (s, sx, "a"), (x, sx, "b"),
                           (sx, y, "a"), (x, y, "b")):
        doc.connect(src, dst, port)
    return doc, ids_by_name(doc)


def _s_times_x_plus_x_program(*, no_grad: bool):
    x = engine.tensor(3.0, requires_grad=True)
    with engine.no_grad() if no_grad else engine.enable_grad():
        s = x * 2
    y = s * x + x
    y.backward()
    return x, s


@pytest.mark.parametrize("no_grad", [True, False])
def test_no_grad_node_runs_under_the_engines_no_grad_like_the_program(no_grad):
    doc, ids = _s_times_x_plus_x(no_grad=no_grad)
    ev = evaluate(doc)
    backward(ev, ids["y"])
    x, s = _s_times_x_plus_x_program(no_grad=no_grad)
    got = ev.values[ids["s"]]
    assert got.requires_grad == s.requires_grad and got.is_leaf == s.is_leaf
    assert (got.grad_fn is None) == (s.grad_fn is None)
    assert values(got) == values(s)
    assert grad_of(ev, ids["x"])[0].item() == x.grad.item()
    # The op still ran: the engine reported it, so the animation can show it.
    assert [e.op for e in ev.node_events[ids["s"]]] == ["mul"]


def test_no_grad_node_has_no_grad_and_says_why():
    doc, ids = _s_times_x_plus_x(no_grad=True)
    ev = evaluate(doc)
    backward(ev, ids["y"])
    grad, reason = grad_of(ev, ids["s"])
    assert grad is None and "does not require grad" in reason


def test_no_grad_does_not_leak_to_the_nodes_after_it():
    doc, ids = _s_times_x_plus_x(no_grad=True)
    ev = evaluate(doc)
    assert engine.is_grad_enabled()
    assert ev.values[ids["sx"]].grad_fn.name() == "MulBackward0"
    assert ev.values[ids["y"]].grad_fn.name() == "AddBackward0"


def test_a_graph_entirely_under_no_grad_refuses_backward_with_a_reason():
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "3.0"})
    y = doc.add_node("exp", name="y", params={"no_grad": True})
    doc.connect(x, y, "x")
    ev = evaluate(doc)
    with pytest.raises(EvaluationError, match="does not require grad"):
        backward(ev, y)


def test_detach_node_holds_the_value_without_grad_fn_and_cuts_the_gradient():
    doc = load_example("detach")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    c, y = ev.values[ids["c"]], ev.values[ids["y"]]
    assert c.grad_fn is None and not c.requires_grad and c.is_leaf
    assert values(c) == values(y) and y.grad_fn is not None
    assert [(e.op, e.inputs[0] is y, e.output is c) for e in ev.node_events[ids["c"]]] == \
        [("detach", True, True)]
    backward(ev, doc.meta["root"])
    x = engine.tensor(3.0, requires_grad=True)
    (x * x).detach().mul(x).backward()
    assert grad_of(ev, ids["x"])[0].item() == x.grad.item()
