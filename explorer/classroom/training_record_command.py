"""Headless training recording: `autograd-explorer train --record out.gif [train options]`
(also .mp4, or any other name for a folder of numbered PNGs with each frame's text).

The Qt half of the Qt-free `train` command (explorer/core/training/cli.py), which calls
`record_training` with the run's settings. A workbench, never shown on a screen (offscreen when
the platform is not chosen), trains at `speed` steps per second while its plots are recorded
as the window's File > Record does. Exit status 0 once written; 1 with the reason on stderr
when it cannot be (nothing half-written is left behind)."""
from __future__ import annotations

import os
import sys

from explorer.core.i18n import translate
from explorer.core.training.presets import TrainingConfig

RECORDING_SIZE = (1280, 720)


def record_training(config: TrainingConfig, path: str, speed: float) -> int:
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"   # a recording needs no screen
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QSplitter

    from explorer.app import create_application
    from explorer.classroom.appearance import Appearance
    from explorer.classroom.training_recording import TrainingRecording
    from explorer.classroom.video_writers import RecordingError, format_for_path
    from explorer.training.workbench import TrainingWorkbench

    create_application([sys.argv[0] if sys.argv and sys.argv[0] else "autograd-explorer"])
    workbench = TrainingWorkbench()
    workbench.set_config(config)
    workbench.set_speed(speed)
    workbench.resize(*RECORDING_SIZE)
    workbench.show()
    workbench.session.wait_until_ready()  # frames from the run's start, not the worker's loading
    # Only the plots are recorded: the controls beside them give up their width.
    workbench.findChild(QSplitter).setSizes([0, RECORDING_SIZE[0]])
    # The look's plot titles, fitted to their plots (ten coefficients' legend included).
    Appearance.for_application().restyle_plots(workbench)
    outcome: dict[str, str] = {}
    try:
        job = TrainingRecording(workbench, path, format_for_path(path))
    except RecordingError as exc:
        outcome["failed"] = str(exc)
    else:
        loop = QEventLoop()
        job.finished.connect(lambda written: outcome.setdefault("written", written))
        job.failed.connect(lambda reason: outcome.setdefault("failed", reason))
        job.finished.connect(loop.quit)
        job.failed.connect(loop.quit)
        job.start()
        if not job.done:
            loop.exec()
    workbench.shutdown()
    workbench.close()
    workbench.deleteLater()   # called in a running program (a test), it must not stay behind
    if "failed" in outcome:
        print(translate("Cli", "Cannot record {path}: {reason}").format(
            path=path, reason=outcome["failed"]), file=sys.stderr)
        return 1
    print(translate("Cli", "Recorded {count} frames of training to {path}.").format(
        count=job.count, path=outcome["written"]))
    return 0
