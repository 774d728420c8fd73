"""Run a document through the engine: the forward pass in topological order, backward from a root.

Nothing here computes a value or a derivative itself; every number comes from the engine, and
the engine's observer records what it really executed for the animation to replay. Leaf tensors
live in the Evaluation, so pressing Backward twice accumulates into .grad exactly as in PyTorch.
"""
from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

import engine as torch
from engine import observer
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS
from explorer.core.document.tensor_budget import TensorBudget
from explorer.core.i18n import translate


class EvaluationError(RuntimeError):
    """Backward could not run; the message is translated and names the node."""


@dataclass
class Evaluation:
    """One forward run of a document through the engine."""
    values: dict[str, object] = field(default_factory=dict)    # node id -> Tensor | Python number
    errors: dict[str, str] = field(default_factory=dict)       # node id -> the engine's message
    # node id -> its unconnected input ports: not an error, the user is still wiring it
    waiting: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_computed: set[str] = field(default_factory=set)        # downstream of a failure or wait
    forward_events: list = field(default_factory=list)         # every observer event, in order
    node_events: dict[str, list] = field(default_factory=dict)  # node id -> its own events
    order: list[str] = field(default_factory=list)             # the order nodes were run in
    names: dict[str, str] = field(default_factory=dict)        # node id -> variable name

    def tensor(self, node_id: str):
        """The node's value if it is a Tensor, else None."""
        value = self.values.get(node_id)
        return value if isinstance(value, torch.Tensor) else None

    def node_of_tensor(self, tensor) -> str | None:
        """The node whose value is this very tensor object (e.g. AccumulateEvent.tensor)."""
        return next((n for n, v in self.values.items() if v is tensor), None)

    def node_of_grad_fn(self, grad_fn) -> str | None:
        """The node whose value has this grad_fn (BackwardEvent.node), or the leaf of an
        AccumulateGrad node."""
        leaf = getattr(grad_fn, "variable", None)
        if leaf is not None:
            return self.node_of_tensor(leaf)
        return next((n for n, v in self.values.items()
                     if isinstance(v, torch.Tensor) and v.grad_fn is grad_fn), None)


@contextmanager
def _recording_this_thread() -> Iterator[list]:
    """observer.recording(), keeping only this thread's events: a training run in a worker
    thread must not leak its ops into the editor's forward or backward events."""
    events: list = []
    thread = threading.get_ident()

    def keep(event) -> None:
        if threading.get_ident() == thread:
            events.append(event)

    handle = observer.listen(keep)
    try:
        yield events
    finally:
        observer.unlisten(handle)


def _message(exc: Exception) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__


def evaluate(doc: GraphDocument, budget: TensorBudget | None = None, *,
             given: Mapping[str, object] | None = None) -> Evaluation:
    """Run every node once, in topological order, creating fresh leaf tensors for inputs, except
    for the nodes whose value is `given` (the gradient check passes the tensors it nudges).

    A node that raises gets the engine's message in `errors`; a node with an unconnected input is
    `waiting` for it; nodes that depend on either are put in `not_computed`. A node whose result
    would take the graph past the tensor budget is refused the same way, before anything is
    allocated. Never raises for a bad graph.
    """
    ev = Evaluation(names={d.id: d.name for d in doc.nodes()})
    budget = budget if budget is not None else TensorBudget()
    with _recording_this_thread() as events:
        for node_id in doc.topological_order():
            ev.order.append(node_id)
            data = doc.node(node_id)
            spec = OPS[data.op]
            sources = doc.input_sources(node_id)
            if any(src in ev.errors or src in ev.waiting or src in ev.not_computed
                   for src in sources.values()):
                ev.not_computed.add(node_id)
                continue
            missing = tuple(port for port in spec.inputs if port not in sources)
            if missing:
                ev.waiting[node_id] = missing
                continue
            inputs = {port: ev.values[src] for port, src in sources.items()}
            refusal = budget.charge(data.op, inputs, data.params)
            if refusal is not None:
                ev.errors[node_id] = refusal
                continue
            start = len(events)
            # A no_grad node runs inside the engine's own no_grad, as `with torch.no_grad():`
            # would: its value gets no grad_fn and does not require grad.
            mode = torch.no_grad() if data.params.get("no_grad") else nullcontext()
            try:
                with mode:
                    value = (given[node_id] if given and node_id in given
                             else spec.compute(inputs, dict(data.params)))
                if data.params.get("retain_grad") and isinstance(value, torch.Tensor) \
                        and value.requires_grad:
                    value.retain_grad()
            except Exception as exc:  # noqa: BLE001 - any engine failure belongs to the node
                ev.errors[node_id] = _message(exc)
                continue
            finally:
                ev.node_events[node_id] = list(events[start:])
            ev.values[node_id] = value
        ev.forward_events = list(events)
    return ev


