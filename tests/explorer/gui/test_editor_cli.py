"""The command line: --screenshot writes a PNG of the loaded window, --list-examples lists,
bad input exits non-zero with a message."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from explorer import cli
from explorer.core.document.examples import list_examples


def test_screenshot_of_an_example_writes_a_window_sized_png(qapp, tmp_path):
    out = tmp_path / "shot.png"
    assert cli.main(["--example", "mean_of_square", "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    # Not a blank picture: the node headers put many distinct colours on it.
    colours = {image.pixel(x, y) for x in range(0, 1400, 7) for y in range(0, 900, 7)}
    assert len(colours) > 50


def test_run_backward_fills_the_leaf_grad_before_the_screenshot(qtbot):
    args = cli.build_parser().parse_args(["--example", "x_squared", "--run", "backward",
                                          "--screenshot", "unused.png"])
    window = cli.prepare_window(args)
    qtbot.addWidget(window)
    x = next(d.id for d in window.document.nodes() if d.name == "x")
    assert repr(window.evaluation.values[x].grad) == "tensor(4.)"
    assert "grad: tensor(4.)" in window.scene.node_item(x).body_lines()


def test_screenshot_of_a_missing_file_exits_1_with_the_reason(qapp, tmp_path, capsys):
    code = cli.main([str(tmp_path / "nope.json"), "--screenshot", str(tmp_path / "s.png")])
    assert code == 1
    err = capsys.readouterr().err
    assert "nope.json" in err and "cannot be read" in err
    assert not (tmp_path / "s.png").exists()


def test_list_examples_prints_every_key(capsys):
    assert cli.main(["--list-examples"]) == 0
    out = capsys.readouterr().out
    for key, title in list_examples():
        assert key in out and title in out


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--frobnicate"])
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_python_dash_m_explorer_runs_the_cli():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-m", "explorer", "--list-examples"], cwd=root,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == \
        [key for key, _title in list_examples()]
