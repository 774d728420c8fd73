"""Headless recording: `autograd-explorer --example diamond --run backward --record out.gif`
(also .mp4, or any other name for a folder of numbered PNGs with each step's text).

Exit status 0 once written; 1 with the reason on stderr when it cannot be (nothing half-written
is left behind)."""
from __future__ import annotations

import sys

from explorer.classroom.replay_frames import ReplayFrames, image_array
from explorer.classroom.video_writers import RecordingError, write_recording
from explorer.core.i18n import translate


def record(window, path: str, replay: str) -> int:
    try:
        frames = ReplayFrames(window, replay)
        written = write_recording(path, ((image_array(frame.image), frame.text)
                                         for frame in frames.frames()))
    except (RecordingError, ValueError) as exc:
        print(translate("Cli", "Cannot record {path}: {reason}").format(path=path, reason=exc),
              file=sys.stderr)
        return 1
    finally:
        window.undo_stack.setClean()
        window.close()
    print(translate("Cli", "Recorded {count} steps to {path}.").format(
        count=frames.count - 1, path=written))
    return 0
