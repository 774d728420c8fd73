"""The seed programs, the README's example and a notebook, through trace, draw and show."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

import engine as torch
import explorer
from explorer.core.live.recorder import first_and_every
from explorer.core.live.tracer import trace_script

PROGRAMS = Path(__file__).resolve().parents[2] / "engine" / "programs"
SEEDS = sorted(PROGRAMS.glob("seed*.py"))


@pytest.mark.parametrize("program", SEEDS, ids=lambda p: p.stem)
def test_a_seed_program_traces_and_each_of_its_graphs_draws(program, qapp):
    with contextlib.redirect_stdout(io.StringIO()):
        result = trace_script(str(program), (), first_and_every(3, 0))
    assert result.error is None and result.graphs
    for call in result.graphs:
        drawing = explorer.draw(call)
        names = {item.name for item in drawing.scene.node_items()}
        assert call.root_name in names
        assert "<svg" in drawing.svg()


def test_the_readme_engine_example_draws_with_its_names_and_grads(qapp):
    x = torch.tensor(3.0, requires_grad=True)
    y = torch.tensor(4.0, requires_grad=True)
    z = x**y
    z.backward()
    cards = {item.name: item for item in explorer.draw(z).scene.node_items()}
    assert set(cards) == {"x", "y", "z"}
    assert cards["x"].value().grad.item() == 108.0
    assert "PowBackward1" in " ".join(cards["z"].body_lines())


NOTEBOOK_CELLS = [
    "import engine as torch\nimport explorer",
    ("w = torch.tensor(2.0, requires_grad=True)\nloss = (w * 3 - 1) ** 2\nloss.backward()\n"
     "explorer.draw(loss)"),
]


def test_a_notebook_shows_the_drawing_inline_as_svg():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS]
    nbclient.NotebookClient(notebook, timeout=240, kernel_name="python3").execute()
    (output,) = notebook.cells[-1].outputs
    assert output.output_type == "execute_result"
    assert "<svg" in output.data["image/svg+xml"]
    assert "loss" in output.data["text/plain"]
