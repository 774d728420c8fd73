"""Which language the program starts in (--lang, the remembered choice, the system locale), and
what View > Language does."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from explorer import settings as user_settings
from explorer.cli import build_parser
from explorer.core.i18n import LANGUAGES, current_language
from explorer.guide.toolbar_labels import toolbar_label
from explorer.language import startup_language, system_language

ROOT = Path(__file__).resolve().parents[3]
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_lang_option_beats_the_saved_choice(settings):
    user_settings.save_language("en", settings)
    args = build_parser().parse_args(["--lang", "zh_CN"])
    assert startup_language(args.lang, settings) == "zh_CN"


def test_saved_choice_beats_the_system_locale(settings):
    other = "zh_CN" if system_language() == "en" else "en"
    user_settings.save_language(other, settings)
    assert startup_language(None, settings) == other


def test_unknown_saved_language_is_ignored(settings):
    settings.setValue(user_settings.LANGUAGE_KEY, "klingon")
    assert user_settings.saved_language(LANGUAGES, settings) is None
    assert startup_language(None, settings) == system_language()


def test_main_window_menus_are_chinese_after_switching_to_zh_CN(language, make_window):
    language("zh_CN")
    assert current_language() == "zh_CN"
    window = make_window()
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    assert all(HAN.search(title) for title in titles), titles
    assert window.guide.guide_action.text() != "Show &Guided Tour" and HAN.search(
        window.guide.concepts_action.text())


def test_english_is_the_source_text(language, make_window):
    language("en")
    window = make_window()
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]


def menu_titles(tmp_path: Path, *, argv: tuple[str, ...] = (), saved: str = "",
                locale: str = "en_US.UTF-8") -> list[str]:
    """Start the program's QApplication in a fresh interpreter (command line `argv`, remembered
    language `saved`, system locale `locale`, QSettings under tmp_path); its menu titles."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
               QT_QPA_PLATFORM="offscreen", LANG=locale, LC_ALL=locale, LC_MESSAGES=locale,
               LANGUAGE=locale.split(".")[0])
    done = subprocess.run([sys.executable, "-c", MENU_TITLES, saved, *argv], check=False,
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split("|")


MENU_TITLES = """
import sys
from PySide6.QtCore import QCoreApplication
from explorer import settings
from explorer.app import APPLICATION, ORGANIZATION, create_application
from explorer.cli import build_parser
from explorer.guide.toolbar_labels import toolbar_label
from explorer.main_window import MainWindow
if sys.argv[1]:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    settings.save_language(sys.argv[1])
args = build_parser().parse_args(sys.argv[2:])
app = create_application(["autograd-explorer"], args.lang)
window = MainWindow(interactive=False)
print("|".join(a.text() for a in window.menuBar().actions()))
"""


def test_lang_zh_CN_on_the_command_line_starts_in_chinese(tmp_path):
    titles = menu_titles(tmp_path, argv=("--lang", "zh_CN"))
    assert titles[0] == "文件(&F)" and titles[-1] == "帮助(&H)"


def test_system_locale_chooses_when_there_is_no_lang_or_saved_choice(tmp_path):
    assert menu_titles(tmp_path, locale="zh_CN.UTF-8")[0] == "文件(&F)"
    assert menu_titles(tmp_path, locale="de_DE.UTF-8")[0] == "&File"


def test_remembered_language_applies_at_the_next_start_unless_lang_overrides(tmp_path):
    assert menu_titles(tmp_path, saved="zh_CN")[0] == "文件(&F)"
    assert menu_titles(tmp_path, saved="zh_CN", argv=("--lang", "en"))[0] == "&File"
    assert menu_titles(tmp_path, saved="en", locale="zh_CN.UTF-8")[0] == "&File"


def test_language_menu_remembers_the_choice_and_says_when_it_applies(window, settings):
    assert [a.text() for a in window.guide.language_menu.actions()] == ["English", "简体中文"]
    assert window.guide.language_actions[current_language()].isChecked()
    window.guide.language_actions["zh_CN"].trigger()
    assert user_settings.saved_language(LANGUAGES, settings) == "zh_CN"
    assert window.guide.language_actions["zh_CN"].isChecked()
    assert "简体中文" in window.statusBar().currentMessage()


def test_toolbar_label_drops_the_accelerator_suffix_and_ellipsis():
    assert toolbar_label("打开(&O)…") == "打开"
    assert toolbar_label("撤销(&U) 添加 add") == "撤销 添加 add"
    assert toolbar_label("Save &As…") == "Save As"
    assert toolbar_label("R&&D") == "R&D"


def test_chinese_toolbar_buttons_show_no_accelerator_suffix(language, make_window):
    language("zh_CN")
    window = make_window()
    buttons = [a for a in window.main_toolbar.actions() if not a.isSeparator()]
    assert window.files.new_action in buttons and window.files.new_action.text() == "新建(&N)"
    assert [a.iconText() for a in buttons if "(" in a.iconText()] == []
    window.files.new_action.setText("新的(&W)")          # a later change is tidied too
    assert window.files.new_action.iconText() == "新的"


def test_restart_now_closes_the_window_and_starts_the_program_on_the_saved_file(
        window, monkeypatch, tmp_path):
    from explorer.guide import help_and_language_menus

    calls = []

    class Process:
        @staticmethod
        def startDetached(program, arguments):
            calls.append((program, arguments))
            return True

    class Application:
        @staticmethod
        def quit():
            calls.append("quit")

    monkeypatch.setattr(help_and_language_menus, "QProcess", Process)
    monkeypatch.setattr(help_and_language_menus, "QApplication", Application)
    path = str(tmp_path / "graph.json")
    assert window.open_example("x_squared", ask=False) and window.save_to(path)
    assert help_and_language_menus.restart_application(window)
    assert not window.isVisible()
    assert calls == [(sys.executable, ["-m", "explorer", window.file_path]), "quit"]


def test_qt_standard_buttons_follow_the_language(language, qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    def texts() -> list[str]:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
        return sorted(button.text() for button in box.buttons())

    language("zh_CN")
    assert texts() == sorted(["保存", "取消"])
    language("en")
    assert texts() == ["Cancel", "Save"]
