"""Parse values a user types ("2.0", "[[1, 2], [3, 4]]", "-pi", "0:2, 1") without eval.

A small tokenizer and an explicit-stack parser accept only numeric and bool literals, unary
signs, a few named constants, and nested lists/tuples; nothing the user types is executed.
Limits keep hostile text cheap to refuse: nesting depth, element count and literal size.

Big plain numeric lists (a file with 10**6 numbers) take a fast path: a one-regex scan proves
the text holds only digits, signs, dots, exponents, commas and square brackets, then the C JSON
parser reads it and NumPy checks the shape. Anything the fast path is not sure about (tuples,
names, bools, ragged rows, huge literals, too many elements) goes to the careful parser, so every
refusal keeps its message. Big texts are parsed once and remembered (evaluation, export and the
code view all read the same value text).
"""
from __future__ import annotations

import json
import math
import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from explorer.core.i18n import translate

MAX_DEPTH = 32
MAX_ELEMENTS = 10**7
MAX_TEXT_CHARS = 200_000_000
MAX_NUMBER_CHARS = 400
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

Scalar = int | float | bool
Value = int | float | bool | list

# Names a learner may type for special numbers; PyTorch programs spell them math.pi, math.inf ...
NAMED_CONSTANTS: dict[str, float] = {
    "pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan,
    "math.pi": math.pi, "math.e": math.e, "math.inf": math.inf, "math.nan": math.nan,
}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)
    | (?P<special>float\(\s*(?P<quote>['"])[+-]?(?:nan|inf|infinity)(?P=quote)\s*\))
    | (?P<name>[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)?)
    | (?P<punct>[\[\]\(\),:+-]|\.\.\.)
    )""",
    re.VERBOSE,
)


class ValueTextError(ValueError):
    """The text is not a value we accept; the message is translated and user-readable."""


@dataclass(frozen=True)
class _Token:
    kind: str   # "number" | "special" (float('nan')) | "name" | "punct" | "end"
    text: str
    pos: int    # 1-based column, for messages


class _Tokens:
    """A lazy token stream with one token of lookahead (huge texts are never tokenized whole)."""

    def __init__(self, text: str) -> None:
        if len(text) > MAX_TEXT_CHARS:
            raise ValueTextError(translate("ValueText", "The value text is too long."))
        self._text = text
        self._pos = 0
        self._end = len(text.rstrip())
        self.current = self._read()

    def advance(self) -> _Token:
        token = self.current
        self.current = self._read()
        return token

    def _read(self) -> _Token:
        if self._pos >= self._end:
            return _Token("end", "", self._end + 1)
        match = _TOKEN.match(self._text, self._pos)
        if match is None or match.lastgroup is None:
            column = self._pos + len(self._text[self._pos:]) - len(self._text[self._pos:].lstrip())
            raise ValueTextError(
                translate("ValueText", "Unexpected character {char!r} at position {pos}.").format(
                    char=self._text[column], pos=column + 1))
        kind = match.lastgroup
        self._pos = match.end()
        return _Token(kind, match.group(kind), match.start(kind) + 1)


def _number(token: _Token, negative: bool) -> int | float:
    text = token.text.replace("_", "")
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueTextError(translate("ValueText", "The number at position {pos} is too long.")
                             .format(pos=token.pos))
    if re.fullmatch(r"\d+", text):
        value = int(text)
        value = -value if negative else value
        if not INT64_MIN <= value <= INT64_MAX:
            raise ValueTextError(translate(
                "ValueText", "The integer {text} at position {pos} does not fit in int64.")
                .format(text=token.text, pos=token.pos))
        return value
    try:
        number = float(text)
    except ValueError:
        raise ValueTextError(translate("ValueText", "{text!r} at position {pos} is not a number.")
                             .format(text=token.text, pos=token.pos)) from None
    if math.isinf(number):
        # 1e999999 silently becoming inf would hide a typo; inf must be asked for by name.
        raise ValueTextError(translate(
            "ValueText",
            "The number {text} at position {pos} is too large (write inf for infinity).")
            .format(text=token.text, pos=token.pos))
    return -number if negative else number


def _scalar(tokens: _Tokens) -> Scalar:
    """Parse signs followed by a number, bool or named constant."""
    negative = False
    signed = False
    while tokens.current.kind == "punct" and tokens.current.text in ("+", "-"):
        negative ^= tokens.advance().text == "-"
        signed = True
    token = tokens.advance()
    if token.kind == "number":
        return _number(token, negative)
    if token.kind == "special":   # float('nan'), float("-inf"): what format_value writes
        value = float(token.text[token.text.index("(") + 1 : token.text.rindex(")")].strip()[1:-1])
        return -value if negative else value
    if token.kind == "name":
        if token.text in ("True", "False"):
            if signed:
                raise ValueTextError(translate(
                    "ValueText", "A sign cannot be applied to {name} (position {pos}).")
                    .format(name=token.text, pos=token.pos))
            return token.text == "True"
        if token.text in NAMED_CONSTANTS:
            value = NAMED_CONSTANTS[token.text]
            return -value if negative else value
        raise ValueTextError(translate(
            "ValueText", "Unknown name {name!r} at position {pos}; only numbers, True, False, "
            "pi, e, inf and nan are allowed.").format(name=token.text, pos=token.pos))
    if token.kind == "end":
        raise ValueTextError(translate("ValueText", "The value ends too early."))
    raise ValueTextError(translate("ValueText", "Unexpected {text!r} at position {pos}.")
                         .format(text=token.text, pos=token.pos))


@dataclass
class _Frame:
    """One open bracket: its items, the shape every item must share, and its closer."""
    closer: str
    items: list
    item_shape: tuple | None = None
    had_comma: bool = False


def _shape_of_item(item: Value) -> tuple:
    return item[1] if isinstance(item, tuple) else ()


FAST_PATH_MIN_CHARS = 2_000   # below this the careful parser is fast enough
_CACHE_SIZE = 8
_PLAIN_NUMERIC_LIST = re.compile(r"\s*\[[0-9\s.,eE+\-\[\]]*\]\s*")
_LONG_DIGIT_RUN = re.compile(r"[0-9]{19}")   # may not fit in int64, or exceed MAX_NUMBER_CHARS
_parsed: OrderedDict[str, Value] = OrderedDict()


def parse_value(text: str) -> Value:
    """A Python scalar (int, float, bool) or a rectangular nested list of them.

    Big values are cached by text: treat the returned list as read-only.
    """
    if len(text) < FAST_PATH_MIN_CHARS:
        return _parse_carefully(text)
    if text in _parsed:
        _parsed.move_to_end(text)
        return _parsed[text]
    value = _parse_plain_numeric_list(text)
    if value is None:
        value = _parse_carefully(text)
    _parsed[text] = value
    if len(_parsed) > _CACHE_SIZE:
        _parsed.popitem(last=False)
    return value


def _parse_plain_numeric_list(text: str) -> list | None:
    """The value of a plain JSON-style numeric list, or None when the careful parser must decide."""
    if len(text) > MAX_TEXT_CHARS or _PLAIN_NUMERIC_LIST.fullmatch(text) is None \
            or _LONG_DIGIT_RUN.search(text) is not None:
        return None
    if len(text) - len(text.lstrip().lstrip("[")) > MAX_DEPTH:
        return None
    try:
        value = json.loads(text)
        array = np.array(value)   # ragged nesting raises ValueError
    except (ValueError, RecursionError):
        return None
    if array.ndim > MAX_DEPTH or array.size > MAX_ELEMENTS or array.dtype.kind not in "iuf":
        return None
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        return None   # 1e999 read as inf: the careful parser says it is too large
    return value


def _parse_carefully(text: str) -> Value:
    tokens = _Tokens(text)
    if tokens.current.kind == "end":
        raise ValueTextError(translate("ValueText", "Enter a value, e.g. 2.0 or [[1, 2], [3, 4]]."))
    # Items inside frames are (list, shape) pairs for lists, plain Python scalars otherwise.
    stack: list[_Frame] = [_Frame(closer="end", items=[])]
    elements = 0
    expect_item = True
    while True:
        token = tokens.current
        frame = stack[-1]
        if expect_item:
            if token.kind == "punct" and token.text in ("[", "("):
                if len(stack) > MAX_DEPTH:
                    raise ValueTextError(translate(
                        "ValueText", "The value is nested too deeply (more than {n} levels).")
                        .format(n=MAX_DEPTH))
                stack.append(_Frame(closer="]" if token.text == "[" else ")", items=[]))
                tokens.advance()
                continue
            if not frame.items and frame.closer != "end" and _closes(token, frame):
                expect_item = False   # an empty list: the closing logic below handles it
                continue
            scalar = _scalar(tokens)
            elements += 1
            if elements > MAX_ELEMENTS:
                raise ValueTextError(translate(
                    "ValueText", "The value has more than {n} elements.").format(n=MAX_ELEMENTS))
            _append(frame, scalar, token)
            expect_item = False
            continue
        if token.kind == "punct" and token.text == ",":
            frame.had_comma = True
            tokens.advance()
            expect_item = not _closes(tokens.current, frame)   # a trailing comma, as Python allows
            continue
        if _closes(token, frame):
            stack.pop()
            if not stack:
                if frame.had_comma:
                    return _as_list(frame)
                return _unwrap(frame.items[0])
            # (2) is just 2 in brackets; (2,) and [2] are sequences.
            is_group = frame.closer == ")" and not frame.had_comma and len(frame.items) == 1
            item = frame.items[0] if is_group else (_as_list(frame), _frame_shape(frame))
            _append(stack[-1], item, token)
            tokens.advance()
            continue
        if token.kind == "end":
            raise ValueTextError(translate("ValueText", "A bracket is not closed."))
        raise ValueTextError(translate(
            "ValueText", "Expected a comma or a closing bracket at position {pos}, found {text!r}.")
            .format(pos=token.pos, text=token.text))


def _closes(token: _Token, frame: _Frame) -> bool:
    if frame.closer == "end":
        return token.kind == "end"
    return token.kind == "punct" and token.text == frame.closer


def _frame_shape(frame: _Frame) -> tuple:
    return (len(frame.items),) + (frame.item_shape or ())


def _append(frame: _Frame, item, token: _Token) -> None:
    shape = _shape_of_item(item)
    if frame.item_shape is None:
        frame.item_shape = shape
    elif frame.item_shape != shape:
        raise ValueTextError(translate(
            "ValueText", "The lists are ragged: every row must have the same length "
            "(near position {pos}).").format(pos=token.pos))
    frame.items.append(item)


def _unwrap(item) -> Value:
    return item[0] if isinstance(item, tuple) else item


def _as_list(frame: _Frame) -> list:
    return [_unwrap(item) for item in frame.items]


def value_shape(value: Value) -> tuple[int, ...]:
    """The shape of a parsed value (() for a scalar)."""
    shape: list[int] = []
    while isinstance(value, list):
        shape.append(len(value))
        if not value:
            break
        value = value[0]
    return tuple(shape)


def is_scalar(value: Value) -> bool:
    return not isinstance(value, list)


def format_value(value: Value) -> str:
    """Python source for a parsed value, for generated code (nan and inf spelled as floats)."""
    if isinstance(value, list):
        text = repr(value)   # the same spelling, at C speed, when no nan or inf needs words
        if "nan" not in text and "inf" not in text:
            return text
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, float):
        if math.isnan(value):
            return "float('nan')"
        if math.isinf(value):
            return "float('inf')" if value > 0 else "-float('inf')"
    return repr(value)


def _int_list(text: str, *, what: str) -> list[int] | None:
    """Integers separated by commas, optionally in brackets; None for empty text."""
    if not text.strip():
        return None
    value = parse_value(text)
    items = value if isinstance(value, list) else [value]
    if any(isinstance(v, list) for v in items) or \
            not all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        if what == "dim":
            raise ValueTextError(translate(
                "ValueText",
                "A dim must be an integer or integers separated by commas, e.g. 0 or 0, 1."))
        raise ValueTextError(translate(
            "ValueText", "A shape must be integers separated by commas, e.g. 2, 3."))
    return items


def parse_shape(text: str, *, allow_minus_one: bool = False) -> tuple[int, ...]:
    """A shape such as "2, 3", "(2, 3)", "[4]" or "" (a 0-dim tensor)."""
    items = _int_list(text, what="shape") or []
    for n in items:
        if n < 0 and not (allow_minus_one and n == -1):
            raise ValueTextError(translate(
                "ValueText", "Shape sizes must not be negative (found {n}).").format(n=n))
    if allow_minus_one and items.count(-1) > 1:
        raise ValueTextError(translate("ValueText", "Only one size in a shape may be -1."))
    if math.prod(n for n in items if n > 0) > MAX_ELEMENTS:
        raise ValueTextError(translate(
            "ValueText", "The shape has more than {n} elements.").format(n=MAX_ELEMENTS))
    return tuple(items)


def parse_dims(text: str) -> int | tuple[int, ...] | None:
    """A reduction's dim: "" (all dims) -> None, "0" -> 0, "0, 1" -> (0, 1)."""
    items = _int_list(text, what="dim")
    if items is None:
        return None
    if len(items) == 1 and "," not in text:
        return items[0]
    return tuple(items)


IndexItem = int | slice | type(Ellipsis) | None


def parse_index(text: str) -> tuple[IndexItem, ...]:
    """An index such as "0", "0:2", "1, :", "..., ::2" or "None, 0" as a tuple of index items."""
    if not text.strip():
        raise ValueTextError(translate("ValueText", "Enter an index, e.g. 0 or 0:2 or 1, :."))
    if len(text) > 10_000:
        raise ValueTextError(translate("ValueText", "The index text is too long."))
    items: list[IndexItem] = []
    for part in text.split(","):
        part = part.strip()
        if part == "" and items and text.rstrip().endswith(","):
            continue
        items.append(_index_item(part))
    return tuple(items)


def _index_item(part: str) -> IndexItem:
    if part == "...":
        return Ellipsis
    if part == "None":
        return None
    pieces = part.split(":")
    if len(pieces) == 1:
        return _index_int(part)
    if len(pieces) > 3:
        raise ValueTextError(
            translate("ValueText", "{part!r} is not a valid slice.").format(part=part))
    bounds = [_index_int(p) if p.strip() else None for p in pieces]
    return slice(*bounds)


def _index_int(part: str) -> int:
    if not re.fullmatch(r"\s*[+-]?\s*\d{1,19}\s*", part):
        raise ValueTextError(translate(
            "ValueText", "{part!r} is not an index; use integers, slices like 0:2, ':' or '...'.")
            .format(part=part))
    return int(part.replace(" ", ""))


def format_index(index: tuple[IndexItem, ...]) -> str:
    """Python source of an index tuple, e.g. (1, slice(None)) -> "1, :"."""
    def one(item: IndexItem) -> str:
        if item is Ellipsis:
            return "..."
        if item is None:
            return "None"
        if isinstance(item, slice):
            parts = ["" if p is None else str(p) for p in (item.start, item.stop, item.step)]
            return ":".join(parts[:2]) if item.step is None else ":".join(parts)
        return str(item)
    return ", ".join(one(item) for item in index)
