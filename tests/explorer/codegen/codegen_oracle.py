"""Run a (trusted, reference) PyTorch program with the engine as torch, recording every tensor
assigned to a name, in program order: the oracle the imported graphs are compared with."""
from __future__ import annotations

import ast
import contextlib
import io
import sys
import warnings
from pathlib import Path

import engine


class _Recorder(ast.NodeTransformer):
    """After each `name = ...`, insert `__record__("name", name)` (also inside with blocks)."""

    def _record(self, node: ast.stmt) -> list[ast.stmt]:
        target = node.targets[0]
        call = ast.parse(f"__record__({target.id!r}, {target.id})").body[0]
        return [node, ast.copy_location(call, node)]

    def visit_Assign(self, node: ast.Assign):
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return self._record(node)
        return node


def run_with_engine(source: str, filename: str = "<program>") -> list[tuple[str, object]]:
    """[(name, value)] for every assignment of a Tensor, values as they are at the end."""
    tree = ast.fix_missing_locations(_Recorder().visit(ast.parse(source)))
    recorded: list[tuple[str, object]] = []

    def record(name: str, value) -> None:
        if isinstance(value, engine.Tensor):
            recorded.append((name, value))

    saved = sys.modules.get("torch")
    sys.modules["torch"] = engine
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            # The reference programs are trusted test data; this is the oracle, not the importer.
            exec(compile(tree, filename, "exec"),  # noqa: S102
                 {"__record__": record, "__name__": "__main__"})
    finally:
        if saved is None:
            del sys.modules["torch"]
        else:
            sys.modules["torch"] = saved
    return recorded


PROGRAMS = Path(__file__).resolve().parent / "programs"
SHARED_PROGRAMS = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "programs"


def reference_programs() -> list[Path]:
    """Copies of the seed programs except the training loop (seed 004, which has a for loop):
    kept beside the tests so that a clean clone runs them too."""
    return sorted(PROGRAMS.glob("seed*.txt"))
