"""Words and formulas with numbers for each animation step.

No calculus here: every number is one the engine reported in its events (local, grad_output,
grad_inputs, before/contribution/after). The TEXT of each op's formula and derivatives comes from
the engine's own table (`engine.ops.formula`), so the learner sees which rule produced the
engine's number; only the words around it are the explorer's (and translated).
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.ops import Formula, formula
from explorer.core.document.op_catalog import OPS
from explorer.core.i18n import translate
from explorer.core.replay.timeline import (
    AccumulateStep,
    BackwardNodeStep,
    EdgeFlow,
    ForwardStep,
    Step,
)

PREVIEW_ITEMS = 6


@dataclass(frozen=True)
class Explanation:
    title: str                    # the engine's name for what ran: "mul", "MulBackward0", ...
    sentence: str                 # translated words
    formulas: tuple[str, ...]     # formulas with the engine's numbers


# ---------------------------------------------------------------- numbers and tensors

def format_number(x: Any) -> str:
    """A number as a learner writes it: 3, 4.5, 0.3333, 1.2e-07, True."""
    if isinstance(x, (bool, int)):
        return str(x)
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    if 1e-4 <= abs(x) < 1e6:
        return f"{x:.4f}".rstrip("0").rstrip(".")
    return f"{x:.3e}"


def is_tensor(value: Any) -> bool:
    return hasattr(value, "grad_fn") and hasattr(value, "tolist")


def shape_text(value: Any) -> str:
    """'2×3' for a tensor with dimensions, '' for a scalar (0-d tensor or Python number)."""
    if not is_tensor(value) or value.dim() == 0:
        return ""
    return "×".join(str(n) for n in value.shape)


def _flatten(items: Any, out: list, limit: int) -> None:
    if isinstance(items, list):
        for item in items:
            if len(out) > limit:
                return
            _flatten(item, out, limit)
    else:
        out.append(items)


def _nested(items: Any) -> str:
    if isinstance(items, list):
        return "[" + ", ".join(_nested(i) for i in items) + "]"
    return format_number(items)


def preview(value: Any, limit: int = PREVIEW_ITEMS) -> str:
    """A compact value: '3', '[[1, 1], [1, 1]]', or '[0.1, 0.2, 0.3, …] (2×3)' past `limit`
    items."""
    if value is None:
        return "None"
    if not is_tensor(value):
        return format_number(value)
    if value.dim() == 0:
        return format_number(value.item())
    items = value.tolist()
    if value.numel() <= limit:
        return _nested(items)
    flat: list = []
    _flatten(items, flat, limit)
    shown = ", ".join(format_number(v) for v in flat[:limit])
    return f"[{shown}, …] ({shape_text(value)})"


# ---------------------------------------------------------------- names

def operand_label(doc: Any, node_id: str) -> str:
    """How a formula names a node: its variable name, or its number for a Python-scalar constant."""
    node = doc.node(node_id)
    if node.op == "constant":
        return str(node.params.get("value", node.name))
    return node.name


def _operands(doc: Any, node_id: str) -> dict[str, str]:
    return {port: operand_label(doc, src) for port, src in doc.input_sources(node_id).items()}


def op_formula(op: str, operands: Mapping[str, str], params: Mapping[str, Any],
               out: str = "y") -> Formula | None:
    """The engine's formula of the document op `op`, written with the operands' names (document
    port -> text), the output's name and the parameters' values; its `local` and `gradient` are
    keyed by document port. None where the engine has no formula for the op."""
    entry, spec = formula(op), OPS.get(op)
    if entry is None or spec is None:
        return None
    port_of = dict(zip(entry.inputs, spec.inputs))  # the engine's input name -> document port
    names = {k: v for k, v in params.items() if isinstance(v, (int, str))}
    names.update({name: operands.get(port, port) for name, port in port_of.items()}, y=out)
    named = entry.named(names)
    return dataclasses.replace(
        named,
        local={port_of[k]: v for k, v in named.local.items() if k in port_of},
        gradient={port_of[k]: v for k, v in named.gradient.items() if k in port_of},
    )


def _plus(values: Sequence[Any]) -> str:
    return " + ".join(preview(v) for v in values)


# ---------------------------------------------------------------- steps

def explain(step: Step, doc: Any, values: Mapping[str, Any]) -> Explanation:
    """What `step` did, for the step panel; `values` are the evaluation's node values."""
    if isinstance(step, ForwardStep):
        return _explain_forward(step, doc, values)
    if isinstance(step, BackwardNodeStep):
        return _explain_backward(step, doc, values)
    return _explain_accumulate(step, doc)


