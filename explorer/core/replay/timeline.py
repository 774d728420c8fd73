"""Engine events -> an ordered list of steps the canvas replays, and what every node shows after k
steps.

Pure Python: no Qt, no calculus. Every number comes from the engine's observer events; this module
only decides which document node an engine tensor or backward node belongs to, and keeps the order
in which the engine did things.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from engine import observer

FORWARD = "forward"
BACKWARD = "backward"


@dataclass(frozen=True, eq=False)
class EdgeFlow:
    """One gradient sent back along a document edge: `contribution = local × upstream` (elementwise
    ops)."""

    # the node the gradient flows INTO (the edge's source in the forward graph)
    src: str
    dst: str                 # the node whose backward node sent it (the edge's target)
    # the input port of `dst` the edge enters; None if no document edge matches
    port: str | None
    index: int               # position in dst's grad_fn.next_functions
    # d(dst)/d(src) elementwise, or None where no elementwise derivative exists
    local: Any
    upstream: Any            # the gradient that arrived at dst (its grad_output)
    contribution: Any        # what the engine sent along the edge (already reduced to src's shape)


@dataclass(frozen=True, eq=False)
class ForwardStep:
    """A node was computed; `events` are the engine's forward events that computed it, in order."""

    node_id: str
    op: str
    value: Any
    events: tuple
    kind: str = field(default=FORWARD, init=False)


@dataclass(frozen=True, eq=False)
class BackwardNodeStep:
    """A backward node ran (`MulBackward0`, ...); `received` are the flows whose sum is
    grad_output."""

    node_id: str
    fn_name: str
    grad_output: Any
    received: tuple[EdgeFlow, ...]
    flows: tuple[EdgeFlow, ...]
    events: tuple
    # a backward node inside a document node's computation (not its grad_fn)
    internal: bool = False
    kind: str = field(default=BACKWARD, init=False)


@dataclass(frozen=True, eq=False)
class AccumulateStep:
    """`.grad` of a leaf (AccumulateGrad) or of a retain_grad non-leaf grew: before + contribution =
    after."""

    node_id: str
    before: Any
    contribution: Any
    after: Any
    received: tuple[EdgeFlow, ...]
    retained: bool           # True for a non-leaf with retain_grad
    events: tuple
    kind: str = field(default="accumulate", init=False)


Step = ForwardStep | BackwardNodeStep | AccumulateStep


@dataclass(frozen=True, eq=False)
class NodeDisplay:
    """What one node shows at one moment of an animation."""

    value: Any = None                 # the forward value (None: not computed yet)
    computed: bool = False            # forward has produced the value
    grad: Any = None                  # the stored `.grad` (leaves, retain_grad), None if none
    incoming: tuple = ()              # gradient contributions that have arrived so far
    gradient: Any = None              # the summed gradient once the node's backward node ran
    visited: bool = False             # the node has taken its turn in this animation


@dataclass
class Timeline:
    """The steps of one animation and the node states before and after each of them."""

    kind: str
    steps: tuple[Step, ...]
    initial: Mapping[str, NodeDisplay]
    root_id: str | None = None
    _states: list[dict[str, NodeDisplay]] = field(default_factory=list, repr=False)

    def __len__(self) -> int:
        return len(self.steps)

    def state_at(self, k: int) -> dict[str, NodeDisplay]:
        """Every node's display after the first `k` steps (0 <= k <= len)."""
        if not 0 <= k <= len(self.steps):
            raise IndexError(f"step {k} is outside 0..{len(self.steps)}")
        if not self._states:
            self._states.append(dict(self.initial))
        while len(self._states) <= k:
            n = len(self._states)
            self._states.append(_apply(self._states[-1], self.steps[n - 1]))
        return dict(self._states[k])

    def event_seqs(self) -> list[int]:
        """The engine sequence numbers in the order the steps show them."""
        return [event.seq for step in self.steps for event in step.events]


