"""The backward calls of a program, in order: which roots, with which gradient, and grad resets.

A snippet such as seed 002 runs `y.backward()`, then `x.grad.zero_()`, then another backward;
the graph alone cannot say that, so the plan is kept in the document's metadata under
"backward" (JSON text, since meta values are texts) and "root" names the last root, the one
the animation offers first. Steps whose node no longer exists are skipped, not errors.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import engine as torch
from explorer.core.document.evaluation import Evaluation, backward, ones_gradient
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.value_text import parse_value

META_KEY = "backward"
ACTIONS = ("backward", "zero_grad", "clear_grad")
ONES = "ones"   # the gradient torch.ones_like(root)


@dataclass(frozen=True)
class PlanAction:
    """One call of the plan: a backward from a root, or a reset of the leaves' grads."""

    action: str                   # one of ACTIONS
    node: str                     # node id (a batch key while still in an Additions)
    gradient: str | None = None   # None: implicit; ONES: ones_like(root); else a value text
    # False as in a snippet's plain backward(): a later backward through the same saved values
    # fails as in PyTorch (`run`). The editor's own Backward always retains the graph.
    retain_graph: bool = True


def read_plan(doc: GraphDocument) -> list[PlanAction]:
    """The stored plan, without steps that are malformed or name a node that is gone."""
    try:
        entries = json.loads(doc.meta.get(META_KEY, "[]"))
    except (TypeError, ValueError, RecursionError):
        return []
    steps = []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        action, node, gradient = entry.get("action"), entry.get("node"), entry.get("gradient")
        retain = entry.get("retain_graph", True)
        if action in ACTIONS and isinstance(node, str) and doc.has_node(node) \
                and (gradient is None or isinstance(gradient, str)) and isinstance(retain, bool):
            steps.append(PlanAction(action, node, gradient, retain))
    return steps


def write_plan(doc: GraphDocument, steps: list[PlanAction]) -> None:
    """Store the plan (or remove it when empty) and point "root" at the last backward root."""
    if steps:
        doc.meta[META_KEY] = json.dumps([_entry(step) for step in steps])
    else:
        doc.meta.pop(META_KEY, None)
    roots = [step.node for step in steps if step.action == "backward"]
    if roots:
        doc.meta["root"] = roots[-1]


def _entry(step: PlanAction) -> dict:
    entry = asdict(step)
    if entry["retain_graph"]:
        del entry["retain_graph"]   # the default; plans written before it existed read the same
    return entry


def default_plan(doc: GraphDocument, ev: Evaluation) -> list[PlanAction]:
    """The stored plan; else backward from the document's root; else from every output that
    requires grad (ones as the gradient of a non-scalar one)."""
    steps = read_plan(doc)
    if steps:
        return steps
    root = doc.meta.get("root")
    candidates = [root] if root and doc.has_node(root) else doc.outputs()
    plan = []
    for node_id in candidates:
        value = ev.tensor(node_id)
        if value is not None and value.requires_grad:
            plan.append(PlanAction("backward", node_id, None if value.numel() == 1 else ONES))
    return plan


def gradient_tensor(ev: Evaluation, step: PlanAction):
    """The engine tensor a backward step passes as `gradient` (None for an implicit one)."""
    if step.gradient is None:
        return None
    if step.gradient == ONES:
        return ones_gradient(ev, step.node)
    root = ev.tensor(step.node)
    dtype = root.dtype if root is not None else None
    return torch.tensor(parse_value(step.gradient), dtype=dtype)


def run_plan(ev: Evaluation, steps: list[PlanAction]) -> list:
    """Run the steps on an evaluated document; the observer events of all backward calls.

    Raises EvaluationError (from the evaluation module) or ValueTextError when a step cannot run.
    """
    events: list = []
    for step in steps:
        if step.action == "backward":
            events += backward(ev, step.node, gradient_tensor(ev, step),
                               retain_graph=step.retain_graph)
            continue
        value = ev.tensor(step.node)
        if value is None or value.grad is None:
            continue   # PyTorch would fail on None.zero_(); the graph simply has nothing to reset
        if step.action == "zero_grad":
            value.grad.zero_()
        else:
            value.grad = None
    return events

