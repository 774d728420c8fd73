"""A slip in a typed expression is explained in the user's language, not in Python's English
("语法错误：invalid syntax" on the expression bar)."""
from __future__ import annotations

import pytest

from explorer.core.codegen.snippet_import import SnippetError, parse_snippet


@pytest.mark.parametrize("source, english", [
    ("y = w*x +", "invalid syntax"),
    ("y = (x + 1", "'(' was never closed"),
    ("y = x)", "unmatched ')'"),
    ("y = f(x y)", "invalid syntax. Perhaps you forgot a comma?"),
])
def test_zh_cn_explains_the_commonest_syntax_errors_in_chinese(language, source, english):
    with pytest.raises(SnippetError) as english_error:
        parse_snippet(source)
    assert english in str(english_error.value)
    language("zh_CN")
    with pytest.raises(SnippetError) as chinese_error:
        parse_snippet(source)
    message = str(chinese_error.value)
    assert "语法错误" in message
    assert not any("a" <= c.lower() <= "z" for c in message), message
