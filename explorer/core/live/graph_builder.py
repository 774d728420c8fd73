"""The graph that produced a tensor, as a document plus the evaluation of what really ran.

Structure comes from the observer's ForwardEvents where they were recorded (every input, Python
numbers included, in call order) and otherwise from `grad_fn.next_functions`, which PyTorch's
tensors have too. Values are the program's own tensors; nothing is computed again. Leaves are
frozen (value and .grad copied) so that a later optimizer step does not change an earlier
step's picture; the backward events are remapped onto those copies. Views (weight.t()) share
their leaf's memory, so their values are copied too, keeping their grad_fn.
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

import engine
from engine import observer
from explorer.core.document.evaluation import Evaluation
from explorer.core.document.graph_document import RESERVED_NAMES, GraphDocument
from explorer.core.document.layout import apply_layout
from explorer.core.document.op_catalog import DTYPES, OPS, TRACED_PORTS, traced_op
from explorer.core.document.value_text import format_index, format_value
from explorer.core.live.module_groups import add_module_groups
from explorer.core.live.names import Names
from explorer.core.live.recorded_values import keep_recorded_values

# Backward nodes whose catalog op builds exactly that node again from the same inputs.
_CATALOG_OPS = {
    "AddBackward0": "add", "SubBackward0": "sub", "MulBackward0": "mul", "DivBackward0": "div",
    "PowBackward0": "pow", "PowBackward1": "pow", "PowBackward2": "pow", "NegBackward0": "neg",
    "ExpBackward0": "exp", "LogBackward0": "log", "SqrtBackward0": "sqrt", "AbsBackward0": "abs",
    "SinBackward0": "sin", "CosBackward0": "cos", "TanhBackward0": "tanh",
    "SigmoidBackward0": "sigmoid", "ReluBackward0": "relu", "DotBackward0": "dot",
    "MmBackward0": "matmul", "SumBackward0": "sum", "MeanBackward0": "mean",
}
_SUFFIX = re.compile(r"Backward\d*$")
_MSE_REDUCTIONS = {1: "mean", 2: "sum"}   # MseLossBackward0._saved_reduction ('none' is 0)


@dataclass
class LiveGraph:
    """A captured graph: what the explorer shows, and the backward call's events to replay."""
    document: GraphDocument
    evaluation: Evaluation
    root_id: str
    backward_events: list = field(default_factory=list)

    @property
    def root_name(self) -> str:
        return self.document.node(self.root_id).name


def is_tensor(value: object) -> bool:
    return hasattr(value, "grad_fn") and hasattr(value, "requires_grad") \
        and hasattr(value, "is_leaf")


def _is_number(value: object) -> bool:
    return isinstance(value, (bool, int, float))


def _fn_name(fn: Any) -> str:
    name = getattr(fn, "name", None)
    return name() if callable(name) else type(fn).__name__


def _output_nr(t: Any) -> int:
    """Which output of its grad_fn tensor `t` is (PyTorch's Tensor.output_nr)."""
    return getattr(t, "output_nr", 0)


def _is_accumulate(fn: Any) -> bool:
    return _fn_name(fn).endswith("AccumulateGrad")


def _as_engine(t: Any) -> engine.Tensor:
    """An engine copy of a PyTorch tensor (value, requires_grad, .grad) for the cards."""
    copy = engine.tensor(t.detach().cpu().numpy())
    if t.requires_grad:
        copy.requires_grad_(True)
    grad = t.grad if t.is_leaf else None
    if grad is not None:
        copy.grad = engine.tensor(grad.detach().cpu().numpy())
    return copy


def _snapshot(view: engine.Tensor) -> engine.Tensor:
    """The view's numbers as they are now, with the view's own grad_fn (the replay finds its
    node by it): an optimizer step on the viewed weight must not change this step's card."""
    return engine.Tensor._wrap(view._data.copy(), view._device, view.grad_fn)


