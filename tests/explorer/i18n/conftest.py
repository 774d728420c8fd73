"""The application switched to a language for one test (and back to English afterwards); the
window and settings fixtures come from tests/explorer/conftest.py."""
from __future__ import annotations

import pytest

from explorer.language import install_translator


@pytest.fixture
def language(qapp):
    """Call with "zh_CN" to run the rest of the test in Chinese."""
    def switch(code: str) -> None:
        install_translator(qapp, code)
    yield switch
    install_translator(qapp, "en")
