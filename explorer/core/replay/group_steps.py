"""A folded group replays as ONE step: its members' steps gathered into a GroupStep that names
the group's inner ops; unfolded groups replay step by step as before.

Pure Python: the steps' numbers are the engine's (the inner steps keep them all); this module
only regroups them, keeping every dependency: a step still comes after the steps whose
results it needs (the gradients it receives, going backward; its inputs, going forward).
"""
from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from explorer.core.i18n import translate
from explorer.core.replay.explain import Explanation, explain, preview
from explorer.core.replay.timeline import BACKWARD, FORWARD, EdgeFlow, Step, Timeline

Edge = tuple[str, str, str]


@dataclass(frozen=True, eq=False)
class GroupStep:
    """A folded group's steps shown as one. `node_id` is the group's id (the canvas lights the
    group's card); `received` are the gradients that came in from outside, `flows` those the
    group sent out (backward); `entering` are the wires that carried its inputs (forward)."""

    node_id: str
    name: str
    ops: tuple[str, ...]
    steps: tuple[Step, ...]
    kind: str
    received: tuple[EdgeFlow, ...] = ()
    flows: tuple[EdgeFlow, ...] = ()
    entering: tuple[Edge, ...] = ()
    internal: bool = False

    @property
    def events(self) -> tuple:
        return tuple(event for step in self.steps for event in step.events)


def fold_groups(timeline: Timeline, doc: Any) -> Timeline:
    """The timeline with each folded group's steps gathered into one GroupStep (placed as early
    as the steps it needs allow); the same timeline when no folded group has a step."""
    group_of = {node_id: group.id for group in doc.group_list() if group.folded
                for node_id in group.members}
    if not any(step.node_id in group_of for step in timeline.steps):
        return timeline
    units: dict[object, list[int]] = {}   # a group's id, or a step's index -> its steps
    for index, step in enumerate(timeline.steps):
        units.setdefault(group_of.get(step.node_id, index), []).append(index)
    order = _ordered_units(timeline, units, group_of, doc)
    steps: list[Any] = []
    for unit in order:
        members = [timeline.steps[i] for i in units[unit]]
        if isinstance(unit, int):
            steps.append(members[0])
        else:
            steps.append(_group_step(doc, unit, members, timeline.kind))
    return replace(timeline, steps=tuple(steps), _states=[])


def _ordered_units(timeline: Timeline, units: dict[object, list[int]],
                   group_of: Mapping[str, str], doc: Any) -> list[object]:
    """Units in a dependency order, each as early as its first step allows (Kahn's algorithm
    with the first step's place as priority). A group made non-convex after it was formed
    would give a cycle: the units left are then put in their first steps' order."""
    unit_of = {i: unit for unit, indices in units.items() for i in indices}
    latest: dict[str, int] = {}   # node id -> index of its latest step so far
    needs: dict[object, set[object]] = {unit: set() for unit in units}
    for index, step in enumerate(timeline.steps):
        for node_id in _needed_nodes(step, timeline.kind, doc):
            if node_id in latest:
                needs[unit_of[index]].add(unit_of[latest[node_id]])
        latest[step.node_id] = index
    for unit, deps in needs.items():
        deps.discard(unit)
    waiting = {unit: len(deps) for unit, deps in needs.items()}
    users: dict[object, list[object]] = {unit: [] for unit in units}
    for unit, deps in needs.items():
        for dep in deps:
            users[dep].append(unit)
    first = {unit: indices[0] for unit, indices in units.items()}
    ready = [(first[u], str(u), u) for u, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[object] = []
    while ready:
        _place, _key, unit = heapq.heappop(ready)
        order.append(unit)
        for user in users[unit]:
            waiting[user] -= 1
            if waiting[user] == 0:
                heapq.heappush(ready, (first[user], str(user), user))
    if len(order) < len(units):
        placed = set(order)
        order += sorted((u for u in units if u not in placed), key=lambda u: first[u])
    return order


def _needed_nodes(step: Step, kind: str, doc: Any) -> set[str]:
    """The nodes whose earlier steps this step needs: its own (internal steps, then the main
    one), its inputs going forward, the nodes that sent it gradient going backward."""
    needed = {step.node_id}
    if kind == FORWARD:
        needed |= set(doc.input_sources(step.node_id).values()) \
            if doc.has_node(step.node_id) else set()
    else:
        needed |= {flow.dst for flow in getattr(step, "received", ())}
        needed |= {dst for dst, _port in doc.consumers(step.node_id)} \
            if doc.has_node(step.node_id) else set()
    return needed


def _group_step(doc: Any, group_id: str, steps: list[Step], kind: str) -> GroupStep:
    group = doc.group(group_id)
    members = group.members
    ops = tuple(doc.group_ops(group_id))
    if kind == BACKWARD:
        received = tuple(f for s in steps for f in getattr(s, "received", ())
                         if f.dst not in members)
        flows = tuple(f for s in steps for f in getattr(s, "flows", ()) if f.src not in members)
        return GroupStep(group_id, group.name, ops, tuple(steps), kind, received, flows)
    entering, _leaving = doc.group_ports(group_id)
    return GroupStep(group_id, group.name, ops, tuple(steps), kind, entering=tuple(entering))


# ---------------------------------------------------------------- the step panel's words

def explain_step(step: Any, doc: Any, values: Mapping[str, Any]) -> Explanation:
    """explain() for any step, a folded group's included."""
    if isinstance(step, GroupStep):
        return explain_group(step, doc, values)
    return explain(step, doc, values)


def explain_group(step: GroupStep, doc: Any, values: Mapping[str, Any]) -> Explanation:
    ops = ", ".join(step.ops)
    title = translate("GroupStep", "group {name!r} ({ops})").format(name=step.name, ops=ops)
    if step.kind == BACKWARD:
        fns = [s.fn_name for s in step.steps if hasattr(s, "fn_name")]
        sent = [f"grad_{doc.node(f.src).name} = {preview(f.contribution)}"
                for f in step.flows if doc.has_node(f.src)]
        arrived = " + ".join(preview(f.contribution) for f in step.received)
        sentence = translate(
            "GroupStep", "Backward through the folded group {name!r} ({ops}) as one step: "
            "{count} backward nodes ran inside it and sent the gradient on to the inputs "
            "outside it.").format(name=step.name, ops=ops, count=len(fns))
        formulas = [f"{title}: {' → '.join(fns)}"]
        if arrived:
            formulas.append(f"grad_out = {arrived}")
        return Explanation(title, sentence, tuple(formulas + sent))
    _entering, leaving = doc.group_ports(step.node_id) if step.node_id in doc.groups \
        else ((), [])
    results = [f"{doc.node(n).name} = {preview(values.get(n))}" for n in leaving]
    sentence = translate(
        "GroupStep", "Forward through the folded group {name!r} as one step: the engine ran "
        "{ops} inside it.").format(name=step.name, ops=ops)
    return Explanation(title, sentence, tuple([f"{title}: {ops}"] + results))
