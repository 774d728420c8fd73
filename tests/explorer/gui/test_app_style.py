"""The application's style sheet: every image it names exists, so spin and combo boxes show
their arrows."""
from __future__ import annotations

import re
from pathlib import Path

from explorer.app import style_sheet


def test_every_image_of_the_style_sheet_is_an_existing_file():
    sheet = style_sheet()
    urls = re.findall(r"url\(([^)]*)\)", sheet)
    assert any("chevron-down" in url for url in urls)   # combo and spin box arrows are drawn
    for url in urls:
        assert Path(url).is_absolute() and Path(url).is_file(), url
