"""The animation shows a detach node and a no_grad node as forward steps of their own, and no
gradient ever flows into them or through them on the way back."""
import pytest

from explorer.core.document.evaluation import backward, evaluate
from explorer.core.document.examples import load_example
from explorer.core.replay.explain import explain, preview
from explorer.core.replay.timeline import (
    AccumulateStep,
    BackwardNodeStep,
    backward_timeline,
    forward_timeline,
)
from tests.explorer.lookup import ids_by_name

CUT = {"detach": "c", "no_grad": "s"}   # the node the gradient cannot flow back through



@pytest.mark.parametrize("key", sorted(CUT))
def test_the_cut_node_is_a_forward_step_after_its_input(key):
    doc = load_example(key)
    ev = evaluate(doc)
    cut = ids_by_name(doc)[CUT[key]]
    timeline = forward_timeline(doc, ev)
    order = [step.node_id for step in timeline.steps]
    k = order.index(cut)
    source = doc.input_sources(cut)["x" if key == "detach" else "a"]
    if doc.node(source).op != "input":
        assert order.index(source) < k
    assert not timeline.state_at(k)[cut].computed
    assert timeline.state_at(k + 1)[cut].value is ev.values[cut]
    assert timeline.steps[k].op == ("detach" if key == "detach" else "mul")


@pytest.mark.parametrize("key", sorted(CUT))
def test_the_cut_nodes_forward_text_says_no_gradient_flows_back(key):
    doc = load_example(key)
    ev = evaluate(doc)
    cut = ids_by_name(doc)[CUT[key]]
    step = next(s for s in forward_timeline(doc, ev).steps if s.node_id == cut)
    text = explain(step, doc, ev.values)
    assert "no gradient flows back" in text.sentence
    assert ("torch.no_grad()" in text.sentence) == (key == "no_grad")
    assert not any("grad_fn = <" in formula for formula in text.formulas)
    if key == "detach":
        assert text.formulas == (f"c = y.detach() = {preview(ev.values[cut])}",)


@pytest.mark.parametrize("key", sorted(CUT))
def test_backward_never_reaches_the_cut_node_and_gives_the_engines_grad(key):
    doc = load_example(key)
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    cut = ids[CUT[key]]
    timeline = backward_timeline(doc, ev, backward(ev, doc.meta["root"]), doc.meta["root"])
    assert all(step.node_id != cut for step in timeline.steps)
    flows = [f for s in timeline.steps if isinstance(s, BackwardNodeStep) for f in s.flows]
    assert flows and all(cut not in (f.src, f.dst) for f in flows)
    if key == "detach":   # y lies behind the detach: nothing reaches it either
        assert all(step.node_id != ids["y"] for step in timeline.steps)
    final = timeline.state_at(len(timeline))
    accumulated = [s for s in timeline.steps if isinstance(s, AccumulateStep)]
    assert [s.node_id for s in accumulated] == [ids["x"]]
    assert final[ids["x"]].grad.item() == ev.values[ids["x"]].grad.item()
    assert final[cut].gradient is None and final[cut].incoming == ()
