"""The monkey test: seeded random user actions on the real main window (see monkey.py here).

After every action no exception escaped (from the action or inside a Qt slot), the document is a
DAG and the canvas shows exactly its nodes and edges; at the end undoing everything gives back
the starting document and redoing everything the final one. The suite runs a few hundred
actions; `python tests/explorer/reliability/monkey.py --actions 5000 --seed N` runs the large
version.
"""
from __future__ import annotations

import pytest
from monkey import Monkey, MonkeyFailure, check_invariants, run_monkey
from PySide6.QtCore import QObject, Signal

ACTIONS = 300


@pytest.mark.parametrize(("seed", "example"), [(11, None), (12, "polynomial_loss")])
def test_random_actions_never_raise_and_undoing_everything_restores_the_start(
        window, tmp_path, seed, example):
    if example is not None:
        assert window.open_example(example, ask=False)
    monkey = run_monkey(window, actions=ACTIONS, seed=seed, workdir=tmp_path)
    assert sum(monkey.counts.values()) == ACTIONS
    # The actions really edit: nodes were added, wired by mouse, moved, edited, undone.
    for name in ("add_node", "connect_by_mouse", "move", "edit_param", "undo"):
        assert monkey.changed[name] > 0, name
    assert monkey.refusals > 0   # and refused edits (cycles, occupied inputs) changed nothing


def test_the_invariant_check_sees_a_canvas_that_disagrees_with_the_document(window):
    node_id = window.add_node_at("exp", window.view.visible_centre())
    check_invariants(window)
    window.scene.removeItem(window.scene.node_item(node_id))
    with pytest.raises(MonkeyFailure, match="node items"):
        check_invariants(window)
    window.scene.addItem(window.scene.node_item(node_id))


class _Boom(QObject):
    fired = Signal()


def test_an_exception_inside_a_slot_fails_the_monkey(window, tmp_path):
    boom = _Boom()

    def broken_slot() -> None:
        raise RuntimeError("slot failure")

    boom.fired.connect(broken_slot)
    monkey = Monkey(window, seed=0, workdir=tmp_path, training=False)
    monkey.actions = [(1, boom.fired.emit)]
    monkey._weights = [1]
    with pytest.raises(MonkeyFailure, match="slot failure"):
        monkey.run(1)
