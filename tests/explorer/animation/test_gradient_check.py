import numpy as np
import pytest

from explorer.core.document.evaluation import evaluate
from explorer.core.document.examples import ORDER, load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.replay.gradient_check import (
    GradientCheckError,
    check_gradients,
)


def sum_of_squares(params: dict) -> tuple[GraphDocument, str]:
    """s = (x * x).sum() with the leaf x made by `params`; the document and s."""
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params=params)
    y = doc.add_node("mul", name="y")
    s = doc.add_node("sum", name="s")
    doc.connect(x, y, "a")
    doc.connect(x, y, "b")
    doc.connect(y, s, "x")
    return doc, s


@pytest.mark.parametrize("key", ORDER)
def test_finite_differences_agree_with_the_engine_on_every_example(key):
    doc = load_example(key)
    ev = evaluate(doc)
    result = check_gradients(doc, ev, doc.meta["root"])
    assert result.leaves
    for leaf in result.leaves:
        assert leaf.max_abs_diff < 1e-4, (leaf.name, leaf.analytic, leaf.numeric)
        assert len(leaf.elements) == leaf.total
    assert result.agrees


def test_check_runs_on_a_copy_and_leaves_the_users_grads_alone():
    doc = load_example("x_squared")
    ev = evaluate(doc)
    before = doc.to_dict()
    check_gradients(doc, ev, doc.meta["root"])
    assert doc.to_dict() == before
    leaves = [v for v in ev.values.values() if getattr(v, "is_leaf", False)]
    assert leaves and all(v.grad is None for v in leaves)


def test_known_gradient_of_the_diamond():
    doc = load_example("diamond")
    result = check_gradients(doc, evaluate(doc), doc.meta["root"])
    (leaf,) = result.leaves
    assert leaf.analytic.tolist() == [33.0]
    assert leaf.numeric[0] == pytest.approx(33.0, abs=1e-6)


def test_a_wrong_gradient_is_caught():
    # A check that cannot fail proves nothing: corrupt the analytic side and it must disagree.
    doc = load_example("power")
    leaf = check_gradients(doc, evaluate(doc), doc.meta["root"]).leaves[0]
    wrong = type(leaf)(leaf.node_id, leaf.name, leaf.shape, leaf.analytic + 0.05, leaf.numeric,
                       leaf.elements, leaf.total)
    assert not wrong.agrees and leaf.agrees


def test_without_a_leaf_that_requires_grad_the_check_says_why():
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"requires_grad": False})
    y = doc.add_node("exp", name="y")
    doc.connect(x, y, "x")
    with pytest.raises(GradientCheckError, match="No leaf requires grad"):
        check_gradients(doc, evaluate(doc), y)


def test_large_leaves_are_sampled_not_skipped():
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"init": "randn", "shape": "40, 20"})
    y = doc.add_node("tanh", name="y")
    s = doc.add_node("sum", name="s")
    doc.connect(x, y, "x")
    doc.connect(y, s, "x")
    result = check_gradients(doc, evaluate(doc), s)
    (leaf,) = result.leaves
    assert leaf.total == 800 and 0 < len(leaf.elements) < 800
    assert leaf.elements[0] == 0 and leaf.elements[-1] == 799
    assert result.agrees
    assert np.all(np.abs(leaf.analytic) <= 1.0)


def test_nan_gradients_are_reported_as_nan_not_as_a_disagreement():
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "-1.0"})
    y = doc.add_node("sqrt", name="y")
    doc.connect(x, y, "x")
    result = check_gradients(doc, evaluate(doc), y)
    assert result.has_nan and not result.agrees


def test_large_leaf_values_get_a_step_that_moves_them():
    doc, s = sum_of_squares({"value": "[1000.5, -250.25]"})
    (leaf,) = check_gradients(doc, evaluate(doc), s).leaves
    assert leaf.analytic.tolist() == [2001.0, -500.5]
    assert leaf.agrees, leaf.numeric


def test_the_numeric_side_is_the_engines_central_difference():
    # The same numbers, bit for bit, as engine.autograd.gradcheck's routine on the same function.
    import engine as torch
    from engine.autograd.gradcheck import numerical_gradient

    doc, s = sum_of_squares({"value": "[1.5, -2.0, 1000.5]"})
    (leaf,) = check_gradients(doc, evaluate(doc), s).leaves
    t = torch.tensor([1.5, -2.0, 1000.5], dtype=torch.float64, requires_grad=True)
    expected = numerical_gradient(lambda v: (v * v).sum(), (t,))
    assert leaf.numeric.tolist() == expected.tolist()


def test_random_leaves_are_checked_at_the_numbers_the_user_sees():
    doc, s = sum_of_squares({"init": "randn", "shape": "3"})
    ev = evaluate(doc)
    (leaf,) = check_gradients(doc, ev, s).leaves
    # d/dx sum(x*x) = 2x, exact in float64 from the float32 values on screen
    x = doc.node_by_name("x").id
    assert leaf.analytic.tolist() == [2 * v for v in ev.tensor(x).tolist()]
