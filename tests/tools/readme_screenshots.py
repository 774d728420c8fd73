"""Renders the README's pictures of the main window into resources/, headless, at the window's
default size (run it after the window's look changes):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/tools/readme_screenshots.py

screenshot-backward.png: mean_of_square mid-backward (PowBackward0, step 3 of 5);
screenshot-editor.png: the cubic fit's loss graph from the training workbench, mid-backward,
with the inspector on the leaf c; screenshot-en.png and screenshot-zh_CN.png: the guided tour's
last step (x.grad = 4), its card drawn where it stands over the window. The training workbench's
and the notebook's pictures are of other windows and are not made here.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPoint, QRect, QSettings
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from explorer.app import create_application
from explorer.core.training.presets import PRESETS
from explorer.guide.first_run_guide import show_guide
from explorer.image_file import write_image
from explorer.language import install_translator
from explorer.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def wait_until(condition, seconds: float = 60.0) -> None:
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > seconds * 1000:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()


def new_window(folder: Path) -> MainWindow:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, autosave_directory=folder / "autosave",
                        interactive=False)
    window.show()
    QApplication.processEvents()
    return window


def save(window: MainWindow, name: str, *, guide=None) -> None:
    QApplication.processEvents()
    picture = window.grab()
    if guide is not None:   # a window of its own: drawn where it stands over the main window
        painter = QPainter(picture)
        card = guide.grab()
        corner = guide.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0))
        painter.drawPixmap(corner, card)
        painter.setPen(QColor("#8a8a8a"))   # where a window manager draws its frame
        painter.drawRect(QRect(corner, card.size()).adjusted(0, 0, -1, -1))
        painter.end()
    reason = write_image(picture, str(RESOURCES / name))
    if reason is not None:
        raise OSError(reason)
    window.undo_stack.setClean()
    window.close()
    print("wrote", RESOURCES / name)


def backward(folder: Path) -> None:
    window = new_window(folder)
    window.open_example("mean_of_square", ask=False)
    window.animator.backward(play=False)
    window.animator.player.seek(3)   # PowBackward0: 6 × 0.75 = 4.5
    window.view.fit_to_view(readable=True)
    save(window, "screenshot-backward.png")


def editor(folder: Path) -> None:
    window = new_window(folder)
    window.training.action.trigger()
    bench = window.training.workbench
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=3))
    bench.start()
    wait_until(lambda: bench.session.state == "finished")
    bench.open_step()
    wait_until(lambda: window.animator.timeline is not None)
    bench.hide()
    window.animator.player.pause()
    window.animator.player.seek(len(window.animator.timeline) - 1)
    window.scene.select_nodes([window.document.node_by_name("c").id])
    window.view.fit_to_view()
    save(window, "screenshot-editor.png")


def guided_tour(folder: Path, language: str) -> None:
    window = new_window(folder)
    guide = show_guide(window)
    while guide.step + 1 < len(guide.steps()):
        guide.advance()
        window.animator.player.run_to_end()
    QApplication.processEvents()
    guide.place()
    save(window, f"screenshot-{language}.png", guide=guide)
    guide.close()


def main() -> int:
    app = create_application([sys.argv[0]], "en")
    with tempfile.TemporaryDirectory() as folder:
        backward(Path(folder))
        editor(Path(folder))
        guided_tour(Path(folder), "en")
        install_translator(app, "zh_CN")
        guided_tour(Path(folder), "zh_CN")
    return 0


if __name__ == "__main__":
    sys.exit(main())
