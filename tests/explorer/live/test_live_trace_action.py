"""File > Trace Python Script… runs the script in a worker thread: the window stays responsive,
the script's prints are captured, a failure shows its traceback and offers the graphs captured
before, and a script that never ends can be cancelled."""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit

from explorer.live_view.window import LiveGraphChooser

STEPS = """\
import threading
import torch
print("running in", threading.current_thread().name)
w = torch.tensor(2.0, requires_grad=True)
for step in range(3):
    loss = (w * 3 - 1) ** 2
    loss.backward()
"""


@contextmanager
def interactive(window):
    """The window as a user has it: a failed trace asks what to do."""
    window.interactive = True
    try:
        yield window
    finally:
        window.interactive = False   # closing it at the test's end asks nothing
        window.undo_stack.setClean()


def _trace(window, tmp_path, text: str, on_tick=None) -> tuple[bool, list[int]]:
    """Trace `text` through the File menu's action; `on_tick(progress)` runs on the GUI thread
    every few milliseconds while the script runs (a timer: it fires only if the event loop
    keeps turning)."""
    path = tmp_path / "script.py"
    path.write_text(text, encoding="utf-8")
    action = window.trace_action
    action.confirm = lambda _path: True
    ticks: list[int] = []

    def tick() -> None:
        if action.progress is not None:
            ticks.append(action.progress.run.calls)
            if on_tick is not None:
                on_tick(action.progress)

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    try:
        return action.trace(str(path)), ticks
    finally:
        timer.stop()


def test_the_script_runs_off_the_gui_thread_and_its_prints_are_captured(window, tmp_path,
                                                                        capsys):
    opened, _ticks = _trace(window, tmp_path, STEPS)
    assert opened
    chooser = window.findChild(LiveGraphChooser)
    assert chooser.combo.count() == 3
    assert chooser.output == "running in trace\n"
    assert "running in" not in capsys.readouterr().out   # captured, not on the terminal
    dialog = chooser.show_output()
    assert dialog.findChild(QPlainTextEdit).toPlainText() == "running in trace\n"
    dialog.close()


def test_a_script_that_never_ends_is_cancelled_and_the_window_stays_responsive(window,
                                                                               tmp_path):
    script = STEPS + 'print("looping", flush=True)\nwhile True:\n    step += 1\n'

    def cancel_once_looping(progress) -> None:
        if "looping" in progress.run.output and not progress.run.canceller.requested:
            progress.cancel_button.click()

    opened, ticks = _trace(window, tmp_path, script, cancel_once_looping)
    assert ticks   # the GUI thread kept running its event loop while the script ran
    assert opened and window.findChild(LiveGraphChooser).combo.count() == 3
    assert "was cancelled" in window.last_error


def test_a_script_that_raises_shows_its_traceback_and_offers_earlier_graphs(window, tmp_path):
    seen: list[str] = []

    def open_captured(progress) -> None:
        if progress.open_button.isVisible() and not seen:
            seen.append(progress.output.toPlainText())
            seen.append(progress.open_button.text())
            progress.open_button.click()

    with interactive(window):
        opened, _ticks = _trace(window, tmp_path, STEPS + "raise RuntimeError('boom')\n",
                                open_captured)
    output, button = seen
    assert output.startswith("running in trace\n")
    assert "line 8" in output and "RuntimeError: boom" in output
    assert button == "Open the 3 Captured Graphs"
    assert opened and window.findChild(LiveGraphChooser).combo.count() == 3
    assert "RuntimeError: boom" in window.last_error


def test_closing_after_a_failure_opens_nothing(window, tmp_path):

    def close(progress) -> None:
        if progress.close_button.isVisible():
            progress.close_button.click()

    with interactive(window):
        opened, _ticks = _trace(window, tmp_path, STEPS + "raise RuntimeError('boom')\n", close)
    assert not opened and len(window.document) == 0
