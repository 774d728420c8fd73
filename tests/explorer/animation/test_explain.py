import pytest

import engine
from explorer.core.document.evaluation import backward, evaluate, implicit_gradient
from explorer.core.document.examples import ORDER, load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS
from explorer.core.replay.explain import edge_label, explain, format_number, op_formula, preview
from explorer.core.replay.timeline import (
    AccumulateStep,
    BackwardNodeStep,
    backward_timeline,
    forward_timeline,
)
from tests.explorer.lookup import backward_step, ids_by_name
from tests.explorer.one_op_graphs import BINARY, UNARY, one_op_graph


def backward_steps(key, root_name=None):
    doc = load_example(key)
    ev = evaluate(doc)
    root = ids_by_name(doc)[root_name] if root_name else doc.meta["root"]
    timeline = backward_timeline(doc, ev, backward(ev, root, implicit_gradient(ev, root)))
    return doc, ev, timeline


def test_numbers_read_like_a_learner_writes_them():
    assert format_number(3.0) == "3"
    assert format_number(4.5) == "4.5"
    assert format_number(88.98759460449219) == "88.9876"
    assert format_number(1 / 3) == "0.3333"
    assert format_number(1.5e-7) == "1.500e-07"
    assert format_number(True) == "True"


def test_tensor_previews_are_compact_and_carry_the_shape():
    assert preview(engine.tensor(2.5)) == "2.5"
    assert preview(engine.ones(2, 2)) == "[[1, 1], [1, 1]]"
    assert preview(engine.arange(10.0)) == "[0, 1, 2, 3, 4, 5, …] (10)"
    assert preview(engine.zeros(3, 4), limit=3) == "[0, 0, 0, …] (3×4)"
    assert preview(None) == "None"


def test_mul_backward_formula_uses_the_engine_numbers():
    doc, ev, timeline = backward_steps("linear_int_x")
    ids = ids_by_name(doc)
    step = backward_step(timeline, ids["wx"])
    text = explain(step, doc, ev.values)
    assert text.title == "MulBackward0"
    assert "grad_w = grad_out × x = 1 × 3 = 3" in text.formulas
    # x is an integer input: the sentence says why nothing flows to it.
    assert "No gradient flows to x: it does not require grad." in text.sentence


def linear_layer_steps():
    """s = linear(x, weight, bias).sum(); x does not require grad, weight and bias do."""
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "[[1., 2.]]", "requires_grad": False})
    weight = doc.add_node("input", name="model_4_weight",
                          params={"value": "[[0.5, -1.], [2., 3.]]", "requires_grad": True})
    bias = doc.add_node("input", name="model_4_bias",
                        params={"value": "[0.1, 0.2]", "requires_grad": True})
    y = doc.add_node("linear", name="y")
    for src, port in ((x, "input"), (weight, "weight"), (bias, "bias")):
        doc.connect(src, y, port)
    s = doc.add_node("sum", name="s")
    doc.connect(y, s, "x")
    ev = evaluate(doc)
    steps = [st for st in backward_timeline(doc, ev, backward(ev, s)).steps
             if isinstance(st, BackwardNodeStep) and st.node_id == y]
    return doc, ev, steps


def test_linear_backward_says_the_weight_gets_its_gradient_in_the_inner_step():
    doc, ev, (outer, inner) = linear_layer_steps()
    text = explain(outer, doc, ev.values)
    assert text.title == "AddmmBackward0"
    assert "The gradient of model_4_weight comes in a later step: AddmmBackward0 sends it on " \
           "to TBackward0" in text.sentence
    assert "No gradient flows to x: it does not require grad." in text.sentence
    inner_text = explain(inner, doc, ev.values)
    assert inner_text.title == "TBackward0"
    assert "grad_model_4_weight = grad_out.T @ x = [[1, 2], [1, 2]]" in inner_text.formulas
    assert "The gradient of model_4_bias comes in another step of y." in inner_text.sentence
    for sentence in (text.sentence, inner_text.sentence):
        assert "model_4_weight: it does not" not in sentence
        assert "model_4_bias: it does not" not in sentence


def test_power_formulas_for_both_inputs():
    doc, ev, timeline = backward_steps("power")
    step = next(s for s in timeline.steps if isinstance(s, BackwardNodeStep))
    text = explain(step, doc, ev.values)
    assert text.title == "PowBackward1"
    assert "grad_x = grad_out × y × x^(y - 1) = 1 × 108 = 108" in text.formulas
    assert "grad_y = grad_out × x^y × ln(x) = 1 × 88.9876 = 88.9876" in text.formulas


def test_sum_where_paths_meet_is_written_out():
    doc, ev, timeline = backward_steps("diamond")
    ids = ids_by_name(doc)
    step = backward_step(timeline, ids["b"])
    text = explain(step, doc, ev.values)
    assert "grad_out = 1 + 3 = 4" in text.formulas or "grad_out = 3 + 1 = 4" in text.formulas
    assert "2 gradient paths meet at b" in text.sentence
    leaf = next(s for s in timeline.steps if isinstance(s, AccumulateStep))
    accumulate = explain(leaf, doc, ev.values)
    assert accumulate.title == "AccumulateGrad"
    assert "a.grad = None → 33" in accumulate.formulas


