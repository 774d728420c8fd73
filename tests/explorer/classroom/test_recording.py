"""Recording a replay: GIF and MP4 decoded back with imageio (frame counts, first and last
frames as the canvas shows them), numbered PNGs with each step's text, atomic writes, a
missing writer named with its extra, the command line, and File > Record… with progress and
Cancel."""
from __future__ import annotations

import json

import numpy as np
import pytest

from explorer import cli
from explorer.classroom import video_writers
from explorer.classroom.replay_frames import FRAME_SIZE, ReplayFrames, image_array
from explorer.classroom.video_writers import (
    GIF,
    MP4,
    PNG,
    RecordingError,
    frames_per_step,
    missing_writer,
    write_recording,
)

imageio = pytest.importorskip("imageio.v3")
DIAMOND_BACKWARD_STEPS = 4   # MulBackward0 (ba), MulBackward0 (b)... as the engine reports them


def rendered(window, replay: str) -> list:
    frames = ReplayFrames(window, replay)
    return list(frames.frames())


def write(window, replay: str, path) -> list:
    frames = rendered(window, replay)
    write_recording(path, [(image_array(f.image), f.text) for f in frames])
    return frames


def test_backward_gif_has_one_frame_per_state_and_its_ends_match_the_canvas(window, tmp_path):
    pytest.importorskip("PIL")
    window.open_example("diamond", ask=False)
    frames = write(window, "backward", tmp_path / "diamond.gif")
    decoded = imageio.imread(tmp_path / "diamond.gif", index=None)
    assert len(frames) == len(window.animator.timeline) + 1 == DIAMOND_BACKWARD_STEPS + 1
    assert decoded.shape == (len(frames), FRAME_SIZE[1], FRAME_SIZE[0], 3)
    # The first frame is the graph before the replay; the last the final state the player
    # shows at the end (a.grad = 33): rendered again from the canvas, they are what was written.
    player = window.animator.player
    again = ReplayFrames(window, "backward")
    player.seek(0)
    first = image_array(again.render(frames[0].text.splitlines()))
    player.run_to_end()
    last = image_array(again.render(frames[-1].text.splitlines()))
    # A GIF keeps 256 colours: close, not equal.
    assert np.abs(decoded[0].astype(int) - first).mean() < 3
    assert np.abs(decoded[-1].astype(int) - last).mean() < 3
    assert np.abs(decoded[0].astype(int) - decoded[-1]).mean() > 3   # the replay changed it
    assert "a.grad = None → 33" in frames[-1].text


def test_mp4_holds_each_state_for_the_same_number_of_frames(window, tmp_path):
    if missing_writer(MP4) is not None:
        pytest.skip(missing_writer(MP4))
    window.open_example("diamond", ask=False)
    frames = write(window, "forward", tmp_path / "forward.mp4")
    decoded = imageio.imread(tmp_path / "forward.mp4", index=None, plugin="pyav") \
        if _has_pyav() else _ffmpeg_frames(tmp_path / "forward.mp4")
    assert len(frames) == len(window.animator.timeline) + 1
    assert len(decoded) == len(frames) * frames_per_step(MP4)
    assert decoded[0].shape == (FRAME_SIZE[1], FRAME_SIZE[0], 3)


def _has_pyav() -> bool:
    import importlib.util

    return importlib.util.find_spec("av") is not None


def _ffmpeg_frames(path) -> list:
    import imageio.v2 as imageio_v2

    reader = imageio_v2.get_reader(path, format="FFMPEG")
    try:
        return [frame for frame in reader]
    finally:
        reader.close()


def test_png_sequence_has_each_steps_text_beside_its_image(window, tmp_path):
    window.open_example("diamond", ask=False)
    folder = tmp_path / "steps"
    frames = write(window, "backward", folder)
    images = sorted(folder.glob("frame_*.png"))
    texts = sorted(folder.glob("frame_*.txt"))
    assert [p.stem for p in images] == [p.stem for p in texts] == [
        f"frame_{i:04d}" for i in range(len(frames))]
    assert texts[0].read_text(encoding="utf-8") == "Before the first step\n"
    last = texts[-1].read_text(encoding="utf-8").splitlines()
    assert last[0] == "AccumulateGrad" and "a.grad = None → 33" in last
    assert [t.read_text(encoding="utf-8") for t in texts] == [f.text + "\n" for f in frames]
    index = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    assert [entry["image"] for entry in index["frames"]] == [p.name for p in images]
    assert np.array_equal(imageio.imread(images[-1]), image_array(frames[-1].image))


