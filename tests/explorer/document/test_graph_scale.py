"""Large graphs load, sort and check cycles without a quadratic step: counted, never timed."""
from __future__ import annotations

import itertools
import json
import random

import networkx as nx
import pytest

from explorer.big_graph_bench import random_dag
from explorer.core.document import graph_document
from explorer.core.document.file_format import FORMAT, VERSION, FileFormatError, parse_document
from explorer.core.document.graph_document import GraphDocument, GraphEditError
from explorer.core.document.layout import DEFAULT_SIZE, cards_overlap


def chain_file(n: int, reverse: bool, with_pos: bool = True) -> str:
    """x -> sin -> sin -> ... n nodes; the edges listed last-first when `reverse`."""
    nodes = [{"id": "n1", "op": "input", "name": "x", "params": {}}]
    nodes += [{"id": f"n{i}", "op": "sin", "name": f"s{i}", "params": {}} for i in range(2, n + 1)]
    if with_pos:
        for i, node in enumerate(nodes):
            node["pos"] = [220.0 * i, 0.0]
    edges = [{"src": f"n{i - 1}", "dst": f"n{i}", "port": "x"} for i in range(2, n + 1)]
    if reverse:
        edges.reverse()
    return json.dumps({"format": FORMAT, "version": VERSION, "nodes": nodes, "edges": edges})


@pytest.fixture
def counted(monkeypatch):
    """How often a path search and a topological sort run."""
    calls = {"has_path": 0, "sort": 0}
    has_path, sort = nx.has_path, graph_document._lexicographic_order

    def counted_has_path(*args, **kwargs):
        calls["has_path"] += 1
        return has_path(*args, **kwargs)

    def counted_sort(*args, **kwargs):
        calls["sort"] += 1
        return sort(*args, **kwargs)

    monkeypatch.setattr(nx, "has_path", counted_has_path)
    monkeypatch.setattr(graph_document, "_lexicographic_order", counted_sort)
    return calls


@pytest.mark.parametrize("reverse", [False, True])
def test_a_file_loads_with_one_sort_and_no_path_search_per_edge(counted, reverse):
    doc = parse_document(chain_file(2000, reverse))
    assert counted == {"has_path": 0, "sort": 1}
    assert doc.topological_order() == [f"n{i}" for i in range(1, 2001)]
    assert counted["sort"] == 1   # the load's sort is kept


def test_the_window_document_takes_the_loaded_files_order_without_sorting_again(counted):
    loaded = parse_document(chain_file(300, reverse=True))
    window_document = GraphDocument()
    window_document.replace_contents(loaded)
    assert window_document.topological_order() == [f"n{i}" for i in range(1, 301)]
    assert counted["sort"] == 1   # the load's own


def test_a_file_just_read_moves_into_the_window_document_without_a_copy():
    loaded = parse_document(chain_file(300, reverse=False))
    graph, names = loaded.graph, {data.id: data.name for data in loaded.nodes()}
    window_document = GraphDocument()
    window_document.replace_contents(loaded, take=True)
    assert window_document.graph is graph
    assert {data.id: data.name for data in window_document.nodes()} == names
    assert len(loaded) == 0 and loaded.node_by_name("x") is None
    window_document.rename_node("n1", "renamed")   # the moved names are the document's own
    assert window_document.node_by_name("renamed").id == "n1"


def test_a_copied_document_stays_apart_from_its_source():
    source = parse_document(chain_file(5, reverse=False))
    copy = GraphDocument()
    copy.replace_contents(source)
    copy.rename_node("n1", "renamed")
    copy.disconnect("n2", "x")
    assert source.node("n1").name == "x" and source.input_sources("n2") == {"x": "n1"}


@pytest.mark.parametrize("seed", range(20))
def test_the_order_is_networkx_lexicographic_topological_order(seed):
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    ids = [f"n{i}" for i in rng.sample(range(1, 200), 60)] + ["a", "n07", "zz"]
    rng.shuffle(ids)
    graph.add_nodes_from(ids)
    for _ in range(120):   # edges only forward in a random order: a DAG, some edges doubled
        i, j = sorted(rng.sample(range(len(ids)), 2))
        graph.add_edge(ids[i], ids[j], key=rng.choice("ab"))
    expected = list(nx.lexicographical_topological_sort(graph, key=graph_document._order_key))
    assert graph_document._lexicographic_order(graph) == expected


def test_the_order_refuses_a_cycle():
    graph = nx.MultiDiGraph([("n1", "n2"), ("n2", "n3"), ("n3", "n2")])
    with pytest.raises(nx.NetworkXUnfeasible):
        graph_document._lexicographic_order(graph)


