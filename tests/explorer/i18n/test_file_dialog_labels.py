"""Qt's own file dialog (File > Open, Save As, Trace…) is Chinese throughout: Qt's catalog lacks
two of its labels ("Look in:", "Files of type:" stayed English), so ours carries them."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel


def test_zh_cn_file_dialog_labels_are_all_chinese(language, qtbot):
    language("zh_CN")
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert len(labels) == 3
    assert not any("a" <= c.lower() <= "z" for text in labels
                   for c in text.replace("&", "").replace("(L)", "").replace("(N)", "")
                   .replace("(T)", "")), labels
