"""The formula text of each op: what it computes and how its gradient flows back.

The engine's derivatives.yaml in miniature: one entry per op, defined in the op's own module right
beside its backward node, so the text that explanations and tooltips show sits next to the code
that computes the numbers. Look an entry up with `engine.ops.formula("pow")`; `FORMULAS` is the
whole table.

An entry, `define(op, forward, local=..., gradient=..., params=...)`:

- `op`: the name the op's observer events carry ("pow", "sum", "index").
- `forward`: the output `y` in terms of the inputs: `"y = a^b"`.
- `local`: for elementwise ops, each input's local derivative ∂y/∂input in terms of the inputs:
  `{"a": "b × a^(b - 1)", "b": "a^b × ln(a)"}`; the gradient sent back is grad_out × this.
- `gradient`: for the others, the whole gradient sent back to each input, in terms of `grad_out`
  and the inputs: `{"x": "grad_out.expand_as(x) / n"}`.
- `params`: the names of the op's parameters that the texts use (`n`, `dim0`): they are replaced
  together with the inputs by `Formula.named`.

Inputs are named `a`, `b`, `c` (two or three operands, in argument order) or `x` (one); the
output is `y`. The math is not translated. Porting an op: add one `define(...)` call beside its
backward node.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Formula:
    """One op's formula and the derivative of each input (see the module docstring)."""

    op: str
    inputs: tuple[str, ...]
    forward: str
    local: Mapping[str, str] = field(default_factory=dict)
    gradient: Mapping[str, str] = field(default_factory=dict)
    params: tuple[str, ...] = ()

    def derivative(self, name: str) -> str | None:
        """The local derivative ∂y/∂`name`, or None when the op has no elementwise one."""
        return self.local.get(name)

    def named(self, names: Mapping[str, str]) -> Formula:
        """The same formula with inputs, output (`y`) and parameters renamed by `names`
        (`{"a": "x", "b": "2"}`); whole names only (`x` in `exp(x)`, not in `exp`)."""
        known = {*self.inputs, "y", *self.params}
        table = {k: str(v) for k, v in names.items() if k in known}

        def rename(text: str) -> str:
            return _NAME.sub(lambda m: table.get(m.group(0), m.group(0)), text)

        return Formula(
            self.op,
            self.inputs,
            rename(self.forward),
            {k: rename(v) for k, v in self.local.items()},
            {k: rename(v) for k, v in self.gradient.items()},
            self.params,
        )


FORMULAS: dict[str, Formula] = {}


def define(
    op: str,
    forward: str,
    *,
    local: Mapping[str, str] | None = None,
    gradient: Mapping[str, str] | None = None,
    params: tuple[str, ...] = (),
) -> Formula:
    """Enter `op`'s formula in the table (once per op) and return it."""
    if op in FORMULAS:
        raise ValueError(f"the formula of {op!r} is already defined")
    local, gradient = dict(local or {}), dict(gradient or {})
    inputs = tuple(dict.fromkeys([*local, *gradient]))
    entry = FORMULAS[op] = Formula(op, inputs, forward, local, gradient, params)
    return entry


def formula(op: str) -> Formula | None:
    """The formula of the op named `op` (as its observer events name it), or None if it has none."""
    return FORMULAS.get(op)
