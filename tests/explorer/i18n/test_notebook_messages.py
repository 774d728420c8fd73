"""A traced notebook speaks the user's language: the IPython-only lines it skipped, a file that is
not a notebook, and the trace dialog's file filter."""
from __future__ import annotations

from pathlib import Path

import pytest

from explorer.core.live.notebook import NotebookError, read_notebook
from explorer.live_view import trace_command

LESSON = Path(__file__).resolve().parents[1] / "live" / "data" / "gradient_lesson.ipynb"


def test_the_skipped_ipython_lines_are_listed_in_chinese(language, capsys):
    language("zh_CN")
    assert trace_command.main(["--list", str(LESSON)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "跳过了 4 行 IPython 专用代码（普通 Python 无法运行它们）："
    assert err[1:] == ["  In[1]:1  %matplotlib inline", "  In[1]:2  !pip install torch",
                       "  In[2]:3  torch.tensor?", "  In[3]:1  %%time"]


@pytest.mark.parametrize(("text", "says"), [
    ('{"cells": [', "不是 Jupyter 笔记本：它的 JSON 在第 1 行第 12 列损坏。"),
    ('[1, 2]', "是 JSON，但不是 Jupyter 笔记本：它没有单元格列表。"),
    ('{"cells": [], "nbformat": 3}', "格式 3 的笔记本：只能跟踪格式 4"),
])
def test_a_file_that_is_not_a_notebook_is_explained_in_chinese(language, tmp_path, text, says):
    language("zh_CN")
    path = tmp_path / "bad.ipynb"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotebookError) as error:
        read_notebook(str(path))
    assert says in str(error.value)


def test_the_trace_dialog_offers_notebooks_in_chinese(language, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    language("zh_CN")
    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: offered.append(args[3]) or ("", ""))
    assert not window.trace_action.trace()
    assert offered == ["Python 脚本和笔记本 (*.py *.ipynb)"]
