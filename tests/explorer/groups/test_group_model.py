"""Groups in the document: a named set of nodes, folded or not, with outer ports; no nesting."""
import pytest
from group_graphs import hidden_layer, inner

from explorer.core.document.graph_document import (
    GraphDocument,
    GraphEditError,
    GroupAdded,
    GroupChanged,
    GroupRemoved,
)


def test_a_group_is_a_named_folded_set_of_nodes_with_its_outer_ports():
    doc, ids = hidden_layer()
    group_id = doc.add_group(inner(ids), "hidden")
    group = doc.group(group_id)
    assert (group.name, group.folded, group.members) == ("hidden", True, frozenset(inner(ids)))
    assert doc.group_of(ids["h"]) == group_id and doc.group_of(ids["x"]) is None
    entering, leaving = doc.group_ports(group_id)
    assert entering == [(ids["w"], ids["wx"], "a"), (ids["x"], ids["wx"], "b"),
                        (ids["b"], ids["h"], "b")]
    assert leaving == [ids["r"]]
    assert doc.group_ops(group_id) == ["mul", "add", "relu"]


def test_default_names_count_up():
    doc, ids = hidden_layer()
    doc.add_group([ids["wx"]])
    second = doc.add_group([ids["out"]])
    assert doc.group(second).name == "group 2"


def test_nested_or_overlapping_groups_are_refused_clearly():
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    with pytest.raises(GraphEditError, match="already in the group 'hidden'.*cannot be nested"):
        doc.add_group([ids["r"], ids["out"]], "outer")


def test_a_group_that_would_feed_itself_is_refused():
    doc, ids = hidden_layer()
    # wx -> h -> r: grouping wx and r without h would make the folded card feed itself.
    with pytest.raises(GraphEditError, match="h lies on a path between"):
        doc.add_group([ids["wx"], ids["r"]], "gap")
    assert doc.groups == {}


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "two\nlines"])
def test_bad_group_names_are_refused(name):
    doc, ids = hidden_layer()
    with pytest.raises(GraphEditError):
        doc.add_group(inner(ids), name)


def test_group_names_are_unique():
    doc, ids = hidden_layer()
    first = doc.add_group(inner(ids), "hidden")
    with pytest.raises(GraphEditError, match="already used"):
        doc.add_group([ids["out"]], "hidden")
    doc.rename_group(first, "layer")
    assert doc.group(first).name == "layer"


def test_group_edits_announce_events_and_ungroup_keeps_the_nodes():
    doc, ids = hidden_layer()
    events = []
    doc.subscribe(events.append)
    group_id = doc.add_group(inner(ids), "hidden")
    doc.set_group_folded(group_id, False)
    doc.remove_group(group_id)
    assert events == [GroupAdded(group_id), GroupChanged(group_id, "folded"),
                      GroupRemoved(group_id)]
    assert len(doc) == 8 and doc.group_of(ids["h"]) is None


def test_removing_members_shrinks_the_group_and_restoring_puts_them_back():
    doc, ids = hidden_layer()
    group_id = doc.add_group(inner(ids), "hidden", folded=False)
    records = [doc.remove_node(n) for n in inner(ids)]
    assert doc.groups == {}   # the last member took the group with it
    for record in reversed(records):
        doc.restore_node(record)
    group = doc.group(group_id)
    assert (group.name, group.folded, group.members) == ("hidden", False, frozenset(inner(ids)))


def test_groups_round_trip_through_to_dict_and_old_dicts_have_none():
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    data = doc.to_dict()
    assert data["groups"] == [{"id": "g1", "name": "hidden", "folded": True,
                               "members": inner(ids)}]
    again = GraphDocument.from_dict(data)
    assert again.to_dict() == data
    data.pop("groups")
    assert GraphDocument.from_dict(data).groups == {}
    assert "groups" not in GraphDocument.from_dict(data).to_dict()


def test_replace_contents_takes_the_groups():
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    other = GraphDocument()
    other.replace_contents(doc)
    assert other.to_dict() == doc.to_dict()


def test_a_wire_that_would_leave_a_group_and_come_back_is_refused():
    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    neg = doc.add_node("neg", name="n")
    doc.connect(ids["wx"], neg, "x")           # out of the group: fine
    doc.disconnect(ids["h"], "b")
    with pytest.raises(GraphEditError, match="lead out of the group 'hidden' and back into it"):
        doc.connect(neg, ids["h"], "b")
    doc.connect(ids["b"], ids["h"], "b")       # from outside, not out of it: fine


def test_undoing_the_removal_of_a_middle_member_puts_it_back_in_its_group():
    doc, ids = hidden_layer()
    group_id = doc.add_group(inner(ids), "hidden")
    record = doc.remove_node(ids["h"])
    doc.restore_node(record)
    assert doc.group(group_id).members == frozenset(inner(ids))
