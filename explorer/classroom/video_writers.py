"""Write recorded frames as a GIF, an MP4 or a folder of numbered PNGs with each step's text.

GIF and MP4 need pip-installable writers (imageio with Pillow, imageio-ffmpeg's own ffmpeg:
no system binary), from the `record` extra; without them `missing_writer` names the extra.
Every recording is written beside its target under a temporary name and renamed over it at
the end, so a failed or cancelled recording leaves any old file or folder as it was.

Frames are RGB uint8 arrays; each is held `seconds_per_frame` (a replay's step: SECONDS_PER_STEP).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from explorer.core.i18n import translate

GIF, MP4, PNG = "gif", "mp4", "png"
FORMATS = (GIF, MP4, PNG)
SECONDS_PER_STEP = 1.5
MP4_FPS = 10
EXTRA = "record"
INSTALL_HINT = "pip install 'autograd-explorer[record]'"
# The modules each format needs.
REQUIRED_MODULES = {GIF: ("imageio", "PIL"), MP4: ("imageio", "imageio_ffmpeg"), PNG: ()}


class RecordingError(Exception):
    """A translated sentence: why the recording was not written."""


def format_for_path(path: str | os.PathLike) -> str:
    """GIF or MP4 by the suffix; anything else is a folder of PNGs."""
    suffix = Path(path).suffix.lower()
    return {".gif": GIF, ".mp4": MP4}.get(suffix, PNG)


def missing_writer(kind: str) -> str | None:
    """None when `kind` can be written here, else a sentence naming the extra to install."""
    missing = [name for name in REQUIRED_MODULES[kind] if importlib.util.find_spec(name) is None]
    if not missing:
        return None
    return translate("Classroom", "Recording {format} needs the optional writer ({modules}): "
                     "install the '{extra}' extra, {command}").format(
        format=kind.upper(), modules=", ".join(missing), extra=EXTRA, command=INSTALL_HINT)


def frames_per_step(kind: str, seconds_per_frame: float = SECONDS_PER_STEP) -> int:
    """How many video frames one recorded frame takes (a GIF holds its one frame longer)."""
    return max(1, round(seconds_per_frame * MP4_FPS)) if kind == MP4 else 1


class RecordingWriter:
    """Collects frames into a temporary file or folder beside `path`; `finish()` renames it
    into place, `abort()` removes it."""

    def __init__(self, path: str | os.PathLike, kind: str | None = None,
                 seconds_per_frame: float = SECONDS_PER_STEP) -> None:
        self.path = Path(os.path.abspath(path))
        self.kind = kind or format_for_path(path)
        self.seconds_per_frame = seconds_per_frame
        reason = missing_writer(self.kind)
        if reason is not None:
            raise RecordingError(reason)
        parent = self.path.parent
        if not parent.is_dir():
            raise RecordingError(translate("Classroom", "The folder {folder} does not exist.")
                                 .format(folder=parent))
        self.count = 0
        self._writer = None
        try:
            if self.kind == PNG:
                self._temp = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", dir=parent))
            else:
                fd, name = tempfile.mkstemp(prefix=f".{self.path.stem}.",
                                            suffix=f".{self.kind}", dir=parent)
                os.close(fd)
                self._temp = Path(name)
                self._writer = self._open_video()
        except OSError as exc:
            self._remove_temp()
            raise RecordingError(_cannot_write(self.path, exc)) from exc

    def _open_video(self):
        import imageio.v2 as imageio

        if self.kind == GIF:
            return imageio.get_writer(self._temp, format="GIF", mode="I",
                                      duration=self.seconds_per_frame * 1000, loop=0)
        # macro_block_size 1: any frame size, no silent resizing; yuv420p plays everywhere.
        return imageio.get_writer(self._temp, format="FFMPEG", mode="I", fps=MP4_FPS,
                                  codec="libx264", macro_block_size=1, quality=8,
                                  pixelformat="yuv420p", ffmpeg_log_level="error")

    def add(self, frame: np.ndarray, text: str = "") -> None:
        """Append one state of the replay (and, for PNGs, its text beside it)."""
        self.count += 1
        try:
            if self.kind == PNG:
                self._write_png(frame, text)
                return
            for _ in range(frames_per_step(self.kind, self.seconds_per_frame)):
                self._writer.append_data(frame)
        except (OSError, RuntimeError, ValueError) as exc:
            raise RecordingError(_cannot_write(self.path, exc)) from exc

    def _write_png(self, frame: np.ndarray, text: str) -> None:
        from PySide6.QtGui import QImage

        height, width, _ = frame.shape
        data = np.ascontiguousarray(frame)
        image = QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888)
        stem = self._temp / f"frame_{self.count - 1:04d}"
        if not image.save(str(stem.with_suffix(".png")), "PNG"):
            raise OSError(translate("Classroom", "the image cannot be encoded"))
        stem.with_suffix(".txt").write_text(text + "\n", encoding="utf-8")

    def finish(self) -> Path:
        """Close the writer and put the recording in place; returns its path."""
        try:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            if self.kind == PNG:
                self._write_index()
                self._replace_folder()
            else:
                os.chmod(self._temp, 0o666 & ~_umask())
                os.replace(self._temp, self.path)
        except (OSError, RuntimeError) as exc:
            self.abort()
            raise RecordingError(_cannot_write(self.path, exc)) from exc
        return self.path

    def _write_index(self) -> None:
        frames = [{"image": f"frame_{i:04d}.png", "text": f"frame_{i:04d}.txt"}
                  for i in range(self.count)]
        (self._temp / "frames.json").write_text(
            json.dumps({"seconds_per_frame": self.seconds_per_frame, "frames": frames}, indent=1),
            encoding="utf-8")

    def _replace_folder(self) -> None:
        """The new folder takes the target's name; an old recording there is removed after."""
        os.chmod(self._temp, 0o777 & ~_umask())
        if not self.path.exists():
            os.replace(self._temp, self.path)
            return
        if not self.path.is_dir():
            raise NotADirectoryError(translate("Classroom", "{path} is a file, not a folder")
                                     .format(path=self.path))
        if any(self.path.iterdir()) and not (self.path / "frames.json").is_file():
            # A folder with other things in it is not ours to replace.
            raise FileExistsError(translate(
                "Classroom", "{path} is a folder that holds other files").format(path=self.path))
        old = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.old.", dir=self.path.parent))
        os.replace(self.path, old / self.path.name)
        os.replace(self._temp, self.path)
        shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except (OSError, RuntimeError, ValueError):
                pass
            self._writer = None
        self._remove_temp()

    def _remove_temp(self) -> None:
        temp = getattr(self, "_temp", None)
        if temp is None or not temp.exists():
            return
        if temp.is_dir():
            shutil.rmtree(temp, ignore_errors=True)
        else:
            temp.unlink(missing_ok=True)


def write_recording(path: str | os.PathLike, frames: Iterable[tuple[np.ndarray, str]],
                    kind: str | None = None) -> Path:
    """Write every (frame, text) to `path`; raises RecordingError with nothing left behind."""
    writer = RecordingWriter(path, kind)
    try:
        for frame, text in frames:
            writer.add(frame, text)
    except BaseException:
        writer.abort()
        raise
    return writer.finish()


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _cannot_write(path: Path, exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return translate("Classroom", "{path} cannot be written ({reason}).").format(
        path=path, reason=reason)
