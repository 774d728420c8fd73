"""The formula of an op and its local derivatives, as hover text for cards and edges.

The math is the engine's own table (`engine.ops.formula`, read through
explorer.core.replay.explain.op_formula, as the step explanations read it), written with the
card's port names; an op the engine has no formula for shows the op catalog's code. Nothing is
derived here; only the words around the math are translated."""
from __future__ import annotations

from explorer.core.document.op_catalog import OPS
from explorer.core.i18n import translate
from explorer.core.replay.explain import op_formula


def _formula(op: str, out: str, params: dict):
    spec = OPS[op]
    return op_formula(op, {port: port for port in spec.inputs},
                      {**spec.default_params(), **params}, out)


def forward_formula(op: str, out: str, params: dict) -> str | None:
    """'y = a^b' for an op with inputs, None for inputs and constants."""
    spec = OPS.get(op)
    if spec is None or not spec.inputs:
        return None
    entry = _formula(op, out, params)
    if entry is not None:
        return entry.forward
    params = {**spec.default_params(), **params}
    return f"{out} = {spec.code({port: port for port in spec.inputs}, params)}"


def derivative_line(op: str, out: str, port: str, params: dict) -> str | None:
    """'∂y/∂a = b × a^(b - 1)' (local derivative), or 'grad_x = grad_out.expand_as(x) / n'
    for ops whose gradient is not an elementwise product; None when the engine has neither."""
    entry = _formula(op, out, params) if op in OPS else None
    if entry is None:
        return None
    local = entry.derivative(port)
    if local is not None:
        return f"∂{out}/∂{port} = {local}"
    whole = entry.gradient.get(port)
    if whole is not None:
        return f"grad_{port} = {whole}"
    return None


def op_formula_text(op: str, out: str, params: dict) -> str:
    """The op's formula and every input's local derivative, one per line; '' for leaves."""
    formula = forward_formula(op, out, params)
    if formula is None:
        return ""
    lines = [translate("OpFormula", "Formula: {formula}").format(formula=formula)]
    derivatives = [line for port in OPS[op].inputs
                   if (line := derivative_line(op, out, port, params)) is not None]
    if derivatives:
        lines.append(translate("OpFormula", "Local derivatives:"))
        lines += [f"  {line}" for line in derivatives]
    return "\n".join(lines)


def edge_formula_text(op: str, out: str, port: str, params: dict, source: str) -> str:
    """Hover text of the edge into `port`: the op's formula, that input's local derivative and
    the chain rule that sends grad back to `source`."""
    formula = forward_formula(op, out, params)
    if formula is None:
        return ""
    lines = [translate("OpFormula", "Formula: {formula}").format(formula=formula)]
    derivative = derivative_line(op, out, port, params)
    if derivative is not None:
        lines.append(translate("OpFormula", "Local derivative: {line}").format(line=derivative))
    entry = _formula(op, out, params)
    if entry is not None and entry.derivative(port) is not None:
        lines.append(translate("OpFormula", "Chain rule: grad_{source} = grad_out × ∂{out}/∂{port}"
                               ).format(source=source, out=out, port=port))
    return "\n".join(lines)
