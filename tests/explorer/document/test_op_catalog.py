import numpy as np
import pytest

import engine
from explorer.core.document.op_catalog import (
    CATEGORIES,
    OPS,
    PARAM_KINDS,
    check_params,
    ops_in_category,
)

PALETTE = {
    "inputs": ["input", "constant"],
    "arithmetic": ["add", "sub", "mul", "div", "pow", "neg"],
    "functions": ["exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu"],
    "reductions": ["sum", "mean", "mse_loss"],
    "linalg": ["dot", "matmul", "linear"],
    "shape": ["reshape", "transpose", "index"],
    "autograd": ["detach"],
}


def test_catalog_has_exactly_the_palette_in_order():
    assert list(CATEGORIES) == list(PALETTE)
    for category, keys in PALETTE.items():
        assert [spec.key for spec in ops_in_category(category)] == keys
    recorded = ["traced1", "traced2", "traced3", "traced4"]   # only from running code
    assert [spec.key for spec in ops_in_category("traced")] == recorded
    assert sorted(OPS) == sorted([k for keys in PALETTE.values() for k in keys] + recorded)


@pytest.mark.parametrize("key", sorted(OPS))
def test_every_op_has_labels_tooltip_and_retain_grad(key):
    spec = OPS[key]
    assert spec.label and spec.category and spec.tooltip
    assert spec.param("retain_grad").default is False
    for param in spec.params:
        assert param.kind in PARAM_KINDS and param.label
        assert param.check(param.default) is None
    assert check_params(key, spec.default_params()) is None


@pytest.mark.parametrize("key", sorted(OPS))
def test_every_op_node_but_inputs_and_constants_has_an_off_no_grad_param(key):
    names = [p.name for p in OPS[key].params]
    if key in ("input", "constant"):
        assert "no_grad" not in names   # their requires_grad is a flag of their own
    else:
        param = OPS[key].param("no_grad")
        assert param.kind == "bool" and param.default is False
        assert "torch.no_grad()" in param.label


def test_detach_keeps_the_values_and_drops_grad_fn_in_compute_and_code():
    spec = OPS["detach"]
    assert spec.category == "Autograd" and spec.inputs == ("x",)
    assert "no grad_fn" in spec.tooltip
    x = engine.tensor([1.5, -2.0], requires_grad=True)
    y = x * x
    params = spec.default_params()
    assert spec.code({"x": "x * x"}, params) == "(x * x).detach()"
    for got in (spec.compute({"x": y}, params), _run_code(spec.code({"x": "y"}, params), {"y": y})):
        assert got.grad_fn is None and not got.requires_grad and got.is_leaf
        np.testing.assert_array_equal(got.numpy(), y.detach().numpy())
    assert y.grad_fn is not None   # the input itself is untouched


@pytest.mark.parametrize("key", ["add", "sub", "mul", "div", "pow", "exp", "log", "sigmoid",
                                 "matmul", "dot", "sum", "mean"])
def test_tooltip_states_the_derivative(key):
    assert "d/d" in OPS[key].tooltip or "grad" in OPS[key].tooltip


_ENGINE_FORMULA_OPS = sorted(key for key in OPS if engine.ops.formula(key) is not None)


def test_most_palette_ops_have_an_engine_formula():
    assert {"add", "mul", "pow", "exp", "relu", "sum", "mean", "matmul", "index"} \
        <= set(_ENGINE_FORMULA_OPS)


@pytest.mark.parametrize("key", _ENGINE_FORMULA_OPS)
def test_tooltip_math_is_the_engines_formula(key):
    spec = OPS[key]
    # written with the node's port names (linear's a, b, c are input, weight, bias)
    entry = engine.ops.formula(key).named(dict(zip(engine.ops.formula(key).inputs, spec.inputs)))
    tooltip = spec.tooltip
    assert entry.forward in tooltip
    for text in (*entry.local.values(), *entry.gradient.values()):
        assert text in tooltip
    # The catalog keeps its words, but no derivative text of its own.
    assert "  —  " not in tooltip


def test_tooltip_follows_a_change_of_the_engines_formula_table(monkeypatch):
    from engine.ops.formulas import FORMULAS, Formula

    monkeypatch.setitem(FORMULAS, "mul", Formula("mul", ("a", "b"), "y = a ⊙ b",
                                                 local={"a": "b (new)", "b": "a (new)"}))
    assert OPS["mul"].tooltip.splitlines()[1:] == [
        "y = a ⊙ b", "Local derivatives: d/da = b (new), d/db = a (new)"]


def test_zh_cn_tooltip_translates_the_words_around_the_engines_math(qapp):
    from explorer.language import install_translator

    install_translator(qapp, "zh_CN")
    try:
        words, forward, rule = OPS["mean"].tooltip.splitlines()
    finally:
        install_translator(qapp, "en")
    assert forward == "y = Σ x / n"
    assert rule.endswith("grad_x = grad_out.expand_as(x) / n")
    assert not rule.startswith("Gradient") and not words.startswith("Mean")