def test_png_sequence_replaces_an_old_recording_but_not_a_folder_of_other_files(window,
                                                                                tmp_path):
    window.open_example("x_squared", ask=False)
    folder = tmp_path / "steps"
    write(window, "backward", folder)
    (folder / "frame_0099.png").write_bytes(b"old")
    write(window, "backward", folder)
    assert not (folder / "frame_0099.png").exists()   # the old recording is gone whole
    other = tmp_path / "holiday"
    other.mkdir()
    (other / "photo.jpg").write_bytes(b"mine")
    with pytest.raises(RecordingError, match="holds other files"):
        write(window, "backward", other)
    assert [p.name for p in other.iterdir()] == ["photo.jpg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holiday", "steps"]   # no leftovers


def test_a_failed_recording_keeps_the_old_file_and_leaves_no_temporary_file(window, tmp_path):
    pytest.importorskip("PIL")
    window.open_example("diamond", ask=False)
    target = tmp_path / "out.gif"
    target.write_bytes(b"the old recording")
    frames = rendered(window, "backward")

    def failing():
        yield image_array(frames[0].image), frames[0].text
        raise RecordingError("disk full")

    with pytest.raises(RecordingError, match="disk full"):
        write_recording(target, failing())
    assert target.read_bytes() == b"the old recording"
    assert [p.name for p in tmp_path.iterdir()] == ["out.gif"]


def test_a_missing_writer_names_the_extra_to_install(monkeypatch, tmp_path):
    real = video_writers.importlib.util.find_spec
    monkeypatch.setattr(video_writers.importlib.util, "find_spec",
                        lambda name: None if name == "imageio_ffmpeg" else real(name))
    reason = missing_writer(MP4)
    assert "imageio_ffmpeg" in reason and "autograd-explorer[record]" in reason
    assert missing_writer(PNG) is None
    with pytest.raises(RecordingError, match=r"\[record\]"):
        video_writers.RecordingWriter(tmp_path / "out.mp4")
    assert list(tmp_path.iterdir()) == []


def test_record_dialog_offers_no_format_whose_writer_is_missing(qtbot, monkeypatch):
    from explorer.classroom.record_dialog import RecordDialog

    monkeypatch.setattr("explorer.classroom.record_dialog.missing_writer",
                        lambda kind: "install the 'record' extra" if kind == GIF else None)
    dialog = RecordDialog()
    qtbot.addWidget(dialog)
    model = dialog.format_combo.model()
    enabled = {dialog.format_combo.itemData(i): model.item(i).isEnabled()
               for i in range(dialog.format_combo.count())}
    assert enabled == {GIF: False, MP4: True, PNG: True}
    assert dialog.kind == MP4
    assert "'record' extra" in dialog.missing_label.text()
    assert not dialog.missing_label.isHidden()


def test_command_line_records_a_gif_and_a_png_folder(qapp, tmp_path, capsys):
    pytest.importorskip("PIL")
    out = tmp_path / "out.gif"
    assert cli.main(["--example", "diamond", "--run", "backward", "--record", str(out)]) == 0
    assert len(imageio.imread(out, index=None)) == DIAMOND_BACKWARD_STEPS + 1
    folder = tmp_path / "pngs"
    assert cli.main(["--example", "diamond", "--record", str(folder)]) == 0   # backward
    assert len(list(folder.glob("*.png"))) == DIAMOND_BACKWARD_STEPS + 1
    assert "Recorded 4 steps" in capsys.readouterr().out


