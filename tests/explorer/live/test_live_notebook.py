"""`autograd-explorer trace` on a Jupyter notebook: its code cells run in order, IPython-only
lines are skipped and listed, every location names the cell and the line in it, and a file that
is not a notebook is refused before anything runs."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.live.notebook import NotebookError, read_notebook
from explorer.core.live.tracer import torch_as_engine, trace_script

LESSON = Path(__file__).resolve().parent / "data" / "gradient_lesson.ipynb"


def _notebook(tmp_path, *cells: str | tuple[str, str], counts=None) -> str:
    """A notebook of code cells (a (kind, text) pair is another kind of cell)."""
    counts = counts or [None] * len(cells)
    items = []
    for cell, count in zip(cells, counts):
        kind, text = cell if isinstance(cell, tuple) else ("code", cell)
        item = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            item.update(execution_count=count, outputs=[])
        items.append(item)
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": items, "metadata": {}, "nbformat": 4,
                                "nbformat_minor": 5}), encoding="utf-8")
    return str(path)


def test_trace_list_of_a_notebook_names_the_cell_and_line_of_each_backward_call(capsys):
    assert main(["trace", "--list", str(LESSON)]) == 0
    out, err = capsys.readouterr()
    assert "tensor(6.)" in out   # print(x.grad) in the %%time cell ran
    (line,) = [line for line in out.splitlines() if line.startswith("#")]
    assert line.split() == ["#0", f"{LESSON}:In[3]:2", "y", "5", "nodes"]
    assert err.splitlines() == [
        "Skipped 4 IPython-only lines (plain Python cannot run them):",
        "  In[1]:1  %matplotlib inline", "  In[1]:2  !pip install torch",
        "  In[2]:3  torch.tensor?", "  In[3]:1  %%time"]


def test_markdown_and_raw_cells_are_not_run_and_code_cells_share_one_namespace(tmp_path):
    path = _notebook(tmp_path, ("markdown", "x = undefined_name"), "import torch\nw = 2",
                     ("raw", "raise SystemExit"), "t = torch.tensor(1.0, requires_grad=True)",
                     "(t * w).backward()")
    result = trace_script(path)
    assert result.error is None and result.exit_code is None
    assert [(c.filename, c.lineno) for c in result.graphs] == [(f"{path}:In[3]", 1)]


def test_a_cell_ending_with_an_expression_shows_its_value_as_jupyter_does(tmp_path, capsys):
    path = _notebook(tmp_path, "import torch\nx = torch.tensor(3.0, requires_grad=True)\nx * 2",
                     "x * 3;", "y = x ** 2\ny.backward()\nx.grad  # dy/dx", "None")
    assert trace_script(path).error is None
    assert capsys.readouterr().out.splitlines() == [
        "Out[1]: tensor(6., grad_fn=<MulBackward0>)", "Out[3]: tensor(6.)"]


def test_cells_take_their_saved_execution_counts_when_every_code_cell_has_its_own(tmp_path):
    path = _notebook(tmp_path, "a = 1", ("markdown", "text"), "b = 2", "c = 3",
                     counts=[4, None, 7, 5])
    assert [cell.number for cell in read_notebook(path).cells] == [4, 7, 5]
    path = _notebook(tmp_path, "a = 1", "b = 2", "c = 3", counts=[4, None, 2])
    assert [cell.number for cell in read_notebook(path).cells] == [1, 2, 3]   # as Run All


def test_ipython_only_lines_become_no_ops_on_their_own_lines(tmp_path):
    path = _notebook(tmp_path, "import torch\nif True:\n    !ls\n    %env A=1\nfiles = !ls\n"
                     "?torch\ntorch.ones??\n"
                     "s = '''\n%not a magic\n!nor this\n'''\nn = (1 +\n     2)  # why?\n",
                     "%%bash\necho hi\n", "%%capture\nseen = 'body of %%capture'\n",
                     "if True:\n    %time t = torch.ones(2)\n%timeit u = 1")
    notebook = read_notebook(path)
    cells = notebook.cells
    assert [c.program.count("\n") for c in cells] == [c.source.count("\n") for c in cells]
    assert [(s.cell, s.line) for s in notebook.skipped] == \
        [(1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (2, 1), (3, 1)]
    assert cells[0].program.splitlines()[2:5] == ["    pass", "    pass", "pass"]
    assert cells[1].program == "\n\n" and cells[2].program == "\nseen = 'body of %%capture'\n"
    assert cells[3].program == "if True:\n    t = torch.ones(2)\nu = 1"
    namespace: dict = {}
    with torch_as_engine():  # (`import torch` gives the engine, as a trace does: no torch here)
        for cell in cells:
            exec(compile(cell.program, cell.filename, "exec"), namespace)  # noqa: S102
    assert namespace["s"] == "\n%not a magic\n!nor this\n" and namespace["n"] == 3
    assert namespace["seen"] == "body of %%capture"
    assert namespace["t"].tolist() == [1.0, 1.0] and namespace["u"] == 1


def test_a_cell_that_raises_names_its_cell_and_line_and_earlier_graphs_are_kept(tmp_path,
                                                                                 capsys):
    path = _notebook(tmp_path, "import torch\nw = torch.tensor(2.0, requires_grad=True)",
                     "loss = (w * 3) ** 2\nloss.backward()",
                     "# the learner's mistake\nw.grad.add_(undefined)", "print('not reached')")
    result = trace_script(path)
    assert len(result.graphs) == 1
    assert f'File "{path}:In[3]", line 2, in <module>' in result.error
    assert "    w.grad.add_(undefined)" in result.error   # the cell's own line is shown
    assert result.error.rstrip().endswith("NameError: name 'undefined' is not defined")
    assert "explorer" not in result.error
    assert main(["trace", "--list", path]) == 1
    out, err = capsys.readouterr()
    assert "not reached" not in out and f"{path}:In[2]:2" in out
    assert "NameError" in err


def test_a_cell_that_raises_in_the_engine_shows_only_the_cells_frames(tmp_path, capsys):
    path = _notebook(tmp_path, "import torch\ndef predict(a, b):\n    return a @ b",
                     "x = torch.ones(2, 3)\npredict(x, torch.ones(4, 5))")
    assert main(["trace", "--list", path]) == 1
    err = capsys.readouterr().err
    assert [line.strip() for line in err.splitlines() if line.startswith('  File "')] == [
        f'File "{path}:In[2]", line 2, in <module>', f'File "{path}:In[1]", line 3, in predict']
    assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)\n" in err


def test_a_syntax_error_names_its_cell_and_line(tmp_path):
    path = _notebook(tmp_path, "a = 1", "b = 2\nc = (3 +\n")
    result = trace_script(path)
    assert f'File "{path}:In[2]", line 2' in result.error
    assert "SyntaxError" in result.error and "explorer" not in result.error


def test_the_cells_run_in_the_notebooks_folder_as_in_jupyter_and_the_folder_is_restored(
        tmp_path, monkeypatch):
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "data.csv").write_text("1.5,2.0\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = _notebook(lesson, "import os, torch\nrow = open('data.csv').read().strip()",
                     "w = torch.tensor([float(v) for v in row.split(',')], requires_grad=True)\n"
                     "(w * w).sum().backward()\nprint(os.getcwd())")
    result = trace_script(path)
    assert result.error is None and len(result.graphs) == 1
    assert os.getcwd() == str(elsewhere)
    path = _notebook(lesson, "open('data.csv').close()\nraise ValueError('a cell fails')")
    assert "ValueError: a cell fails" in trace_script(path).error
    assert os.getcwd() == str(elsewhere)   # also after a cell raised


@pytest.mark.parametrize(("text", "says"), [
    ('{"cells": [', "its JSON is broken at line 1, column 12"),
    ('{"version": 1, "nodes": []}', "JSON, but not a Jupyter notebook"),
    ('{"cells": [], "nbformat": 3}', "only format 4"),
    ('{"cells": [{"cell_type": "code", "source": 7}], "nbformat": 4}', "is not text"),
    ('{"cells": ["x = 1"], "nbformat": 4}', "its cell 1 is not a cell"),
])
def test_a_corrupt_notebook_is_refused_with_a_clear_message_before_anything_runs(
        tmp_path, capsys, text, says):
    path = tmp_path / "broken.ipynb"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotebookError, match=says):
        trace_script(str(path))
    assert main(["trace", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}: ") and says in err
    assert path.read_text(encoding="utf-8") == text


def test_a_notebook_is_selected_and_screenshotted_like_a_script(tmp_path, qapp):
    path = _notebook(tmp_path, "import torch\nw = torch.tensor(2.0, requires_grad=True)",
                     "for step in range(3):\n    (w * w).backward()")
    out = tmp_path / "cell.png"
    assert main(["trace", "--select", "2", "--run", "backward", "--screenshot", str(out),
                 path]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")
    assert main(["trace", "--select", "5", "--screenshot", str(out), path]) == 1
