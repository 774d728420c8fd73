"""Hundreds of hostile snippets and graph files go through `run` under a 3 GB memory cap and
through the window: each ends in values or one clear refusal, never a traceback or an abort."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from graph_file_mutations import mutated_files
from hostile_corpus import graph_files, snippet_files
from test_snippet_fuzz import HOSTILE, PRELUDE

from explorer.core.document import tensor_budget

REPO = Path(__file__).resolve().parents[3]
MEMORY_CAP = 3 * 2**30
HANG_GUARD_S = 1200   # the whole corpus; only a hang or a freeze comes near it

# Runs every file through `autograd-explorer run` in one process under the memory cap.
DRIVER = """
import contextlib, io, json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
from explorer.core.codegen.run_cli import main
results = {}
for path in sys.argv[2:]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([path])
        except BaseException as exc:   # recorded: the test fails on it
            code = "raised " + type(exc).__name__ + ": " + str(exc)[:200]
    results[path] = [code, err.getvalue()[:2000]]
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    directory = tmp_path_factory.mktemp("hostile")
    paths = snippet_files(directory) + graph_files(directory)
    for number, (name, body) in enumerate(sorted(HOSTILE.items())):
        path = directory / f"fuzz-{number:02d}.py"
        path.write_text(f"# {name}\nimport torch\n{PRELUDE}{body}\n", encoding="utf-8")
        paths.append(path)
    for label, data in mutated_files(seed=17, count=220):
        path = directory / f"{label}.json"
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_every_hostile_input_runs_under_a_3_gb_cap_to_values_or_one_line(corpus):
    assert len(corpus) >= 300
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    env.pop(tensor_budget.ENV_VAR, None)   # the default budget, from the cap
    done = subprocess.run([sys.executable, "-c", DRIVER, str(MEMORY_CAP), *map(str, corpus)],
                          cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=HANG_GUARD_S, check=False)
    assert done.returncode == 0, done.stderr[-3000:]   # no abort, no bad_alloc
    results = json.loads(done.stdout.splitlines()[-1])
    assert len(results) == len(corpus)
    failures = {Path(path).name: result for path, result in results.items()
                if result[0] not in (0, 1) or "Traceback" in result[1]
                or (result[0] == 1 and len(result[1].splitlines()) != 1)}
    assert failures == {}
    refused = sum(1 for code, _err in results.values() if code == 1)
    assert 0 < refused < len(corpus)


def test_the_issue_17_inputs_leave_the_window_working(window, tmp_path, monkeypatch):
    """Import or open each one, the thousands-of-nodes ones too (20,000 refused inputs open in
    seconds): a refusal changes nothing, anything accepted evaluates."""
    monkeypatch.setenv(tensor_budget.ENV_VAR, "256")   # a small machine's budget
    for path in snippet_files(tmp_path):
        window.new_document()
        window.code_actions.import_source(path.read_text(encoding="utf-8"), "Import")
        window.evaluate_now()
    for path in graph_files(tmp_path):
        window.new_document()
        if not window.open_file(str(path), ask=False):
            assert window.last_error and len(window.document) == 0, path.name
            continue
        assert window.evaluation.errors or window.evaluation.values, path.name
    window.undo_stack.setClean()
