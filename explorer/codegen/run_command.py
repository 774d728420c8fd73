"""`autograd-explorer run FILE`: evaluate a graph or a snippet headlessly and print the results.

FILE is a graph (.json, read by the document's file format), a snippet (.py, read by the
safe importer: nothing in it is executed) or a bundled example's name (`run diamond`). Prints
`name: value` for every node in program order (generated constants such as c1 aside) as
PyTorch prints values, then `name.grad: grad` for every leaf that requires grad and every node
with retain_grad. A bad file, a failing node or a backward that cannot run exits 1 with one
line on stderr.
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

import engine as torch
from explorer.codegen.backward_plan import default_plan, run_plan
from explorer.codegen.snippet_import import SnippetError, import_snippet
from explorer.document.evaluation import EvaluationError, evaluate
from explorer.document.examples import example_path
from explorer.document.file_format import FileFormatError, load_document
from explorer.document.graph_document import GraphDocument
from explorer.document.value_text import ValueTextError
from explorer.i18n import translate

PROGRAM = "autograd-explorer run"
_GENERATED_CONSTANT = re.compile(r"c\d+")


class _RunError(Exception):
    """One line for stderr."""


def _load(path: Path) -> GraphDocument:
    if path.suffix != ".py":
        return load_document(path)
    try:
        source = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise _RunError(translate("RunCommand", "The file cannot be read: {reason}").format(
            reason=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise _RunError(translate("RunCommand", "The file is not UTF-8 text.")) from None
    return import_snippet(source)


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
        if node_id in ev.errors:
            raise _RunError(translate("RunCommand", "{name} cannot be computed: {reason}").format(
                name=doc.node(node_id).name, reason=ev.errors[node_id]))
    try:
        run_plan(ev, default_plan(doc, ev))
    except (EvaluationError, ValueTextError) as exc:
        raise _RunError(translate("RunCommand", "backward failed: {reason}").format(
            reason=exc)) from None
    values, grads = [], []
    for node_id in doc.topological_order():
        data = doc.node(node_id)
        value = ev.values[node_id]
        if data.op == "constant" and _GENERATED_CONSTANT.fullmatch(data.name):
            continue
        # str(), as print() shows it: format() of a 0-d tensor is its number, as in PyTorch.
        values.append(f"{data.name}: {value!s}")
        if isinstance(value, torch.Tensor) and value.requires_grad \
                and (value.is_leaf or value.retains_grad):
            grads.append(f"{data.name}.grad: {value.grad!s}")
    return values + grads


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
    except (_RunError, FileFormatError, SnippetError) as exc:
        reason = " ".join(str(exc).splitlines())   # one line, whatever the message holds
        print(f"{PROGRAM}: {path}: {reason}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0
