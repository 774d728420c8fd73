"""The graph of a live tensor: structure, names, values and grads as the program left them."""
from __future__ import annotations

import sys

import pytest

import engine as torch
from engine import observer
from explorer.core.live.graph_builder import build_graph
from explorer.core.live.names import names_from
from explorer.core.live.recorder import record


def _by_name(graph):
    return {n.name: n for n in graph.document.nodes()}


def test_a_leaf_is_a_one_card_graph():
    x = torch.tensor(2.0, requires_grad=True)
    graph = build_graph(x, names=names_from(sys._getframe()))
    (node,) = graph.document.nodes()
    assert (node.op, node.name) == ("input", "x")
    assert graph.evaluation.values[node.id].item() == 2.0


def test_recorded_graph_has_every_input_constant_and_variable_name():
    w = torch.tensor(2.0, requires_grad=True)
    x = torch.tensor(3.0, requires_grad=True)
    with observer.recording() as events:
        y = w * x + 1
        loss = (y - 4) ** 2
    graph = build_graph(loss, events=events, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    assert nodes["y"].op == "add" and nodes["loss"].op == "pow"
    assert sorted(n.params["value"] for n in graph.document.nodes() if n.op == "constant") \
        == ["1", "2", "4"]
    # The cards hold the program's own tensors: nothing was computed again.
    assert graph.evaluation.values[nodes["loss"].id] is loss
    assert graph.evaluation.values[nodes["y"].id] is y
    assert graph.document.meta["root"] == nodes["loss"].id


def test_without_events_the_structure_comes_from_grad_fn():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    out = (a.exp() * a).sum()
    graph = build_graph(out, names=names_from(sys._getframe()))
    ops = sorted(n.op for n in graph.document.nodes())
    assert ops == ["exp", "input", "mul", "sum"]
    assert graph.evaluation.values[_by_name(graph)["out"].id] is out


def test_leaves_are_frozen_with_their_grad_at_capture_time():
    a = torch.tensor(1.0, requires_grad=True)
    loss = a * 3
    loss.backward()
    graph = build_graph(loss, names=names_from(sys._getframe()))
    with torch.no_grad():
        a -= 0.5 * a.grad       # the optimizer step after the picture was taken
    a.grad = None
    shown = graph.evaluation.values[_by_name(graph)["a"].id]
    assert shown.item() == 1.0 and shown.grad.item() == 3.0


def test_ops_outside_the_catalog_are_traced_cards_named_after_their_module():
    net = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
    loss_fn = torch.nn.MSELoss(reduction="sum")
    xs = torch.linspace(-1, 1, 4).unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    with record() as rec:
        loss = loss_fn(net(xs), torch.zeros(4))
        loss.backward()
    graph = rec.graphs[0].graph
    nodes = _by_name(graph)
    assert {"net_0_weight", "net_0_bias", "loss"} <= set(nodes)
    addmm = next(n for n in nodes.values() if n.params.get("call") == "addmm")
    assert addmm.params["module"] == "net.0 (Linear)"
    # mse_loss and Flatten's reshape are catalog cards, still in their module's group.
    assert (nodes["loss"].op, nodes["loss"].params["reduction"]) == ("mse_loss", "sum")
    (reshape,) = [n for n in nodes.values() if n.op == "reshape"]
    assert reshape.params["shape"] == "4"
    groups = {g.name: g.members for g in graph.document.groups.values()}
    assert nodes["loss"].id in groups["loss_fn (MSELoss)"]
    assert reshape.id in groups["net.1 (Flatten)"]


def real_torch():
    """PyTorch itself, or the test is skipped (also where `torch` is the engine here)."""
    real = pytest.importorskip("torch")
    if real is torch:
        pytest.skip("torch is the engine here")
    return real


def test_a_pytorch_tensor_is_drawn_from_grad_fn_with_its_leaf_values_and_grads():
    real = real_torch()
    w = real.tensor([1.0, 2.0], requires_grad=True)
    loss = (w * w).sum()
    loss.backward()
    graph = build_graph(loss, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    assert sorted(n.op for n in nodes.values()) == ["input", "mul", "sum"]
    leaf = graph.evaluation.values[nodes["w"].id]
    assert leaf.tolist() == [1.0, 2.0] and leaf.grad.tolist() == [2.0, 4.0]


def test_unrecorded_intermediates_get_their_values_unless_a_leaf_changed_since():
    w = torch.tensor(2.0, requires_grad=True)
    x = torch.tensor(3.0, requires_grad=True)
    y = w * x + x
    graph = build_graph(y, names=names_from(sys._getframe()))
    (mul,) = [n for n in graph.document.nodes() if n.op == "mul"]
    shown = graph.evaluation.values[mul.id]
    assert shown.item() == 6.0 and shown.grad_fn.name() == "MulBackward0"
    with torch.no_grad():
        w += 1   # the graph of y is now another graph's: its old values are unknown
    stale = build_graph(y, names=names_from(sys._getframe()))
    (mul,) = [n for n in stale.document.nodes() if n.op == "mul"]
    assert mul.id not in stale.evaluation.values


def test_a_pytorch_graph_shows_the_values_its_ops_give_checked_against_the_root():
    real = real_torch()
    w = real.tensor([1.0, 2.0], requires_grad=True)
    loss = (w * w).sum()
    graph = build_graph(loss, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    shown = graph.evaluation.values[nodes["loss"].id]
    assert shown.item() == 5.0 and shown.grad_fn.name() == "SumBackward0"
    (mul,) = [n for n in nodes.values() if n.op == "mul"]
    assert graph.evaluation.values[mul.id].tolist() == [1.0, 4.0]


def test_a_pytorch_mse_loss_and_reshape_become_catalog_cards_with_their_params():
    real = real_torch()
    w = real.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    target = real.zeros(4, requires_grad=True)
    flat = w.reshape(4)   # (named: its shape is known; grad_fn keeps only the input's)
    loss = real.nn.functional.mse_loss(flat, target, reduction="sum")
    graph = build_graph(loss, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    assert (nodes["loss"].op, nodes["loss"].params["reduction"]) == ("mse_loss", "sum")
    assert (nodes["flat"].op, nodes["flat"].params["shape"]) == ("reshape", "4")
    assert graph.evaluation.values[nodes["flat"].id].tolist() == [1.0, 2.0, 3.0, 4.0]


def test_each_piece_of_a_chunk_is_a_card_of_its_own_and_its_code_picks_it():
    from explorer.core.codegen.pytorch_export import export_script
    from explorer.core.replay.timeline import _NodeMap

    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    with observer.recording() as events:
        i, f = (x * 2).chunk(2)
        loss = (i.sigmoid() * f.tanh()).sum()
    graph = build_graph(loss, events=events, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    values = graph.evaluation.values
    assert values[nodes["i"].id].tolist() == [2.0, 4.0]
    assert values[nodes["f"].id].tolist() == [6.0, 8.0]
    assert (nodes["i"].params["output"], nodes["f"].params["output"]) == ("0", "1")
    code = export_script(graph.document, graph.root_id)
    assert "[0]" in code and "[1]" in code
    # the backward node of each piece leads the replay to its own card
    node_map = _NodeMap(values)
    assert node_map.node_of_tensor(f) == nodes["f"].id
    assert node_map.node_of_tensor(i) == nodes["i"].id
    assert node_map.node_of_fn(f._grad_fn)[0] == nodes["f"].id


def test_without_events_a_piece_is_found_by_the_number_on_its_edge():
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    _, b = x.split(2)
    out = (b * 3).sum()
    graph = build_graph(out, names=names_from(sys._getframe()))
    (piece,) = [n for n in graph.document.nodes() if n.params.get("output")]
    assert piece.params["output"] == "1"


def test_a_mini_batch_slice_is_an_index_card_with_its_slice_and_edits_keep_its_rows():
    from explorer.core.codegen.pytorch_export import export_script
    from explorer.core.document.evaluation import evaluate

    X = torch.arange(12.0).reshape(6, 2)
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    with observer.recording() as events:
        xb = X[2:4]        # a training loop's batch of data rows
        first = X[0]
        tail = w[1:]       # a slice of a tensor that requires grad
        loss = (xb @ w).sum() + (first * w).sum() + tail.sum()
    graph = build_graph(loss, events=events, names=names_from(sys._getframe()))
    nodes = _by_name(graph)
    assert [(nodes[n].op, nodes[n].params["index"]) for n in ("xb", "first", "tail")] == \
        [("index", "2:4"), ("index", "0"), ("index", "1:")]
    again = evaluate(graph.document)   # as after an edit: every card computed anew
    for name, want in (("xb", xb), ("first", first), ("tail", tail)):
        assert again.values[nodes[name].id].tolist() == want.tolist()
    assert again.values[nodes["loss"].id].item() == loss.item()
    code = export_script(graph.document, evaluation=graph.evaluation)
    assert "xb = X[2:4]" in code and "first = X[0]" in code and "tail = w[1:]" in code
