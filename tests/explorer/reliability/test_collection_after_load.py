"""A big file's open pays its own garbage-collection debt: with collection paused while it loads,
the first collections after would otherwise walk everything it made, in the middle of the next
replay (0.4 s on 5000 cards)."""
from __future__ import annotations

import gc
import json

from explorer.big_graph_bench import random_dag


def test_a_big_open_leaves_no_collection_debt_for_the_replay_after_it(window, tmp_path):
    path = tmp_path / "graph.json"
    path.write_text(json.dumps(random_dag(1500, seed=1)), encoding="utf-8")
    assert window.open_file(str(path), ask=False), window.last_error
    # What it made is old already (a full collection walked it), not ~10^5 young objects that
    # the next collections would walk again and again.
    young = len(gc.get_objects(generation=0)) + len(gc.get_objects(generation=1))
    assert young < 5_000
    full = []

    def note(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(note)
    try:
        assert window.animator.run_to_end("backward"), window.animator.refusal
    finally:
        gc.callbacks.remove(note)
    assert full == []