def _apply(state: dict[str, NodeDisplay], step: Step) -> dict[str, NodeDisplay]:
    new = dict(state)

    def update(node_id: str, **changes: Any) -> None:
        new[node_id] = replace(new.get(node_id, NodeDisplay()), **changes)

    inner = getattr(step, "steps", None)
    if inner is not None:   # a folded group's steps shown as one (group_steps.GroupStep)
        for each in inner:
            new = _apply(new, each)
        new[step.node_id] = NodeDisplay(visited=True)
        return new
    if isinstance(step, ForwardStep):
        update(step.node_id, value=step.value, computed=True, visited=True)
    elif isinstance(step, BackwardNodeStep):
        if not step.internal:
            update(step.node_id, gradient=step.grad_output, visited=True)
        for flow in step.flows:
            if flow.src != step.node_id:
                update(flow.src, incoming=new.get(flow.src, NodeDisplay()).incoming
                       + (flow.contribution,))
    else:
        update(step.node_id, grad=step.after, visited=True,
               gradient=new.get(step.node_id, NodeDisplay()).gradient
               if step.retained else step.contribution)
    return new


# ---------------------------------------------------------------- mapping engine objects to nodes

def _tensor_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {nid: v for nid, v in values.items() if hasattr(v, "grad_fn")}


def _is_accumulate(fn: Any) -> bool:
    return type(fn).__name__ == "AccumulateGrad"


def _own_node(t: Any) -> Any:
    """The backward node that receives t's gradient: its grad_fn, or for piece k >= 1 of an
    engine split (chunk, unbind ...) the node of that piece, which hands it on to grad_fn."""
    return getattr(t, "_grad_fn", None) or t.grad_fn


class _NodeMap:
    """Which document node an engine tensor or backward node belongs to."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.tensors = _tensor_values(values)
        self.by_tensor = {id(t): nid for nid, t in self.tensors.items()}
        self.by_fn = {id(_own_node(t)): nid for nid, t in self.tensors.items()
                      if t.grad_fn is not None}
        self.owner: dict[int, str] = {}
        for nid, t in self.tensors.items():
            if t.grad_fn is not None:
                self._claim_internal(_own_node(t), nid)

    def _claim_internal(self, fn: Any, nid: str) -> None:
        # Backward nodes reachable from a node's grad_fn without passing another node's grad_fn
        # were created inside that node's computation (several engine ops for one document op).
        stack = [fn]
        while stack:
            current = stack.pop()
            following = list(getattr(current, "next_functions", ()))
            owner = getattr(current, "_owner", None)
            if owner is not None:  # piece k >= 1 of an engine split hands its gradient on to it
                following.append((owner, 0))
            for nxt, _ in following:
                if nxt is None or _is_accumulate(nxt) or id(nxt) in self.by_fn \
                        or id(nxt) in self.owner:
                    continue
                self.owner[id(nxt)] = nid
                stack.append(nxt)

    def node_of_tensor(self, tensor: Any) -> str | None:
        nid = self.by_tensor.get(id(tensor))
        if nid is None and getattr(tensor, "grad_fn", None) is not None:
            nid = self.by_fn.get(id(_own_node(tensor)))
        return nid

    def node_of_fn(self, fn: Any) -> tuple[str | None, bool]:
        """(document node, internal?) for a backward node; AccumulateGrad maps to its leaf."""
        if fn is None:
            return None, False
        if _is_accumulate(fn):
            return self.node_of_tensor(getattr(fn, "variable", None)), False
        if id(fn) in self.by_fn:
            return self.by_fn[id(fn)], False
        if id(fn) in self.owner:
            return self.owner[id(fn)], True
        return None, False


# ---------------------------------------------------------------- forward

def forward_timeline(doc: Any, evaluation: Any) -> Timeline:
    """Steps for the forward pass recorded in `evaluation.forward_events`, in the engine's order.

    Events whose output is not a node's value (helpers inside one node's computation) are shown
    with the node they lead up to.
    """
    mapping = _NodeMap(evaluation.values)
    steps: list[ForwardStep] = []
    pending: list = []
    for event in evaluation.forward_events:
        if not isinstance(event, observer.ForwardEvent):
            continue
        pending.append(event)
        nid = mapping.node_of_tensor(event.output)
        if nid is None:
            continue
        steps.append(ForwardStep(nid, event.op, event.output, tuple(pending)))
        pending = []
    if pending and steps:
        last = steps[-1]
        steps[-1] = replace(last, events=last.events + tuple(pending))
    stepped = {step.node_id for step in steps}
    initial = {}
    for node in doc.nodes():
        value = evaluation.values.get(node.id)
        given = node.id not in stepped and node.id in evaluation.values
        initial[node.id] = NodeDisplay(value=value if given else None, computed=given)
    return Timeline(FORWARD, tuple(steps), initial)


# ---------------------------------------------------------------- backward

def _ports_by_source(doc: Any) -> dict[tuple[str, str], list[str]]:
    """(src, dst) -> dst's input ports fed by src, in the catalog's port order."""
    from explorer.core.document.op_catalog import OPS

    ports: dict[tuple[str, str], list[str]] = {}
    for src, dst, port in doc.edges():
        ports.setdefault((src, dst), []).append(port)
    for (src, dst), names in ports.items():
        spec = OPS.get(doc.node(dst).op)
        order = list(spec.inputs) if spec is not None else []
        names.sort(key=lambda p: order.index(p) if p in order else len(order))
    return ports


def _read_grad(tensor: Any) -> Any:
    """`.grad` where PyTorch keeps one (leaves, retain_grad); never triggers the non-leaf
    warning."""
    if not (tensor.is_leaf or getattr(tensor, "retains_grad", False)):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tensor.grad


def engine_state(doc: Any, evaluation: Any) -> dict[str, NodeDisplay]:
    """What every node shows when no animation is running: the engine's own values and grads."""
    state = {}
    for node in doc.nodes():
        value = evaluation.values.get(node.id)
        computed = node.id in evaluation.values
        grad = _read_grad(value) if hasattr(value, "grad_fn") else None
        state[node.id] = NodeDisplay(value=value, computed=computed, grad=grad)
    return state


