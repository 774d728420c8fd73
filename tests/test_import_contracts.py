"""The layers hold: explorer.core and engine import no Qt, the core no interface module, the
engine nothing of the explorer (the contracts in pyproject.toml's [tool.importlinter])."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _core_contract() -> dict:
    tomllib = pytest.importorskip("tomllib")   # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["source_modules"] == ["explorer.core"])


def test_lint_imports_keeps_every_contract():
    pytest.importorskip("importlinter")
    code = ("import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_explorer_module_outside_core_is_forbidden_to_the_core():
    # A new interface module or package must join the contract, or the core could import it.
    outside = {f"explorer.{p.stem}" for p in (ROOT / "explorer").iterdir()
               if (p.suffix == ".py" or (p / "__init__.py").exists())
               and p.stem not in ("__init__", "__main__", "core")}
    assert outside <= set(_core_contract()["forbidden_modules"])


def test_every_core_module_imports_without_loading_qt():
    code = ("import importlib, pkgutil, sys, explorer.core as core\n"
            "for m in pkgutil.walk_packages(core.__path__, 'explorer.core.'):\n"
            "    importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'pyqtgraph')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
