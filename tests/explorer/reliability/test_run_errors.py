"""`autograd-explorer run` and Import Python: hostile snippets end in one clear line (exit 1),
never a traceback; errors are PyTorch's own where PyTorch raises."""
from __future__ import annotations

import pytest

from explorer.core.codegen import snippet_file
from explorer.core.codegen.run_cli import main

TWICE = ("import torch\nx = torch.tensor(2.0, requires_grad=True)\n"
         "y = x * x\ny.backward()\ny.backward()\n")


def run(capsys, tmp_path, source: str) -> tuple[int, str, str]:
    path = tmp_path / "snippet.py"
    path.write_text(source, encoding="utf-8")
    code = main([str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("call", ["torch.arange(0, 1e300, 1e-300)",
                                  "torch.arange(-1.7e308, 1.7e308)",
                                  "torch.arange(0, 1.7e308, 1e-308)",
                                  f"torch.arange({'9' * 400})"])
def test_an_arange_past_any_size_is_refused_in_one_line(capsys, tmp_path, call):
    code, out, err = run(capsys, tmp_path, f"import torch\nx = {call}\n")
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "Line 2" in err and ("more than" in err or "too large" in err)


def test_a_second_backward_through_a_freed_graph_fails_as_in_pytorch(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path, TWICE)
    assert code == 1
    assert "Trying to backward through the graph a second time" in err
    assert "x.grad" not in out


def test_pytorch_itself_refuses_the_second_backward():
    torch = pytest.importorskip("torch")
    x = torch.tensor(2.0, requires_grad=True)
    y = x * x   # TWICE, written out
    y.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.backward()


def test_retain_graph_true_and_a_graph_without_saved_values_allow_a_second_backward(
        capsys, tmp_path):
    source = ("import torch\nx = torch.tensor(2.0, requires_grad=True)\n"
              "y = x * x\ny.backward(retain_graph=True)\ny.backward()\n"
              "z = x + 1\nz.backward()\nz.backward()\n")
    code, out, err = run(capsys, tmp_path, source)
    assert (code, err) == (0, "")
    assert "x.grad: tensor(10.)" in out   # 4 + 4 + 1 + 1, as PyTorch gives


def sparse_file(path, size: int):
    with open(path, "wb") as handle:
        handle.truncate(size)   # no data written: the size is all there is
    return path


def test_run_refuses_a_huge_snippet_by_its_size_before_reading_it(capsys, tmp_path, monkeypatch):
    path = sparse_file(tmp_path / "huge.py", snippet_file.MAX_SOURCE_BYTES + 1)
    opened = []
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: opened.append(args))
    code = main([str(path)])
    monkeypatch.undo()
    _, err = capsys.readouterr()
    assert code == 1 and "too large for a snippet" in err
    assert opened == []


def test_import_python_refuses_a_huge_file_by_its_size(window, tmp_path):
    path = sparse_file(tmp_path / "huge.py", snippet_file.MAX_SOURCE_BYTES + 1)
    assert window.code_actions.import_python(str(path)) == []
    assert "too large for a snippet" in window.last_error
    assert len(window.document) == 0


def test_an_unexpected_error_in_run_is_one_line_not_a_traceback(capsys, tmp_path, monkeypatch):
    from explorer.core.codegen import run_cli

    def broken(_doc):
        raise KeyError("a bug")

    monkeypatch.setattr(run_cli, "_lines", broken)
    code, _out, err = run(capsys, tmp_path, "import torch\nx = torch.ones(2)\n")
    assert code == 1 and len(err.splitlines()) == 1 and "internal error" in err