def _explain_forward(step: ForwardStep, doc: Any, values: Mapping[str, Any]) -> Explanation:
    node = doc.node(step.node_id)
    spec = OPS.get(node.op)
    sources = doc.input_sources(step.node_id)
    formulas = []
    if spec is not None:
        names = {port: operand_label(doc, src) for port, src in sources.items()}
        code = spec.code(names, node.params)
        numbers = {port: preview(values.get(src)) for port, src in sources.items()}
        # Numbers substituted only where they are short enough to read in the formula.
        # (Not for detach: "9.detach()" reads as nonsense; "c = y.detach() = 9" says it all.)
        readable = numbers and node.op != "detach" \
            and not any("…" in text for text in numbers.values())
        with_numbers = spec.code(numbers, node.params) if readable else ""
        line = f"{node.name} = {code}"
        if with_numbers and with_numbers != code:
            line += f" = {with_numbers}"
        formulas.append(f"{line} = {preview(step.value)}")
    grad_fn = getattr(step.value, "grad_fn", None)
    if grad_fn is not None:
        formulas.append(f"{node.name}.grad_fn = <{grad_fn.name()}>")
    shape = shape_text(step.value)
    if grad_fn is not None:
        sentence = translate(
            "StepExplanation",
            "The engine ran {op} and computed {name}. It remembers how: grad_fn={grad_fn} will "
            "send the gradient back to its inputs.").format(
            op=step.op, name=node.name, grad_fn=grad_fn.name())
    elif node.op == "detach":
        sentence = translate(
            "StepExplanation",
            "The engine ran detach and computed {name}: the same values as {source}, but no "
            "grad_fn and requires_grad=False, so no gradient flows back through it.").format(
            name=node.name, source=operand_label(doc, sources["x"]))
    elif node.params.get("no_grad"):
        sentence = translate(
            "StepExplanation",
            "The engine ran {op} under torch.no_grad() and computed {name}: no graph was "
            "recorded (no grad_fn), so no gradient flows back through it.").format(
            op=step.op, name=node.name)
    elif getattr(step.value, "requires_grad", False):
        sentence = translate(
            "StepExplanation",
            "The engine created the leaf {name}. It requires grad, so backward will accumulate "
            "into {name}.grad.").format(name=node.name)
    else:
        sentence = translate(
            "StepExplanation",
            "The engine ran {op} and computed {name}. No input requires grad, so no gradient "
            "will flow here.").format(op=step.op, name=node.name)
    if shape:
        sentence = translate("StepExplanation", "{sentence} Shape: {shape}.").format(
            sentence=sentence, shape=shape)
    return Explanation(step.op, sentence, tuple(formulas))


