"""The lines that name a traced script's backward calls (`trace --list`, the chooser of recorded
graphs) speak the user's language, node count included."""
from __future__ import annotations

from pathlib import Path

from explorer.live_view import trace_command

NN_FIT = Path(__file__).resolve().parents[1] / "live" / "data" / "cubic_fit_nn.py"


def test_trace_list_counts_nodes_in_chinese(language, capsys):
    # (12: unsqueeze(-1)'s -1 is a card of its own, which its code passes on)
    language("zh_CN")
    assert trace_command.main(["--list", str(NN_FIT)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("#")]
    assert len(lines) == 3
    assert all(line.endswith("loss  12 个节点") for line in lines), lines


def test_the_recorded_graph_chooser_counts_nodes_in_chinese(language, monkeypatch):
    shown = []
    monkeypatch.setattr("explorer.live_view.window.show",
                        lambda graphs, block=False: shown.extend(graphs))
    language("zh_CN")
    assert trace_command.main(["--first", "1", str(NN_FIT)]) == 0
    ((label, _graph),) = shown
    assert label.startswith("#0  ") and label.endswith("loss  12 个节点")
