"""The wheel a user installs holds what the program reads at run time beside explorer/:
the examples, the compiled translations, the icons and the style sheet."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NEEDED = {"examples": "*.json", "translations": "*.qm", "icons": "*.svg", "styles": "*.qss"}


def test_the_wheel_installs_every_resource_the_program_reads(tmp_path):
    pytest.importorskip("setuptools")
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "tests", "__pycache__", "*.egg-info", "build", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                    "--no-build-isolation", "-q", "-w", str(tmp_path / "dist")],
                   check=True, timeout=240, capture_output=True)
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, pattern in NEEDED.items():
        files = sorted((ROOT / "resources" / folder).glob(pattern))
        assert files, folder
        for path in files:
            assert f"resources/{folder}/{path.name}" in names, path
    assert not any(name.endswith(".png") for name in names)   # README screenshots stay out
    assert not any("monkey" in name for name in names)   # a test tool, kept in tests/
