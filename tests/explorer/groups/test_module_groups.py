"""Traced nn.Module calls become groups named after the module, folded when the graph is big."""
from __future__ import annotations

import engine as torch
from explorer.core.live.module_groups import FOLD_FROM_NODES
from explorer.core.live.recorder import record


def groups_by_name(doc) -> dict:
    return {g.name: g for g in doc.group_list()}


def member_names(doc, group) -> set[str]:
    return {doc.node(n).name for n in group.members}


def test_each_module_call_is_a_group_named_after_the_module():
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    loss_fn = torch.nn.MSELoss()
    xs = torch.linspace(-1, 1, 6).unsqueeze(-1).pow(torch.tensor([1, 2, 3]))
    with record() as rec:
        loss = loss_fn(net(xs).squeeze(-1), torch.zeros(6))
        loss.backward()
    doc = rec.graphs[0].graph.document
    groups = groups_by_name(doc)
    assert {"net.0 (Linear)", "net.1 (ReLU)", "net.2 (Linear)", "loss_fn (MSELoss)"} \
        <= set(groups)
    # The parameters are the group's inputs, not its members: wires enter the card.
    assert "net_0_weight" not in member_names(doc, groups["net.0 (Linear)"])
    entering, _leaving = doc.group_ports(groups["net.0 (Linear)"].id)
    assert {doc.node(src).name for src, _dst, _port in entering} >= {"net_0_weight",
                                                                     "net_0_bias"}
    assert "loss" in member_names(doc, groups["loss_fn (MSELoss)"])
    # A small graph opens with its groups unfolded.
    assert len(doc) < FOLD_FROM_NODES and not any(g.folded for g in groups.values())


def test_a_module_called_twice_gives_two_groups_and_a_big_graph_opens_folded():
    layer = torch.nn.Linear(2, 2)
    x = torch.ones(2)
    with record() as rec:
        y = x
        for _ in range(12):   # enough cards to count as a large graph
            y = torch.tanh(layer(y)) * 1.5
        y.sum().backward()
    doc = rec.graphs[0].graph.document
    assert len(doc) >= FOLD_FROM_NODES
    names = [g.name for g in doc.group_list()]
    assert names[:3] == ["layer (Linear)", "layer (Linear) #2", "layer (Linear) #3"]
    assert len(names) == 12 and all(g.folded for g in doc.group_list())


def test_folding_a_module_group_of_a_traced_graph_keeps_the_programs_values(window):
    from explorer.canvas.group_item import GroupCardItem
    from explorer.live_view.window import open_graphs

    net = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Tanh())
    with record() as rec:
        loss = net(torch.ones(3)).sum()
        loss.backward()
    open_graphs(window, [("loss", rec.graphs[0].graph)])
    evaluation = window.evaluation
    linear = next(g for g in window.document.group_list() if g.name == "net.0 (Linear)")
    window.group_actions.toggle_fold(linear.id)
    window._flush_evaluation()
    assert isinstance(window.scene.group_item(linear.id), GroupCardItem)
    assert window.evaluation is evaluation and not evaluation.errors   # nothing re-evaluated
    assert window.animator.replay(evaluation, rec.graphs[0].graph.backward_events,
                                  rec.graphs[0].graph.root_id, play=False)
    titles = []
    for position in range(1, len(window.animator.timeline) + 1):
        window.animator.player.seek(position)
        titles.append(window.animator.step_panel.title_label.text())
    assert any(t.startswith("group 'net.0 (Linear)' (") for t in titles)


def test_unfolding_mid_replay_keeps_the_replay_at_the_same_moment(window):
    from group_graphs import hidden_layer, inner

    doc, ids = hidden_layer()
    doc.add_group(inner(ids), "hidden")
    window.open_document(doc)
    window.evaluate_now()
    assert window.animator.backward(ids["out"], play=False)
    folded_steps = len(window.animator.timeline)
    window.animator.player.seek(1)   # out's MulBackward0
    group_id = window.document.group_of(ids["h"])
    window.group_actions.toggle_fold(group_id)
    assert len(window.animator.timeline) == folded_steps + 2
    assert window.animator.player.position == 1
    assert "MulBackward0" in window.animator.step_panel.title_label.text()


def test_module_groups_lie_apart_and_name_the_calls_they_recorded():
    net = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    with record() as rec:
        loss = net(torch.ones(2, 3)).pow(2).mean()
        loss.backward()
    doc = rec.graphs[0].graph.document
    groups = groups_by_name(doc)
    assert doc.group_ops(groups["net.0 (Linear)"].id) == ["t", "addmm"]

    def box(group):   # the members' cards (at most the layout's default size)
        xs = [doc.node(n).pos[0] for n in group.members]
        ys = [doc.node(n).pos[1] for n in group.members]
        return min(xs), min(ys), max(xs) + 180, max(ys) + 96

    boxes = [box(g) for g in groups.values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:   # no two groups' frames overlap
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    outside = [d for d in doc.nodes() if doc.group_of(d.id) is None]
    for left, top, right, bottom in boxes:   # and no other card sits inside a group's box
        assert not any(left <= d.pos[0] < right and top <= d.pos[1] < bottom for d in outside)


def test_a_traced_stack_of_folded_layers_enters_each_card_level_at_its_first_port(window):
    """The wire from the previous layer enters a folded Linear card at its first port (the
    input, as in F.linear(input, weight, bias)), level with the previous card's output: it
    entered at the lowest port and dipped about 40 px into every card."""
    from explorer.canvas.group_item import GroupCardItem
    from explorer.live_view.window import open_graphs

    torch.manual_seed(0)
    layers = []
    for _ in range(5):
        layers += [torch.nn.Linear(3, 3), torch.nn.Tanh()]
    net = torch.nn.Sequential(*layers, torch.nn.Linear(3, 1))
    with record() as rec:
        loss = net(torch.randn(4, 3)).pow(2).mean()
        loss.backward()
    open_graphs(window, [("loss", rec.graphs[0].graph)])
    scene, doc = window.scene, window.document
    linears = [scene.group_item(g.id) for g in doc.group_list() if "(Linear)" in g.name]
    assert len(linears) == 6 and all(isinstance(card, GroupCardItem) for card in linears)
    for card in linears:
        assert [label.split("_")[-1] for _edge, label in card.inputs][1:] == ["weight", "bias"]
    for card in linears[1:]:
        edge, _label = card.inputs[0]
        previous = scene.group_item(doc.group_of(edge[0]))
        assert previous.name.endswith("(Tanh)")
        assert abs(card.input_anchor(edge).y() - previous.output_anchor(edge[0]).y()) < 3
