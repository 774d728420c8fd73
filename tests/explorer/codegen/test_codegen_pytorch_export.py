"""PyTorch export: graph -> program -> (snippet import) -> an equal graph; the program runs
with the engine and with real PyTorch and prints the graph's values and grads."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import runpy
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from codegen_oracle import canonical, reference_programs

import engine
from explorer.core.codegen.backward_plan import default_plan, run_plan
from explorer.core.codegen.pytorch_export import export_script
from explorer.core.codegen.snippet_import import import_snippet
from explorer.core.document.evaluation import evaluate
from explorer.core.document.examples import list_examples, load_example
from explorer.core.document.graph_document import GraphDocument

EXAMPLES = [key for key, _ in list_examples()]


def _graph_after_backward(doc: GraphDocument):
    ev = evaluate(doc)
    assert not ev.errors, ev.errors
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_plan(ev, default_plan(doc, ev))
    return ev


def _run_with_engine(script: str, tmp_path) -> str:
    path = tmp_path / "exported.py"
    path.write_text(script)
    saved = sys.modules.get("torch")
    sys.modules["torch"] = engine
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runpy.run_path(str(path))
    finally:
        if saved is None:
            del sys.modules["torch"]
        else:
            sys.modules["torch"] = saved
    return out.getvalue()


def _same_printout(got: str, want: str) -> None:
    """Equal lines, numbers equal to float32 summation-order noise."""
    got_lines, want_lines = got.splitlines(), want.splitlines()
    assert len(got_lines) == len(want_lines), (got, want)
    number = re.compile(r"-?\d+\.?\d*(?:e[-+]?\d+)?")
    for g, w in zip(got_lines, want_lines):
        assert number.sub("#", g) == number.sub("#", w), (g, w)
        np.testing.assert_allclose([float(v) for v in number.findall(g)],
                                   [float(v) for v in number.findall(w)], rtol=1e-4, err_msg=g)


@pytest.mark.parametrize("key", EXAMPLES)
def test_every_example_round_trips_through_code_to_an_equal_graph(key):
    doc = load_example(key)
    again = import_snippet(export_script(doc))
    assert canonical(again) == canonical(doc)
    original, imported = _graph_after_backward(doc), _graph_after_backward(again)
    for data in doc.nodes():
        twin = again.node_by_name(data.name)
        if twin is None:
            continue   # a generated constant, compared as part of its consumer above
        a, b = original.values[data.id], imported.values[twin.id]
        if isinstance(a, engine.Tensor):
            assert a.dtype == b.dtype, data.name
            np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy(), data.name)
            grads = (original.tensor(data.id), imported.tensor(twin.id))
            if data.op == "input":
                assert (grads[0].grad is None) == (grads[1].grad is None), data.name
                if grads[0].grad is not None:
                    np.testing.assert_array_equal(grads[0].grad.numpy(), grads[1].grad.numpy())
        else:
            assert a == b, data.name


@pytest.mark.parametrize("key", EXAMPLES)
def test_exported_example_prints_the_graphs_values_and_grads_when_run_with_the_engine(
        key, tmp_path):
    doc = load_example(key)
    ev = _graph_after_backward(doc)
    expected = []
    for node_id in doc.topological_order():
        data = doc.node(node_id)
        if data.op == "input":
            expected += [f"{data.name}: {ev.values[node_id]!s}",
                         f"{data.name}.grad: {ev.values[node_id].grad!s}"]
        elif data.params.get("retain_grad"):
            expected.append(f"{data.name}.grad: {ev.values[node_id].grad!s}")
    assert _run_with_engine(export_script(doc), tmp_path).splitlines() == \
        "\n".join(expected).splitlines()


def test_exported_scripts_print_the_same_under_real_pytorch_as_under_the_engine(tmp_path):
    pytest.importorskip("torch")
    docs = [load_example(key) for key in EXAMPLES]
    docs += [import_snippet(path.read_text()) for path in reference_programs()]
    scripts = []
    for i, doc in enumerate(docs):
        path = tmp_path / f"script{i}.py"
        path.write_text(export_script(doc))
        scripts.append(path)
    # One interpreter for all scripts: importing torch once keeps this test fast.
    driver = ("import runpy, sys\nfor path in sys.argv[1:]:\n"
              "    runpy.run_path(path)\n    print('=== end of script')\n")
    result = subprocess.run([sys.executable, "-c", driver, *map(str, scripts)],
                            check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    torch_outputs = result.stdout.split("=== end of script\n")[:-1]
    assert len(torch_outputs) == len(scripts)
    for path, torch_output in zip(scripts, torch_outputs):
        _same_printout(_run_with_engine(path.read_text(), tmp_path), torch_output)


def test_chosen_non_scalar_root_gets_a_ones_gradient(tmp_path):
    doc = load_example("leaf_nonleaf")
    root = doc.node_by_name("r").id
    script = export_script(doc, root_id=root)
    assert "r.backward(torch.ones_like(r))" in script
    assert "t.grad: tensor([[2., 2., 2.]," in _run_with_engine(script, tmp_path)


def test_generated_constants_are_written_inline_and_named_ones_get_a_line():
    doc = import_snippet("import torch\nk = 3\nx = torch.tensor(2.0, requires_grad=True)\n"
                         "y = x ** 2 * k\n")
    script = export_script(doc)
    assert "pow1 = x ** 2\n" in script
    assert "k = 3\n" in script and "y = pow1 * k\n" in script


def test_constants_named_after_their_value_are_written_as_literals():
    script = export_script(load_example("x_squared"))   # constants named two and one
    assert "x_sq = x ** 2\n" in script and "y = x_sq + 1\n" in script
    assert "two" not in script and "one =" not in script


def test_a_constant_whose_name_is_more_than_its_value_keeps_its_line():
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "1.5"})
    for name, value in (("two", "5"), ("const1", "3")):
        constant = doc.add_node("constant", name=name, params={"value": value})
        doc.connect(x, product := doc.add_node("mul", name=f"by_{name}"), "a")
        doc.connect(constant, product, "b")
    script = export_script(doc)
    assert "two = 5\n" in script and "by_two = x * two\n" in script
    assert "by_const1 = x * 3\n" in script   # const1 is a generated name: no line of its own


def test_node_with_an_unconnected_input_is_left_out_with_a_comment(tmp_path):
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={"value": "1.5"})
    add = doc.add_node("add", name="s")
    doc.connect(x, add, "a")
    doc.add_node("exp", name="e")
    doc.connect(add, doc.node_by_name("e").id, "x")
    script = export_script(doc)
    assert "# s is left out" in script and "# e is left out" in script
    assert "x.grad: None" in _run_with_engine(script, tmp_path)


def test_random_input_exports_its_seed_and_reimports_to_the_same_values():
    doc = import_snippet("import torch\ntorch.manual_seed(3)\nw = torch.randn(2, 3, "
                         "requires_grad=True)\nloss = (w * w).sum()\nloss.backward()\n")
    script = export_script(doc)
    assert "torch.manual_seed(3)\nw = torch.randn(2, 3, requires_grad=True)" in script
    again = import_snippet(script)
    a = evaluate(doc).tensor(doc.node_by_name("w").id)
    b = evaluate(again).tensor(again.node_by_name("w").id)
    np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())


def test_node_whose_value_text_is_not_a_value_is_left_out_with_the_reason(tmp_path):
    doc = GraphDocument()
    doc.add_node("input", name="x", params={"value": "[1, 2"})
    doc.add_node("input", name="w", params={"value": "3.0"})
    script = export_script(doc)
    assert "# x is left out: A bracket is not closed." in script
    assert "w: tensor(3., requires_grad=True)" in _run_with_engine(script, tmp_path)


def test_consecutive_no_grad_nodes_share_one_with_block_and_round_trip(tmp_path):
    source = ("import torch\nx = torch.tensor(3.0, requires_grad=True)\n"
              "with torch.no_grad():\n    s = x * 2\n    t = s.exp()\n"
              "u = t * x\nwith torch.no_grad():\n    v = u.detach() + 1\n"
              "w = v * u\nw.backward()\n")
    doc = import_snippet(source)
    script = export_script(doc)
    assert ("with torch.no_grad():\n    s = x * 2\n    t = torch.exp(s)\nu = t * x\n"
            "with torch.no_grad():\n    detach1 = u.detach()\n    v = detach1 + 1\nw = v * u\n"
            ) in script
    again = import_snippet(script)
    assert canonical(again) == canonical(doc)
    want = _run_with_engine(script, tmp_path)
    assert want == _run_with_engine(export_script(again), tmp_path)
    x = engine.tensor(3.0, requires_grad=True)
    with engine.no_grad():
        t = (x * 2).exp()
    u = t * x
    with engine.no_grad():
        v = u.detach() + 1
    (v * u).backward()
    assert f"x.grad: {x.grad!s}" in want


def _run_with_pytorch(script: str, tmp_path) -> str:
    path = tmp_path / "exported_for_torch.py"
    path.write_text(script)
    result = subprocess.run([sys.executable, str(path)], check=False, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_traced_mlp_declares_its_tensors_in_first_use_order_and_runs_as_pytorch_runs_it(
        tmp_path):
    from explorer.core.live.tracer import trace_script

    mlp = Path(__file__).resolve().parents[1] / "live" / "data" / "deep_mlp.py"
    graph = trace_script(str(mlp)).graphs[0].graph
    script = export_script(graph.document, evaluation=graph.evaluation)
    lines = [line for line in script.splitlines()[1:] if line and not line.startswith("#")]
    declared = [line.split(" = ")[0] for line in lines if " = torch.tensor(" in line]
    body = lines[len(declared):]
    assert all(" = torch.tensor(" not in line for line in body)   # declarations come first
    # Each in the order the computation first uses it (the layers front to back, not the
    # traced graph's numbering from the loss back, which put the last layer's bias first).
    first_use = [next(i for i, line in enumerate(body) if re.search(rf"\b{name}\b", line))
                 for name in declared]
    assert first_use == sorted(first_use)
    assert declared[:3] == ["model_0_weight", "model_0_bias", "X"]
    assert declared[-3:] == ["model_16_weight", "model_16_bias", "Y"]
    printed = _run_with_engine(script, tmp_path)
    assert "model_0_weight.grad: tensor([[" in printed
    if importlib.util.find_spec("torch") is not None:
        _same_printout(printed, _run_with_pytorch(script, tmp_path))


def test_the_code_of_traced_shape_ops_and_reductions_keeps_their_numbers(tmp_path):
    from explorer.core.live.tracer import trace_script

    source = tmp_path / "shapes.py"
    source.write_text(
        "import torch\n"
        "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)\n"
        "c = x.unsqueeze(1).squeeze(1).transpose(0, 1).reshape(2, 3)\n"
        "e = c.sum(1, keepdim=True) * torch.softmax(c, dim=1)\n"
        "loss = (e.mean(0).permute(0) * torch.log_softmax(c, -1)[0]).sum()\n"
        "loss.backward()\n", encoding="utf-8")
    graph = trace_script(str(source)).graphs[0].graph
    script = export_script(graph.document, evaluation=graph.evaluation)
    # (they were torch.unsqueeze(x), torch.sum(c), torch.permute(g): no dim, which fails or
    # reduces everything)
    for call in ("torch.unsqueeze(x, 1)", "torch.squeeze(", ", 1)", "torch.transpose(",
                 ", 0, 1)", "torch.sum(", ", 1, True)", "torch.softmax(", ".permute(0)",
                 "torch.log_softmax("):
        assert call in script, script
    printed = _run_with_engine(script, tmp_path)
    x = engine.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    c = x.unsqueeze(1).squeeze(1).transpose(0, 1).reshape(2, 3)
    e = c.sum(1, keepdim=True) * engine.softmax(c, dim=1)
    (e.mean(0).permute(0) * engine.log_softmax(c, -1)[0]).sum().backward()
    assert f"x.grad: {x.grad}" in printed
    if importlib.util.find_spec("torch") is not None:
        _same_printout(printed, _run_with_pytorch(script, tmp_path))


def test_a_traced_nan_constant_is_exported(tmp_path):
    from explorer.core.live.tracer import trace_script

    source = tmp_path / "nan.py"
    source.write_text(
        "import torch\n"
        "x = torch.tensor([0.5, 2.0, 3.0], requires_grad=True)\n"
        "loss = torch.where(x > 1, float('nan'), x * 4).nansum()\n"
        "loss.backward()\n", encoding="utf-8")
    graph = trace_script(str(source)).graphs[0].graph
    script = export_script(graph.document, evaluation=graph.evaluation)
    assert "left out" not in script and "float('nan')" in script, script
    assert "x.grad: tensor([4., 0., 0.])" in _run_with_engine(script, tmp_path)
