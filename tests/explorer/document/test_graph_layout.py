import itertools
import random

import pytest

from explorer.core.document.examples import list_examples, load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.layout import (
    COLUMN_GAP,
    DEFAULT_SIZE,
    INPUT_Y,
    OUTPUT_Y,
    ROW_GAP,
    _main_chain,
    apply_layout,
    layered_positions,
)


def card(positions, sizes, node_id):
    (x, y), (w, h) = positions[node_id], sizes.get(node_id, DEFAULT_SIZE)
    return x, y, w, h


def assert_no_overlaps(positions, sizes=None) -> None:
    """No two cards overlap: they are a column gap apart side by side, or a row gap apart."""
    sizes = sizes or {}
    for a, b in itertools.combinations(positions, 2):
        ax, ay, aw, ah = card(positions, sizes, a)
        bx, by, bw, bh = card(positions, sizes, b)
        apart_x = ax + aw + COLUMN_GAP <= bx + 1e-6 or bx + bw + COLUMN_GAP <= ax + 1e-6
        apart_y = ay + ah + ROW_GAP <= by + 1e-6 or by + bh + ROW_GAP <= ay + 1e-6
        assert apart_x or apart_y, (a, b)


def assert_edges_point_right(doc, positions, sizes=None) -> None:
    sizes = sizes or {}
    for src, dst, _ in doc.edges():
        sx, _sy, sw, _sh = card(positions, sizes, src)
        assert sx + sw + COLUMN_GAP <= positions[dst][0] + 1e-6, (src, dst)