def backward_timeline(doc: Any, evaluation: Any, events: Iterable,
                      root_id: str | None = None) -> Timeline:
    """Steps for one backward call whose observer events are `events` (already run).

    The initial state holds the grads as they were before the call: for a tensor the call
    accumulated into, the `before` of its first AccumulateEvent; for the others their `.grad`.
    """
    events = list(events)
    mapping = _NodeMap(evaluation.values)
    ports = _ports_by_source(doc)
    initial = engine_state(doc, evaluation)
    seen_before: set[str] = set()
    for event in events:
        if isinstance(event, observer.AccumulateEvent):
            nid = mapping.node_of_tensor(event.tensor)
            if nid is not None and nid not in seen_before:
                seen_before.add(nid)
                initial[nid] = replace(initial[nid], grad=event.before)

    steps: list[Step] = []
    arrived: dict[str, list[EdgeFlow]] = {}
    for event in events:
        if isinstance(event, observer.BackwardEvent):
            if _is_accumulate(event.node):
                continue  # shown by its AccumulateEvent
            nid, internal = mapping.node_of_fn(event.node)
            if nid is None:
                continue
            flows = tuple(_flows(event, nid, mapping, ports))
            received = () if internal else tuple(arrived.pop(nid, ()))
            for flow in flows:
                if flow.src != nid:
                    arrived.setdefault(flow.src, []).append(flow)
            steps.append(BackwardNodeStep(nid, type(event.node).__name__, event.grad_output,
                                      received, flows, (event,), internal))
        elif isinstance(event, observer.AccumulateEvent):
            nid = mapping.node_of_tensor(event.tensor)
            if nid is None:
                continue
            retained = not event.tensor.is_leaf
            received = tuple(arrived.get(nid, ())) if retained else tuple(arrived.pop(nid, ()))
            steps.append(AccumulateStep(nid, event.before, event.contribution, event.after,
                                        received, retained, (event,)))
    return Timeline(BACKWARD, tuple(steps), initial, root_id)


def _flows(event: Any, nid: str, mapping: _NodeMap,
           ports: Mapping[tuple[str, str], Sequence[str]]) -> Iterable[EdgeFlow]:
    used: dict[str, int] = {}
    local = tuple(getattr(event, "local", ()) or ())
    for i, (fn, _) in enumerate(event.node.next_functions):
        grad = event.grad_inputs[i] if i < len(event.grad_inputs) else None
        if fn is None or grad is None:
            continue
        src, _internal = mapping.node_of_fn(fn)
        if src is None:
            continue
        port = None
        if src != nid:
            # Two ports fed by the same source (b * b) take the source's ports in turn.
            candidates = ports.get((src, nid), ())
            k = used.get(src, 0)
            used[src] = k + 1
            port = candidates[k] if k < len(candidates) else None
        yield EdgeFlow(src, nid, port, i, local[i] if i < len(local) else None,
                       event.grad_output, grad)
