"""A too-deep expression is refused with its own line, whichever node reaches the depth limit
first (an operator or a load context has no line of its own)."""
from __future__ import annotations

import pytest

from explorer.core.codegen.snippet_import import MAX_DEPTH, SnippetError, parse_snippet


@pytest.mark.parametrize("expression", [
    " + ".join(["x"] * (MAX_DEPTH + 50)),       # parsed by every Python, refused by depth
    "x" + ".exp()" * (MAX_DEPTH + 50),
])
def test_a_too_deep_expression_is_refused_on_its_own_line(expression):
    source = "x = torch.tensor(2.0)\ny = x * 3\nz = " + expression + "\nw = x + 1\n"
    with pytest.raises(SnippetError) as refused:
        parse_snippet(source)
    assert refused.value.line == 3, str(refused.value)
