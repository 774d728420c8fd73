"""CI runs the README's test command, then the suite on the oldest and the newest Python that
pyenv has, in fresh venvs without torch, and fails when any of them fails."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README_TEST_COMMAND = ("python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]' && "
                       "QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_then_the_oldest_and_newest_python():
    script = (ROOT / ".ci" / "run").read_text()
    assert README_TEST_COMMAND in (ROOT / "README.md").read_text()
    assert README_TEST_COMMAND in script
    assert "set -euo pipefail" in script                   # any failing suite fails CI
    assert "pyenv versions --bare" in script and "sort -V" in script
    assert re.search(r"sed -n '1p;\$p'", script)           # the oldest and the newest
    fresh = script[script.index("pyenv versions --bare"):]
    assert "-m venv" in fresh and "torch==" not in fresh    # fresh venvs, no oracle
    assert "-m pytest" in fresh
