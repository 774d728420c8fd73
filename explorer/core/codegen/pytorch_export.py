"""Graph -> a runnable PyTorch program: the same function, its backward, and the leaves' grads.

One statement per node, named as the nodes are named, so each line of the program is one node
on the canvas: the inputs first, in the order they are first used, then the computation in
topological order (group_blocks.program_order). Unnamed constants, those whose name says no
more than their value (c1, const2, two for 2), are written inline (`x ** 2`); a constant with a
name of its own (k, sq) gets its own line. Consecutive nodes computed under no_grad share one
`with torch.no_grad():` block. The program prints `name: value` and `name.grad: grad` lines in
the same form as `autograd-explorer run`.
"""
from __future__ import annotations

import re

from explorer.core.codegen.backward_plan import ONES, PlanAction, default_plan
from explorer.core.codegen.group_blocks import program_order
from explorer.core.document.evaluation import Evaluation, evaluate
from explorer.core.document.graph_document import GraphDocument, NodeData
from explorer.core.document.op_catalog import OPS
from explorer.core.document.value_text import ValueTextError
from explorer.core.i18n import translate

_GENERATED_CONSTANT = re.compile(r"(c|const)\d+")
# The bundled examples name small constants by their value in words.
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten")
_INDENT = "    "


def is_unnamed_constant(data: NodeData) -> bool:
    """A constant whose name only repeats its value: written as a literal where it is used."""
    if data.op != "constant":
        return False
    if _GENERATED_CONSTANT.fullmatch(data.name):
        return True
    if data.name not in _NUMBER_WORDS:
        return False
    try:
        return float(data.params.get("value", "")) == _NUMBER_WORDS.index(data.name)
    except (TypeError, ValueError):   # not a plain number: the name means more than a value
        return False


def _requires_grad(ev: Evaluation, node_id: str) -> bool:
    value = ev.tensor(node_id)
    return value is not None and value.requires_grad


def _backward_line(name: str, step: PlanAction, more_follow: bool) -> str:
    args = []
    if step.gradient == ONES:
        args.append(f"torch.ones_like({name})")
    elif step.gradient is not None:
        args.append(f"torch.tensor({step.gradient})")
    if more_follow:
        # A later backward may pass through the same graph again, as in the editor.
        args.append("retain_graph=True")
    return f"{name}.backward({', '.join(args)})"


def _group_boundary(doc: GraphDocument, closing: str | None, opening: str | None) -> list[str]:
    """Comment lines that end the group `closing` and begin the group `opening` (None: none)."""
    lines = []
    if closing is not None:
        lines.append(translate("PyTorchExport", "# end of group {name!r}").format(
            name=doc.group(closing).name))
    if opening is not None:
        lines += ["", translate("PyTorchExport", "# group {name!r}: {ops}").format(
            name=doc.group(opening).name, ops=", ".join(doc.group_ops(opening)))]
    return lines


def export_script(doc: GraphDocument, root_id: str | None = None,
                  evaluation: Evaluation | None = None) -> str:
    """A program that rebuilds `doc` with PyTorch, runs backward and prints the leaves.

    Backward runs from `root_id` if given, else follows the document's backward plan (the
    backward calls of an imported snippet), else its root, else every output requiring grad.
    `evaluation` (of `doc`) saves a forward run when the caller already has one.
    """
    ev = evaluation if evaluation is not None else evaluate(doc)
    lines = ["import torch", ""]
    expressions: dict[str, str] = {}   # node id -> how later lines refer to it
    skipped: set[str] = set()
    block: str | None = None   # the group whose commented block is open
    for node_id in program_order(doc):
        group_id = doc.group_of(node_id)
        if group_id != block:
            lines += _group_boundary(doc, block, group_id)
            block = group_id
        data = doc.node(node_id)
        spec = OPS[data.op]
        sources = doc.input_sources(node_id)
        missing = [port for port in spec.inputs if port not in sources]
        if missing:
            skipped.add(node_id)
            lines.append(translate("PyTorchExport", "# {name} is left out: input {ports} is not "
                                   "connected.").format(name=data.name, ports=", ".join(missing)))
            continue
        if any(src in skipped for src in sources.values()):
            skipped.add(node_id)
            lines.append(translate("PyTorchExport", "# {name} is left out: it depends on a node "
                                   "that is left out.").format(name=data.name))
            continue
        try:
            code = spec.code({port: expressions[src] for port, src in sources.items()},
                             dict(data.params))
        except ValueTextError as exc:   # e.g. a value typed into a file by hand
            skipped.add(node_id)
            lines.append(translate("PyTorchExport", "# {name} is left out: {reason}").format(
                name=data.name, reason=exc))
            continue
        if is_unnamed_constant(data):
            expressions[node_id] = code
            continue
        statements = spec.setup_code(dict(data.params)) + [f"{data.name} = {code}"]
        if data.params.get("retain_grad") and _requires_grad(ev, node_id):
            statements.append(f"{data.name}.retain_grad()")
        if data.params.get("no_grad"):
            # Only no_grad blocks are indented: an indented last line means one is open.
            if not lines[-1].startswith(_INDENT):
                lines.append("with torch.no_grad():")
            statements = [_INDENT + line for line in statements]
        lines += statements
        expressions[node_id] = data.name

    lines += _group_boundary(doc, block, None)
    if root_id is not None:
        value = ev.tensor(root_id)
        scalar = value is None or value.numel() == 1
        steps = [PlanAction("backward", root_id, None if scalar else ONES)]
    else:
        steps = default_plan(doc, ev)
    # A root that failed or no longer requires grad would make backward raise: leave it out.
    steps = [step for step in steps if step.node not in skipped
             and (step.action != "backward" or _requires_grad(ev, step.node))]
    backward_count = sum(step.action == "backward" for step in steps)
    if steps:
        lines.append("")
    for step in steps:
        name = doc.node(step.node).name
        if step.action == "backward":
            backward_count -= 1
            lines.append(_backward_line(name, step, more_follow=backward_count > 0))
        elif step.action == "zero_grad":
            lines.append(f"{name}.grad.zero_()")
        else:
            lines.append(f"{name}.grad = None")

    prints = []
    for node_id in doc.topological_order():
        data = doc.node(node_id)
        if node_id in skipped:
            continue
        if data.op == "input":
            prints.append(f'print("{data.name}:", {data.name})')
            prints.append(f'print("{data.name}.grad:", {data.name}.grad)')
        elif data.params.get("retain_grad") and _requires_grad(ev, node_id):
            prints.append(f'print("{data.name}.grad:", {data.name}.grad)')
    if prints:
        lines += [""] + prints
    return "\n".join(lines) + "\n"
