"""Snippet import: the reference programs become graphs whose values and grads equal the
engine's own run, and anything outside the whitelist is refused with its line, unexecuted."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from codegen_oracle import SHARED_PROGRAMS, canonical, reference_programs, run_with_engine
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.codegen.additions import apply_additions
from explorer.core.codegen.backward_plan import read_plan, run_plan
from explorer.core.codegen.pytorch_export import export_script
from explorer.core.codegen.snippet_import import (
    MAX_NODES,
    SnippetError,
    import_snippet,
    parse_snippet,
)
from explorer.core.document.evaluation import evaluate
from explorer.core.document.graph_document import GraphDocument


def _import_with_keys(source: str) -> tuple[GraphDocument, list[tuple[str, str]]]:
    """The imported document and [(variable, node id)] for every tensor assignment."""
    additions = parse_snippet(source)
    doc = GraphDocument()
    ids = apply_additions(doc, additions)
    return doc, [(name, ids.get(ref, ref)) for name, ref in additions.assigned]


def _run_graph(doc: GraphDocument):
    ev = evaluate(doc)
    assert not ev.errors, ev.errors
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_plan(ev, read_plan(doc))
    return ev


def _array(tensor) -> np.ndarray:
    return tensor.detach().numpy()


def _grad(tensor):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # .grad of a non-leaf warns, as in PyTorch
        return tensor.grad


@pytest.mark.parametrize("path", reference_programs(), ids=lambda p: p.stem)
def test_reference_program_imports_with_the_engines_values_and_grads(path):
    source = path.read_text()
    expected = run_with_engine(source, str(path))
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    assert [name for name, _ in assigned] == [name for name, _ in expected]
    for (name, node_id), (_, want) in zip(assigned, expected):
        got = ev.values[node_id]
        assert got.dtype == want.dtype, name
        np.testing.assert_array_equal(_array(got), _array(want), err_msg=name)
        assert got.requires_grad == want.requires_grad, name
        assert got.is_leaf == want.is_leaf, name
        assert type(got.grad_fn).__name__ == type(want.grad_fn).__name__, name
        want_grad, got_grad = _grad(want), _grad(got)
        assert (got_grad is None) == (want_grad is None), name
        if want_grad is not None:
            np.testing.assert_allclose(_array(got_grad), _array(want_grad), rtol=1e-6,
                                       err_msg=f"{name}.grad")


def test_reference_copies_match_the_shared_programs():
    if not SHARED_PROGRAMS.is_dir():
        pytest.skip("the shared reference programs are not on this machine")
    for copy in reference_programs():
        assert copy.read_text() == (SHARED_PROGRAMS / f"{copy.stem}.py").read_text()


def test_names_reused_for_independent_graphs_import_as_several_components():
    import networkx as nx

    seed000 = reference_programs()[0]
    assert seed000.stem == "seed000_gradients"
    doc = import_snippet(seed000.read_text())
    assert nx.number_weakly_connected_components(doc.graph) == 3
    roots = [step.node for step in read_plan(doc) if step.action == "backward"]
    assert [doc.node(r).name for r in roots] == ["y", "y_1", "z"]
    assert doc.meta["root"] == roots[-1]


def test_reassigned_name_gets_a_suffixed_new_node_and_later_uses_see_the_new_one():
    doc = import_snippet("import torch\nx = torch.tensor(1.0, requires_grad=True)\n"
                         "x = x * 2\ny = x + 1\n")
    x1 = doc.node_by_name("x_1")
    assert x1.op == "mul"
    y = doc.node_by_name("y")
    assert doc.input_sources(y.id)["a"] == x1.id


def test_python_number_literal_becomes_a_constant_so_pow_stays_powbackward0():
    doc = import_snippet("import torch\nx = torch.tensor(3.0, requires_grad=True)\ny = x ** 2\n")
    y = doc.node_by_name("y")
    exponent = doc.node(doc.input_sources(y.id)["b"])
    assert exponent.op == "constant" and exponent.params["value"] == "2"
    assert type(evaluate(doc).values[y.id].grad_fn).__name__ == "PowBackward0"


def test_number_variable_becomes_one_named_constant_shared_by_its_uses():
    doc = import_snippet("import torch\nlr = 0.5\nx = torch.ones(2, requires_grad=True)\n"
                         "y = x * lr\nz = y + lr\n")
    lr = doc.node_by_name("lr")
    assert lr.op == "constant"
    assert sorted(dst for dst, _ in doc.consumers(lr.id)) == sorted(
        [doc.node_by_name("y").id, doc.node_by_name("z").id])


def test_ops_in_a_no_grad_block_become_no_grad_nodes_with_the_programs_values_and_grads():
    source = ("import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\n"
              "with torch.no_grad():\n    y = x * 3 + 1\nz = (y * x).sum()\nz.backward()\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    expected = dict(run_with_engine(source))
    y = doc.node_by_name("y")
    mul = doc.node(doc.input_sources(y.id)["a"])
    assert (y.op, mul.op) == ("add", "mul")
    assert y.params["no_grad"] is True and mul.params["no_grad"] is True
    assert doc.input_sources(mul.id)["a"] == dict(assigned)["x"]   # the edge stays visible
    z = doc.node_by_name("z")
    assert z.params["no_grad"] is False
    assert doc.node(doc.input_sources(z.id)["x"]).params["no_grad"] is False
    got = ev.values[y.id]
    assert got.grad_fn is None and got.requires_grad is expected["y"].requires_grad is False
    np.testing.assert_array_equal(_array(got), _array(expected["y"]))
    x_id = dict(assigned)["x"]
    np.testing.assert_array_equal(_array(ev.values[x_id].grad), _array(expected["x"].grad))


def test_ops_inside_no_grad_on_tensors_without_grad_stay_ops():
    doc = import_snippet("import torch\na = torch.ones(2)\nwith torch.no_grad():\n"
                         "    b = a * 2\n")
    b = doc.node_by_name("b")
    assert b.op == "mul" and b.params["no_grad"] is True


def test_detach_becomes_a_detach_node_fed_by_the_detached_tensor():
    source = ("import torch\nx = torch.tensor([0.5, 2.0], requires_grad=True)\n"
              "y = (x * x).detach()\nz = x.detach()\nw = (y * x).sum()\nw.backward()\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    expected = dict(run_with_engine(source))
    ids = dict(assigned)
    y, z = doc.node(ids["y"]), doc.node(ids["z"])
    assert y.op == "detach" and z.op == "detach"
    assert doc.node(doc.input_sources(y.id)["x"]).op == "mul"
    assert doc.input_sources(z.id)["x"] == ids["x"]
    for name in ("y", "z", "x"):
        got, want = ev.values[ids[name]], expected[name]
        assert (got.requires_grad, got.is_leaf) == (want.requires_grad, want.is_leaf), name
        np.testing.assert_array_equal(_array(got), _array(want), err_msg=name)
    np.testing.assert_array_equal(_array(ev.values[ids["x"]].grad), _array(expected["x"].grad))


def test_backward_from_a_detached_or_no_grad_value_is_refused_like_pytorch():
    for body in ("y = x.detach()", "with torch.no_grad():\n    y = x * 2"):
        source = f"import torch\nx = torch.tensor(1.0, requires_grad=True)\n{body}\ny.backward()\n"
        with pytest.raises(SnippetError, match="does not require grad"):
            parse_snippet(source)


def test_requires_grad_on_a_no_grad_result_makes_it_a_leaf_holding_the_value():
    source = ("import torch\nx = torch.tensor(3.0, requires_grad=True)\n"
              "with torch.no_grad():\n    s = x * 2\ns.requires_grad_()\n"
              "y = s * x\ny.backward()\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    expected = dict(run_with_engine(source))
    s = doc.node(dict(assigned)["s"])
    assert s.op == "input" and s.params["requires_grad"] is True
    for name in ("s", "x"):
        got = ev.values[dict(assigned)[name]]
        assert got.is_leaf and got.grad.item() == expected[name].grad.item(), name


def test_expression_bar_knows_detach_and_no_grad_nodes_do_not_require_grad():
    doc = import_snippet("import torch\nx = torch.tensor(2.0, requires_grad=True)\n"
                         "c = x.detach()\nwith torch.no_grad():\n    s = x * 2\n")
    for name in ("c", "s"):
        with pytest.raises(SnippetError, match="does not require grad"):
            parse_snippet(f"{name}.backward()", doc)
    parse_snippet("x.backward()", doc)


def test_random_draws_after_manual_seed_reproduce_the_engines_stream():
    source = ("import torch\ntorch.manual_seed(7)\na = torch.randn(3, requires_grad=True)\n"
              "b = torch.rand(2, 2)\nc = (a * 2).sum()\n")
    doc, assigned = _import_with_keys(source)
    ev = evaluate(doc)
    a = doc.node_by_name("a")
    assert a.params["init"] == "randn" and a.params["seed"] == 7
    for (name, node_id), (_, want) in zip(assigned, run_with_engine(source)):
        np.testing.assert_array_equal(_array(ev.values[node_id]), _array(want), err_msg=name)


@pytest.mark.parametrize("source", [
    "x = torch.tensor([[1, 2], [3, 4]], dtype=torch.float64, requires_grad=True)",
    "x = torch.zeros((2, 3), requires_grad=True)",
    "x = torch.full((2, 2), 1.5, requires_grad=True)",
    "x = torch.arange(1, 7, 2.0, requires_grad=True)",
    "x = torch.linspace(-math.pi, math.pi, 5, requires_grad=True)",
    "x = torch.as_tensor([True, False])",
    "x = torch.tensor(3).requires_grad_(False)",
])
def test_factories_import_with_the_engines_value_and_dtype(source):
    program = f"import math\nimport torch\n{source}\n"
    (_, want), = run_with_engine(program)
    doc, assigned = _import_with_keys(program)
    got = evaluate(doc).values[assigned[0][1]]
    assert got.dtype == want.dtype and got.requires_grad == want.requires_grad
    np.testing.assert_array_equal(_array(got), _array(want))


@pytest.mark.parametrize("source", [
    "y = (x.exp() + torch.sin(x) - x.sigmoid() * x.tanh()).sum()",
    "y = torch.relu(x - 1).mean(dim=0, keepdim=True).sum()",
    "y = (x @ x.T).sum() + x.t()[0, 1] + x.transpose(0, 1)[:, 1:].sum()",
    "y = x.reshape(4).dot(x.view(-1)) / 2 - (-x).abs().sqrt().log().sum()",
    "y = torch.matmul(x, x).sum(1).pow(2).sum() + x.mul(3).div(x.add(1)).sub(x).sum()",
    "y = (F.relu(x) + torch.nn.functional.tanh(x) * x.square() + torch.square(x)).sum()",
    ("h: torch.Tensor = x + torch.ones_like(x)\n"
     "y = (h * torch.zeros_like(x, dtype=torch.float64)).sum() + h.sum()"),
])
def test_operations_import_with_the_engines_values_and_grads(source):
    program = ("import torch\nimport torch.nn.functional as F\n"
               "x = torch.tensor([[0.5, 1.5], [2.0, 3.0]], requires_grad=True)\n"
               f"{source}\ny.backward()\n")
    expected = run_with_engine(program)
    doc, assigned = _import_with_keys(program)
    ev = _run_graph(doc)
    for (name, node_id), (_, want) in zip(assigned, expected):
        np.testing.assert_allclose(_array(ev.values[node_id]), _array(want), rtol=1e-6)
    x_id = dict(assigned)["x"]
    np.testing.assert_allclose(_array(ev.values[x_id].grad), _array(expected[0][1].grad),
                               rtol=1e-6)


HOSTILE = [
    ("__import__('os').system('touch {marker}')", 1),
    ("import torch\nx = ().__class__.__bases__[0].__subclasses__()", 2),
    ("import torch\nf = getattr(torch, 'tensor')", 2),
    ("import torch\nx = torch.tensor(1.)\ny = x.__class__", 3),
    ("f = lambda: open('{marker}', 'w')", 1),
    ("import torch\nxs = [torch.tensor(float(i)) for i in range(3)]", 2),
    ("y = 9**9**9", 1),
    ("y = 123456789012345678901234567890", 1),
    ("y = " + "(" * 10_000 + "1" + ")" * 10_000, 1),
    ("x = 1\ny = x" + " + x" * 10_000, 2),
    ("x = 1\ny = " + "-" * 10_000 + "x", 2),
    ("x = = 1", 1),
    ("open('{marker}', 'w')", 1),
    ("exec(\"open('{marker}', 'w')\")", 1),
    ("print(open('{marker}', 'w'))", 1),
    ("import os", 1),
    ("from torch import tensor", 1),
    ("import torch\nfor i in range(11):\n    x = torch.tensor(1.)", 2),   # > MAX_UNROLLED
    ("import torch\nwhile True:\n    pass", 2),
    ("import torch\nx = torch.tensor(1.)\nx.data = torch.tensor(2.)", 3),
    ("import torch\nx = torch.tensor(1.)\ny = x.grad * 2", 3),
    ("import torch\nx = torch.tensor(1.)\ny = torch.save(x, '{marker}')", 3),
    ("import torch\nx = torch.tensor(1., requires_grad=True)\nx += 1", 3),
    ("import torch\nx = torch.tensor(1.)\ny = undefined_name * x", 3),
    ("import torch\nx = torch.tensor([1., 2.])\ny = x.item()", 3),
    ("import torch\nx = torch.tensor(2.0)\nx.backward()", 3),
    ("import torch\nx = torch.arange(0, 1e12)", 2),
    ("import torch\nx = torch.ones(10**6, 10**6)", 2),
    ("import torch\nx = torch.linspace(0, 1, 10**9)", 2),
    ("import torch\nx = 1 if w > 0 else 2", 2),
    ("def f():\n    pass", 1),
    ("class A:\n    pass", 1),
]


@pytest.mark.parametrize("template,line", HOSTILE)
def test_hostile_or_unsupported_code_is_refused_with_its_line_and_never_run(
        template, line, tmp_path):
    marker = tmp_path / "ran"
    doc = import_snippet("import torch\nw = torch.tensor(1.0, requires_grad=True)\n")
    before = doc.to_dict()
    with pytest.raises(SnippetError) as info:
        parse_snippet(template.format(marker=marker), doc)
    assert info.value.line == line
    assert str(info.value).startswith(f"Line {line}: ")
    assert not marker.exists()
    assert doc.to_dict() == before


def test_more_than_the_node_limit_is_refused():
    lines = ["import torch", "x = torch.tensor(1.0, requires_grad=True)"]
    lines += [f"x = x * {i % 7 + 1}" for i in range(MAX_NODES // 2 + 1)]
    with pytest.raises(SnippetError, match="more than"):
        parse_snippet("\n".join(lines))


def test_names_already_in_the_document_are_used_by_a_pasted_snippet():
    doc = import_snippet("import torch\nw = torch.tensor(2.0, requires_grad=True)\n")
    additions = parse_snippet("v = w * 3\nv.backward()", doc)
    ids = apply_additions(doc, additions)
    v = doc.node_by_name("v")
    assert doc.input_sources(v.id)["a"] == doc.node_by_name("w").id
    assert read_plan(doc)[-1].node == ids[additions.assigned[0][1]]


@pytest.mark.parametrize("gradient", ["torch.tensor([1.0, 0.5])", "torch.ones(2)",
                                      "gradient=torch.ones_like(y)"])
def test_backward_with_an_explicit_gradient_tensor_uses_it(gradient):
    source = ("import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * x\n"
              f"y.backward({gradient})\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    want = dict(run_with_engine(source))["x"].grad
    np.testing.assert_array_equal(_array(ev.values[dict(assigned)["x"]].grad), _array(want))


def test_grad_none_assignment_clears_the_grad_like_the_program():
    source = ("import torch\nx = torch.tensor(2.0, requires_grad=True)\ny = x * x\n"
              "y.backward(retain_graph=True)\nx.grad = None\ny.backward()\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    want = dict(run_with_engine(source))["x"].grad
    assert ev.values[dict(assigned)["x"]].grad.item() == want.item()


TOKENS = ["x", "y", "(", ")", "[", "]", ",", "*", "**", "+", "-", "@", "/", ".sum()", ".T",
          ".mean(dim=0)", "torch.ones(2)", "1e400", "0", "-1", ".backward()", "\n", ";", ".grad",
          "None", "'a'", "[1, [2]]", ".reshape(-1)", "[0]", "[:, 1]", "with torch.no_grad():",
          "\n    ", ".detach()", ".requires_grad_()", "torch.randn(3)", "=", "torch.tensor([])",
          "math.pi", "torch.dot(x, x)", "x.grad.zero_()", "x.grad = None", "lambda", "__class__"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_any_token_soup_either_imports_or_is_refused_with_a_snippet_error(tokens):
    source = ("import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = "
              + "".join(tokens))
    try:
        additions = parse_snippet(source)
    except SnippetError as exc:
        assert 1 <= exc.line <= source.count("\n") + 1
        return
    doc = GraphDocument()
    apply_additions(doc, additions)
    evaluate(doc)   # a graph that imports evaluates without raising (errors stay per node)


UNARY_FORMS = ["({e}).exp()", "torch.sin({e})", "torch.tanh({e})", "({e}).sigmoid()",
               "torch.relu({e})", "-({e})", "({e}) * 2", "3.5 - ({e})", "({e}) / 4",
               "({e}) ** 2", "({e}).abs()", "({e}).t()", "({e}).reshape(4).reshape(2, 2)",
               "({e}).mean(dim=0, keepdim=True) + ({e})", "({e}).detach() * ({e})"]
BINARY_FORMS = ["({a}) + ({b})", "({a}) * ({b})", "({a}) - ({b})", "({a}) @ ({b})",
                "torch.matmul({a}, {b})", "({a}).mul({b})"]


@st.composite
def programs(draw):
    """Small random programs over two 2x2 leaves: assignments, a no_grad block, a backward."""
    names = ["a", "b"]
    lines = ["import torch", "a = torch.tensor([[0.5, -1.0], [2.0, 0.25]], requires_grad=True)",
             "b = torch.tensor([[1.5, 0.5], [-0.5, 1.0]], requires_grad=True)"]
    for i in range(draw(st.integers(1, 5))):
        if draw(st.booleans()):
            form = draw(st.sampled_from(UNARY_FORMS))
            expr = form.format(e=draw(st.sampled_from(names)))
        else:
            form = draw(st.sampled_from(BINARY_FORMS))
            expr = form.format(a=draw(st.sampled_from(names)), b=draw(st.sampled_from(names)))
        # a and b are never reassigned, so the loss always reaches a leaf that requires grad.
        target = draw(st.sampled_from(names[2:] + [f"v{i}"]))
        if draw(st.integers(0, 5)) == 0:
            lines += ["with torch.no_grad():", f"    {target} = {expr}"]
        else:
            lines.append(f"{target} = {expr}")
        if target not in names:
            names.append(target)
    lines.append(f"loss = ({' + '.join(names)}).sum()")
    return "\n".join(lines) + "\nloss.backward()\n"


@settings(max_examples=40, deadline=None)
@given(programs())
def test_random_programs_import_to_the_engines_values_and_grads(program):
    expected = run_with_engine(program)
    doc, assigned = _import_with_keys(program)
    ev = _run_graph(doc)
    assert [n for n, _ in assigned] == [n for n, _ in expected]
    for (name, node_id), (_, want) in zip(assigned, expected):
        got = ev.values[node_id]
        np.testing.assert_allclose(_array(got), _array(want), rtol=1e-6, err_msg=name)
        assert got.requires_grad == want.requires_grad, name
        if want.is_leaf and want.requires_grad:
            assert (got.grad is None) == (want.grad is None), name
            if want.grad is not None:
                np.testing.assert_allclose(_array(got.grad), _array(want.grad), rtol=1e-5,
                                           err_msg=f"{name}.grad\n{program}")


def test_tensor_without_grad_on_the_left_of_add_back_propagates_into_the_right():
    source = ("import torch\nc = torch.ones(2, 2)\nx = torch.ones(2, 2, requires_grad=True)\n"
              "y = (c + x).sum()\ny.backward()\n")
    doc, assigned = _import_with_keys(source)
    ev = _run_graph(doc)
    np.testing.assert_array_equal(_array(ev.values[dict(assigned)["x"]].grad), np.ones((2, 2)))


@settings(max_examples=25, deadline=None)
@given(programs())
def test_random_programs_with_detach_and_no_grad_round_trip_through_exported_code(program):
    doc = import_snippet(program)
    again = import_snippet(export_script(doc))
    assert canonical(again) == canonical(doc)
    assert [d.op for d in again.nodes()].count("detach") == program.count(".detach()")


def test_a_training_program_is_refused_for_its_loop_before_any_earlier_detail():
    # Shaped like seed 004: a conditional device line comes before the training loop; the
    # user must learn that the loop is the obstacle, and where training loops do run.
    source = ("import torch\n"
              "device = 'cuda' if torch.cuda.is_available() else 'cpu'\n"
              "w = torch.tensor(1.0, requires_grad=True)\n"
              "for t in range(2000):\n"   # short range loops are unrolled; this is no such loop
              "    loss = (w * 2) ** 2\n"
              "    loss.backward()\n")
    with pytest.raises(SnippetError) as info:
        parse_snippet(source)
    assert info.value.line == 4
    assert "loop" in info.value.reason and "Training" in info.value.reason


def test_a_snippet_calling_an_unknown_function_says_so_and_suggests_close_names():
    source = "import torch\nx = torch.tensor(1.0, requires_grad=True)\nz = relux(x)\n"
    with pytest.raises(SnippetError) as refused:
        parse_snippet(source)
    assert refused.value.line == 3
    assert refused.value.reason == "relux is not a known function. Did you mean relu?"


NN_TUTORIAL = """\
import torch
import torch.nn as nn
import torch.nn.functional as F
device = "cuda" if torch.cuda.is_available() else "cpu"
torch.manual_seed(0)
x = torch.linspace(-1, 1, 4, device=device).reshape(4, 1)
y = torch.sin(x)
model = nn.Sequential(nn.Linear(1, 3), nn.Tanh(), nn.Linear(3, 1))
loss_fn = nn.MSELoss(reduction="sum")
total = torch.tensor(0.)
for i in range(3):
    total += loss_fn(model(x * i), y)
