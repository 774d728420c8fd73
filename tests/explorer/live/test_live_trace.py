"""`autograd-explorer trace`: the script runs with torch as the engine, its backward calls are
captured (loops unrolled), failures are reported and earlier graphs kept."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core.live.recorder import first_and_every
from explorer.core.live.tracer import trace_script

CUBIC_FIT = Path(__file__).resolve().parent / "data" / "cubic_fit.py"   # the tutorial, verbatim

STEP = """\
import torch
w = torch.tensor(2.0, requires_grad=True)
for step in range(3):
    loss = (w * 3 - 1) ** 2
    loss.backward()
"""


def _script(tmp_path, text: str) -> str:
    path = tmp_path / "script.py"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_trace_list_of_the_tutorial_cubic_fit_shows_the_first_three_and_every_hundredth(capsys):
    assert main(["trace", "--list", str(CUBIC_FIT)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("#")]
    assert [line.split()[0] for line in lines] == \
        ["#0", "#1", "#2"] + [f"#{n}" for n in range(99, 2000, 100)]
    assert lines[0].split()[1:] == [f"{CUBIC_FIT}:19", "loss", "20", "nodes"]


def test_first_and_every_choose_the_calls():
    keep = first_and_every(1, 2)
    assert [i for i in range(7) if keep(i)] == [0, 1, 3, 5]


def test_the_script_sees_torch_as_the_engine_and_its_arguments(tmp_path):
    out = tmp_path / "seen.txt"
    path = _script(tmp_path, "import sys, torch\n"
                   f"open({str(out)!r}, 'w').write(torch.__name__ + ' ' + sys.argv[1])\n")
    trace_script(path, ["hello"])
    assert out.read_text() == "engine hello"


def test_a_script_runs_in_the_current_directory_as_python_runs_it(tmp_path, monkeypatch):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    path = scripts / "where.py"
    path.write_text("import os\nopen('ran_here.txt', 'w').close()\nos.chdir('..')\n",
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert trace_script(str(path)).error is None
    assert (tmp_path / "ran_here.txt").exists() and not (scripts / "ran_here.txt").exists()
    assert os.getcwd() == str(tmp_path)   # its own chdir does not outlive the trace


def test_a_script_that_raises_is_reported_and_earlier_graphs_are_kept(tmp_path, capsys):
    path = _script(tmp_path, STEP + "raise RuntimeError('boom')\n")
    result = trace_script(path)
    assert len(result.graphs) == 3
    assert "RuntimeError: boom" in result.error and f'"{path}", line 6' in result.error
    assert "explorer" not in result.error.splitlines()[1]   # the script's frames, not ours
    assert main(["trace", "--list", path]) == 1
    captured = capsys.readouterr()
    assert len([line for line in captured.out.splitlines() if line.startswith("#")]) == 3
    assert "RuntimeError: boom" in captured.err


SHAPE_MISMATCH = """\
import torch
x = torch.ones(2, 3)
w = torch.ones(4, 5, requires_grad=True)

def predict(a, b):
    return a @ b

y = predict(x, w)
"""


def _frames(traceback_text: str) -> list[str]:
    return [line.strip() for line in traceback_text.splitlines()
            if line.startswith('  File "')]


def test_a_traced_scripts_traceback_shows_its_own_frames_not_the_engines(tmp_path, capsys):
    path = _script(tmp_path, SHAPE_MISMATCH)
    assert main(["trace", "--list", path]) == 1
    err = capsys.readouterr().err
    assert _frames(err) == [f'File "{path}", line 8, in <module>',
                            f'File "{path}", line 6, in predict']
    assert "    return a @ b" in err
    assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)\n" in err


def test_a_modules_forward_that_the_engine_calls_keeps_its_frame(tmp_path):
    path = _script(tmp_path, "import torch\n"
                   "class Net(torch.nn.Module):\n"
                   "    def __init__(self):\n"
                   "        super().__init__()\n"
                   "        self.lin = torch.nn.Linear(3, 2)\n"
                   "    def forward(self, x):\n"
                   "        return self.lin(x) @ torch.ones(5, 1)\n"
                   "Net()(torch.ones(4, 3))\n")
    error = trace_script(path).error
    assert _frames(error) == [f'File "{path}", line 8, in <module>',
                              f'File "{path}", line 7, in forward']
    assert error.endswith(
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x2 and 5x1)\n")


def test_a_script_that_calls_sys_exit_keeps_its_graphs(tmp_path):
    path = _script(tmp_path, STEP + "import sys\nsys.exit(3)\nprint('not reached')\n")
    result = trace_script(path)
    assert result.exit_code == 3 and result.error is None and len(result.graphs) == 3


def test_a_script_with_no_backward_says_there_is_no_graph(tmp_path, capsys):
    path = _script(tmp_path, "import torch\nprint(torch.ones(2) * 2)\n")
    assert main(["trace", path]) == 1
    assert "no backward call" in capsys.readouterr().err


def test_trace_help_says_plainly_that_it_runs_the_script(capsys):
    with pytest.raises(SystemExit):
        main(["trace", "--help"])
    assert "RUNS SCRIPT.py, exactly as 'python SCRIPT.py ARGS' would" in \
        " ".join(capsys.readouterr().out.split())


def test_torch_modules_are_given_back_after_the_trace(tmp_path):
    import sys

    before = sys.modules.get("torch")
    trace_script(_script(tmp_path, "import torch.nn.functional as F\n"))
    assert sys.modules.get("torch") is before


AUTOGRAD_GRAD = CUBIC_FIT.parent / "autograd_grad.py"


def test_autograd_grad_and_backward_calls_are_captured_with_their_roots_named(capsys):
    result = trace_script(str(AUTOGRAD_GRAD))
    assert result.error is None
    calls = [(c.call, c.root_name, c.lineno) for c in result.graphs]
    assert calls == [("backward", "y", 8), ("autograd.grad", "cube", 13),
                     ("autograd.grad", "dcube", 14), ("autograd.backward", "s", 18)]
    second = result.graphs[2].graph
    dcube = second.evaluation.values[second.root_id]
    assert dcube.item() == 12.0 and dcube.grad_fn is not None   # 3 t**2, create_graph=True
    assert main(["trace", "--list", "--first", "4", str(AUTOGRAD_GRAD)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("#")]
    assert lines[1].split()[1:3] == [f"{AUTOGRAD_GRAD}:13", "cube"]
    assert lines[1].endswith("autograd.grad") and not lines[0].endswith("backward")
    assert lines[3].endswith("autograd.backward")
