"""An edit is all or nothing: a command that fails half-way leaves the document, the undo stack
and the modified flag as they were, and the user is told."""
from __future__ import annotations

from explorer.commands import AddNodeCommand, PasteCommand
from explorer.graph_clipboard import copy_to_clipboard


def fragment_with_a_huge_second_position() -> dict:
    return {"format": "autograd-explorer-fragment",
            "nodes": [{"id": "a", "op": "input", "name": "a", "pos": [0, 0], "params": {}},
                      {"id": "b", "op": "input", "name": "b", "pos": [int("9" * 400), 0],
                       "params": {}}],
            "edges": []}


def test_pasting_a_fragment_with_a_400_digit_position_changes_nothing(window):
    copy_to_clipboard(fragment_with_a_huge_second_position())
    assert window.paste() == []
    assert len(window.document) == 0
    assert window.undo_stack.count() == 0
    assert not window.is_modified()


def test_an_unexpected_error_inside_a_command_is_rolled_back_and_reported(window, monkeypatch,
                                                                        slot_exceptions):
    command = AddNodeCommand(window.document, "input", (0.0, 0.0))
    original = command.apply

    def apply_then_fail() -> None:
        original()
        raise RuntimeError("a bug half-way through")

    monkeypatch.setattr(command, "apply", apply_then_fail)
    reason = window.push(command)
    assert reason is not None and "a bug half-way through" in reason
    # The bug is not hidden: it reaches the error report (here, the test's recorder).
    assert len(slot_exceptions) == 1 and "a bug half-way through" in slot_exceptions[0]
    slot_exceptions.clear()
    assert len(window.document) == 0
    assert window.undo_stack.count() == 0
    assert not window.is_modified()


def test_a_fragment_paste_still_works(window):
    fragment = fragment_with_a_huge_second_position()
    fragment["nodes"][1]["pos"] = [100, 0]
    command = PasteCommand(window.document, fragment, (10.0, 10.0))
    assert window.push(command) is None
    assert [window.document.node(n).pos for n in command.node_ids] == [(10.0, 10.0),
                                                                       (110.0, 10.0)]
