"""Backward (and forward) through a folded group replays as one step naming its inner ops."""
import pytest
from group_graphs import hidden_layer, inner

from explorer.core.document.evaluation import backward, evaluate
from explorer.core.document.examples import ORDER, load_example
from explorer.core.replay.group_steps import GroupStep, explain_step, fold_groups
from explorer.core.replay.timeline import backward_timeline, forward_timeline


def folded_backward(folded: bool = True):
    doc, ids = hidden_layer()
    group_id = doc.add_group(inner(ids), "hidden", folded=folded)
    ev = evaluate(doc)
    events = backward(ev, ids["out"], None)
    return doc, ids, group_id, ev, backward_timeline(doc, ev, events, ids["out"])


def test_backward_through_a_folded_group_is_one_step_naming_its_ops():
    doc, _ids, _group_id, ev, timeline = folded_backward()
    folded = fold_groups(timeline, doc)
    groups = [s for s in folded.steps if isinstance(s, GroupStep)]
    assert len(groups) == 1 and len(folded) == len(timeline) - 2
    step = groups[0]
    assert [s.fn_name for s in step.steps] == ["ReluBackward0", "AddBackward0",
                                              "MulBackward0"]
    # The gradient came in from out's MulBackward0 and left for the leaves w, x and b.
    assert [doc.node(f.dst).name for f in step.received] == ["out"]
    assert sorted(doc.node(f.src).name for f in step.flows) == ["b", "w", "x"]
    # Every step that needs the group's gradients comes after it; the numbers are the engine's.
    names = [s.name if isinstance(s, GroupStep) else doc.node(s.node_id).name
             for s in folded.steps]
    assert names.index("hidden") > names.index("out")
    assert all(names.index(leaf) > names.index("hidden") for leaf in ("x", "w", "b"))
    final = folded.state_at(len(folded))
    for node_id, display in timeline.state_at(len(timeline)).items():
        assert final[node_id].grad is display.grad
    text = explain_step(step, doc, ev.values)
    assert text.title == "group 'hidden' (mul, add, relu)"
    assert text.formulas[0] == ("group 'hidden' (mul, add, relu): "
                                "ReluBackward0 → AddBackward0 → MulBackward0")
    assert "grad_w = 6" in text.formulas


def test_an_unfolded_group_replays_step_by_step_as_before():
    doc, _ids, _group_id, _ev, timeline = folded_backward(folded=False)
    assert fold_groups(timeline, doc) is timeline


def test_forward_through_a_folded_group_is_one_step_too():
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    ev = evaluate(doc)
    timeline = forward_timeline(doc, ev)
    folded = fold_groups(timeline, doc)
    step = next(s for s in folded.steps if isinstance(s, GroupStep))
    assert [doc.node(s.node_id).name for s in step.steps] == ["wx", "h", "r"]
    assert [e[0] for e in step.entering] == [ids["w"], ids["x"], ids["b"]]
    assert folded.event_seqs() == timeline.event_seqs()   # nothing lost, nothing reordered
    text = explain_step(step, doc, ev.values)
    assert text.formulas == ("group 'hidden' (mul, add, relu): mul, add, relu", "r = 5")


@pytest.mark.parametrize("key", ORDER)
def test_folding_any_single_node_group_keeps_every_event_of_every_example(key):
    doc = load_example(key)
    ev = evaluate(doc)
    timeline = forward_timeline(doc, ev)
    last = doc.topological_order()[-1]
    doc.add_group([last], "g")
    folded = fold_groups(timeline, doc)
    assert sorted(folded.event_seqs()) == sorted(timeline.event_seqs())