def varied_sizes(doc, seed: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    return {d.id: (rng.choice([112.0, 150.0, 260.0]), rng.choice([60.0, 96.0, 170.0]))
            for d in doc.nodes()}


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
    assert_edges_point_right(doc, positions)


@pytest.mark.parametrize("seed", range(5))
def test_random_graph_layout_has_no_overlaps(seed):
    doc = random_document(seed, 40)
    positions = layered_positions(doc)
    assert_no_overlaps(positions)
    assert_edges_point_right(doc, positions)
    assert layered_positions(doc) == positions   # stable


@pytest.mark.parametrize("seed", range(3))
def test_cards_of_any_size_neither_overlap_nor_point_left(seed):
    doc = random_document(seed, 30)
    sizes = varied_sizes(doc, seed)
    positions = layered_positions(doc, sizes)
    assert_no_overlaps(positions, sizes)
    assert_edges_point_right(doc, positions, sizes)
    assert layered_positions(doc, dict(sizes)) == positions   # stable


def test_columns_are_as_wide_as_their_widest_card():
    doc = load_example("x_squared")   # x -> pow(x, two) -> add(., one)
    by_name = {d.name: d.id for d in doc.nodes()}
    small = {d.id: (100.0, 60.0) for d in doc.nodes()}
    square = next(d.id for d in doc.nodes() if d.op == "pow")
    wide = layered_positions(doc, {**small, by_name["x"]: (300.0, 80.0)})
    assert wide[square][0] == 300.0 + COLUMN_GAP
    narrow = layered_positions(doc, small)
    assert narrow[square][0] == 100.0 + COLUMN_GAP


def test_two_inputs_stack_a_row_gap_apart_and_their_sum_sits_between_them():
    doc = GraphDocument()
    a = doc.add_node("input")
    b = doc.add_node("input")
    s = doc.add_node("add")
    doc.connect(a, s, "a")
    doc.connect(b, s, "b")
    w, h = DEFAULT_SIZE
    positions = layered_positions(doc)
    assert positions[a][0] == positions[b][0] == 0.0
    assert positions[b][1] - positions[a][1] == h + ROW_GAP
    assert positions[s][0] == w + COLUMN_GAP
    assert positions[a][1] < positions[s][1] < positions[b][1]


def test_a_chain_runs_straight_from_output_port_to_input_port():
    doc = GraphDocument()
    x = doc.add_node("input")
    e = doc.add_node("exp")
    doc.connect(x, e, "x")
    positions = layered_positions(doc)
    assert positions[x][1] + OUTPUT_Y == positions[e][1] + INPUT_Y


def test_inputs_start_together_in_the_first_column():
    doc = load_example("polynomial_loss")
    by_name = {d.name: d.id for d in doc.nodes()}
    positions = layered_positions(doc)
    column = {positions[by_name[name]][0] for name in ("x", "a", "b", "c", "d")}
    assert column == {0.0}   # data and parameters together on the left


def test_the_source_of_port_a_sits_above_the_source_of_port_b():
    doc = GraphDocument()
    first = doc.add_node("input", name="first")
    second = doc.add_node("input", name="second")
    product = doc.add_node("mul")
    doc.connect(second, product, "a")   # created second, but it feeds the upper port
    doc.connect(first, product, "b")
    positions = layered_positions(doc)
    assert positions[second][1] < positions[first][1]


def test_the_data_goes_to_one_side_of_the_coefficients_when_that_costs_few_crossings():
    doc = load_example("polynomial_loss")   # x (no grad) and y = sin(x); a, b, c, d require grad
    by_name = {d.name: d.id for d in doc.nodes()}
    positions = layered_positions(doc)
    ys = {name: positions[by_name[name]][1] for name in ("x", "y", "a", "b", "c", "d")}
    assert all(ys["x"] > ys[p] for p in "abcd")
    column_of_y = [d.id for d in doc.nodes()
                   if positions[d.id][0] == positions[by_name["y"]][0]]
    assert max(column_of_y, key=lambda n: positions[n][1]) == by_name["y"]


def test_a_small_graph_keeps_the_order_without_crossings():
    doc = load_example("linear_int_x")   # wx = w * x: w feeds port a, so it sits above x
    by_name = {d.name: d.id for d in doc.nodes()}
    positions = layered_positions(doc)
    assert positions[by_name["w"]][1] < positions[by_name["x"]][1] < positions[by_name["b"]][1]


def test_a_constant_sits_just_left_of_its_consumer():
    doc = load_example("x_squared")
    positions = layered_positions(doc)
    by_name = {d.name: d.id for d in doc.nodes()}
    one_right = positions[by_name["one"]][0] + DEFAULT_SIZE[0]
    assert one_right + COLUMN_GAP == positions[by_name["y"]][0]


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
    assert abs(by - line_y_at_b) >= DEFAULT_SIZE[1] / 2


def deep_mlp_document(layers: int) -> tuple[GraphDocument, list[str], dict[str, str]]:
    """`for W, b in layers: h = torch.tanh(h @ W + b)`, then `h.sum()`: the document, its chain
    of operations (left to right) and each parameter's layer operation."""
    doc = GraphDocument()
    h = doc.add_node("input", name="x")
    chain, feeds = [], {}
    for k in range(layers):
        weight = doc.add_node("input", name=f"W{k}", params={"requires_grad": True})
        bias = doc.add_node("input", name=f"b{k}", params={"requires_grad": True})
        product, total, h_next = (doc.add_node(op, name=f"{op}{k}")
                                  for op in ("matmul", "add", "tanh"))
        doc.connect(h, product, "a")
        doc.connect(weight, product, "b")
        doc.connect(product, total, "a")
        doc.connect(bias, total, "b")
        doc.connect(total, h_next, "x")
        chain += [product, total, h_next]
        feeds[weight], feeds[bias] = product, total
        h = h_next
    loss = doc.add_node("sum", name="loss")
    doc.connect(h, loss, "x")
    return doc, [*chain, loss], feeds


@pytest.mark.parametrize("layers", [3, 8])
def test_a_deep_stack_of_layers_reads_level_with_its_parameters_beside_their_layer(layers):
    doc, chain, feeds = deep_mlp_document(layers)
    # About the app's cards: a weight's heatmap is the tallest.
    sizes = {d.id: (208.0, 203.0) if d.name.startswith("W") else (180.0, 152.0)
             for d in doc.nodes()}
    positions = layered_positions(doc, sizes)
    # Each wire ran straight from an output port to an input port lower on its card, and side
    # inputs pulled the cards about: the chain's tops spread over 312 px (3 layers), 667 (8).
    tops = [positions[node][1] for node in chain]
    assert max(tops) - min(tops) <= 1.0
    xs = [positions[node][0] for node in chain]
    assert xs == sorted(xs)
    for parameter, operation in feeds.items():   # b0, W1 and b1 sat in the first column
        right = positions[parameter][0] + sizes[parameter][0]
        assert right + COLUMN_GAP == positions[operation][0], doc.node(parameter).name
    assert_no_overlaps(positions, sizes)


def test_only_a_deep_stack_with_its_own_parameters_is_kept_level():
    doc, chain, _feeds = deep_mlp_document(3)
    assert _main_chain(doc) == set(itertools.pairwise(chain))
    assert _main_chain(deep_mlp_document(2)[0]) == set()   # 6 wires: each runs straight
    # An unrolled recurrence, z = tanh(W @ z + x) five times: the wires from the one W and x
    # to every step would have to cross a level row.
    doc = GraphDocument()
    z, weight, x = (doc.add_node("input", name=name) for name in ("z", "W", "x"))
    for k in range(5):
        product, total, z_next = (doc.add_node(op, name=f"{op}{k}")
                                  for op in ("matmul", "add", "tanh"))
        doc.connect(weight, product, "a")
        doc.connect(z, product, "b")
        doc.connect(product, total, "a")
        doc.connect(x, total, "b")
        doc.connect(total, z_next, "x")
        z = z_next
    assert _main_chain(doc) == set()