loss = total + F.mse_loss(model(x), y)
loss.backward()
"""


def test_nn_modules_loops_and_plus_equals_import_with_pytorchs_values_and_grads():
    real = pytest.importorskip("torch")
    doc = import_snippet(NN_TUTORIAL)
    names = {d.name: d.op for d in doc.nodes()}
    assert names["model_0_weight"] == names["model_2_bias"] == "input"
    assert sorted(op for op in names.values() if op in ("linear", "mse_loss", "tanh")) \
        == ["linear"] * 8 + ["mse_loss"] * 4 + ["tanh"] * 4   # the loop ran 3 times, unrolled
    ev = _run_graph(doc)
    namespace = {}
    exec(compile(NN_TUTORIAL, "nn_tutorial", "exec"), namespace)  # noqa: S102 - our own program
    assert real.__name__ == "torch" and namespace["torch"] is real
    got = ev.values[doc.node_by_name("loss").id]
    assert got.grad_fn.name() == namespace["loss"].grad_fn.name()
    np.testing.assert_allclose(_array(got), namespace["loss"].detach().numpy(), rtol=1e-6)
    for node, param in (("model_0_weight", namespace["model"][0].weight),
                        ("model_2_bias", namespace["model"][2].bias)):
        np.testing.assert_allclose(_array(_grad(ev.values[doc.node_by_name(node).id])),
                                   param.grad.numpy(), rtol=1e-5)


@pytest.mark.parametrize("line", ["from torch import nn", "import torch.nn as nn",
                                  "from torch.nn import functional as F"])
def test_the_tutorials_import_forms_are_accepted(line):
    import_snippet(f"import torch\n{line}\nx = torch.ones(2, requires_grad=True)\ny = x * 2\n")


def test_a_long_loop_is_still_refused_and_a_short_one_unrolled():
    with pytest.raises(SnippetError) as long_loop:
        parse_snippet("import torch\nx = torch.ones(1)\nfor t in range(11):\n    x = x * 2\n")
    assert long_loop.value.line == 3 and "loops are not supported" in long_loop.value.reason
    doc = import_snippet("import torch\nx = torch.ones(1, requires_grad=True)\ny = x\n"
                         "for t in range(1, 4):\n    y = y * t\n")
    # Reassignments get suffixed names, as outside loops: y, y_1, y_2 for t = 1, 2, 3.
    assert _run_graph(doc).values[doc.node_by_name("y_2").id].item() == 6.0


def test_plus_equals_on_a_leaf_that_requires_grad_is_refused_as_pytorch_does():
    with pytest.raises(SnippetError) as refused:
        parse_snippet("import torch\nw = torch.ones(1, requires_grad=True)\nw += 1\n")
    assert refused.value.line == 3
    assert refused.value.reason == ("a leaf Variable that requires grad is being used in an "
                                    "in-place operation.")


def test_the_importer_asks_the_editors_evaluation_what_requires_grad():
    # An integer tensor cannot require grad: the engine says so, and the import stops there
    # rather than building a graph whose canvas would only show the error.
    source = ("import torch\nx = torch.tensor([1, 2], requires_grad=True)\n"
              "y = (x * 2).sum()\ny.backward()\n")
    with pytest.raises(SnippetError) as refused:
        parse_snippet(source)
    assert refused.value.line == 4
    assert "Only Tensors of floating point" in refused.value.reason
