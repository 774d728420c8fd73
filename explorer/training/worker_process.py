"""The training worker process's entry point: the workbench's language, then the loop.

Kept apart from worker.py so that the process imports no more than training needs (Qt's core
only for a language other than English: the engine's messages go through its translations).
"""

from __future__ import annotations

import signal
from multiprocessing.connection import Connection


def main(commands: Connection, messages: Connection, language: str) -> None:
    """Serve the session's `commands` until it says quit or its process is gone."""
    # Ctrl+C in the terminal reaches the whole process group: the program decides, and its
    # end (or its quit) ends the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _speak(language)
    from explorer.core.training.worker_loop import serve

    _warm_up()
    try:
        serve(commands, messages.send)
    finally:
        messages.close()


def _speak(language: str) -> None:
    """Translate the core's texts (errors, the step graph's title) into `language`."""
    if language == "en":  # the source texts: no catalog, and no Qt to import
        return
    from explorer.language import translate_core_without_application

    translate_core_without_application(language)


def _warm_up() -> None:
    """A few steps of the tutorial's run before the worker says it is ready: the first run in a
    fresh process pays for the code the engine loads on first use (seen: up to twice as long)."""
    from dataclasses import replace

    from explorer.core.training.presets import PRESETS
    from explorer.core.training.runner import TrainingRun

    run = TrainingRun(replace(PRESETS["tensors"].default_config(), steps=3, n_points=10))
    for _ in run:
        pass
    run.fit()
