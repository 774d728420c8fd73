"""`python -m explorer.bench`: where the timings the tests no longer assert went. Checked for
what it computes and prints, never for how fast anything is."""
from __future__ import annotations

from explorer import bench


def test_best_seconds_keeps_the_fastest_of_the_runs(monkeypatch):
    clock = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0])   # runs of 3 s, 1 s and 2 s
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(clock))
    calls = []
    assert bench.best_seconds(lambda: calls.append(1), 3) == 1.0
    assert len(calls) == 3


def test_a_figure_is_printed_against_its_baseline():
    line = bench.report("parse 10^6 numbers", 0.3, "json.loads", 0.1)
    assert line.split() == ["parse", "10^6", "numbers", "300.00", "ms", "3.00x", "json.loads",
                            "(100.00", "ms)"]


def test_the_parse_figures_compare_with_json_and_with_the_first_parse():
    lines = bench.parse_figures(repeat=1)
    assert [line.split("  ")[0] for line in lines] == ["parse 10^6 numbers", "parse again (cached)"]
    assert "x json.loads" in lines[0] and "x the first parse" in lines[1]