def _run_code(expression: str, names: dict):
    # Test-only: the catalog's code form is trusted text we generated ourselves.
    return eval(expression, {"torch": engine, **names})


@pytest.mark.parametrize("key, params", [
    ("add", {}), ("sub", {}), ("mul", {}), ("div", {}), ("pow", {}), ("neg", {}),
    ("exp", {}), ("log", {}), ("sqrt", {}), ("abs", {}), ("sin", {}), ("cos", {}),
    ("tanh", {}), ("sigmoid", {}), ("relu", {}), ("sum", {}), ("sum", {"dim": "0"}),
    ("mean", {"dim": "0, 1", "keepdim": True}), ("mean", {}), ("dot", {}), ("matmul", {}),
    ("reshape", {"shape": "2, -1"}), ("transpose", {"dim0": 1, "dim1": 0}),
    ("index", {"index": "1, :"}), ("index", {"index": "..., 0:1"}),
])
def test_code_form_computes_the_same_as_compute(key, params):
    spec = OPS[key]
    full = {**spec.default_params(), **params}
    a = engine.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = engine.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)
    if key == "dot":
        a, b = a.reshape(4), b.reshape(4)
    inputs = dict(zip(spec.inputs, (a, b), strict=False))
    names = dict(zip(("left", "right"), (a, b), strict=False))
    args = dict(zip(spec.inputs, ("left", "right"), strict=False))
    expected = spec.compute(inputs, full)
    got = _run_code(spec.code(args, full), names)
    assert got.grad_fn.name() == expected.grad_fn.name()
    np.testing.assert_array_equal(got.detach().numpy(), expected.detach().numpy())


def test_operator_code_parenthesises_compound_operands():
    assert OPS["pow"].code({"a": "x + 1", "b": "-2"}, {}) == "(x + 1) ** (-2)"
    assert OPS["mul"].code({"a": "w", "b": "torch.exp(x)"}, {}) == "w * torch.exp(x)"
    assert OPS["neg"].code({"x": "a - b"}, {}) == "-(a - b)"
    assert OPS["sum"].code({"x": "a * b"}, OPS["sum"].default_params()) == "(a * b).sum()"


@pytest.mark.parametrize("params, expected", [
    ({"value": "2.0"}, "torch.tensor(2.0, requires_grad=True)"),
    ({"value": "3", "requires_grad": False}, "torch.tensor(3)"),
    ({"value": "[[1, 2]]", "dtype": "float64"},
     "torch.tensor([[1, 2]], dtype=torch.float64, requires_grad=True)"),
    ({"init": "ones", "shape": "2, 2"}, "torch.ones(2, 2, requires_grad=True)"),
    ({"init": "arange", "start": "0", "end": "4.", "step": "1"},
     "torch.arange(4.0, requires_grad=True)"),
    ({"init": "linspace", "start": "-pi", "end": "pi", "steps": 2000, "requires_grad": False},
     "torch.linspace(-3.141592653589793, 3.141592653589793, 2000)"),
])
def test_input_code_form(params, expected):
    spec = OPS["input"]
    full = {**spec.default_params(), **params}
    assert spec.code({}, full) == expected
    assert spec.setup_code(full) == []
    got = _run_code(expected, {})
    want = spec.compute({}, full)
    assert got.dtype == want.dtype and got.requires_grad == want.requires_grad
    np.testing.assert_array_equal(got.detach().numpy(), want.detach().numpy())


def test_random_input_code_seeds_first():
    spec = OPS["input"]
    full = {**spec.default_params(), "init": "randn", "shape": "3", "seed": 7}
    assert spec.setup_code(full) == ["torch.manual_seed(7)"]
    assert spec.code({}, full) == "torch.randn(3, requires_grad=True)"


def test_constant_is_a_python_scalar_or_a_tensor_literal():
    spec = OPS["constant"]
    assert spec.compute({}, {"value": "2", "retain_grad": False}) == 2
    assert spec.code({}, {"value": "2"}) == "2"
    tensor = spec.compute({}, {"value": "[1., 2.]"})
    assert isinstance(tensor, engine.Tensor) and not tensor.requires_grad
    assert spec.code({}, {"value": "[1., 2.]"}) == "torch.tensor([1.0, 2.0])"


def test_check_params_names_the_problem():
    assert "no parameter 'dim'" in check_params("add", {"dim": "0"})
    assert "keepdim" in check_params("sum", {"keepdim": 1})
    assert check_params("sum", {"keepdim": True}) is None
    assert "init" in check_params("input", {"init": "eye"})


def test_shown_when_hides_irrelevant_input_params():
    params = {**OPS["input"].default_params(), "init": "ones"}
    shown = [p.name for p in OPS["input"].params if p.is_shown(params)]
    assert "shape" in shown and "value" not in shown and "steps" not in shown