def test_command_line_exits_1_with_the_reason_when_it_cannot_write(qapp, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "out.gif"
    assert cli.main(["--example", "diamond", "--run", "forward", "--record", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Cannot record" in err and "does not exist" in err
    assert not out.parent.exists()


def test_train_command_records_a_gif_of_the_run_until_its_end(qapp, tmp_path, capsys):
    pytest.importorskip("PIL")
    pytest.importorskip("pyqtgraph")
    out = tmp_path / "fit.gif"
    argv = ["train", "--steps", "300", "--speed", "500", "--record", str(out)]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    frames = imageio.imread(out, index=None)
    assert len(frames) >= 2   # the first sample and the run's end, at least
    assert f"Recorded {len(frames)} frames of training to {out}." in printed
    assert "Result:" not in printed   # recorded instead of printed
    assert [path.name for path in tmp_path.iterdir()] == ["fit.gif"]


def test_train_command_records_numbered_pngs_with_the_final_equation(qapp, tmp_path):
    pytest.importorskip("pyqtgraph")
    folder = tmp_path / "fit"
    assert cli.main(["train", "--steps", "200", "--speed", "1000", "--record", str(folder)]) == 0
    texts = sorted(folder.glob("frame_*.txt"))
    assert len(texts) == len(list(folder.glob("frame_*.png"))) >= 2
    assert "Finished 200 steps" in texts[-1].read_text(encoding="utf-8")


def test_train_command_exits_1_with_the_reason_when_it_cannot_record(qapp, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "fit.gif"
    assert cli.main(["train", "--steps", "50", "--record", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Cannot record" in err and "does not exist" in err
    assert not out.parent.exists()


def test_qt_free_train_command_refuses_record_without_the_window_toolkit(tmp_path, capsys):
    from explorer.core.training import cli as training_cli

    assert training_cli.main(["--steps", "50", "--record", str(tmp_path / "x.gif")]) == 2
    assert "autograd-explorer train" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_file_record_renders_in_the_event_loop_with_progress(window, qtbot, tmp_path):
    window.open_example("diamond", ask=False)
    job = window.classroom.recorder.record("backward", str(tmp_path / "steps"), PNG)
    progress = []
    job.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(job.finished, timeout=60_000) as finished:
        pass
    assert finished.args == [str(tmp_path / "steps")]
    assert progress[-1] == (job.count, job.count) and len(progress) == job.count
    assert window.classroom.recorder.last_path == str(tmp_path / "steps")
    assert "Recorded" in window.statusBar().currentMessage()


def test_cancel_stops_the_recording_and_writes_nothing(window, qtbot, tmp_path):
    window.open_example("diamond", ask=False)
    job = window.classroom.recorder.record("backward", str(tmp_path / "steps"), PNG)
    with qtbot.waitSignal(job.progress, timeout=60_000):
        pass
    from PySide6.QtWidgets import QPushButton

    window.classroom.recorder.progress_dialog.findChild(QPushButton).click()   # its Cancel button
    assert job.done
    qtbot.wait(50)
    assert list(tmp_path.iterdir()) == []
    assert "nothing was written" in window.statusBar().currentMessage()


def test_recording_refuses_an_empty_graph_with_a_message(window, tmp_path):
    assert window.classroom.recorder.record("forward", str(tmp_path / "x.gif"), PNG) is None
    assert window.last_error
    assert list(tmp_path.iterdir()) == []


def test_training_run_is_recorded_until_it_ends_and_its_last_frame_is_the_final_plots(
        window, qtbot, tmp_path):
    pytest.importorskip("pyqtgraph")
    from explorer.classroom.record_dialog import TRAINING

    training = next(a for a in window.menu("training").actions() if a.text())
    training.trigger()
    workbench = window.training.workbench
    workbench.steps_spin.setValue(300)
    workbench.set_speed(500.0)   # about 0.6 s: a few samples
    folder = tmp_path / "training"
    job = window.classroom.recorder.record(TRAINING, str(folder), PNG)
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass
    assert workbench.session.state == "finished"
    images = sorted(folder.glob("frame_*.png"))
    assert len(images) == job.count >= 2
    final_image, final_text = job.frame()   # the plots as the run left them
    assert np.array_equal(imageio.imread(images[-1]), image_array(final_image))
    last_text = max(folder.glob("frame_*.txt")).read_text(encoding="utf-8")
    assert last_text == final_text + "\n" and "300" in last_text
    workbench.shutdown()


def test_cancelling_a_training_recording_writes_nothing_and_lets_the_run_go_on(
        window, qtbot, tmp_path):
    pytest.importorskip("pyqtgraph")
    from explorer.classroom.record_dialog import TRAINING

    training = next(a for a in window.menu("training").actions() if a.text())
    training.trigger()
    workbench = window.training.workbench
    workbench.steps_spin.setValue(100_000)
    workbench.set_speed(50.0)   # slow: still running when it is cancelled
    folder = tmp_path / "training"
    job = window.classroom.recorder.record(TRAINING, str(folder), PNG)
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert job.done and not list(tmp_path.iterdir())
    assert workbench.session.state == "running"
    workbench.shutdown()


def test_an_edit_during_recording_stops_it_with_a_message_and_writes_nothing(window, qtbot,
                                                                             tmp_path):
    window.open_example("diamond", ask=False)
    job = window.classroom.recorder.record("backward", str(tmp_path / "steps"), PNG)
    with qtbot.waitSignal(job.progress, timeout=60_000):
        pass
    window.animator.forward(play=False)   # another replay takes the canvas
    with qtbot.waitSignal(job.failed, timeout=60_000) as failed:
        pass
    assert "changed while it was being recorded" in failed.args[0]
    assert window.last_error == failed.args[0]
    assert list(tmp_path.iterdir()) == []
