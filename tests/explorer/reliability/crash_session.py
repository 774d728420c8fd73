"""A user session of the real application, run as its own process by test_crash_recovery.py.

    python crash_session.py edit
        Starts the app as `autograd-explorer` does (explorer.cli.main), drops two nodes from the
        palette onto the canvas, wires them and types a value in the inspector; once the autosave
        timer has written the edits it prints `AUTOSAVED <document JSON>` and keeps running,
        waiting to be killed.
    python crash_session.py recover OUT.json
        Starts the app the same way, answers "Restore unsaved work?" with Restore, writes what the
        window then holds to OUT.json and quits.
"""
from __future__ import annotations

import json
import sys

from monkey import drop_on_view, press_return
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication

from explorer import cli
from explorer.app import create_application
from explorer.commands import ConnectCommand
from explorer.crash_recovery import RecoveryDialog
from explorer.main_window import MainWindow
from explorer.panels.op_palette import op_mime_data

POLL_MS = 100


def main_window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def make_edits() -> None:
    window = main_window()
    drop_on_view(window.view, op_mime_data("input"), QPoint(200, 200))
    drop_on_view(window.view, op_mime_data("exp"), QPoint(500, 220))
    x, y = (data.id for data in window.document.nodes())
    window.push(ConnectCommand(window.document, (x, y, "x")))
    window.scene.select_nodes([x])
    editor = window.inspector.param_editor("value")
    editor.setText("[1.5, -2.0]")
    press_return(editor)

    def wait_for_autosave() -> None:
        if window.autosaver.path.exists():
            print("AUTOSAVED", json.dumps(window.document.to_dict()), flush=True)
        else:
            QTimer.singleShot(POLL_MS, wait_for_autosave)

    wait_for_autosave()


def answer_and_report(out_path: str, tries: int = 50) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, RecoveryDialog):
        box.restore_button.click()
        QTimer.singleShot(POLL_MS, lambda: report(out_path, offered=True))
    elif tries:
        QTimer.singleShot(POLL_MS, lambda: answer_and_report(out_path, tries - 1))
    else:
        report(out_path, offered=False)


def report(out_path: str, *, offered: bool) -> None:
    window = main_window()
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump({"offered": offered, "modified": window.is_modified(),
                   "document": window.document.to_dict()}, handle)
    window.undo_stack.setClean()   # quit without the unsaved-changes question
    window.close()
    QApplication.quit()


def main(argv: list[str]) -> int:
    create_application([sys.argv[0]])
    if argv[0] == "edit":
        QTimer.singleShot(0, make_edits)
    else:
        # The question is asked before the event loop runs; this timer fires inside its dialog.
        QTimer.singleShot(0, lambda: answer_and_report(argv[1]))
    return cli.main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
