import pytest

from explorer.core.document.graph_document import (
    DocumentReset,
    EdgeAdded,
    EdgeRemoved,
    GraphDocument,
    GraphEditError,
    NodeAdded,
    NodeChanged,
    NodeRemoved,
)


def linear_document() -> tuple[GraphDocument, dict[str, str]]:
    """y = w*x + b, built through the edit API."""
    doc = GraphDocument()
    ids = {
        "x": doc.add_node("input", params={"value": "3", "requires_grad": False}),
        "w": doc.add_node("input", name="w"),
        "b": doc.add_node("input", name="b", params={"value": "5."}),
        "wx": doc.add_node("mul", name="wx"),
        "y": doc.add_node("add", name="y"),
    }
    doc.connect(ids["w"], ids["wx"], "a")
    doc.connect(ids["x"], ids["wx"], "b")
    doc.connect(ids["wx"], ids["y"], "a")
    doc.connect(ids["b"], ids["y"], "b")
    return doc, ids


def test_add_node_gives_unique_ids_and_names():
    doc = GraphDocument()
    first, second = doc.add_node("input"), doc.add_node("input")
    op = doc.add_node("mul")
    const = doc.add_node("constant")
    assert len({first, second, op, const}) == 4
    assert [doc.node(n).name for n in (first, second, op, const)] == ["x", "y", "mul1", "c1"]
    assert doc.node(op).params == {"retain_grad": False, "no_grad": False}


def test_add_node_fills_default_params_and_keeps_given_ones():
    doc = GraphDocument()
    node = doc.add_node("input", params={"value": "[1., 2.]", "dtype": "float64"})
    params = doc.node(node).params
    assert params["value"] == "[1., 2.]"
    assert params["dtype"] == "float64"
    assert params["requires_grad"] is True
    assert params["retain_grad"] is False


@pytest.mark.parametrize("kwargs, fragment", [
    ({"op": "frobnicate"}, "Unknown operation"),
    ({"op": "input", "name": "import"}, "not a valid Python variable name"),
    ({"op": "input", "name": "2x"}, "not a valid Python variable name"),
    ({"op": "input", "name": "torch"}, "reserved"),
    ({"op": "input", "params": {"colour": "red"}}, "no parameter 'colour'"),
    ({"op": "input", "params": {"requires_grad": "yes"}}, "requires_grad"),
    ({"op": "input", "params": {"dtype": "float16"}}, "must be one of"),
    ({"op": "transpose", "params": {"dim0": 1.5}}, "dim0"),
    ({"op": "input", "pos": (float("nan"), 0)}, "finite"),
])
def test_add_node_refuses_bad_requests(kwargs, fragment):
    doc = GraphDocument()
    events = []
    doc.subscribe(events.append)
    op = kwargs.pop("op")
    with pytest.raises(GraphEditError) as info:
        doc.add_node(op, **kwargs)
    assert fragment in str(info.value)
    assert len(doc) == 0 and events == []


def test_duplicate_name_and_id_are_refused():
    doc = GraphDocument()
    doc.add_node("input", name="x", node_id="n7")
    with pytest.raises(GraphEditError, match="already used"):
        doc.add_node("input", name="x")
    with pytest.raises(GraphEditError, match="already used"):
        doc.add_node("input", name="z", node_id="n7")
    assert doc.new_id() == "n8"


def test_check_connect_reasons_and_refusals_change_nothing():
    doc, ids = linear_document()
    before = doc.to_dict()
    revision = doc.revision
    cases = {
        (ids["wx"], ids["wx"], "a"): "own input",
        (ids["y"], ids["wx"], "a"): "already connected to w",
        (ids["x"], ids["y"], "c"): "no input port 'c'",
        (ids["x"], ids["w"], "a"): "no input port 'a'",
        ("n99", ids["y"], "a"): "no node 'n99'",
    }
    for (src, dst, port), fragment in cases.items():
        reason = doc.check_connect(src, dst, port)
        assert reason is not None and fragment in reason
        with pytest.raises(GraphEditError, match=fragment):
            doc.connect(src, dst, port)
    assert doc.to_dict() == before
    assert doc.revision == revision