def _catalog_params(fn_name: str, fn: Any, value: Any, event: Any) -> tuple[str, dict] | None:
    """The catalog op and params that build `fn` again, for ops whose params the backward node
    or the output tell: mse_loss (its reduction) and reshape (the output's shape)."""
    if fn_name == "MseLossBackward0":
        reduction = _MSE_REDUCTIONS.get(getattr(fn, "_saved_reduction", None))
        return None if reduction is None else ("mse_loss", {"reduction": reduction})
    # reshape of a non-contiguous tensor copies first (UnsafeView); without its event, its
    # input would be that copy, which reshapes to a plain view.
    if fn_name == "ViewBackward0" or (fn_name == "UnsafeViewBackward0" and event is not None):
        return None if value is None else ("reshape", _reshape_params(value))
    return None


def _plain_index(event: Any) -> str | None:
    """The catalog index op's text for `x[key]` ("0:8", "..., None") where the key is made of
    ints, slices of ints, None and ...; None for any other op or key (a tensor of indices)."""
    if event is None or event.op != "index" or len(event.inputs) != 2 \
            or not is_tensor(event.inputs[0]):
        return None
    key = event.inputs[1]
    items = key if isinstance(key, tuple) else (key,)

    def whole(part: Any) -> bool:
        return isinstance(part, int) and not isinstance(part, bool)

    def plain(item: Any) -> bool:
        if isinstance(item, slice):
            return all(p is None or whole(p) for p in (item.start, item.stop, item.step))
        return item is None or item is Ellipsis or whole(item)

    return format_index(items) if all(plain(item) for item in items) else None


def _reshape_params(value: Any) -> dict:
    """The catalog reshape's params that give `value`'s shape."""
    return {"shape": ", ".join(map(str, value.shape))}


def _frozen(t: Any) -> engine.Tensor:
    """The leaf as it is now: its value and .grad copied, the same requires_grad."""
    if not isinstance(t, engine.Tensor):
        return _as_engine(t)
    copy = t.detach().clone()
    if t.requires_grad:
        copy.requires_grad_(True)
        if t.grad is not None:
            copy.grad = t.grad.detach().clone()
    return copy