def waiting_text(ports: tuple[str, ...]) -> str:
    """'waiting for input a', 'waiting for inputs a and b': a node still being wired."""
    if len(ports) == 1:
        return translate("Evaluation", "waiting for input {port}").format(port=ports[0])
    return translate("Evaluation", "waiting for inputs {ports} and {last}").format(
        ports=", ".join(ports[:-1]), last=ports[-1])


def _root_tensor(ev: Evaluation, root_id: str):
    name = ev.names.get(root_id, root_id)
    if root_id in ev.waiting:
        raise EvaluationError(translate("Evaluation", "{name} has no value yet: {reason}.").format(
            name=name, reason=waiting_text(ev.waiting[root_id])))
    if root_id not in ev.values:
        raise EvaluationError(translate(
            "Evaluation", "{name} has no value (it failed or was not computed).").format(name=name))
    value = ev.tensor(root_id)
    if value is None:
        raise EvaluationError(translate(
            "Evaluation", "{name} is a Python number, not a tensor: there is nothing to run "
            "backward from.").format(name=name))
    return value


def ones_gradient(ev: Evaluation, root_id: str):
    """torch.ones_like(root): the gradient the GUI offers for a non-scalar root."""
    return torch.ones_like(_root_tensor(ev, root_id))


def implicit_gradient(ev: Evaluation, root_id: str):
    """The gradient backward starts from when none is chosen: None for a one-element root (as
    backward() needs none), else torch.ones_like(root)."""
    value = _root_tensor(ev, root_id)
    return None if math.prod(value.shape) == 1 else ones_gradient(ev, root_id)


def backward(ev: Evaluation, root_id: str, gradient=None, *, retain_graph: bool = True) -> list:
    """values[root].backward(gradient, retain_graph=retain_graph) under the observer; its events.

    retain_graph=True lets the user press Backward again, accumulating into .grad.
    Raises EvaluationError with a clear message when backward cannot run.
    """
    value = _root_tensor(ev, root_id)
    name = ev.names.get(root_id, root_id)
    if not value.requires_grad:
        raise EvaluationError(translate(
            "Evaluation", "{name} does not require grad: nothing it depends on has "
            "requires_grad=True.").format(name=name))
    if gradient is None and math.prod(value.shape) != 1:
        raise EvaluationError(translate(
            "Evaluation", "{name} has shape {shape}, not a single number: backward needs a "
            "gradient tensor of that shape (for example ones).").format(
                name=name, shape=tuple(value.shape)))
    with _recording_this_thread() as events:
        try:
            value.backward(gradient, retain_graph=retain_graph)
        except Exception as exc:   # the engine's refusal, e.g. a gradient of the wrong shape
            raise EvaluationError(_message(exc)) from exc
        return list(events)


def _keeps_grad(value) -> bool:
    """True when .grad of this tensor is meaningful (a leaf, or retain_grad was asked)."""
    return isinstance(value, torch.Tensor) and value.requires_grad and \
        (value.is_leaf or value.retains_grad)


def grad_of(ev: Evaluation, node_id: str) -> tuple[object | None, str | None]:
    """(grad, None) when the node has a .grad, else (None, a translated reason)."""
    if node_id not in ev.values:
        return None, translate("Evaluation", "not computed")
    value = ev.values[node_id]
    if not isinstance(value, torch.Tensor):
        return None, translate("Evaluation", "a Python number has no .grad")
    if not value.requires_grad:
        return None, translate("Evaluation", "does not require grad")
    if not _keeps_grad(value):
        return None, translate("Evaluation", "not a leaf: turn on retain_grad to keep its grad")
    if value.grad is None:
        return None, translate("Evaluation", "no backward has reached it yet")
    return value.grad, None


def zero_grad(ev: Evaluation) -> list[str]:
    """grad.zero_() on every node that has a .grad; returns their ids."""
    touched = []
    for node_id, value in ev.values.items():
        if _keeps_grad(value) and value.grad is not None:
            value.grad.zero_()
            touched.append(node_id)
    return touched


def clear_grad(ev: Evaluation) -> list[str]:
    """grad = None on every node that has a .grad; returns their ids."""
    touched = []
    for node_id, value in ev.values.items():
        if _keeps_grad(value) and value.grad is not None:
            value.grad = None
            touched.append(node_id)
    return touched