def test_connect_refuses_a_cycle():
    doc = GraphDocument()
    x = doc.add_node("input")
    a = doc.add_node("exp")
    b = doc.add_node("mul")
    doc.connect(x, a, "x")
    doc.connect(a, b, "a")
    e = doc.add_node("exp")
    doc.connect(b, e, "x")
    reason = doc.check_connect(e, a, "x")
    assert reason is not None and "already connected" in reason
    doc.disconnect(a, "x")
    reason = doc.check_connect(e, a, "x")
    assert reason is not None and "cycle" in reason


def test_parallel_edges_feed_two_ports_of_one_node():
    doc = GraphDocument()
    a = doc.add_node("input", name="a")
    b = doc.add_node("mul", name="b")
    doc.connect(a, b, "a")
    doc.connect(a, b, "b")
    assert doc.input_sources(b) == {"a": a, "b": a}
    assert sorted(doc.edges()) == [(a, b, "a"), (a, b, "b")]


def test_events_are_sent_in_order_for_each_edit():
    doc = GraphDocument()
    events = []
    doc.subscribe(events.append)
    x = doc.add_node("input")
    e = doc.add_node("exp")
    doc.connect(x, e, "x")
    doc.move_node(e, (10, 20))
    doc.rename_node(e, "ex")
    doc.set_params(x, {"value": "1.5"})
    assert doc.disconnect(e, "x") == x
    assert events == [NodeAdded(x), NodeAdded(e), EdgeAdded(x, e, "x"), NodeChanged(e, "pos"),
                      NodeChanged(e, "name"), NodeChanged(x, "params"), EdgeRemoved(x, e, "x")]
    assert doc.node(e).pos == (10.0, 20.0)
    assert doc.node(e).name == "ex"
    assert doc.node(x).params["value"] == "1.5"
    assert doc.node(x).params["requires_grad"] is True


def test_disconnect_of_an_empty_port_is_refused():
    doc = GraphDocument()
    e = doc.add_node("exp")
    with pytest.raises(GraphEditError, match="not connected"):
        doc.disconnect(e, "x")


def test_rename_refuses_taken_and_invalid_names_but_allows_same_name():
    doc, ids = linear_document()
    with pytest.raises(GraphEditError, match="already used"):
        doc.rename_node(ids["w"], "b")
    with pytest.raises(GraphEditError, match="valid Python variable"):
        doc.rename_node(ids["w"], "w x")
    doc.rename_node(ids["w"], "w")
    assert doc.node(ids["w"]).name == "w"


def test_set_params_refuses_unknown_param_and_wrong_type():
    doc, ids = linear_document()
    with pytest.raises(GraphEditError, match="no parameter"):
        doc.set_params(ids["wx"], {"value": "1"})
    with pytest.raises(GraphEditError):
        doc.set_params(ids["x"], {"steps": "many"})
    assert doc.node(ids["x"]).params["steps"] == 5


def test_remove_then_restore_node_brings_back_node_and_edges():
    doc, ids = linear_document()
    before = doc.to_dict()
    events = []
    doc.subscribe(events.append)
    record = doc.remove_node(ids["wx"])
    assert ids["wx"] not in [d.id for d in doc.nodes()]
    assert sorted(record.edges) == sorted(
        [(ids["w"], ids["wx"], "a"), (ids["x"], ids["wx"], "b"), (ids["wx"], ids["y"], "a")])
    assert events[-1] == NodeRemoved(ids["wx"])
    assert sum(isinstance(e, EdgeRemoved) for e in events) == 3
    doc.restore_node(record)
    assert sorted(doc.edges()) == sorted((e["src"], e["dst"], e["port"]) for e in before["edges"])
    assert doc.node(ids["wx"]) == GraphDocument.from_dict(before).node(ids["wx"])


def test_restore_node_refuses_when_a_neighbour_is_gone():
    doc, ids = linear_document()
    record = doc.remove_node(ids["wx"])
    doc.remove_node(ids["w"])
    with pytest.raises(GraphEditError, match="no node"):
        doc.restore_node(record)
    assert ids["wx"] not in doc.graph