def test_accumulation_shows_before_plus_contribution_equals_after():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    backward(ev, doc.meta["root"])
    timeline = backward_timeline(doc, ev, backward(ev, doc.meta["root"]))
    step = next(s for s in timeline.steps if isinstance(s, AccumulateStep))
    assert "x.grad = 4 + 4 = 8" in explain(step, doc, ev.values).formulas


def test_non_elementwise_ops_show_their_rule_in_pytorch_notation():
    doc, ev, timeline = backward_steps("mean_of_square")
    mean = next(s for s in timeline.steps if isinstance(s, BackwardNodeStep))
    text = explain(mean, doc, ev.values)
    assert text.title == "MeanBackward0"
    assert any(f.startswith("grad_z = grad_out.expand_as(z) / 4 = ") for f in text.formulas)
    assert edge_label(mean.flows[0]).startswith("= ")


@pytest.mark.parametrize("key", ORDER)
def test_every_step_of_every_example_has_words_and_formulas(key):
    doc = load_example(key)
    ev = evaluate(doc)
    steps = list(forward_timeline(doc, ev).steps)
    root = doc.meta["root"]
    steps += backward_timeline(doc, ev, backward(ev, root, implicit_gradient(ev, root))).steps
    for step in steps:
        text = explain(step, doc, ev.values)
        assert text.title and text.sentence and text.formulas


def test_forward_formula_substitutes_the_input_values():
    doc = load_example("linear_int_x")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    step = next(s for s in forward_timeline(doc, ev).steps if s.node_id == ids["wx"])
    text = explain(step, doc, ev.values)
    assert text.formulas[0] == "wx = w * x = 2 * 3 = 6"
    assert "wx.grad_fn = <MulBackward0>" in text.formulas


def test_edge_labels_read_uniform_tensors_as_one_number_and_the_shape():
    doc, _ev, timeline = backward_steps("mean_of_square")
    ids = ids_by_name(doc)
    pow_step = backward_step(timeline, ids["y_sq"])
    (flow,) = pow_step.flows
    assert edge_label(flow) == "6 × 0.75 = 4.5 (2×2)"
    mean = next(s for s in timeline.steps if isinstance(s, BackwardNodeStep))
    assert edge_label(mean.flows[0]) == "= 0.25 (2×2)"


def test_edge_labels_of_differing_elements_show_the_values():
    doc = load_example("dot")
    ev = evaluate(doc)
    timeline = backward_timeline(doc, ev, backward(ev, doc.meta["root"]))
    dot = next(s for s in timeline.steps if s.fn_name == "DotBackward0")
    assert edge_label(dot.flows[0]) == "= [0, 2, 4, 6]"


def test_forward_formula_of_a_big_tensor_skips_the_unreadable_substitution():
    doc = load_example("polynomial_loss")
    ev = evaluate(doc)
    ids = ids_by_name(doc)
    step = next(s for s in forward_timeline(doc, ev).steps if s.node_id == ids["loss"])
    formula = explain(step, doc, ev.values).formulas[0]
    assert formula.startswith("loss = sq.sum() = ")
    assert "…" not in formula


@pytest.mark.parametrize("op", UNARY + BINARY)
def test_every_catalog_op_has_its_rule_written_in_the_formula(op):
    doc, _p, node, total = one_op_graph(op, "p", "q")
    ev = evaluate(doc)
    timeline = backward_timeline(doc, ev, backward(ev, total))
    step = backward_step(timeline, node)
    formulas = explain(step, doc, ev.values).formulas
    flows = [f for f in formulas if f.startswith("grad_p")]
    assert flows, formulas
    # The rule names the operands, never a bare placeholder.
    assert all("local" not in f for f in flows)
    assert all(f.count("=") >= 2 for f in flows), flows


# detach sends no gradient back: it has no formula
_WITHOUT_FORMULA = {"detach"}


def test_every_op_the_editor_offers_has_the_engines_formula_for_each_port():
    for op, spec in OPS.items():
        if not spec.inputs or op in _WITHOUT_FORMULA or spec.category_key == "traced":
            continue
        entry = op_formula(op, {port: f"<{port}>" for port in spec.inputs}, {}, out="<out>")
        assert entry is not None, op
        assert entry.forward.startswith("<out> = "), op
        for port in spec.inputs:
            text = entry.derivative(port) or entry.gradient.get(port)
            assert text is not None, (op, port)


@pytest.mark.parametrize("reduction, n", [("mean", "2"), ("sum", "1")])
def test_mse_loss_gradient_divides_by_the_elements_it_averaged(reduction, n):
    from explorer.core.document.graph_document import GraphDocument

    doc = GraphDocument()
    p = doc.add_node("input", name="p", params={"value": "[0.5, 1.5]"})
    q = doc.add_node("input", name="q", params={"value": "[1.0, 1.0]"})
    loss = doc.add_node("mse_loss", name="loss", params={"reduction": reduction})
    doc.connect(p, loss, "input")
    doc.connect(q, loss, "target")
    ev = evaluate(doc)
    timeline = backward_timeline(doc, ev, backward(ev, loss))
    step = backward_step(timeline, loss)
    formulas = explain(step, doc, ev.values).formulas
    assert any(f.startswith(f"grad_p = 2 × (p - q) × grad_out / {n} = ") for f in formulas), \
        formulas
