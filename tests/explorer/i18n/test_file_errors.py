"""A broken graph file is explained in the user's language: the JSON decoder's own English
("文件不是有效的 JSON（第 2 行，第 1 列：Expecting value）") is put in words too."""
from __future__ import annotations

import pytest

from explorer.core.document.file_format import FileFormatError, parse_document


@pytest.mark.parametrize("text", ['{"version": 1, "nodes": [ {"id": ', '{"a": 1,}', '[1, 2,]',
                                  '[1 2]', '{"a" 1}', '{"a": "b'])
def test_zh_cn_says_what_is_wrong_with_a_broken_json_file_in_chinese(language, text):
    language("zh_CN")
    with pytest.raises(FileFormatError) as error:
        parse_document(text)
    message = str(error.value)
    assert "JSON" in message
    assert not any("a" <= c.lower() <= "z" for c in message.replace("JSON", "")), message
