"""Each menu's Alt+letter accelerators are distinct, in English and in Chinese; every File menu
item has one (File > Trace Python Script or Notebook… among them)."""
from __future__ import annotations

import re

import pytest

ACCELERATOR = re.compile(r"&([^&\s])")


def clashes(menu) -> dict[str, list[str]]:
    """letter -> the texts of the menu's actions that share it, where more than one does."""
    by_letter: dict[str, list[str]] = {}
    for action in menu.actions():
        match = ACCELERATOR.search(action.text().replace("&&", ""))
        if match and not action.isSeparator():
            by_letter.setdefault(match.group(1).lower(), []).append(action.text())
    return {letter: texts for letter, texts in by_letter.items() if len(texts) > 1}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_menu_has_two_actions_on_one_accelerator(language, make_window, lang):
    language(lang)
    window = make_window()
    for title in window.menuBar().actions():
        assert clashes(title.menu()) == {}, (lang, title.text())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_file_menu_item_has_an_accelerator(language, make_window, lang):
    language(lang)
    window = make_window()
    missing = [action.text() for action in window.menu("file").actions()
               if not action.isSeparator()
               and not ACCELERATOR.search(action.text().replace("&&", ""))]
    assert missing == [], lang
