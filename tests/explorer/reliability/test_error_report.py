"""An exception inside a Qt slot reaches the user as one message and is written to a log."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox

from explorer.error_report import ErrorReporter


def raise_inside_a_slot(error: Exception):
    try:
        raise error
    except Exception:   # noqa: BLE001 - the hook gets what a slot would have raised
        return sys.exc_info()


def test_an_error_in_a_slot_is_logged_and_shown_once(qapp, tmp_path, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    log = tmp_path / "logs" / "errors.log"
    reporter = ErrorReporter(log=log, interactive=True)
    reporter(*raise_inside_a_slot(OverflowError("int too large to convert to float")))
    assert len(shown) == 1
    assert "OverflowError: int too large to convert to float" in shown[0]
    assert str(log) in shown[0]
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "OverflowError" in capsys.readouterr().err


def test_an_unwritable_log_still_shows_the_error(qapp, tmp_path, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    blocker = tmp_path / "file"
    blocker.write_text("")
    reporter = ErrorReporter(log=blocker / "logs" / "errors.log", interactive=True)
    reporter(*raise_inside_a_slot(ValueError("boom")))
    assert shown and "cannot be written" in shown[0]


def test_the_app_installs_the_reporter_before_the_window_exists(monkeypatch):
    from explorer import cli, error_report

    installed = []
    monkeypatch.setattr(error_report, "install", lambda **kwargs: installed.append(kwargs))
    monkeypatch.setattr(cli, "prepare_window", lambda args: None)
    monkeypatch.setattr("explorer.app.create_application", lambda *args: None)
    args = cli.build_parser().parse_args(["--screenshot", "x.png"])
    assert cli.run_gui(args) == 1
    assert installed == [{"interactive": False}]