def test_a_cycle_anywhere_in_a_file_is_still_refused():
    data = json.loads(chain_file(50, reverse=True))
    data["nodes"][0] = {"id": "n1", "op": "sin", "name": "x", "pos": [0, 0], "params": {}}
    data["edges"].append({"src": "n50", "dst": "n1", "port": "x"})
    with pytest.raises(FileFormatError, match="cycle"):
        parse_document(json.dumps(data))


def test_the_order_is_sorted_once_until_the_graph_changes_shape(counted):
    doc = parse_document(chain_file(30, reverse=False))
    for _ in range(5):
        doc.topological_order()
        doc.move_node("n3", (1.0, 2.0))
        doc.rename_node("n3", "renamed")
    assert counted["sort"] == 1
    extra = doc.add_node("input", name="w")
    assert doc.topological_order()[-1] == extra and counted["sort"] == 2
    doc.disconnect("n30", "x")
    doc.topological_order()
    assert counted["sort"] == 3


def test_an_edge_along_the_known_order_keeps_it_and_skips_the_path_search(counted):
    doc = GraphDocument()
    x = doc.add_node("input", name="x")
    y = doc.add_node("input", name="y")
    total = doc.add_node("add", name="total")
    doc.topological_order()
    doc.connect(x, total, "a")
    doc.connect(y, total, "b")
    assert counted == {"has_path": 0, "sort": 1}
    assert doc.topological_order() == [x, y, total] and counted["sort"] == 1


def test_an_edge_against_the_known_order_still_meets_the_cycle_check():
    doc = GraphDocument()
    product = doc.add_node("mul", name="p")
    sine = doc.add_node("sin", name="q")
    doc.connect(product, sine, "x")
    doc.topological_order()
    with pytest.raises(GraphEditError, match="cycle"):
        doc.connect(sine, product, "a")


@pytest.mark.parametrize("seed", range(5))
def test_the_kept_order_is_always_the_order_a_fresh_sort_gives(seed):
    rng = random.Random(seed)
    doc = GraphDocument()
    for _ in range(300):
        ids = [d.id for d in doc.nodes()]
        roll = rng.random()
        if roll < 0.3 or len(ids) < 3:
            doc.add_node(rng.choice(["input", "add", "sin"]))
        elif roll < 0.8:
            src, dst = rng.choice(ids), rng.choice(ids)
            ports = [p for p in ("a", "b", "x") if doc.check_connect(src, dst, p) is None]
            if ports:
                doc.connect(src, dst, ports[0])
        elif roll < 0.9 and doc.edges():
            _src, dst, port = rng.choice(doc.edges())
            doc.disconnect(dst, port)
        else:
            doc.remove_node(rng.choice(ids))
        fresh = list(nx.lexicographical_topological_sort(
            doc.graph, key=lambda n: (int(n[1:]), n)))
        assert doc.topological_order() == fresh


@pytest.mark.parametrize("reverse", [False, True])
def test_a_file_without_positions_is_laid_out_on_open(reverse):
    doc = parse_document(chain_file(40, reverse, with_pos=False))
    xs = [doc.node(f"n{i}").pos[0] for i in range(1, 41)]
    assert xs == sorted(xs) and len(set(xs)) == 40   # one column per step of the chain
    assert not cards_overlap(doc) and doc.revision == 0


def test_a_file_whose_cards_all_sit_on_one_spot_is_laid_out_on_open():
    data = random_dag(200, seed=3)
    for node in data["nodes"]:
        node["pos"] = [0, 0]
    doc = parse_document(json.dumps(data))
    spots = {d.pos for d in doc.nodes()}
    assert len(spots) == 200
    by_column: dict[float, list[float]] = {}
    for x, y in spots:
        by_column.setdefault(x, []).append(y)
    for ys in by_column.values():   # the cards of one column are a card's height apart
        ys.sort()
        assert all(b - a >= DEFAULT_SIZE[1] for a, b in itertools.pairwise(ys))


def test_a_file_with_its_own_positions_keeps_them():
    doc = parse_document(chain_file(5, reverse=False))
    assert [doc.node(f"n{i}").pos for i in range(1, 6)] == [(220.0 * i, 0.0) for i in range(5)]


def test_an_input_used_far_to_the_right_sits_beside_its_use():
    """Else every such input draws a lane across all columns: lanes grow with the square of
    a big graph's size."""
    from explorer.core.document.layout import _layers

    doc = parse_document(chain_file(12, reverse=False))
    weight = doc.add_node("input", name="w")
    product = doc.add_node("mul", name="p")
    doc.connect("n12", product, "a")
    doc.connect(weight, product, "b")
    layers = _layers(doc)
    assert layers[weight] == layers[product] - 1 and layers["n1"] == 0
