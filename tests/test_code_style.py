"""The code stays as pyproject.toml's [tool.ruff] says (lines <= 100 included), when ruff is
installed (the test extra installs it)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing_to_fix():
    pytest.importorskip("ruff")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_top_level_holds_only_the_fixed_layout():
    """engine/, explorer/, resources/, tests/, pyproject.toml, README.md and dotfiles: nothing
    else is tracked at the top (tools and pictures live in tests/ and resources/)."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True,
                             check=True).stdout.split()
    top = {path.split("/")[0] for path in tracked if not path.startswith(".")}
    assert top <= {"engine", "explorer", "resources", "tests", "pyproject.toml", "README.md"}
