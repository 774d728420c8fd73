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
import engine.nn.functional
from explorer.core.codegen.pytorch_export import is_unnamed_constant
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS
from explorer.core.document.value_text import ValueTextError, parse_value


class _Recorder(ast.NodeTransformer):
    """After each `name = ...`, insert `__record__("name", name)` (also inside with blocks)."""

    def _record(self, target: ast.Name, node: ast.stmt) -> list[ast.stmt]:
        call = ast.parse(f"__record__({target.id!r}, {target.id})").body[0]
        return [node, ast.copy_location(call, node)]

    def visit_Assign(self, node: ast.Assign):
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            return self._record(node.targets[0], node)
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign):
        if node.value is not None and isinstance(node.target, ast.Name):
            return self._record(node.target, node)
        return node


def run_with_engine(source: str, filename: str = "<program>") -> list[tuple[str, object]]:
    """[(name, value)] for every assignment of a Tensor, values as they are at the end."""
    tree = ast.fix_missing_locations(_Recorder().visit(ast.parse(source)))
    recorded: list[tuple[str, object]] = []

    def record(name: str, value) -> None:
        if isinstance(value, engine.Tensor):
            recorded.append((name, value))

    aliases = {"torch": engine, "torch.nn": engine.nn, "torch.nn.functional": engine.nn.functional}
    saved = {name: sys.modules.get(name) for name in aliases}
    sys.modules.update(aliases)
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            # The reference programs are trusted test data; this is the oracle, not the importer.
            exec(compile(tree, filename, "exec"),  # noqa: S102
                 {"__record__": record, "__name__": "__main__"})
    finally:
        for name, module in saved.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module
    return recorded


PROGRAMS = Path(__file__).resolve().parent / "programs"
SHARED_PROGRAMS = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "programs"


def reference_programs() -> list[Path]:
    """Copies of the seed programs except the training loop (seed 004, which has a for loop):
    kept beside the tests so that a clean clone runs them too."""
    return sorted(PROGRAMS.glob("seed*.txt"))


def _param_value(value):
    """Text params compared by what they mean ("-pi" and "-3.141592653589793" are equal)."""
    if isinstance(value, str):
        try:
            return ("value", parse_value(value))
        except ValueTextError:
            return ("text", value)
    return value


def canonical(doc: GraphDocument) -> dict:
    """A document's structure by node name: op, the params in effect, and what feeds each port.

    Unnamed constants (c1, two, ...) are written inline by the exporter and renamed on import,
    so they appear as ("constant", value) wherever they feed a port.
    """
    def source(node_id: str):
        data = doc.node(node_id)
        if is_unnamed_constant(data):
            return ("constant", _param_value(data.params["value"]))
        return data.name

    result = {}
    for data in doc.nodes():
        if is_unnamed_constant(data):
            continue
        spec = OPS[data.op]
        params = {p.name: _param_value(data.params[p.name]) for p in spec.params
                  if p.is_shown(data.params)}
        inputs = {port: source(src) for port, src in doc.input_sources(data.id).items()}
        result[data.name] = (data.op, params, inputs)
    return result
