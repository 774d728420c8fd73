import itertools
import random

import pytest

from explorer.document.examples import list_examples, load_example
from explorer.document.graph_document import GraphDocument
from explorer.document.layout import LAYER_SPACING, ROW_SPACING, apply_layout, layered_positions


def assert_no_overlaps(positions: dict[str, tuple[float, float]]) -> None:
    for (a, pa), (b, pb) in itertools.combinations(positions.items(), 2):
        assert abs(pa[0] - pb[0]) >= LAYER_SPACING or abs(pa[1] - pb[1]) >= ROW_SPACING, (a, b)


def random_document(seed: int, size: int) -> GraphDocument:
    rng = random.Random(seed)
    doc = GraphDocument()
    ids = [doc.add_node("input", name=f"i{k}") for k in range(3)]
    for k in range(size):
        op = rng.choice(["add", "mul", "exp", "sum"])
        node = doc.add_node(op, name=f"v{k}")
        for port in ("a", "b") if op in ("add", "mul") else ("x",):
            doc.connect(rng.choice(ids), node, port)
        ids.append(node)
    return doc


@pytest.mark.parametrize("key", [key for key, _ in list_examples()])
def test_examples_layout_has_no_overlaps_and_edges_point_right(key):
    doc = load_example(key)
    positions = layered_positions(doc)
    assert set(positions) == {d.id for d in doc.nodes()}
    assert_no_overlaps(positions)
    for src, dst, _ in doc.edges():
        assert positions[src][0] < positions[dst][0]


@pytest.mark.parametrize("seed", range(5))
def test_random_graph_layout_has_no_overlaps(seed):
    doc = random_document(seed, 40)
    positions = layered_positions(doc)
    assert_no_overlaps(positions)
    for src, dst, _ in doc.edges():
        assert positions[src][0] < positions[dst][0]
    assert layered_positions(doc) == positions   # stable


def test_layers_are_220_apart_and_rows_110_apart_and_centred():
    doc = GraphDocument()
    a = doc.add_node("input")
    b = doc.add_node("input")
    s = doc.add_node("add")
    doc.connect(a, s, "a")
    doc.connect(b, s, "b")
    positions = layered_positions(doc)
    assert positions == {a: (0.0, -ROW_SPACING / 2), b: (0.0, ROW_SPACING / 2),
                         s: (LAYER_SPACING, 0.0)}
    assert (LAYER_SPACING, ROW_SPACING) == (220.0, 110.0)


def test_a_constant_sits_just_left_of_its_consumer():
    doc = load_example("x_squared")
    positions = layered_positions(doc)
    by_name = {d.name: d.id for d in doc.nodes()}
    assert positions[by_name["one"]][0] == positions[by_name["y"]][0] - LAYER_SPACING


def test_apply_layout_moves_nodes_with_events():
    doc = random_document(1, 6)
    events = []
    doc.subscribe(events.append)
    apply_layout(doc)
    assert {d.id: d.pos for d in doc.nodes()} == layered_positions(doc)
    assert events and all(e.field == "pos" for e in events)


def test_empty_document_has_empty_layout():
    assert layered_positions(GraphDocument()) == {}


def test_an_edge_that_skips_a_column_does_not_run_through_its_node():
    doc = load_example("diamond")   # a feeds b and, skipping b's column, ba
    positions = layered_positions(doc)
    by_name = {d.name: d.id for d in doc.nodes()}
    (ax, ay), (bx, by), (tx, ty) = (positions[by_name[n]] for n in ("a", "b", "ba"))
    line_y_at_b = ay + (ty - ay) * (bx - ax) / (tx - ax)
    assert abs(by - line_y_at_b) >= ROW_SPACING / 2
