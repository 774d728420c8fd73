import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.document import value_text
from explorer.core.document.value_text import (
    ValueTextError,
    format_index,
    format_value,
    parse_dims,
    parse_index,
    parse_shape,
    parse_value,
    value_shape,
)


@pytest.mark.parametrize("text, expected", [
    ("2", 2), ("2.0", 2.0), ("-1e-3", -0.001), ("True", True), ("False", False),
    ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]), ("[[1., 2.], [3., 4.]]", [[1.0, 2.0], [3.0, 4.0]]),
    ("(1, 2)", [1, 2]), ("(1,)", [1]), ("(2)", 2), ("[]", []), ("[1, 2,]", [1, 2]),
    ("  -  3 ", -3), ("--2", 2), ("+.5", 0.5), ("1_000", 1000), ("-pi", -math.pi),
    ("math.e", math.e), ("[True, False]", [True, False]), ("-9223372036854775808", -(2**63)),
])
def test_parse_value_accepts_literals(text, expected):
    value = parse_value(text)
    assert value == expected
    assert type(value) is type(expected)


def test_parse_value_keeps_int_float_bool_apart():
    assert [type(v) for v in parse_value("[1, 1.0, True]")] == [int, float, bool]


def test_parse_value_nan_and_inf_by_name():
    assert math.isnan(parse_value("nan"))
    assert parse_value("inf") == math.inf
    assert parse_value("-inf") == -math.inf


@pytest.mark.parametrize("text, fragment", [
    ("__import__('os')", "Unknown name '__import__'"),
    ("os.system('ls')", "Unknown name 'os.system'"),
    ("1e999999", "too large"),
    ("99999999999999999999", "int64"),
    ("[[1, 2], [3]]", "ragged"),
    ("[1, [2]]", "ragged"),
    ("", "Enter a value"),
    ("[1 2]", "position 4"),
    ("[1, 2", "not closed"),
    ("1]", "position 2"),
    ("-True", "sign"),
    ("2 ** 1000", "position 3"),
    ("lambda: 0", "Unknown name 'lambda'"),
    ("x", "Unknown name 'x'"),
    ("1; 2", "Unexpected character ';'"),
    ("'text'", "Unexpected character"),
])
def test_parse_value_refuses_with_a_clear_message(text, fragment):
    with pytest.raises(ValueTextError) as info:
        parse_value(text)
    assert fragment in str(info.value)


def test_parse_value_refuses_deep_nesting_before_reading_it_all():
    deep = "[" * 100_000 + "1" + "]" * 100_000
    with pytest.raises(ValueTextError, match="nested too deeply"):
        parse_value(deep)
    ok = "[" * value_text.MAX_DEPTH + "1" + "]" * value_text.MAX_DEPTH
    assert value_shape(parse_value(ok)) == (1,) * value_text.MAX_DEPTH


def test_parse_value_refuses_too_many_elements(monkeypatch):
    monkeypatch.setattr(value_text, "MAX_ELEMENTS", 5)
    assert parse_value("[1, 2, 3, 4, 5]") == [1, 2, 3, 4, 5]
    with pytest.raises(ValueTextError, match="more than 5 elements"):
        parse_value("[1, 2, 3, 4, 5, 6]")


def test_parse_value_refuses_huge_number_text():
    with pytest.raises(ValueTextError, match="too long"):
        parse_value("1" * 5000)


def test_value_shape_of_nested_lists():
    assert value_shape(parse_value("[[1, 2, 3], [4, 5, 6]]")) == (2, 3)
    assert value_shape(parse_value("2.0")) == ()
    assert value_shape(parse_value("[[], []]")) == (2, 0)


def test_format_value_round_trips_through_python_literals():
    for text in ("[[1, 2.5], [3, -4e-08]]", "True", "-7", "[[0.1, 0.2, 0.3]]"):
        value = parse_value(text)
        assert parse_value(format_value(value)) == value
    assert format_value(parse_value("[nan, inf, -inf]")) == \
        "[float('nan'), float('inf'), -float('inf')]"


def test_parse_shape():
    assert parse_shape("2, 3") == (2, 3)
    assert parse_shape("(4,)") == (4,)
    assert parse_shape("[2, 2]") == (2, 2)
    assert parse_shape("") == ()
    assert parse_shape("-1, 2", allow_minus_one=True) == (-1, 2)
    for bad in ("-1, 2", "2.5", "a", "[[2]]", "True"):
        with pytest.raises(ValueTextError):
            parse_shape(bad)
    with pytest.raises(ValueTextError, match="Only one"):
        parse_shape("-1, -1", allow_minus_one=True)
    with pytest.raises(ValueTextError, match="elements"):
        parse_shape("100000, 100000, 100000")


def test_parse_dims():
    assert parse_dims("") is None
    assert parse_dims("0") == 0
    assert parse_dims("-1") == -1
    assert parse_dims("0, 1") == (0, 1)
    with pytest.raises(ValueTextError, match="dim"):
        parse_dims("0.5")


@pytest.mark.parametrize("text, expected, formatted", [
    ("0", (0,), "0"),
    ("0:2", (slice(0, 2),), "0:2"),
    ("1, :", (1, slice(None)), "1, :"),
    ("..., ::2", (Ellipsis, slice(None, None, 2)), "..., ::2"),
    ("-1", (-1,), "-1"),
    ("None, 0", (None, 0), "None, 0"),
])
def test_parse_index(text, expected, formatted):
    assert parse_index(text) == expected
    assert format_index(parse_index(text)) == formatted


@pytest.mark.parametrize("text", ["", "a", "0:1:2:3", "__import__('os')", "1.5", "[0]"])
def test_parse_index_refuses(text):
    with pytest.raises(ValueTextError):
        parse_index(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_parse_value_never_raises_anything_but_value_text_error(text):
    try:
        parse_value(text)
    except ValueTextError as exc:
        assert str(exc)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="[](),:-+0123456789.eE_ TrueFalsenaipx", max_size=40))
def test_parse_value_on_near_miss_text_never_crashes(text):
    for parse in (parse_value, parse_index, parse_shape, parse_dims):
        try:
            parse(text)
        except ValueTextError as exc:
            assert str(exc)


scalars = st.one_of(st.booleans(), st.integers(-(2**63), 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 3).flatmap(
    lambda rows: st.lists(st.lists(scalars, min_size=rows, max_size=rows), max_size=4)))
def test_format_value_then_parse_value_is_identity(value):
    assert parse_value(format_value(value)) == value


def test_what_format_value_writes_for_nan_and_inf_parses_back():
    # (a traced graph's constant card of logdet's where(..., nan, ...) or a leaf with a missing
    # value holds this text: it was "Unknown name 'float'" and the card's code was left out)
    value = [1.0, math.nan, -math.inf, math.inf]
    parsed = parse_value(format_value(value))
    assert parsed[0] == 1.0 and math.isnan(parsed[1]) and parsed[2:] == [-math.inf, math.inf]
    assert parse_value('-float("inf")') == -math.inf
    with pytest.raises(ValueTextError, match="Unknown name 'float'"):
        parse_value("float('x')")
