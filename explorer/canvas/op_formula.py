"""The formula of an op and its local derivatives, as hover text for cards and edges.

The derivative texts are read from the one table the step explanations use
(explorer.core.replay.explain: LOCAL_RULES, CONTRIBUTION_RULES); the forward formula is the op
catalog's own code template. Nothing is derived here."""
from __future__ import annotations

from explorer.core.document.op_catalog import OPS
from explorer.core.i18n import translate
from explorer.core.replay.explain import CONTRIBUTION_RULES, LOCAL_RULES


class _Names(dict):
    """Format fields: the port names as operands; a parameter missing from the node reads as
    its own name ({n} stays 'n')."""

    def __missing__(self, key: str) -> str:
        return key


def forward_formula(op: str, out: str, params: dict) -> str | None:
    """'y = a ** b' for an op with inputs, None for inputs and constants."""
    spec = OPS.get(op)
    if spec is None or not spec.inputs:
        return None
    params = {**spec.default_params(), **params}
    return f"{out} = {spec.code({port: port for port in spec.inputs}, params)}"


def derivative_line(op: str, out: str, port: str, params: dict) -> str | None:
    """'∂y/∂a = b × a^(b - 1)' (local derivative), or 'grad_x = grad_out.expand_as(x) / n'
    for ops whose gradient is not an elementwise product; None when the table has no entry."""
    spec = OPS.get(op)
    names = _Names({p: p for p in (spec.inputs if spec else ())})
    full = {**(spec.default_params() if spec else {}), **params}
    names.update({k: v for k, v in full.items() if isinstance(v, (int, str))})
    local = LOCAL_RULES.get(op, {}).get(port)
    if local is not None:
        return f"∂{out}/∂{port} = {local.format_map(names)}"
    whole = CONTRIBUTION_RULES.get(op, {}).get(port)
    if whole is not None:
        return f"grad_{port} = {whole.format_map(names)}"
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
    if port in LOCAL_RULES.get(op, {}):
        lines.append(translate("OpFormula", "Chain rule: grad_{source} = grad_out × ∂{out}/∂{port}"
                               ).format(source=source, out=out, port=port))
    return "\n".join(lines)
