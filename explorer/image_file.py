"""Images written whole or not at all: encoded in memory, then written with write_atomically,
so a full disk or a failed encoder keeps the old file and is reported."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice
from PySide6.QtGui import QImage, QPixmap

from explorer.core.document.atomic_write import write_atomically


def cannot_encode_message() -> str:
    return QCoreApplication.translate("ImageFile", "the image cannot be encoded")


def memory_buffer() -> QBuffer:
    """An open, empty in-memory device to encode an image into."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def write_image(image: QImage | QPixmap, path: str, image_format: str = "PNG") -> str | None:
    """Write `image` to `path`; None on success, else the reason it failed."""
    buffer = memory_buffer()
    if not image.save(buffer, image_format):
        return cannot_encode_message()
    return write_bytes(bytes(buffer.data()), path)


def write_bytes(data: bytes, path: str) -> str | None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