def test_topological_order_and_outputs():
    doc, ids = linear_document()
    order = doc.topological_order()
    assert order.index(ids["wx"]) > order.index(ids["w"])
    assert order.index(ids["y"]) > order.index(ids["wx"])
    assert order[:3] == [ids["x"], ids["w"], ids["b"]]   # ties in creation order
    assert doc.outputs() == [ids["y"]]
    assert doc.roots() == [ids["y"]]


def test_to_dict_from_dict_round_trip_is_equal():
    doc, ids = linear_document()
    doc.meta.update(title="Linear", root=ids["y"])
    doc.move_node(ids["y"], (300.5, -20))
    copy = GraphDocument.from_dict(doc.to_dict())
    assert copy.to_dict() == doc.to_dict()
    assert copy.meta == doc.meta
    assert copy.nodes() == doc.nodes()


def test_from_dict_refuses_a_cycle_and_a_missing_root():
    doc, ids = linear_document()
    data = doc.to_dict()
    data["edges"].append({"src": ids["y"], "dst": ids["wx"], "port": "a"})
    with pytest.raises(GraphEditError):
        GraphDocument.from_dict(data)
    data = doc.to_dict()
    data["root"] = "n42"
    with pytest.raises(GraphEditError, match="root"):
        GraphDocument.from_dict(data)


def test_replace_contents_sends_one_reset_and_copies():
    doc, _ = linear_document()
    target = GraphDocument()
    events = []
    target.subscribe(events.append)
    target.replace_contents(doc)
    assert events == [DocumentReset()]
    assert target.to_dict() == doc.to_dict()
    target.rename_node(target.nodes()[0].id, "renamed")
    assert doc.nodes()[0].name == "x"   # the source document is untouched


def test_remove_and_restore_give_an_equal_dict():
    doc, ids = linear_document()
    before = doc.to_dict()
    for node_id in (ids["x"], ids["wx"]):
        record = doc.remove_node(node_id)
        doc.restore_node(record)
        assert doc.to_dict() == before


def test_deleted_root_is_not_written():
    doc, ids = linear_document()
    doc.meta["root"] = ids["y"]
    record = doc.remove_node(ids["y"])
    assert "root" not in doc.to_dict()
    GraphDocument.from_dict(doc.to_dict())   # loads again
    doc.restore_node(record)
    assert doc.to_dict()["root"] == ids["y"]


def test_unicode_names_are_valid_python_names():
    doc = GraphDocument()
    node = doc.add_node("input", name="权重")
    assert doc.node(node).name == "权重"


def test_from_dict_names_the_node_at_fault():
    doc, ids = linear_document()
    data = doc.to_dict()
    data["nodes"][1]["params"]["dtype"] = "float16"
    with pytest.raises(GraphEditError, match=f"Node '{ids['w']}'"):
        GraphDocument.from_dict(data)


def test_a_removed_id_is_not_handed_out_again():
    doc, ids = linear_document()
    record = doc.remove_node(ids["y"])
    fresh = doc.add_node("exp")
    assert fresh != ids["y"]
    doc.restore_node(record)   # undoing the removal still works
    assert doc.has_node(ids["y"]) and doc.has_node(fresh)


def test_renamed_node_frees_its_old_name():
    doc, ids = linear_document()
    doc.rename_node(ids["w"], "weight")
    assert doc.node_by_name("w") is None
    assert doc.node_by_name("weight").id == ids["w"]
    doc.add_node("input", name="w")


def test_free_variant_counts_an_existing_numeric_suffix_on():
    doc = GraphDocument()
    doc.add_node("input", name="x")
    doc.add_node("input", name="x_2")
    doc.add_node("input", name="v_10")
    assert doc.free_variant("y") == "y"
    assert doc.free_variant("x") == "x_3"
    assert doc.free_variant("x_2") == "x_3"
    assert doc.free_variant("v_10") == "v_11"