class _Builder:
    def __init__(self, events, names: Names, modules: dict[int, Any]) -> None:
        self.names = names
        self.modules = modules   # ForwardEvent.seq -> label of the module that ran it
        self.event_of_fn: dict[tuple[int, int], Any] = {}   # (id(grad_fn), output_nr) -> event
        self.event_of_output: dict[int, Any] = {}   # outputs that need no grad (x ** 2)
        for event in events:
            if isinstance(event, observer.ForwardEvent):
                if any(i is event.output for i in event.inputs):
                    # In place (y.add_(1), a -= lr * a.grad): the input is the old version of
                    # the output, which only next_functions can tell apart.
                    continue
                fn = getattr(event.output, "grad_fn", None)
                if fn is not None:
                    self.event_of_fn[(id(fn), _output_nr(event.output))] = event
                elif is_tensor(event.output) and not event.output.requires_grad:
                    self.event_of_output[id(event.output)] = event
        self.value_of_fn: dict[tuple[int, int], Any] = {}
        for tensor in names.named_tensors:   # `y = w * x` names the node of y's grad_fn
            if getattr(tensor, "grad_fn", None) is not None:
                self.value_of_fn.setdefault((id(tensor.grad_fn), _output_nr(tensor)), tensor)
        self.doc = GraphDocument()
        self.ids: dict[tuple, str] = {}
        self.values: dict[str, Any] = {}
        self.frozen: dict[int, Any] = {}   # id(original leaf) -> its frozen copy
        self.node_events: dict[str, list] = {}
        self.module_nodes: list[tuple[int, str, str]] = []   # (seq, module label, node id)

    # ---- inputs of a vertex --------------------------------------------------------------

    def _ref(self, item: Any, nr: int = 0) -> tuple:
        """('fn', fn, output number) | ('out', ForwardEvent, 0) | ('leaf', tensor, 0) |
        ('const', number, 0). `nr`: for a backward node reached along an edge, the output of it
        the edge comes from (split's pieces are one node, each piece a card of its own)."""
        if is_tensor(item):
            fn = item.grad_fn
            if fn is None:
                event = self.event_of_output.get(id(item))
                return ("leaf", item, 0) if event is None else ("out", event, 0)
            nr = _output_nr(item)
            self.value_of_fn.setdefault((id(fn), nr), item)
            return ("fn", fn, nr)
        if _is_accumulate(item):
            return ("leaf", item.variable, 0)
        if _is_number(item):
            return ("const", item, 0)
        return ("fn", getattr(item, "_owner", item), nr)   # (an engine OutputSlot: its node)

    def _inputs(self, ref: tuple) -> list[tuple]:
        if ref[0] == "out":
            return self._event_inputs(ref[1])
        fn, nr = ref[1], ref[2]
        event = self.event_of_fn.get((id(fn), nr))
        if event is not None:
            self.value_of_fn.setdefault((id(fn), nr), event.output)
            return self._event_inputs(event)
        edges = getattr(fn, "next_functions", ())
        return [self._ref(nf, k) for nf, k in edges if nf is not None]

    def _event_inputs(self, event: Any) -> list[tuple]:
        if _plain_index(event) is not None:   # x[0] indexes: the 0 is no input of its own
            return [self._ref(event.inputs[0])]
        return [self._ref(i) for i in event.inputs if is_tensor(i) or _is_number(i)]

    # ---- the walk ----------------------------------------------------------------------------

    def build(self, root: Any) -> str:
        root_ref = self._ref(root)
        order: list[tuple] = []
        seen: set[tuple] = set()
        stack: list[tuple[tuple, bool]] = [(root_ref, False)]
        inputs: dict[tuple, list[tuple]] = {}
        while stack:   # post-order without recursion: inputs get their ids before their users
            ref, expanded = stack.pop()
            key = self._key(ref)
            if expanded:
                order.append(ref)
                continue
            if key in seen:
                continue
            seen.add(key)
            stack.append((ref, True))
            if ref[0] in ("fn", "out"):
                inputs[key] = self._inputs(ref)
                for sub in reversed(inputs[key]):
                    if self._key(sub) not in seen:
                        stack.append((sub, False))
        for ref in order:
            if ref[0] != "const":
                self._add_vertex(ref, inputs.get(self._key(ref), []))
        return self.ids[self._key(root_ref)]

    @staticmethod
    def _key(ref: tuple) -> tuple:
        return (ref[0], id(ref[1]), ref[2])

    def _add_vertex(self, ref: tuple, inputs: list[tuple]) -> None:
        kind, obj, nr = ref
        if kind == "leaf":
            self.ids[self._key(ref)] = self._add_leaf(obj)
            return
        if kind == "out":
            value, event = obj.output, obj
            op, params = self._op_of_event(event, len(inputs))
        else:
            value = self.value_of_fn.get((id(obj), nr))
            event = self.event_of_fn.get((id(obj), nr))
            op, params = self._op_of(obj, len(inputs), value, event)
            if OPS[op].category_key == "traced" and (
                    nr or len(getattr(obj, "_shapes", ())) > 1):   # one of several outputs
                params["output"] = str(nr)
        # An input not built yet would close a cycle (never in a real graph): left out.
        sources = [self._add_constant(sub[1]) if sub[0] == "const" else self.ids[self._key(sub)]
                   for sub in inputs if sub[0] == "const" or self._key(sub) in self.ids]
        node_id = self.doc.add_node(op, name=self._name_of_op(value, params, op, event),
                                    params=params)
        self.ids[self._key(ref)] = node_id
        if event is not None and self.modules.get(event.seq):
            self.module_nodes.append((event.seq, self.modules[event.seq], node_id))
        for port, src in zip(OPS[op].inputs, sources):
            self.doc.connect(src, node_id, port)
        if isinstance(value, engine.Tensor):   # (a PyTorch intermediate: its grad_fn is shown)
            if getattr(value, "_base", None) is not None:   # a view: copied now
                if event is not None and event.output is value:
                    event = replace(event, output=_snapshot(value))
                    value = event.output
                else:
                    value = _snapshot(value)
            self.values[node_id] = value
        if event is not None:
            self.node_events[node_id] = [event]

    def _op_of(self, fn: Any, arity: int, value: Any, event: Any) -> tuple[str, dict]:
        fn_name = _fn_name(fn)
        params: dict = {}
        if value is not None and getattr(value, "retains_grad", False):
            params["retain_grad"] = True
        op = _CATALOG_OPS.get(fn_name)
        if op is not None and len(OPS[op].inputs) == arity:
            return op, params
        index = _plain_index(event)
        if index is not None:
            return "index", {**params, "index": index}
        op_params = _catalog_params(fn_name, fn, value, event)
        if op_params is not None and len(OPS[op_params[0]].inputs) == arity:
            return op_params[0], {**params, **op_params[1]}
        call = event.op if event is not None else _SUFFIX.sub("", fn_name).lower()
        params["call"] = call or fn_name
        module = self.modules.get(event.seq) if event is not None else None
        if module:
            params["module"] = module
        return traced_op(min(max(arity, 1), len(TRACED_PORTS))), params

    def _op_of_event(self, event: Any, arity: int) -> tuple[str, dict]:
        """A no-grad op (x ** 2 of a data tensor): the catalog op of the same name, if any
        (reshape to the output's shape; not those whose params the event does not tell)."""
        if event.op in OPS and event.op not in ("input", "constant") \
                and len(OPS[event.op].inputs) == arity \
                and event.op not in ("sum", "mean", "mse_loss"):
            if event.op == "index":
                index = _plain_index(event)
                return ("index", {"index": index}) if index is not None else \
                    (traced_op(1), {"call": "index"})
            return event.op, _reshape_params(event.output) if event.op == "reshape" else {}
        params = {"call": event.op}
        module = self.modules.get(event.seq)
        if module:
            params["module"] = module
        return traced_op(min(max(arity, 1), len(TRACED_PORTS))), params

    def _add_leaf(self, t: Any) -> str:
        frozen = self._frozen_leaf(t)
        value = frozen.tolist()
        dtype = str(frozen.dtype).removeprefix("torch.")
        params = {"init": "value", "value": format_value(value),
                  "requires_grad": bool(frozen.requires_grad),
                  "dtype": dtype if dtype in DTYPES and dtype != "float32" else "auto"}
        name = self.names.tensor_name(t)
        name = self._fresh(name) if name else self._numbered("leaf")
        node_id = self.doc.add_node("input", name=name, params=params)
        self.values[node_id] = frozen
        return node_id

    def _frozen_leaf(self, t: Any) -> engine.Tensor:
        if id(t) not in self.frozen:
            self.frozen[id(t)] = _frozen(t)
        return self.frozen[id(t)]

    def _add_constant(self, number: Any) -> str:
        node_id = self.doc.add_node("constant", name=self._numbered("c"),
                                    params={"value": format_value(number)})
        self.values[node_id] = number
        return node_id

    def _name_of_op(self, value: Any, params: dict, op: str, event: Any) -> str:
        name = self.names.tensor_name(value) if value is not None else None
        if name is None:
            base = params.get("call", op)
            module = params.get("module")
            if module:   # net.0 (Linear) -> net_0_addmm
                base = f"{module.split(' (')[0]}_{base}"
            name = self._numbered(base)
        return self._fresh(name)

    def _numbered(self, base: str) -> str:
        base = _identifier(base)
        n = 1
        while self.doc.node_by_name(f"{base}{n}") is not None:
            n += 1
        return f"{base}{n}"

    def _fresh(self, name: str) -> str:
        return self.doc.free_variant(_identifier(name))

    # ---- values nobody kept ---------------------------------------------------------------

    def fill_unknown_values(self, real: dict[str, Any]) -> None:
        """Values of intermediates that were not recorded (draw(t) outside record(), or a
        PyTorch graph): the catalog op again on its inputs' values, which gives the same
        grad_fn and numbers. Every node whose `real` value is known (the root, named
        variables) and can be run the same way checks them: a leaf changed in place since (an
        optimizer step) would give another graph's numbers, and then none are kept."""
        if all(node_id in self.values for node_id in self.doc.graph.nodes):
            return
        computed: dict[str, Any] = {}
        known = dict(self.values)
        for node_id in self.doc.topological_order():
            value = self._recompute(node_id, known)
            if value is None:
                continue
            if node_id in real and not _same_numbers(value, real[node_id]):
                return
            if node_id not in self.values:
                known[node_id] = computed[node_id] = value
        self.values.update(computed)

    def _recompute(self, node_id: str, known: dict[str, Any]) -> Any:
        data = self.doc.node(node_id)
        spec = OPS[data.op]
        sources = self.doc.input_sources(node_id)
        if data.op in ("input", "constant") or spec.category_key == "traced" \
                or set(sources) != set(spec.inputs) \
                or any(s not in known for s in sources.values()):
            return None
        try:
            return spec.compute({port: known[src] for port, src in sources.items()},
                                dict(data.params))
        except Exception:   # noqa: BLE001 - not recomputable: the card says "not computed"
            return None

    # ---- the result --------------------------------------------------------------------------

    def evaluation(self) -> Evaluation:
        ev = Evaluation(names={d.id: d.name for d in self.doc.nodes()})
        ev.values = dict(self.values)
        ev.order = self.doc.topological_order()
        ev.node_events = dict(self.node_events)
        ev.forward_events = [e for n in ev.order for e in self.node_events.get(n, ())]
        return ev

    def remap(self, backward_events) -> list:
        """Backward events with AccumulateEvent.tensor pointing at the frozen leaf copies."""
        out = []
        for event in backward_events:
            if isinstance(event, observer.AccumulateEvent) and id(event.tensor) in self.frozen:
                event = replace(event, tensor=self.frozen[id(event.tensor)])
            out.append(event)
        return out


