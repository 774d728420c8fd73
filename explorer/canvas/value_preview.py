"""How a node's value reads on the canvas and in the inspector.

Pure presentation of what the engine computed: the text is the engine's own repr (PyTorch's printed
form), trimmed to fit a card. Nothing here computes a value or a gradient.
"""
from __future__ import annotations

import re

import engine
from explorer.i18n import translate

# Kinds of node, each drawn in its own colour with a small tag.
LEAF = "leaf"            # a leaf tensor that requires grad: backward fills its .grad
NON_LEAF = "non-leaf"    # the result of an op on tensors that require grad: has a grad_fn
NO_GRAD = "no-grad"      # a tensor that does not require grad
CONSTANT = "constant"    # a Python number or literal given to an op
KINDS = (LEAF, NON_LEAF, NO_GRAD, CONSTANT)


def node_kind(op: str, value: object, params: dict) -> str:
    """The kind of a node from its computed value, or from its op when it has no value yet."""
    if op == "constant":
        return CONSTANT
    if isinstance(value, engine.Tensor):
        if not value.requires_grad:
            return NO_GRAD
        return LEAF if value.is_leaf else NON_LEAF
    if op == "input":
        return LEAF if params.get("requires_grad") else NO_GRAD
    return NON_LEAF


def kind_tag(kind: str) -> str:
    """The short tag drawn on a node's header."""
    return {
        LEAF: translate("ValuePreview", "leaf"),
        NON_LEAF: translate("ValuePreview", "non-leaf"),
        NO_GRAD: translate("ValuePreview", "no grad"),
        CONSTANT: translate("ValuePreview", "const"),
    }[kind]


def kind_description(kind: str) -> str:
    return {
        LEAF: translate("ValuePreview", "Leaf tensor that requires grad: backward accumulates "
                        "into its .grad."),
        NON_LEAF: translate("ValuePreview", "Non-leaf tensor: made by an op, it has a grad_fn; its "
                            ".grad is only kept with retain_grad."),
        NO_GRAD: translate("ValuePreview", "Tensor that does not require grad: no gradient flows "
                           "into it."),
        CONSTANT: translate("ValuePreview", "Constant: a Python number or literal; it never has a "
                            "gradient."),
    }[kind]


def elide_lines(text: str, max_lines: int, max_chars: int) -> list[str]:
    """`text` cut to at most `max_lines` lines of at most `max_chars` characters, marked with …."""
    lines = text.splitlines() or [""]
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + ["…"]
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def value_repr(value: object) -> str:
    """The value as PyTorch prints it: the engine's repr for tensors, Python's for numbers."""
    return repr(value)


def shape_text(value: object) -> str | None:
    """'shape (2, 2) · float32' for tensors with at least one dim, None for scalars and numbers."""
    if not isinstance(value, engine.Tensor) or value.dim() == 0:
        return None
    dims = ", ".join(str(n) for n in value.shape)
    dtype = str(value.dtype).removeprefix("torch.")
    return translate("ValuePreview", "shape ({dims}) · {dtype}").format(dims=dims, dtype=dtype)


def grad_fn_name(value: object) -> str | None:
    fn = getattr(value, "grad_fn", None) if isinstance(value, engine.Tensor) else None
    return None if fn is None else fn.name()


def grad_absence_reason(op: str, value: object, params: dict) -> str:
    """Why `.grad` is None for this node, in the learner's words."""
    if not isinstance(value, engine.Tensor):
        return translate("ValuePreview", "a Python number has no .grad")
    if not value.requires_grad:
        return translate("ValuePreview", "requires_grad is False, so no gradient flows here")
    if not value.is_leaf and not params.get("retain_grad"):
        return translate("ValuePreview", "not a leaf: .grad is only kept with retain_grad()")
    return translate("ValuePreview", "backward has not run yet")


_KWARG = re.compile(r",\s*[a-z_]+=")


def split_repr(text: str) -> tuple[str, str]:
    """('tensor([[1., 1.], ...]', 'requires_grad=True') from a tensor repr: data and keywords.

    The data part keeps the engine's number formatting; the keyword part is '' when absent.
    """
    body = text[len("tensor("):-1] if text.startswith("tensor(") and text.endswith(")") else text
    match = _KWARG.search(body)
    if match is None:
        return body, ""
    return body[: match.start()], body[match.start() + 1:].strip()


def collapse(data: str) -> str:
    """The data part of a repr on one line: '[[1., 1.],\\n        [1., 1.]]' -> '[[1., 1.], [1., 1.]]'."""
    return " ".join(line.strip() for line in data.splitlines())


def _data_rows(data: str, width: int, max_lines: int) -> list[str]:
    """The data part on one line when it fits, else the engine's own rows, elided."""
    one_line = collapse(data)
    if len(one_line) <= width:
        return [one_line]
    indent = " " * len("tensor(")
    rows = [line.removeprefix(indent) for line in data.splitlines()]
    return elide_lines("\n".join(rows), max_lines, width)


def compact_lines(value: object, width: int, max_lines: int = 3) -> list[tuple[str, str]]:
    """A value as (text, style) lines of at most `width` characters; style 'value' or 'muted'.

    Scalars keep PyTorch's printed form, broken before the keywords when too wide:
    'tensor(5.,' / '  grad_fn=<AddBackward0>)'. Bigger tensors show their data (on one line
    when it fits, else the engine's own rows, elided) and the keywords in a muted line.
    """
    text = value_repr(value)
    if not isinstance(value, engine.Tensor):
        return [(line, "value") for line in elide_lines(text, max_lines, width)]
    data, keywords = split_repr(text)
    if value.dim() == 0:
        if len(text) <= width:
            return [(text, "value")]
        kws = keywords.split(", ") if keywords else []
        lines = [f"tensor({data}" + ("," if kws else ")")]
        lines += [f"  {kw}" + ("," if i < len(kws) - 1 else ")") for i, kw in enumerate(kws)]
        return [(line, "value") for line in elide_lines("\n".join(lines), max_lines, width)]
    lines = [(row, "value") for row in _data_rows(data, width, max_lines)]
    for keyword in keywords.split(", ") if keywords else []:
        lines += [(line, "muted") for line in elide_lines(keyword, 1, width)]
    return lines


def compact_grad_lines(grad: object, width: int, max_lines: int = 2) -> list[str]:
    """'grad: tensor(4.)', 'grad: [4.5, 4.5]', or rows under the label: 'grad: [[4.5, 4.5],' /
    '       [4.5, 4.5]]', elided to `max_lines` lines of `width` characters."""
    text = value_repr(grad)
    if isinstance(grad, engine.Tensor) and grad.dim() > 0:
        data, _keywords = split_repr(text)
        one_line = collapse(data)
        text = one_line if len(one_line) + len("grad: ") <= width else "\n".join(
            line.removeprefix(" " * len("tensor(")) for line in data.splitlines())
    text = "grad: " + text.replace("\n", "\n" + " " * len("grad: "))
    return elide_lines(text, max_lines, width)
