"""The command line a new user meets: --version, `run` with an example's name, headless commands
that never load Qt's GUI libraries, and a clear message instead of Qt's abort when no window
can be opened."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import explorer
from explorer import cli, display_check

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def _environment(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        env.pop(key, None)
        if value is not None:
            env[key] = value
    return env


def test_version_prints_the_installed_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"autograd-explorer {explorer.__version__}"
    assert explorer.__version__ == "0.1.0"   # pyproject.toml's, through the installed metadata


def test_run_accepts_an_example_name_as_the_editor_does(capsys):
    assert cli.main(["run", "diamond"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "a: tensor(3., requires_grad=True)"
    assert out[-1] == "a.grad: tensor(33.)"


def test_run_of_a_name_that_is_neither_file_nor_example_says_so(capsys):
    assert cli.main(["run", "no_such_example"]) == 1
    assert "no_such_example" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["run", "diamond"], ["train", "--steps", "100"]])
def test_run_and_train_never_import_qt_gui_or_widgets(command):
    checked = _python(
        "import sys\nfrom explorer.cli import main\n"
        f"code = main({command!r})\n"
        "loaded = sorted(m for m in sys.modules if m in ('PySide6.QtGui', 'PySide6.QtWidgets'))\n"
        "print('LOADED', loaded)\nsys.exit(code)\n")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[-1] == "LOADED []"


def test_without_a_display_the_editor_says_what_to_install_and_exits_cleanly():
    started = _python("from explorer.cli import main\nraise SystemExit(main(['--lang', 'en']))",
                      _environment(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None))
    assert started.returncode == 1   # Qt's abort was 134 (SIGABRT, a core dump)
    assert "cannot open its window" in started.stderr and "DISPLAY" in started.stderr
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1", "libgl1"):
        assert package in started.stderr
    assert "autograd-explorer run diamond" in started.stderr
    assert "QT_QPA_PLATFORM=offscreen autograd-explorer" in started.stderr
    assert "qt.qpa" not in started.stderr and "Aborted" not in started.stderr


@pytest.mark.parametrize("output", ["--screenshot", "--record"])
def test_screenshots_and_recordings_need_no_display(tmp_path, output):
    if output == "--record":
        pytest.importorskip("imageio")
    path = tmp_path / ("out.png" if output == "--screenshot" else "out.gif")
    started = _python(
        "from explorer.cli import main\n"
        f"raise SystemExit(main(['--example', 'diamond', '--run', 'backward', {output!r}, "
        f"{str(path)!r}]))",
        _environment(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None))
    assert started.returncode == 0, started.stderr
    assert path.stat().st_size > 0


def test_a_missing_xcb_library_is_named_in_the_reason(monkeypatch, tmp_path):
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"not a shared library")
    monkeypatch.setattr(display_check, "_plugins_dir", lambda: plugins)
    reason = display_check.why_no_window({"DISPLAY": ":0"})
    assert reason is not None and "libqxcb.so" in reason


def test_windowless_platforms_and_wayland_need_no_x_display():
    assert display_check.why_no_window({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_check.why_no_window({"QT_QPA_PLATFORM": "minimal:enable_fonts"}) is None
    assert display_check.why_no_window({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert "DISPLAY" in display_check.why_no_window({"QT_QPA_PLATFORM": "xcb"})


def test_an_unreachable_x_server_is_reported_before_qt_would_abort(monkeypatch):
    monkeypatch.setattr(display_check, "xcb_plugin_error", lambda: None)
    monkeypatch.setenv("DISPLAY", ":987")   # no X server listens there
    reason = display_check.why_no_window({"DISPLAY": ":987"})
    assert reason is not None and (":987" in reason or "libxcb.so.1" in reason)


def test_a_screenshot_run_prints_nothing_on_stderr(tmp_path):
    out = tmp_path / "shot.png"
    shot = _python("from explorer.cli import main\n"
                   f"raise SystemExit(main(['--example', 'diamond', '--run', 'backward', "
                   f"'--lang', 'en', '--screenshot', {str(out)!r}]))",
                   _environment(QT_QPA_PLATFORM="offscreen"))
    assert shot.returncode == 0 and out.is_file()
    assert shot.stderr == ""   # Qt's "does not support propagateSizeHints()" was printed here


@pytest.mark.parametrize("words", [["--lang", "zh_CN", "trace"], ["--lang=zh_CN", "trace"],
                                   ["trace", "--lang", "zh_CN"]])
def test_trace_speaks_the_language_given_before_or_after_the_command(tmp_path, words):
    script = tmp_path / "no_backward.py"
    script.write_text("print('no graph here')\n")
    env = _environment(QT_QPA_PLATFORM="offscreen", LANG="en_US.UTF-8", LC_ALL=None,
                       LANGUAGE=None, XDG_CONFIG_HOME=str(tmp_path / "config"))
    argv = [*words, str(script)]
    run = _python(f"from explorer import cli; raise SystemExit(cli.main({argv!r}))", env)
    assert run.returncode == 1, run.stderr
    assert "no graph here" in run.stdout
    assert "脚本没有做反向传播调用：没有可显示的计算图。" in run.stderr
