import numpy as np
import pytest

from engine import observer
from explorer.core.document.evaluation import backward, evaluate, implicit_gradient
from explorer.core.document.examples import ORDER, load_example
from explorer.core.replay.timeline import (
    AccumulateStep,
    BackwardNodeStep,
    ForwardStep,
    backward_timeline,
    engine_state,
    forward_timeline,
)
from tests.explorer.lookup import backward_step, ids_by_name
from tests.explorer.one_op_graphs import BINARY, UNARY, one_op_graph


def as_list(value):
    return None if value is None else np.asarray(value.tolist(), dtype=float).tolist()


def run_backward(doc, ev, root_id):
    return backward(ev, root_id, implicit_gradient(ev, root_id))


def example_backward(key):
    """The example `key` evaluated and backward from its root: doc, ev, events and timeline."""
    doc = load_example(key)
    ev = evaluate(doc)
    events = run_backward(doc, ev, doc.meta["root"])
    return doc, ev, events, backward_timeline(doc, ev, events, doc.meta["root"])


@pytest.mark.parametrize("key", ORDER)
def test_forward_steps_show_every_engine_event_in_engine_order(key):
    doc = load_example(key)
    ev = evaluate(doc)
    timeline = forward_timeline(doc, ev)
    assert timeline.event_seqs() == [event.seq for event in ev.forward_events]
    # Every node the engine computed through an op appears once, its value the evaluation's.
    for step in timeline.steps:
        assert step.value is ev.values[step.node_id]


@pytest.mark.parametrize("key", ORDER)
def test_backward_steps_follow_engine_event_order(key):
    _doc, _ev, events, timeline = example_backward(key)
    shown = [e.seq for e in events
             if isinstance(e, observer.AccumulateEvent)
             or (isinstance(e, observer.BackwardEvent)
                 and type(e.node).__name__ != "AccumulateGrad")]
    assert timeline.event_seqs() == shown
    assert len(timeline) > 0


@pytest.mark.parametrize("key", ORDER)
def test_final_backward_state_shows_the_engine_grads(key):
    doc, ev, _events, timeline = example_backward(key)
    final = timeline.state_at(len(timeline))
    live = engine_state(doc, ev)
    assert final.keys() == live.keys()
    for node_id in live:
        assert as_list(final[node_id].grad) == as_list(live[node_id].grad), node_id
    leaves = [n for n, v in ev.values.items()
              if hasattr(v, "requires_grad") and v.requires_grad and v.is_leaf]
    assert leaves and all(final[n].grad is not None for n in leaves)


def test_initial_backward_state_is_the_grads_before_the_call():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    x = ids_by_name(doc)["x"]
    first = backward_timeline(doc, ev, run_backward(doc, ev, doc.meta["root"]))
    assert first.state_at(0)[x].grad is None
    assert as_list(first.state_at(len(first))[x].grad) == 4.0
    second = backward_timeline(doc, ev, run_backward(doc, ev, doc.meta["root"]))
    assert as_list(second.state_at(0)[x].grad) == 4.0
    assert as_list(second.state_at(len(second))[x].grad) == 8.0


def test_seed_003_leaf_backward_then_non_leaf_backward_shows_1_then_3():
    doc = load_example("leaf_nonleaf")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    first = backward_timeline(doc, ev, run_backward(doc, ev, ids["t"]))
    # backward on the leaf itself: one accumulation, nothing else.
    assert [type(s) for s in first.steps] == [AccumulateStep]
    assert as_list(first.state_at(1)[ids["t"]].grad) == [[1.0] * 3] * 2
    second = backward_timeline(doc, ev, run_backward(doc, ev, ids["r"]))
    accumulations = {s.node_id: s for s in second.steps if isinstance(s, AccumulateStep)}
    assert accumulations[ids["r"]].retained and not accumulations[ids["t"]].retained
    t_step = accumulations[ids["t"]]
    assert as_list(t_step.before) == [[1.0] * 3] * 2
    assert as_list(t_step.contribution) == [[2.0] * 3] * 2
    assert as_list(t_step.after) == [[3.0] * 3] * 2


def test_diamond_shows_two_paths_summing_at_the_leaf():
    doc = load_example("diamond")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    timeline = backward_timeline(doc, ev, run_backward(doc, ev, doc.meta["root"]))
    leaf_step = next(s for s in timeline.steps if isinstance(s, AccumulateStep))
    assert leaf_step.node_id == ids["a"]
    parts = sorted(as_list(flow.contribution) for flow in leaf_step.received)
    assert len(parts) >= 2
    assert sum(parts) == pytest.approx(as_list(leaf_step.contribution)) == 33.0
    # b is reached along two edges (from c directly and through ba): its grad_out sums them.
    b_step = backward_step(timeline, ids["b"])
    assert len(b_step.received) == 2
    assert sum(as_list(f.contribution) for f in b_step.received) == \
        pytest.approx(as_list(b_step.grad_output))


def test_edge_flows_name_the_document_edge_and_carry_engine_numbers():
    doc = load_example("linear_int_x")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    timeline = backward_timeline(doc, ev, run_backward(doc, ev, doc.meta["root"]))
    mul = backward_step(timeline, ids["wx"])
    assert mul.fn_name == "MulBackward0"
    (flow,) = mul.flows     # x is an integer that does not require grad: nothing flows to it
    assert (flow.src, flow.dst) == (ids["w"], ids["wx"])
    assert doc.input_sources(ids["wx"])[flow.port] == ids["w"]
    assert as_list(flow.local) == 3.0 and as_list(flow.upstream) == 1.0
    assert as_list(flow.contribution) == 3.0


def test_forward_state_hides_values_until_their_step():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    timeline = forward_timeline(doc, ev)
    start = timeline.state_at(0)
    assert not start[ids["y"]].computed and start[ids["y"]].value is None
    k = next(i for i, s in enumerate(timeline.steps) if s.node_id == ids["y"])
    assert not timeline.state_at(k)[ids["y"]].computed
    assert timeline.state_at(k + 1)[ids["y"]].value is ev.values[ids["y"]]
    assert all(isinstance(s, ForwardStep) for s in timeline.steps)


def test_state_at_rejects_positions_outside_the_timeline():
    doc = load_example("x_squared")
    timeline = forward_timeline(doc, evaluate(doc))
    with pytest.raises(IndexError):
        timeline.state_at(len(timeline) + 1)
    with pytest.raises(IndexError):
        timeline.state_at(-1)


@pytest.mark.parametrize("op", UNARY + BINARY)
def test_every_catalog_op_maps_every_backward_event_to_a_node_and_an_edge(op):
    doc, a, _y, total = one_op_graph(op)
    ev = evaluate(doc)
    assert not ev.errors, ev.errors
    events = backward(ev, total)
    timeline = backward_timeline(doc, ev, events, total)
    shown = [e.seq for e in events
             if isinstance(e, observer.AccumulateEvent)
             or (isinstance(e, observer.BackwardEvent)
                 and type(e.node).__name__ != "AccumulateGrad")]
    assert timeline.event_seqs() == shown
    # Every gradient that reaches a leaf travels along a document edge.
    leaves = {a, doc.node_by_name("b").id} if op in BINARY else {a}
    leaf_flows = [f for s in timeline.steps if isinstance(s, BackwardNodeStep) for f in s.flows
                  if f.src in leaves]
    assert leaf_flows and all(f.port is not None for f in leaf_flows)
    final = timeline.state_at(len(timeline))
    assert as_list(final[a].grad) == as_list(ev.values[a].grad)
