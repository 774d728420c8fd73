"""`autograd-explorer run FILE`: values and grads of a graph or a snippet, clean failures."""
from __future__ import annotations

import warnings

import pytest
from codegen_oracle import reference_programs, run_with_engine

from explorer.core.codegen.pytorch_export import export_script
from explorer.core.codegen.run_cli import main
from explorer.core.codegen.snippet_import import import_snippet, parse_snippet
from explorer.core.document.examples import example_path, list_examples
from explorer.core.document.file_format import load_document, save_document


def _run(capsys, path) -> tuple[int, list[str], list[str]]:
    code = main([str(path)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def _grad_text(tensor) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return str(tensor.grad)


@pytest.mark.parametrize("path", reference_programs(), ids=lambda p: p.stem)
def test_run_snippet_prints_what_the_program_computes(capsys, path, tmp_path):
    snippet = tmp_path / "program.py"
    snippet.write_text(path.read_text())
    code, out, err = _run(capsys, snippet)
    assert code == 0 and err == []
    additions = parse_snippet(path.read_text())
    node_names = {spec.key: spec.name for spec in additions.nodes}
    recorded = run_with_engine(path.read_text())
    for (_, key), (_, value) in zip(additions.assigned, recorded, strict=True):
        name = node_names[key]
        assert f"{name}: {value!s}".splitlines()[0] in out
        if value.is_leaf and value.requires_grad:
            assert f"{name}.grad: {_grad_text(value)}".splitlines()[0] in out


def test_run_graph_file_prints_values_in_program_order_then_grads(capsys):
    code, out, err = _run(capsys, example_path("linear_int_x"))
    assert code == 0 and err == []
    assert out == ["x: tensor(3)", "w: tensor(2., requires_grad=True)",
                   "b: tensor(5., requires_grad=True)", "wx: tensor(6., grad_fn=<MulBackward0>)",
                   "y: tensor(11., grad_fn=<AddBackward0>)",
                   "w.grad: tensor(3.)", "b.grad: tensor(1.)"]


def test_run_prints_the_programs_variables_not_constants_named_in_words(capsys):
    code, out, _ = _run(capsys, example_path("x_squared"))
    assert code == 0
    assert out == ["x: tensor(2., requires_grad=True)",
                   "x_sq: tensor(4., grad_fn=<PowBackward0>)",
                   "y: tensor(5., grad_fn=<AddBackward0>)", "x.grad: tensor(4.)"]


@pytest.mark.parametrize("key", [key for key, _title in list_examples()])
def test_run_prints_only_names_the_exported_program_assigns(capsys, key):
    code, out, _ = _run(capsys, example_path(key))
    assert code == 0
    program = export_script(load_document(example_path(key)))
    assigned = {line.split(" = ")[0].strip() for line in program.splitlines() if " = " in line}
    printed = {line.split(": ")[0].removesuffix(".grad") for line in out if ": " in line}
    assert printed <= assigned, program


def test_run_of_a_saved_imported_snippet_keeps_its_backward_calls(capsys, tmp_path):
    path = reference_programs()[2]   # seed 002: backward, grad.zero_(), backward
    assert path.stem == "seed002_dot_zero_grad"
    graph = tmp_path / "seed002.json"
    save_document(import_snippet(path.read_text()), graph)
    code, out, _ = _run(capsys, graph)
    assert code == 0
    recorded = run_with_engine(path.read_text())
    expected = dict(recorded)
    first_x = next(v for n, v in recorded if n == "x")   # its grad was zeroed between backwards
    assert f"x.grad: {first_x.grad!s}" in out
    assert f"w.grad: {expected['w'].grad!s}" in out


@pytest.mark.parametrize("name,content,fragment", [
    ("missing.json", None, "cannot be read"),
    ("missing.py", None, "cannot be read"),
    ("broken.json", "{not json", "not valid JSON"),
    ("hostile.py", "import torch\nx = torch.tensor(1.)\n__import__('os')\n", "Line 3:"),
    ("binary.py", b"\xff\xfe\x00", "not UTF-8"),
    ("shapes.py", ("import torch\na = torch.ones(2, requires_grad=True)\n"
                   "b = torch.ones(3)\nc = (a + b).sum()\nc.backward()\n"),
     "Line 5: the engine cannot compute this value"),   # the importer runs the evaluation
    ("nonscalar.py", ("import torch\na = torch.ones(2, requires_grad=True)\nb = a * 2\n"
                      "b.backward()\n"), "backward failed"),
])
def test_bad_files_exit_1_with_one_line_on_stderr(capsys, tmp_path, name, content, fragment):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    code, out, err = _run(capsys, path)
    assert code == 1
    assert out == []
    assert len(err) == 1 and fragment in err[0] and str(path) in err[0]
