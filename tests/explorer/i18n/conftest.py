"""Fixtures for the translation and guide tests: a main window with its own settings file, and
the application switched to a language for one test (and back to English afterwards)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from explorer.i18n import install_translator


@pytest.fixture(autouse=True, scope="session")
def isolated_user_dirs():
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def language(qapp):
    """Call with "zh_CN" to run the rest of the test in Chinese."""
    def switch(code: str) -> None:
        install_translator(qapp, code)
    yield switch
    install_translator(qapp, "en")


@pytest.fixture
def make_window(qtbot, tmp_path, settings):
    from explorer.main_window import MainWindow

    def make():
        win = MainWindow(settings=settings, autosave_directory=tmp_path / "autosave",
                         interactive=False)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win
    return make


@pytest.fixture
def window(make_window):
    return make_window()
