"""The workbench's rows are told apart in every language: Chinese once called both the learning
rate's slider and the learning rates trained side by side "学习率"."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from explorer.training.workbench import TrainingWorkbench


def test_zh_cn_workbench_names_each_row_once(language, qtbot):
    language("zh_CN")
    bench = TrainingWorkbench()
    qtbot.addWidget(bench)
    rows = [label.text() for label in bench.findChildren(QLabel)
            if label.text() and not label.text()[0].isdigit()]   # not the values beside them
    assert "学习率" in rows
    assert len(rows) == len(set(rows)), sorted(n for n in rows if rows.count(n) > 1)
