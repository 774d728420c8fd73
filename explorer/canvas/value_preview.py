"""How a node's value reads on the canvas and in the inspector.

Pure presentation of what the engine computed: the text is the engine's own repr (PyTorch's printed
form), trimmed to fit a card. Nothing here computes a value or a gradient.
"""
from __future__ import annotations

import re

import engine
from explorer.core.i18n import translate

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
    """The short tag drawn on a node's header (one translation looked up: every card asks)."""
    if kind == LEAF:
        return translate("ValuePreview", "leaf")
    if kind == NON_LEAF:
        return translate("ValuePreview", "non-leaf")
    if kind == NO_GRAD:
        return translate("ValuePreview", "no grad")
    if kind == CONSTANT:
        return translate("ValuePreview", "const")
    raise KeyError(kind)


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


MATRIX_SLACK = 10    # a small matrix's rows stay whole (a 2 x 3 reads better than cut rows)
KEYWORD_SLACK = 16   # extra characters a "grad_fn=<…Backward0>" line (or a scalar grad) may take

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
    """The data part of a repr on one line: '[[1., 1.],\\n        [1., 1.]]' -> '[[1., 1.], [1.,
    1.]]'."""
    return " ".join(line.strip() for line in data.splitlines())


def _wrap(items: list[str], width: int, indent: str = " ") -> list[str]:
    """'[' + items + ']' broken after commas into lines of at most `width` characters (a single
    item wider than that stays whole: the painter elides it)."""
    lines, line = [], "["
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "]")
        if line in ("[", indent) or len(line) + 1 + len(piece) <= width:
            line = line + piece if line in ("[", indent) else f"{line} {piece}"
        else:
            lines.append(line)
            line = indent + piece
    return lines + [line]


def _vector_rows(row: str, width: int, max_lines: int) -> list[str]:
    """A 1-D printed row in at most `max_lines` lines: all of it when it fits, else its first
    and last elements around '...', as many as fit (PyTorch's own summary, made shorter)."""
    items = [item.strip() for item in row.strip()[1:-1].split(",") if item.strip()]
    values = [item for item in items if item != "..."]
    summarised = len(values) < len(items)
    lines = _wrap(items, width)
    keep = (len(values) + 1) // 2
    while len(lines) > max_lines and keep > 1:
        keep -= 1
        lines = _wrap(values[:keep] + ["..."] + values[-keep:], width)
    if len(lines) > max_lines or (summarised and keep < 1):
        lines = lines[: max_lines - 1] + ["…"]
    return lines


def _elide_row(row: str, width: int) -> str:
    """A matrix row cut after its last whole element that fits, marked with '…'."""
    if len(row) <= width:
        return row
    cut = row.rfind(",", 0, width - 1)
    return (row[: cut + 1] if cut > 0 else row[: width - 2]) + " …"


def _data_rows(data: str, width: int, max_lines: int, vector: bool) -> list[str]:
    """The data part on one line when it fits; a vector wrapped after its commas (shortened
    around '...' when long); a matrix as the engine's rows, each cut to `width`, at most
    `max_lines` lines (a last '…' line says that rows were left out)."""
    one_line = collapse(data)
    if len(one_line) <= width:
        return [one_line]
    if vector:
        return _vector_rows(one_line, width, max_lines)
    indent = " " * len("tensor(")
    rows: list[str] = []
    for line in data.splitlines():
        if line.strip().startswith("[") or not rows:
            rows.append(line.removeprefix(indent))
        elif line.strip():   # PyTorch wrapped a long row at 80 characters: join it back
            rows[-1] += " " + line.strip()
    if len(rows) > max_lines:
        rows = rows[: max_lines - 1] + ["…"]
    # Small matrices keep whole rows a little wider than `width`; long rows are cut to it.
    whole = all(len(row) <= width + MATRIX_SLACK for row in rows)
    return rows if whole else [_elide_row(row, width) for row in rows]


def compact_lines(value: object, width: int, max_lines: int = 3) -> list[tuple[str, str]]:
    """A value as (text, style) lines of at most `width` characters; style 'value' or 'muted'.

    Scalars keep PyTorch's printed form, broken before the keywords when too wide:
    'tensor(5.,' / '  grad_fn=<AddBackward0>)'. Bigger tensors show their data (on one line
    when it fits, else the engine's own rows, wrapped after commas; big tensors are already
    summarised by the engine as PyTorch does: first and last elements around '...') and the
    keywords in a muted line.
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
        # grad_fn names are what the learner looks for: they may run a little wider, in the
        # muted keyword style of the bigger tensors.
        shown = elide_lines("\n".join(lines), max_lines, width + KEYWORD_SLACK)
        return [(line, "value" if i == 0 else "muted") for i, line in enumerate(shown)]
    lines = [(row, "value") for row in _data_rows(data, width, max_lines, value.dim() == 1)]
    for keyword in keywords.split(", ") if keywords else []:
        lines += [(line, "muted") for line in elide_lines(keyword, 1, width + KEYWORD_SLACK)]
    return lines


def compact_grad_lines(grad: object, width: int, max_lines: int = 3) -> list[str]:
    """'grad: tensor(4.)', 'grad: [4.5, 4.5]', or rows under the label: 'grad: [[4.5, 4.5],' /
    '       [4.5, 4.5]]', wrapped after commas to `max_lines` lines of `width` characters."""
    label = "grad: "
    text = value_repr(grad)
    if isinstance(grad, engine.Tensor) and grad.dim() > 0:
        data, _keywords = split_repr(text)
        rows = _data_rows(data, width - len(label), max_lines, grad.dim() == 1)
        return [label + rows[0]] + [" " * len(label) + row for row in rows[1:]]
    text = label + text.replace("\n", "\n" + " " * len(label))
    return elide_lines(text, max_lines, width + KEYWORD_SLACK)   # a whole scalar, never cut
