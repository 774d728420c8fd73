"""Groups in the graph file (old files still load) and the undoable group commands."""
import json

import pytest
from group_graphs import hidden_layer, inner
from PySide6.QtGui import QUndoStack

from explorer.commands import RemoveCommand, push_command
from explorer.core.document.examples import EXAMPLES_DIR
from explorer.core.document.file_format import (
    FileFormatError,
    document_to_text,
    load_document,
    parse_document,
    save_document,
)
from explorer.core.document.graph_document import GraphEditError
from explorer.group_commands import (
    FoldGroupCommand,
    GroupCommand,
    RenameGroupCommand,
    UngroupCommand,
)


def test_a_saved_group_opens_again(tmp_path):
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden", folded=False)
    save_document(doc, tmp_path / "g.json")
    loaded = load_document(tmp_path / "g.json")
    assert loaded.to_dict() == doc.to_dict()
    group = loaded.group("g1")
    assert (group.name, group.folded) == ("hidden", False)


def test_every_bundled_file_without_groups_still_opens_and_saves_without_them():
    for path in sorted(EXAMPLES_DIR.glob("*.json")):
        doc = load_document(path)
        assert doc.groups == {}
        assert "groups" not in json.loads(document_to_text(doc))


@pytest.mark.parametrize("groups, message", [
    ("hidden", "groups must be a list"),
    ([{"id": "g1", "name": "h"}], "Group 1 needs"),
    ([{"id": "g1", "name": "h", "members": ["n99"]}], "missing node 'n99'"),
    ([{"id": "g1", "name": "h", "members": ["n4"], "folded": "yes"}], "Group 1 needs"),
    ([{"id": "g1", "name": "a", "members": ["n4"]},
      {"id": "g2", "name": "b", "members": ["n4", "n5"]}], "cannot be nested"),
    ([{"id": "g1", "name": "gap", "members": ["n4", "n6"]}], "lies on a path"),
])
def test_bad_groups_in_a_file_are_refused_with_a_reason(groups, message):
    doc, _ids = hidden_layer()
    data = json.loads(document_to_text(doc))
    data["groups"] = groups
    with pytest.raises(FileFormatError, match=message):
        parse_document(json.dumps(data))


def test_a_file_cannot_hold_more_groups_than_nodes():
    doc, _ids = hidden_layer()
    data = json.loads(document_to_text(doc))
    data["groups"] = [{"id": f"g{i}", "name": str(i), "members": []} for i in range(20_001)]
    with pytest.raises(FileFormatError, match="at most 20000"):
        parse_document(json.dumps(data))


def push(stack, command):
    push_command(stack, command)
    return command


def test_group_fold_rename_ungroup_all_undo_and_redo():
    doc, ids = hidden_layer()
    stack = QUndoStack()
    states = [doc.to_dict()]
    group = push(stack, GroupCommand(doc, inner(ids)))
    states.append(doc.to_dict())
    assert doc.group(group.group_id).name == "group 1"
    push(stack, FoldGroupCommand(doc, group.group_id, False))
    states.append(doc.to_dict())
    push(stack, RenameGroupCommand(doc, group.group_id, "hidden"))
    states.append(doc.to_dict())
    push(stack, UngroupCommand(doc, [group.group_id]))
    states.append(doc.to_dict())
    assert doc.groups == {}
    for state in reversed(states[:-1]):
        stack.undo()
        assert doc.to_dict() == state
    for state in states[1:]:
        stack.redo()
        assert doc.to_dict() == state


def test_a_refused_group_changes_nothing_and_is_not_pushed():
    doc, ids = hidden_layer()
    stack = QUndoStack()
    before = doc.to_dict()
    with pytest.raises(GraphEditError):
        push(stack, GroupCommand(doc, [ids["wx"], ids["r"]]))
    assert doc.to_dict() == before and stack.count() == 0


def test_deleting_a_folded_group_deletes_its_members_and_undo_brings_the_group_back():
    doc, ids = hidden_layer()
    stack = QUndoStack()
    push(stack, GroupCommand(doc, inner(ids), "hidden"))
    before = doc.to_dict()
    push(stack, RemoveCommand(doc, inner(ids)))
    assert doc.groups == {} and len(doc) == 5
    stack.undo()
    assert doc.to_dict() == before
