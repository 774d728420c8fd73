"""Big value texts: the fast path gives exactly what the careful parser gives, and a text read
again is not parsed again (`python -m explorer.bench` times both)."""
import math

import pytest

from explorer.core.document import value_text
from explorer.core.document.value_text import ValueTextError, format_value, parse_value, value_shape


def big(items: str, n: int = 1000) -> str:
    """`items` repeated into a list long enough to take the fast path."""
    text = "[" + ", ".join([items] * n) + "]"
    assert len(text) >= value_text.FAST_PATH_MIN_CHARS
    return text


def test_a_million_numbers_parse_once_into_floats():
    text = "[" + ", ".join(f"{k * 0.001:.6f}" for k in range(10**6)) + "]"
    value_text._parsed.clear()
    value = parse_value(text)
    assert len(value) == 10**6 and value[1234] == 1.234 and type(value[0]) is float
    assert parse_value(text) is value   # the code view and export read the same text again


@pytest.mark.parametrize("items", [
    "1", "-2.5", "1e-3", "[1, 2.0]", "[[1, -2], [3, 4]]", "[]", "1E5", "-0", "0.000001",
])
def test_fast_path_equals_careful_parser(items):
    text = big(items)
    value_text._parsed.clear()
    fast = value_text._parse_plain_numeric_list(text)
    careful = value_text._parse_carefully(text)
    assert fast is not None
    assert fast == careful
    assert repr(fast) == repr(careful)   # int stays int, float stays float
    assert parse_value(text) == careful


@pytest.mark.parametrize("items, fragment", [
    ("1e999", "too large"),
    ("99999999999999999999", "int64"),
    ("[1, 2], [3]", "ragged"),
    ("1, [2]", "ragged"),
    ("1 2", "Expected a comma"),
    ("os", "Unknown name 'os'"),
    ("x", "Unknown name 'x'"),
])
def test_big_texts_keep_every_refusal_and_its_message(items, fragment):
    text = big(items)
    with pytest.raises(ValueTextError, match=fragment):
        parse_value(text)


def test_big_texts_refuse_too_many_elements(monkeypatch):
    monkeypatch.setattr(value_text, "MAX_ELEMENTS", 500)
    with pytest.raises(ValueTextError, match="more than 500 elements"):
        parse_value(big("1"))


def test_big_texts_refuse_deep_nesting():
    depth = value_text.MAX_DEPTH + 1
    text = "[" * depth + ", ".join(["1"] * 1000) + "]" * depth
    with pytest.raises(ValueTextError, match="nested too deeply"):
        parse_value(text)


def test_big_texts_with_names_bools_and_tuples_still_parse():
    assert parse_value(big("pi"))[0] == math.pi
    assert parse_value(big("True"))[-1] is True
    assert value_shape(parse_value(big("(1, 2)"))) == (1000, 2)
    assert parse_value(big("1") + " ")[0] == 1


def test_format_value_of_big_lists_matches_python_literals():
    value = parse_value(big("[0.1, -2, 3e-08]"))
    assert format_value(value) == repr(value)
    assert parse_value(format_value(value)) == value
    assert format_value([1.0, math.nan]) == "[1.0, float('nan')]"
