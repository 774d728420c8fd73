"""The toolbar's Undo button says "Undo" whatever the edit (the Edit menu names it): a long
name widened the button and squeezed the expression field."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from explorer.language import install_translator


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    install_translator(qapp, request.param)
    yield request.param
    install_translator(qapp, "en")


def test_the_undo_button_keeps_its_short_label_after_an_import(app_look, language,
                                                                 make_window):
    window = make_window()
    button = window.main_toolbar.widgetForAction(window.undo_action)
    window.code_actions.import_source("x = torch.tensor(1.0, requires_grad=True)\n"
                                    "out = (3*(x+2)**2).mean()\n", "Import a_long_snippet_name.py")
    QApplication.processEvents()
    assert window.undo_stack.canUndo()
    assert "a_long_snippet_name" in window.undo_action.text()   # the menu names the edit
    assert "a_long_snippet_name" not in button.text()
    assert button.text() == {"en": "Undo", "zh_CN": "撤销"}[language]