def flow_formula(flow: EdgeFlow, doc: Any) -> str:
    """'grad_w = grad_out × x = 1 × 3 = 3' for one gradient sent along one edge."""
    dst = doc.node(flow.dst)
    operands = _operands(doc, flow.dst)
    params = {k: v for k, v in dst.params.items() if isinstance(v, (int, str))}
    name = operand_label(doc, flow.src)
    target = f"grad_{name}"
    if sum(1 for src in doc.input_sources(flow.dst).values() if src == flow.src) > 1:
        # b = a * a: one gradient per input port, summed later at a.
        target = translate("StepExplanation", "{grad} (input {port})").format(
            grad=target, port=flow.port)
    # mse_loss with reduction 'sum' averages nothing: its n is 1, not the elements summed
    count = "1" if params.get("reduction") == "sum" else _mean_count(flow)
    rules = op_formula(dst.op, operands, dict(params, n=count))
    contribution = preview(flow.contribution)
    if flow.local is not None:
        rule = rules.derivative(flow.port or "") if rules else None
        symbolic = f"grad_out × {rule}" if rule else "grad_out × local"
        text = (f"{target} = {symbolic} = {preview(flow.upstream)} × {preview(flow.local)}"
                f" = {contribution}")
    else:
        whole = rules.gradient.get(flow.port or "") if rules else None
        text = f"{target} = {whole} = {contribution}" if whole else f"{target} = {contribution}"
    return text