def _same_numbers(ours: engine.Tensor, real: Any) -> bool:
    """Equal to the engine's own value; within float rounding of a PyTorch value."""
    try:
        if isinstance(real, engine.Tensor):
            return bool(engine.equal(ours.detach(), real.detach()))
        return bool(np.allclose(ours.detach().numpy(), real.detach().cpu().numpy(),
                                rtol=1e-5, atol=1e-7))
    except Exception:   # noqa: BLE001 - different shapes or kinds
        return False


def _identifier(name: str) -> str:
    name = re.sub(r"\W", "_", name)
    if not name.isidentifier() or keyword.iskeyword(name) or name in RESERVED_NAMES:
        name = f"v_{name}"
    return name


def build_graph(root: Any, *, events=(), names: Names | None = None,
                modules: dict[int, Any] | None = None, backward_events=()) -> LiveGraph:
    """The graph that produced `root` (an engine or PyTorch tensor).

    `events`: observer events recorded while it was built (values, constants, op names);
    `names`: variable names; `modules`: ForwardEvent.seq -> module label;
    `backward_events`: the events of the backward call to replay.
    """
    if not is_tensor(root):
        raise TypeError(f"expected a tensor, not {type(root).__name__}")
    builder = _Builder(events, names or Names(), modules or {})
    with observer.muted():   # the leaves' copies are not the program's ops
        root_id = builder.build(root)
    if root.grad_fn is not None:
        real = {node_id: value for node_id, value in builder.values.items()
                if builder.doc.node(node_id).op not in ("input", "constant")}
        real[root_id] = root
        if isinstance(root, engine.Tensor):
            builder.values[root_id] = root
        with observer.muted():
            builder.fill_unknown_values(real)
    doc = builder.doc
    keep_recorded_values(doc, builder.values)
    doc.meta["root"] = root_id
    add_module_groups(doc, builder.module_nodes, builder.modules)
    apply_layout(doc)   # after the groups: their cards lie together
    doc.revision = 0
    return LiveGraph(doc, builder.evaluation(), root_id, builder.remap(backward_events))
