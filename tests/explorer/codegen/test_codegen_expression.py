"""The expression bar's parser: unknown names become inputs, known names are reused, the result
is a batch that applies to the document in one go and evaluates like the engine."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from explorer.core.codegen.additions import apply_additions
from explorer.core.codegen.expression import parse_expression
from explorer.core.codegen.snippet_import import SnippetError
from explorer.core.document.evaluation import evaluate
from explorer.core.document.graph_document import GraphDocument


def _add(doc: GraphDocument, text: str) -> dict[str, str]:
    return apply_additions(doc, parse_expression(text, doc))


def test_unknown_names_become_editable_inputs_and_the_target_names_the_result():
    doc = GraphDocument()
    _add(doc, "y = w*x + b")
    assert {d.name: d.op for d in doc.nodes()} == {
        "w": "input", "x": "input", "b": "input", "mul1": "mul", "y": "add"}
    for name in "wxb":
        params = doc.node_by_name(name).params
        assert params["init"] == "value" and params["requires_grad"] is True
    ev = evaluate(doc)
    w, x, b = (engine.tensor(float(doc.node_by_name(n).params["value"]), requires_grad=True)
               for n in "wxb")
    assert ev.values[doc.node_by_name("y").id].item() == (w * x + b).item()


def test_names_already_in_the_document_are_reused_not_duplicated():
    doc = GraphDocument()
    _add(doc, "y = w*x + b")
    _add(doc, "z = x**y")
    z = doc.node_by_name("z")
    sources = doc.input_sources(z.id)
    assert sources == {"a": doc.node_by_name("x").id, "b": doc.node_by_name("y").id}
    assert len([d for d in doc.nodes() if d.op == "input"]) == 3
    assert type(evaluate(doc).values[z.id].grad_fn).__name__ == "PowBackward1"


def test_mean_of_scaled_square_builds_the_textbook_graph_with_python_constants():
    doc = GraphDocument()
    _add(doc, "x = torch.ones(2, 2, requires_grad=True); out = (3*(x+2)**2).mean()")
    ev = evaluate(doc)
    out = ev.values[doc.node_by_name("out").id]
    assert type(out.grad_fn).__name__ == "MeanBackward0"
    pow_node = next(d for d in doc.nodes() if d.op == "pow")
    assert type(ev.values[pow_node.id].grad_fn).__name__ == "PowBackward0"
    x = engine.ones(2, 2, requires_grad=True)
    assert out.item() == (3 * (x + 2) ** 2).mean().item()


def test_bare_expression_stays_as_a_node_of_its_own():
    doc = GraphDocument()
    _add(doc, "x = torch.tensor([1.0, 2.0])")
    ids = _add(doc, "torch.exp(x) / 2")
    assert len(ids) == 3   # exp, the constant 2, div
    div = next(d for d in doc.nodes() if d.op == "div")
    np.testing.assert_allclose(evaluate(doc).values[div.id].numpy(), np.exp([1.0, 2.0]) / 2,
                               rtol=1e-6)


def test_statements_on_several_lines_and_reassignment_get_suffixed_names():
    doc = GraphDocument()
    _add(doc, "y = x * 2\ny = y + 1")
    assert doc.node_by_name("y").op == "mul" and doc.node_by_name("y_1").op == "add"


def test_new_nodes_are_laid_out_below_the_existing_graph():
    doc = GraphDocument()
    _add(doc, "y = x * 2")
    bottom = max(d.pos[1] for d in doc.nodes())
    before = {d.id for d in doc.nodes()}
    _add(doc, "z = exp(y)")
    new = [d for d in doc.nodes() if d.id not in before]
    assert new and all(d.pos[1] > bottom for d in new)


@pytest.mark.parametrize("text,fragment", [
    ("y = x +", "syntax error"),
    ("y = __import__('os')", "double underscores"),
    ("y = [i for i in x]", "comprehensions"),
    ("print = x * 2", "reserved"),
    ("y = x.grad", ".grad"),
    ("y = x < 2", "comparisons"),
])
def test_bad_expressions_are_refused_and_change_nothing(text, fragment):
    doc = GraphDocument()
    _add(doc, "x = torch.tensor(2.0, requires_grad=True)")
    before = doc.to_dict()
    with pytest.raises(SnippetError) as info:
        parse_expression(text, doc)
    assert fragment in info.value.reason
    assert doc.to_dict() == before


def test_detach_typed_in_the_bar_is_a_detach_node_on_the_existing_value():
    doc = GraphDocument()
    _add(doc, "y = x * x")
    _add(doc, "z = y.detach() * x")
    y, z = doc.node_by_name("y"), doc.node_by_name("z")
    detach = doc.node(doc.input_sources(z.id)["a"])
    assert detach.op == "detach" and doc.input_sources(detach.id) == {"x": y.id}
    ev = evaluate(doc)
    x = engine.tensor(float(doc.node_by_name("x").params["value"]), requires_grad=True)
    want = (x * x).detach() * x
    got = ev.values[z.id]
    assert got.item() == want.item() and got.grad_fn.name() == want.grad_fn.name()
    assert not ev.values[detach.id].requires_grad


def test_an_unknown_function_is_named_as_such_with_close_matches():
    with pytest.raises(SnippetError) as unknown:
        parse_expression("z = foo(x)", GraphDocument())
    assert unknown.value.reason == "foo is not a known function."
    with pytest.raises(SnippetError) as misspelt:
        parse_expression("z = expp(x) + sigmod(x)", GraphDocument())
    assert misspelt.value.reason == "expp is not a known function. Did you mean exp?"
    with pytest.raises(SnippetError) as torch_misspelt:
        parse_expression("z = torch.sigmod(x)", GraphDocument())
    assert torch_misspelt.value.reason.endswith("Did you mean torch.sigmoid?")


def test_new_cards_that_use_existing_ones_start_right_of_them():
    """`q = w*x + 1` typed under `y = w*x`: its mul card sat in w's and x's column, below them,
    and both wires looped back from their right side to its left."""
    doc = GraphDocument()
    _add(doc, "y = w*x")
    before = {d.id for d in doc.nodes()}
    _add(doc, "q = w*x + 1")
    right_of_inputs = max(doc.node_by_name(n).pos[0] for n in "wx") + 180
    new = [d for d in doc.nodes() if d.id not in before]
    assert new and all(d.pos[0] > right_of_inputs for d in new)
