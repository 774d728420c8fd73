"""The engine's table of op formulas: one entry per op, named as the op's events name it."""
import pytest

import engine
from engine import observer
from engine.ops import FORMULAS, formula
from engine.ops.formulas import define


def test_pow_has_its_formula_and_both_local_derivatives():
    pow_ = engine.ops.formula("pow")
    assert pow_.inputs == ("a", "b")
    assert pow_.forward == "y = a^b"
    assert pow_.derivative("a") == "b × a^(b - 1)"
    assert pow_.derivative("b") == "a^b × ln(a)"


def test_non_elementwise_ops_state_the_whole_gradient_sent_back():
    mean = formula("mean")
    assert mean.derivative("x") is None
    assert mean.gradient["x"] == "grad_out.expand_as(x) / n"
    assert formula("matmul").gradient == {"a": "grad_out @ b.T", "b": "a.T @ grad_out"}


def test_naming_replaces_whole_input_output_and_parameter_names_only():
    exp = formula("exp").named({"x": "z", "y": "out"})
    assert exp.forward == "out = exp(z)"  # the x inside exp stays
    assert exp.derivative("x") == "exp(z)"
    swapped = formula("div").named({"a": "b", "b": "a"})  # one pass: no name is renamed twice
    assert swapped.local == {"a": "1 / a", "b": "-b / a²"}
    assert formula("mean").named({"x": "v", "n": 4}).gradient["x"] == "grad_out.expand_as(v) / 4"
    reshape = formula("reshape").named({"x": "v", "shape": "(2, 3)"})  # no such parameter here
    assert reshape.gradient["x"] == "grad_out.reshape(v.shape)"


def test_an_op_is_defined_once():
    with pytest.raises(ValueError, match="already defined"):
        define("mul", "y = a * b", local={"a": "b", "b": "a"})
    assert formula("no_such_op") is None


def test_every_entry_names_its_inputs_a_b_or_x_and_writes_y():
    for op, entry in FORMULAS.items():
        assert entry.op == op
        assert entry.inputs in (("a", "b"), ("a", "b", "c"), ("x",)), op
        assert entry.forward.startswith("y = "), op
        assert set(entry.local) | set(entry.gradient) == set(entry.inputs), op


CALLS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "pow": lambda a, b: a ** b, "dot": engine.dot,
    "matmul": lambda a, b: a.reshape(1, 3) @ b.reshape(3, 1),
    "baddbmm": lambda a, b, c: engine.baddbmm(a[:1], b.reshape(1, 1, 3), c.reshape(1, 3, 1)),
    "reshape": lambda x: x.reshape(3), "index": lambda x: x[0],
    "transpose": lambda x: x.transpose(0, 0),
    "linear": lambda a, b, c: engine.nn.functional.linear(a.reshape(1, 3), b.reshape(1, 3), c[:1]),
    "mse_loss": engine.nn.functional.mse_loss, "xlogy": engine.xlogy,
    "conv_transpose2d": lambda a, b, c: engine.nn.functional.conv_transpose2d(
        a.reshape(1, 1, 1, 3), b.reshape(1, 1, 1, 3), c[:1]),
    "upsample_nearest2d": lambda x: engine.nn.functional.interpolate(x.reshape(1, 1, 1, 3), 2),
    "upsample_bilinear2d": lambda x: engine.nn.functional.interpolate(
        x.reshape(1, 1, 1, 3), scale_factor=2, mode="bilinear"),
    "upsample_nearest1d": lambda x: engine.nn.functional.interpolate(x.reshape(1, 1, 3), 2),
    "upsample_linear1d": lambda x: engine.nn.functional.interpolate(
        x.reshape(1, 1, 3), scale_factor=2, mode="linear"),
}
# a layer recorded as several ops: the op its last event reports
COMPOSITES = {"linear": "addmm"}


@pytest.mark.parametrize("op", sorted(FORMULAS))
def test_each_formula_is_keyed_by_the_name_its_op_reports(op):
    call = CALLS.get(op, lambda x: getattr(engine, op)(x))
    args = [engine.tensor([0.5, 1.5, 2.0], requires_grad=True) for _ in FORMULAS[op].inputs]
    with observer.recording() as events:
        call(*args)
    reported = [e.op for e in events if isinstance(e, observer.ForwardEvent)][-1]
    assert reported == COMPOSITES.get(op, op)