def _mean_count(flow: EdgeFlow) -> str:
    # How many elements each output averaged: the input's size over the output's size.
    if not is_tensor(flow.contribution) or not is_tensor(flow.upstream):
        return "n"
    out = max(flow.upstream.numel(), 1)
    return format_number(flow.contribution.numel() // out)


def uniform_value(value: Any) -> Any:
    """The one number every element of `value` holds, or None when they differ."""
    if not is_tensor(value):
        return value
    flat: list = []
    _flatten(value.tolist(), flat, value.numel())
    return flat[0] if flat and all(v == flat[0] for v in flat) else None


def edge_label(flow: EdgeFlow) -> str:
    """The chain rule on an edge, short enough for the canvas: 'local × upstream = contribution'.

    Tensors whose elements are all equal read as one number and the shape: '6 × 0.75 = 4.5 (2×2)'.
    """
    parts = [flow.local, flow.upstream, flow.contribution]
    uniform = [uniform_value(v) for v in parts if v is not None]
    shape = shape_text(flow.contribution)
    if all(u is not None for u in uniform):
        numbers = [format_number(u) for u in uniform]
        text = " × ".join(numbers[:-1]) + f" = {numbers[-1]}" if len(numbers) == 3 \
            else f"= {numbers[-1]}"
        return f"{text} ({shape})" if shape else text
    contribution = preview(flow.contribution, limit=4)
    if flow.local is None:
        return f"= {contribution}"
    text = f"{preview(flow.local, limit=4)} × {preview(flow.upstream, limit=4)} = {contribution}"
    return text if len(text) <= 44 else f"… = {contribution}"


def _explain_backward(step: BackwardNodeStep, doc: Any, values: Mapping[str, Any]
                      ) -> Explanation:
    node = doc.node(step.node_id)
    formulas = []
    if len(step.received) >= 2:
        formulas.append(f"grad_out = {_plus([f.contribution for f in step.received])} = "
                        f"{preview(step.grad_output)}")
    elif not step.internal:
        formulas.append(f"grad_out = {preview(step.grad_output)}")
    outgoing = [flow for flow in step.flows if flow.src != step.node_id]
    formulas.extend(flow_formula(flow, doc) for flow in outgoing)
    for flow in outgoing:
        if is_tensor(flow.contribution) and flow.local is not None \
                and tuple(flow.contribution.shape) != tuple(flow.upstream.shape):
            formulas.append(translate(
                "StepExplanation", "grad_{name} is summed over the broadcast dimensions back to "
                "the shape of {name} ({shape}).").format(
                name=operand_label(doc, flow.src), shape=shape_text(flow.contribution) or "()"))
    silent = [src for port, src in doc.input_sources(step.node_id).items()
              if not any(flow.port == port for flow in outgoing)]
    constants = [operand_label(doc, n) for n in silent if doc.node(n).op == "constant"]
    # An input that requires grad gets it in another engine step of this node (linear: the
    # weight's through TBackward0 after AddmmBackward0), not in this one.
    elsewhere = [operand_label(doc, n) for n in silent if doc.node(n).op != "constant"
                 and getattr(values.get(n), "requires_grad", False)]
    no_grad = [operand_label(doc, n) for n in silent if doc.node(n).op != "constant"
               and not getattr(values.get(n), "requires_grad", False)]
    inner = [_next_fn_name(step, flow) for flow in step.flows if flow.src == step.node_id]
    if step.internal:
        sentence = translate("StepExplanation",
                             "{fn} runs inside the computation of {name}.").format(
            fn=step.fn_name, name=node.name)
    elif len(step.received) >= 2:
        sentence = translate(
            "StepExplanation",
            "{count} gradient paths meet at {name} and are summed. {fn} then multiplies grad_out "
            "by each input's local derivative and sends the result back along its edges.").format(
            count=len(step.received), name=node.name, fn=step.fn_name)
    elif not step.received:
        sentence = translate(
            "StepExplanation",
            "Backward starts at {name}: grad_out is the gradient argument of backward. {fn} "
            "multiplies it by each input's local derivative and sends the result back.").format(
            name=node.name, fn=step.fn_name)
    else:
        sentence = translate(
            "StepExplanation",
            "The gradient arrived at {name}. {fn} multiplies grad_out by each input's local "
            "derivative (chain rule) and sends the result back along its edges.").format(
            name=node.name, fn=step.fn_name)
    if elsewhere and inner:
        sentence = translate(
            "StepExplanation",
            "{sentence} The gradient of {names} comes in a later step: {fn} sends it on to "
            "{inner}, which also runs inside the computation of {name}.").format(
            sentence=sentence, names=", ".join(elsewhere), fn=step.fn_name,
            inner=", ".join(inner), name=node.name)
    elif elsewhere:
        sentence = translate(
            "StepExplanation",
            "{sentence} The gradient of {names} comes in another step of {name}.").format(
            sentence=sentence, names=", ".join(elsewhere), name=node.name)
    if no_grad:
        sentence = translate(
            "StepExplanation",
            "{sentence} No gradient flows to {names}: it does not require grad.").format(
            sentence=sentence, names=", ".join(no_grad))
    if constants and not step.internal:
        sentence = translate(
            "StepExplanation",
            "{sentence} The constant {names} gets no gradient.").format(
            sentence=sentence, names=", ".join(constants))
    return Explanation(step.fn_name, sentence, tuple(formulas))


def _next_fn_name(step: BackwardNodeStep, flow: EdgeFlow) -> str:
    """The name of the backward node `flow` went to (an inner step of the same document node)."""
    fn = step.events[0].node.next_functions[flow.index][0]
    return type(fn).__name__


def _explain_accumulate(step: AccumulateStep, doc: Any) -> Explanation:
    name = doc.node(step.node_id).name
    formulas = []
    if len(step.received) >= 2:
        formulas.append(f"grad = {_plus([f.contribution for f in step.received])} = "
                        f"{preview(step.contribution)}")
    if step.before is None:
        formulas.append(f"{name}.grad = None → {preview(step.after)}")
    else:
        formulas.append(f"{name}.grad = {preview(step.before)} + {preview(step.contribution)} = "
                        f"{preview(step.after)}")
    if step.retained:
        title = "retain_grad"
        sentence = translate(
            "StepExplanation",
            "{name} is not a leaf, but retain_grad() is on, so its gradient is kept in "
            "{name}.grad.").format(name=name)
    elif step.before is None:
        title = "AccumulateGrad"
        sentence = translate(
            "StepExplanation",
            "AccumulateGrad: {name} is a leaf that requires grad. Its .grad was None, so it "
            "becomes the arriving gradient.").format(name=name)
    else:
        title = "AccumulateGrad"
        sentence = translate(
            "StepExplanation",
            "AccumulateGrad: {name} is a leaf. Its .grad already held a value, so the arriving "
            "gradient is added to it (call grad.zero_() to start again).").format(name=name)
    return Explanation(title, sentence, tuple(formulas))
