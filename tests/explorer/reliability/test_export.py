"""Exported images are written whole or not at all, follow the umask, and hold every label."""
from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtGui import QImage

from explorer import cli
from explorer.animation.overlay import FlowLabel


def no_space(*_args, **_kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_an_export_that_fails_keeps_the_old_image_and_says_so(window, tmp_path, monkeypatch,
                                                              suffix):
    assert window.open_example("diamond", ask=False)
    path = tmp_path / f"graph.{suffix}"
    assert window.export_image(str(path))
    before = path.read_bytes()
    window.add_node_at("exp", window.view.visible_centre())
    monkeypatch.setattr(os, "fsync", no_space)
    assert window.export_image(str(path)) is False
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert "No space left on device" in window.last_error
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_screenshot_that_cannot_be_written_exits_non_zero_and_keeps_the_old_file(
        window, tmp_path, monkeypatch, qapp):
    path = tmp_path / "shot.png"
    path.write_bytes(b"old screenshot")
    monkeypatch.setattr(os, "replace", no_space)
    assert cli._screenshot(qapp, window, str(path)) == 1
    monkeypatch.undo()
    assert path.read_bytes() == b"old screenshot"


def test_a_screenshot_is_a_readable_png(window, tmp_path, qapp):
    path = tmp_path / "shot.png"
    assert cli._screenshot(qapp, window, str(path)) == 0
    assert not QImage(str(path)).isNull()


def test_a_new_image_gets_the_mode_the_umask_gives(window, tmp_path):
    old = os.umask(0o027)
    try:
        assert window.export_image(str(tmp_path / "graph.png"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "graph.png").st_mode) == 0o640


@pytest.mark.parametrize("example", ["diamond", "mean_of_square", "leaf_nonleaf"])
def test_the_exported_area_after_a_backward_holds_every_visible_label(window, example):
    assert window.open_example(example, ask=False)
    window.evaluate_now()
    assert window.animator.run_to_end("backward")
    labels = [item for item in window.scene.items()
              if isinstance(item, FlowLabel) and item.isVisible()]
    assert labels
    area = window.image_export.export_rect()
    for label in labels:
        assert area.contains(label.sceneBoundingRect()), label.sceneBoundingRect()
