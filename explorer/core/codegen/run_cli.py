"""`autograd-explorer run FILE`: evaluate a graph or a snippet headlessly and print the results.

FILE is a graph (.json, read by the document's file format), a snippet (.py, read by the
safe importer: nothing in it is executed) or a bundled example's name (`run diamond`). Prints
`name: value` for every variable of the program in its order, as PyTorch prints values (a
constant whose name only repeats its value, c1 or two for 2, is no variable: the program writes
it inline, `x ** 2`), then `name.grad: grad` for every leaf that requires grad and every node
with retain_grad. A bad file, a failing node or a backward that cannot run exits 1 with one
line on stderr.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import engine as torch
from explorer.core.codegen.backward_plan import default_plan, run_plan
from explorer.core.codegen.pytorch_export import is_unnamed_constant
from explorer.core.codegen.snippet_file import SnippetFileError, read_snippet
from explorer.core.codegen.snippet_import import SnippetError, import_snippet
from explorer.core.document.evaluation import EvaluationError, evaluate, waiting_text
from explorer.core.document.examples import example_path
from explorer.core.document.file_format import FileFormatError, load_document
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.value_text import ValueTextError
from explorer.core.i18n import translate

PROGRAM = "autograd-explorer run"


class _RunError(Exception):
    """One line for stderr."""


def _load(path: Path) -> GraphDocument:
    if path.suffix != ".py":
        return load_document(path)
    return import_snippet(read_snippet(path))


def _file_or_example(name: str) -> Path:
    """The file `name`, or the bundled example of that name when no such file exists."""
    path = Path(name)
    if path.exists() or not name.isidentifier():
        return path
    try:
        return example_path(name)
    except FileFormatError:
        return path


def _lines(doc: GraphDocument) -> list[str]:
    ev = evaluate(doc)
    for node_id in doc.topological_order():
        reason = ev.errors.get(node_id) or (
            waiting_text(ev.waiting[node_id]) if node_id in ev.waiting else None)
        if reason is not None:
            raise _RunError(translate("RunCommand", "{name} cannot be computed: {reason}").format(
                name=doc.node(node_id).name, reason=reason))
    try:
        run_plan(ev, default_plan(doc, ev))
    except (EvaluationError, ValueTextError) as exc:
        raise _RunError(translate("RunCommand", "backward failed: {reason}").format(
            reason=exc)) from None
    values, grads = [], []
    for node_id in doc.topological_order():
        data = doc.node(node_id)
        value = ev.values[node_id]
        if is_unnamed_constant(data):
            continue
        # str(), as print() shows it: format() of a 0-d tensor is its number, as in PyTorch.
        values.append(f"{data.name}: {value!s}")
        if isinstance(value, torch.Tensor) and value.requires_grad \
                and (value.is_leaf or value.retains_grad):
            grads.append(f"{data.name}.grad: {value.grad!s}")
    return values + grads


def _fail(path: Path, reason: str) -> int:
    reason = " ".join(reason.splitlines())   # one line, whatever the message holds
    print(f"{PROGRAM}: {path}: {reason}", file=sys.stderr)
    return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description=translate("RunCommand", "Evaluate a graph (.json) or a PyTorch snippet (.py), "
                              "run backward from its root(s) and print values and gradients."))
    parser.add_argument("file", help=translate("RunCommand", "a graph .json, a snippet .py or "
                                               "the name of a bundled example"))
    args = parser.parse_args(argv)
    path = _file_or_example(args.file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lines = _lines(_load(path))
    except (_RunError, FileFormatError, SnippetError, SnippetFileError) as exc:
        return _fail(path, str(exc))
    except MemoryError:
        return _fail(path, translate("RunCommand", "out of memory: the program's tensors are too "
                                                   "large."))
    except RecursionError:
        return _fail(path, translate("RunCommand", "the program is nested too deeply."))
    except Exception as exc:   # noqa: BLE001 - a bug must still end in one line, not a traceback
        return _fail(path, translate("RunCommand", "internal error ({kind}: {reason}); please "
                                     "report it.").format(kind=type(exc).__name__, reason=exc))
    print("\n".join(lines))
    return 0
