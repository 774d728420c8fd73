"""The workbench benchmark (explorer/training/bench.py): checked for what it measures and prints,
never for how fast anything is."""

from __future__ import annotations

from explorer.training import bench

WORKER_PROCESS = True  # the real thing: conftest trains elsewhere in a thread


def test_the_benchmark_compares_the_gui_run_with_the_headless_run_and_reports_stalls(qapp):
    lines = bench.figures(steps=30, points=50, repeat=1)
    text = "\n".join(lines)
    assert "30 steps, 50 points" in lines[0]
    for name in ("headless", "GUI, live plots", "GUI / headless", "GUI thread CPU",
                 "longest UI stall", "  nothing training"):
        assert any(line.startswith(name) for line in lines), name
    assert "target <= 1.3x" in text and "target <= 50 ms" in text
    cpu = next(line for line in lines if line.startswith("GUI thread CPU"))
    assert "% of the GUI run's time, " in cpu and " ms (medians" in cpu  # share and time


def test_a_gui_run_ends_where_the_headless_run_ends(qapp):
    config = bench.replace(bench.PRESETS["tensors"].default_config(), steps=40, n_points=30)
    run = bench.time_gui(config)
    assert run.last_loss == bench.time_headless(config)[1]
    assert run.redraws >= 1 and run.seconds > 0 and run.longest_stall_ms >= 0
    assert 0 < run.gui_cpu_seconds


def test_a_gui_run_with_the_landscape_draws_its_path_and_ends_alike(qapp, monkeypatch):
    from explorer.training.plots import TrainingPlots

    drawn = []
    extend = TrainingPlots.extend_path
    monkeypatch.setattr(TrainingPlots, "extend_path",
                        lambda plots, points: (drawn.append(len(points)), extend(plots, points)))
    config = bench.replace(bench.PRESETS["tensors"].default_config(), steps=40, n_points=30)
    run = bench.time_gui(config, landscape=True)
    assert run.last_loss == bench.time_headless(config)[1]
    assert sum(drawn) >= 2   # the start and at least one step
    assert "loss landscape on" in bench.figures(steps=20, points=20, repeat=1,
                                                landscape=True)[0]
