"""Selecting many cards tells the window once and sorts the graph at most once: counted."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from explorer.big_graph_bench import random_dag


@pytest.fixture
def big(window, tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(random_dag(300, seed=1)), encoding="utf-8")
    assert window.open_file(str(path), ask=False)
    sort = nx.lexicographical_topological_sort
    counts = {"sort": 0, "changed": 0, "shown": []}

    def counted_sort(*args, **kwargs):
        counts["sort"] += 1
        return sort(*args, **kwargs)

    monkeypatch.setattr(nx, "lexicographical_topological_sort", counted_sort)
    window.scene.selectionChanged.connect(lambda: counts.__setitem__(
        "changed", counts["changed"] + 1))
    window.selection_changed.connect(counts["shown"].append)
    return window, counts


def test_select_all_announces_once_without_sorting(big):
    window, counts = big
    window.select_all()
    assert counts["changed"] == 1 and counts["sort"] == 0
    assert len(counts["shown"]) == 1 and len(counts["shown"][0]) == 300
    order = window.document.topological_order()
    assert counts["shown"][0] == order   # the window still gets them in topological order


def test_select_nodes_announces_once_and_not_when_nothing_changes(big):
    window, counts = big
    ids = [d.id for d in window.document.nodes()][:120]
    window.scene.select_nodes(ids)
    window.scene.select_nodes(reversed(ids))
    assert counts["changed"] == 1 and counts["sort"] == 0
    assert sorted(window.scene.selected_node_ids()) == sorted(ids)
    window.scene.select_nodes([])
    assert counts["changed"] == 2 and window.scene.selected_node_ids() == []


def test_cards_are_repainted_from_a_cache_when_the_view_pans(big):
    from PySide6.QtWidgets import QGraphicsItem

    window, _counts = big
    modes = {item.cacheMode() for item in window.scene.node_items()}
    assert modes == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
