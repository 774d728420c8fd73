"""Refusals name the real problem: a look-alike letter, a bare `nan`, **kwargs, a nan bound."""
from __future__ import annotations

import pytest

from explorer.core.codegen.expression import parse_expression
from explorer.core.codegen.snippet_import import SnippetError, import_snippet
from explorer.core.document import evaluation
from explorer.core.document.graph_document import GraphDocument

CYRILLIC_O = "\u043e"


def refusal(text: str) -> str:
    with pytest.raises(SnippetError) as raised:
        parse_expression(text, GraphDocument())
    return str(raised.value)


def test_a_cyrillic_letter_in_torch_is_named_in_the_expression_bar():
    message = refusal(f"y = t{CYRILLIC_O}rch.exp(x)")
    assert "is not defined" in message and "looks like 'torch'" in message
    assert "U+043E" in message


def test_a_cyrillic_letter_in_torch_is_named_in_a_snippet():
    with pytest.raises(SnippetError, match="looks like 'torch'"):
        import_snippet(f"import torch\nx = torch.ones(2)\ny = t{CYRILLIC_O}rch.exp(x)\n")


def test_a_greek_letter_still_names_a_new_input():
    names = [spec.name for spec in parse_expression("y = \u03b8 * 2", GraphDocument()).nodes]
    assert "\u03b8" in names


@pytest.mark.parametrize("name", ["nan", "inf"])
def test_a_bare_nan_is_not_a_new_input(name):
    message = refusal(f"y = x * {name}")
    assert f"name '{name}' is not defined" in message
    assert f"float('{name}')" in message


def test_float_nan_still_works_in_the_expression_bar():
    parse_expression("y = x * float('nan')", GraphDocument())


def test_kwargs_unpacking_is_named_not_reported_as_none():
    message = refusal("x = torch.ones(2, **{'dtype': 1})")
    assert "**kwargs" in message and "None" not in message


def test_an_arange_input_with_a_nan_end_says_the_range_is_unsupported():
    doc = GraphDocument()
    node = doc.add_node("input", params={"init": "arange", "start": "0", "end": "nan",
                                         "step": "1"})
    error = evaluation.evaluate(doc).errors[node]
    assert "unsupported range: 0 -> nan" in error
    assert "cannot convert" not in error
