"""A graph's tensors share one budget, checked from shapes before anything is allocated."""
from __future__ import annotations

import pytest

import engine
from explorer.core.codegen.run_cli import main
from explorer.core.codegen.snippet_import import import_snippet
from explorer.core.document import tensor_budget
from explorer.core.document.evaluation import evaluate
from explorer.core.document.tensor_budget import TensorBudget, result_elements


def errors_by_name(doc, ev) -> dict[str, str]:
    return {doc.node(node_id).name: text for node_id, text in ev.errors.items()}


def test_an_outer_product_past_the_budget_is_refused_before_it_is_made(monkeypatch):
    doc = import_snippet("import torch\nx = torch.ones(40000, 1)\ny = torch.ones(1, 40000)\n"
                         "z = x * y\n")
    made = []
    original = engine.Tensor.__mul__
    monkeypatch.setattr(engine.Tensor, "__mul__", lambda a, b: made.append(1) or original(a, b))
    ev = evaluate(doc, TensorBudget(limit_bytes=2**30))
    assert made == []
    assert "past the budget of 1024 MB" in errors_by_name(doc, ev)["z"]


def test_many_modest_inputs_share_one_budget():
    lines = "".join(f"x{i} = torch.ones(1000)\n" for i in range(5))
    doc = import_snippet("import torch\n" + lines)
    ev = evaluate(doc, TensorBudget(limit_bytes=3 * 1000 * tensor_budget.BYTES_PER_ELEMENT))
    refused = errors_by_name(doc, ev)
    assert sorted(refused) == ["x3", "x4"]
    assert all(doc.node_by_name(f"x{i}").id in ev.values for i in range(3))


def test_the_budget_is_set_by_the_environment(monkeypatch):
    monkeypatch.setenv(tensor_budget.ENV_VAR, "2")
    assert TensorBudget().limit == 2 * 2**20


def test_the_default_budget_is_a_part_of_the_memory(monkeypatch):
    monkeypatch.delenv(tensor_budget.ENV_VAR, raising=False)
    assert 0 < TensorBudget().limit < tensor_budget._memory_bytes()


def test_run_reports_a_graph_past_its_budget_in_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(tensor_budget.ENV_VAR, "64")
    path = tmp_path / "outer.py"
    path.write_text("import torch\nx = torch.ones(40000, 1)\ny = torch.ones(1, 40000)\n"
                    "z = x * y\n")
    assert main([str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "past the budget of 64 MB" in err


@pytest.mark.parametrize("source", [
    "a = torch.ones(3, 4)\nb = torch.ones(4, 5)\nr = a @ b",
    "a = torch.ones(2, 3, 4)\nb = torch.ones(4)\nr = a @ b",
    "a = torch.ones(4)\nb = torch.ones(7, 4, 2)\nr = a @ b",
    "a = torch.ones(5, 1)\nb = torch.ones(1, 6)\nr = a + b",
    "a = torch.ones(5, 6)\nr = a.sum(dim=1)",
    "a = torch.ones(5, 6)\nr = a.reshape(30)",
    "r = torch.arange(0, 10, 0.5)",
    "r = torch.linspace(0, 1, 9)",
])
def test_the_estimate_is_never_below_the_real_size(source):
    doc = import_snippet("import torch\n" + source + "\n")
    ev = evaluate(doc)
    node = doc.node_by_name("r")
    inputs = {port: ev.values[src] for port, src in doc.input_sources(node.id).items()}
    assert result_elements(node.op, inputs, node.params) >= ev.values[node.id].numel()


def test_many_large_matrix_products_are_refused_before_they_run(monkeypatch):
    lines = "".join(f"p{i} = a @ a\n" for i in range(200))
    doc = import_snippet("import torch\na = torch.ones(1000, 1000, dtype=torch.float64)\n"
                         + lines)
    ran = []
    original = engine.Tensor.__matmul__
    monkeypatch.setattr(engine.Tensor, "__matmul__", lambda a, b: ran.append(1) or original(a, b))
    budget = TensorBudget(limit_bytes=2**40, max_work=2 * 1000**3 + 10**6)   # ones, then two
    ev = evaluate(doc, budget)
    assert len(ran) == 2
    assert "multiply-adds" in errors_by_name(doc, ev)["p2"]
