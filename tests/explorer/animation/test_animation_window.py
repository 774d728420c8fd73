"""The animation in the real main window: what is on screen equals what the engine did."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QImage, QKeySequence

from engine import observer
from explorer import cli
from explorer.animation.overlay import FlowLabel, PulseItem
from explorer.bench import chain_of_200
from explorer.core.document.examples import ORDER


def ids_by_name(window) -> dict[str, str]:
    return {d.name: d.id for d in window.document.nodes()}


def headline(window) -> str | None:
    """The large label of the step on show (a leaf's .grad growing, paths meeting), if any."""
    texts = [i.text() for i in window.scene.items()
             if isinstance(i, FlowLabel) and i.isVisible() and i.style == "headline"]
    assert len(texts) <= 1
    return texts[0] if texts else None


def grads(value) -> list[float]:
    return np.asarray(value.tolist(), dtype=float).reshape(-1).tolist()


def card_grad_numbers(window, node_id: str) -> list[float]:
    """The numbers of the card's 'grad:' line and its continuation lines."""
    lines = window.scene.node_item(node_id).body_lines()
    start = next((i for i, line in enumerate(lines) if line.startswith("grad:")), None)
    if start is None:
        return []
    text = lines[start]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        text += line
    return [float(n) for n in re.findall(r"-?\d+\.?\d*(?:e[-+]?\d+)?", text)]


def engine_grad(window, node_id: str):
    return window.evaluation.values[node_id].grad


def screen(window) -> dict:
    """Everything the animation draws: node states, badges, card text, visible labels."""
    nodes = {}
    for item in window.scene.node_items():
        nodes[item.node_id] = (item.state, tuple(item.body_lines()))
    labels = sorted((i.text(), i.style, round(i.pos().x()), round(i.pos().y()))
                    for i in window.scene.items() if isinstance(i, FlowLabel) and i.isVisible())
    edges = sorted((e.key, e.state) for e in window.scene.edge_items())
    return {"nodes": nodes, "labels": labels, "edges": edges}


@pytest.mark.parametrize("key", ORDER)
def test_after_backward_every_displayed_grad_is_the_engines(window, key):
    assert window.open_example(key, ask=False)
    assert window.animator.run_to_end("backward")
    for node_id, value in window.evaluation.values.items():
        if not hasattr(value, "requires_grad") or not value.requires_grad:
            continue
        keeps = value.is_leaf or value.retains_grad
        if not keeps:
            continue
        grad = value.grad
        assert grad is not None
        # The card, redrawn at the end, reads the engine's .grad.
        assert card_grad_numbers(window, node_id) == pytest.approx(grads(grad), abs=1e-4)


@pytest.mark.parametrize("key", ["diamond", "linear_int_x", "mean_of_square", "leaf_nonleaf"])
def test_nodes_light_up_in_the_engines_event_order(window, key):
    assert window.open_example(key, ask=False)
    ev = window.evaluation
    root = window.document.meta["root"]
    gradient = "ones"
    with observer.recording() as events:
        assert window.animator.backward(root, play=False, gradient_text=gradient)
    expected = []
    for event in events:
        if isinstance(event, observer.AccumulateEvent):
            expected.append(ev.node_of_tensor(event.tensor))
        elif isinstance(event, observer.BackwardEvent) and \
                type(event.node).__name__ != "AccumulateGrad":
            expected.append(ev.node_of_grad_fn(event.node))
    lit = []
    player = window.animator.player
    while not player.at_end():
        player.step()
        active = [i.node_id for i in window.scene.node_items() if i.state == "active-backward"]
        assert len(active) == 1
        lit.append(active[0])
    assert lit == expected


def test_forward_lights_nodes_in_engine_order_and_hides_values_until_computed(window, qtbot):
    assert window.open_example("x_squared", ask=False)
    ids = ids_by_name(window)
    ev = window.evaluation
    order = [n for n in ev.order if ev.node_events.get(n)]
    player = window.animator.player
    assert window.animator.forward(play=False)
    y = window.scene.node_item(ids["y"])
    assert y.body_lines() == ["not computed"]
    lit = []
    while not player.at_end():
        player.step()
        lit.append(next(i.node_id for i in window.scene.node_items()
                        if i.state == "active-forward"))
    assert lit == order
    # The value appears when the inputs' pulses arrive.
    assert y.body_lines() == ["not computed"] and player.animating
    qtbot.waitUntil(lambda: "tensor(5." in " ".join(y.body_lines()), timeout=5000)


def test_backward_twice_doubles_the_leaf_grad(window):
    assert window.open_example("x_squared", ask=False)
    x = ids_by_name(window)["x"]
    animator = window.animator
    assert animator.run_to_end("backward")
    assert card_grad_numbers(window, x) == [4.0]
    assert headline(window) == "x.grad = None → 4"
    assert animator.backward(play=False)
    assert card_grad_numbers(window, x) == [4.0]      # the state before this call
    animator.player.run_to_end()
    assert card_grad_numbers(window, x) == [8.0]
    assert headline(window) == "x.grad = 4 + 4 = 8"
    assert engine_grad(window, x).item() == 8.0


def test_seed_003_leaf_then_non_leaf_backward_shows_1_then_3(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    animator = window.animator
    window.scene.select_nodes([ids["t"]])
    assert animator.backward(play=False, gradient_text="ones")
    animator.player.run_to_end()
    assert card_grad_numbers(window, ids["t"]) == [1.0] * 6
    window.scene.select_nodes([ids["r"]])
    assert animator.backward(play=False, gradient_text="ones")
    player = animator.player
    texts, shown = [], []
    while not player.at_end():
        player.step()
        texts.append(headline(window))
        shown.append(card_grad_numbers(window, ids["t"]))
    assert "t.grad = [[1, 1, 1], [1, 1, 1]] + [[2, 2, 2], [2, 2, 2]] = [[3, 3, 3], [3, 3, 3]]" \
        in texts
    assert shown[0] == [1.0] * 6 and shown[-1] == [3.0] * 6
    assert card_grad_numbers(window, ids["r"]) == [1.0] * 6


def test_zero_grad_then_clear_grad(window):
    assert window.open_example("linear_int_x", ask=False)
    ids = ids_by_name(window)
    animator = window.animator
    animator.run_to_end("backward")
    assert engine_grad(window, ids["w"]).item() == 3.0
    window.animator.transport_bar.actions_by_name["zero_grad"].trigger()
    assert engine_grad(window, ids["w"]).item() == 0.0
    assert "grad: tensor(0.)" in window.scene.node_item(ids["w"]).body_lines()
    assert headline(window) is None          # the animation is over
    window.animator.transport_bar.actions_by_name["clear_grad"].trigger()
    assert engine_grad(window, ids["w"]) is None
    assert not any(line.startswith("grad:") for line in
                   window.scene.node_item(ids["w"]).body_lines())
    # After Clear grad, Backward starts from None again.
    animator.run_to_end("backward")
    assert card_grad_numbers(window, ids["w"]) == [3.0]
    assert headline(window) == "w.grad = None → 3"


def test_step_back_then_step_returns_to_the_same_screen(window):
    assert window.open_example("diamond", ask=False)
    animator = window.animator
    assert animator.backward(play=False)
    player = animator.player
    snapshots = [screen(window)]
    while not player.at_end():
        player.step()
        player.seek(player.position)          # at rest: the pulse has arrived
        snapshots.append(screen(window))
    for k in range(len(player), 0, -1):
        player.step_back()
        assert screen(window) == snapshots[k - 1]
    for k in range(1, len(player) + 1):
        player.step()
        player.seek(player.position)
        assert screen(window) == snapshots[k]


def test_play_runs_on_the_timer_without_blocking_and_reaches_the_end(window, qtbot):
    assert window.open_example("diamond", ask=False)
    animator = window.animator
    player = animator.player
    # Half a second a step: even a busy machine that delivers 60 Hz frames late draws several
    # frames in each step (at the fastest speed a late frame ends the step at once).
    player.set_speed(2.0)
    positions = []
    player.progressChanged.connect(lambda p: positions.append(p))
    assert animator.backward(play=True)
    assert player.playing and player.position == 1
    qtbot.waitUntil(player.at_end, timeout=60_000)
    qtbot.waitUntil(lambda: not player.animating, timeout=30_000)
    assert not player.playing
    # Many frames per step: the pulses really travel.
    assert len(positions) > 3 * len(player)
    assert any(0.0 < p < 1.0 for p in positions)
    a = ids_by_name(window)["a"]
    assert card_grad_numbers(window, a) == [33.0]


def test_pulses_and_labels_are_pooled_not_reallocated(window):
    assert window.open_example("polynomial_loss", ask=False)
    animator = window.animator
    assert animator.backward(play=False)
    player = animator.player

    def overlay_items() -> set[int]:
        return {id(i) for i in window.scene.items() if isinstance(i, (PulseItem, FlowLabel))}

    while not player.at_end():
        player.step()
    first_pass = overlay_items()
    player.reset()
    while not player.at_end():
        player.step()
        for progress in (0.1, 0.5, 0.9):      # frames move pulses; they create nothing
            animator.overlay.set_progress(progress)
        assert overlay_items() <= first_pass
    assert overlay_items() == first_pass


def test_gradient_check_action_fills_the_table(window):
    assert window.open_example("mean_of_square", ask=False)
    window.animator.transport_bar.actions_by_name["gradient_check"].trigger()
    table = window.animator.step_panel.check_table
    assert table.rowCount() == 4          # x is 2×2
    for row in range(4):
        assert table.item(row, 0).text() == "x"
        assert table.item(row, 1).text() == ["0, 0", "0, 1", "1, 0", "1, 1"][row]
        assert float(table.item(row, 2).text()) == pytest.approx(4.5)
        assert float(table.item(row, 3).text()) == pytest.approx(4.5, abs=1e-6)
        assert table.item(row, 5).text() == "✓"
    assert "agree" in window.animator.step_panel.check_summary.text()


def test_non_scalar_root_uses_the_gradient_the_user_gives(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    animator = window.animator
    asked = []
    animator.ask_gradient = lambda name, shape: asked.append((name, shape)) or \
        "[[1., 1., 1.], [2., 2., 2.]]"
    assert animator.backward(play=False)
    assert asked == [("r", (2, 3))]
    assert np.asarray(engine_grad(window, ids["t"]).tolist()).tolist() == \
        [[2.0] * 3, [4.0] * 3]


def test_cancelled_or_bad_gradient_changes_nothing_and_says_why(window):
    assert window.open_example("leaf_nonleaf", ask=False)
    ids = ids_by_name(window)
    animator = window.animator
    messages = []
    animator.message.connect(messages.append)
    animator.ask_gradient = lambda name, shape: None
    assert not animator.backward(play=False)
    animator.ask_gradient = lambda name, shape: "[1., 2."
    assert not animator.backward(play=False)
    animator.ask_gradient = lambda name, shape: "[1., 2.]"
    assert not animator.backward(play=False)
    assert engine_grad(window, ids["t"]) is None
    assert len(messages) == 2 and all(messages)
    assert "shape" in messages[1]


def test_an_edit_ends_the_animation(window):
    assert window.open_example("diamond", ask=False)
    animator = window.animator
    assert animator.backward(play=False)
    animator.player.step()
    a = ids_by_name(window)["a"]
    window.document.set_params(a, {"value": "2.0"})
    window.evaluate_now()
    assert animator.timeline is None
    assert all(i.state == "normal" for i in window.scene.node_items())
    assert not any(isinstance(i, (FlowLabel, PulseItem)) for i in window.scene.items())


def test_every_transport_action_has_its_own_shortcut(window):
    actions = window.animator.transport_bar.actions_by_name
    assert set(actions) == {"forward", "backward", "reset", "step_back", "play", "step",
                            "zero_grad", "clear_grad", "gradient_check"}
    shortcuts = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
                 for a in window.findChildren(type(actions["step"])) if not a.shortcut().isEmpty()]
    mine = [a.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
            for a in actions.values()]
    assert all(mine)
    for shortcut in mine:
        assert shortcuts.count(shortcut) == 1, shortcut


def test_run_backward_screenshot_writes_a_png(qapp, tmp_path):
    out = tmp_path / "backward.png"
    assert cli.main(["--example", "diamond", "--run", "backward", "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert not image.isNull() and image.width() > 600 and image.height() > 400


def test_a_200_node_graph_steps_to_the_end_and_draws_every_frame(window):
    doc = window.document
    previous = chain_of_200(doc)
    first = doc.node_by_name("x0").id
    window.evaluate_now()
    animator = window.animator
    assert animator.backward(previous, play=False)
    player = animator.player
    assert len(player) >= 200
    # How fast steps and frames are is measured by `python -m explorer.bench`, not asserted here.
    steps = 0
    while not player.at_end():
        player.step()
        steps += 1
    assert steps == len(player)
    for k in range(60):
        animator.overlay.set_progress(k / 60)
    x0 = window.evaluation.values[first]
    assert card_grad_numbers(window, first) == pytest.approx(grads(x0.grad), abs=1e-4)


def test_instant_compute_gradients_ends_the_replay_and_cards_show_the_engine(window):
    assert window.open_example("x_squared", ask=False)
    x = ids_by_name(window)["x"]
    animator = window.animator
    assert animator.backward(play=False)
    window.backward_action.trigger()      # the editor's instant backward: x.grad 4 + 4
    assert animator.timeline is None and headline(window) is None
    assert card_grad_numbers(window, x) == [8.0]


def test_random_transport_presses_between_edits_never_raise(window, qtbot):
    import random

    assert window.open_example("leaf_nonleaf", ask=False)
    animator = window.animator
    animator.ask_gradient = lambda name, shape: "ones"
    actions = list(window.animator.transport_bar.actions_by_name.values())
    slider = window.animator.transport_bar.timeline_slider
    rng = random.Random(4)
    t = ids_by_name(window)["t"]
    for i in range(150):
        choice = rng.random()
        if choice < 0.7:
            rng.choice(actions).trigger()
        elif choice < 0.8:
            slider.setValue(rng.randint(0, max(0, slider.maximum())))
        elif choice < 0.9:
            window.animator.transport_bar.speed_slider.setValue(rng.randint(0, 100))
        else:
            window.document.set_params(t, {"value": f"[[{i}., 1., 2.], [3., 4., 5.]]"})
            window.evaluate_now()
        qtbot.wait(1)
    # Whatever happened, the engine and the cards agree once the replay is over.
    animator.stop()
    grad = window.evaluation.values[t].grad
    if grad is not None:
        assert card_grad_numbers(window, t) == pytest.approx(
            np.asarray(grad.tolist(), dtype=float).reshape(-1).tolist())


def test_stepping_on_before_the_pulses_arrive_still_shows_the_earlier_value(window):
    assert window.open_example("diamond", ask=False)
    ids = ids_by_name(window)
    player = window.animator.player
    assert window.animator.forward(play=False)
    player.step()                    # b's pulses set off ...
    player.step()                    # ... and Step is pressed again before they arrive
    assert "tensor(9." in " ".join(window.scene.node_item(ids["b"]).body_lines())
    assert window.scene.node_item(ids["ba"]).body_lines() == ["not computed"]
    player.step_back()
    assert "tensor(9." in " ".join(window.scene.node_item(ids["b"]).body_lines())
    player.step_back()
    assert window.scene.node_item(ids["b"]).body_lines() == ["not computed"]


def test_a_replay_after_opening_another_graph_shows_that_graphs_values(window):
    # The diamond and the leaf example share node ids (n1, n2, n3): the first replay's
    # evaluation must not be drawn onto the second graph's cards.
    assert window.open_example("diamond", ask=False)
    assert window.animator.run_to_end("backward")
    assert window.open_example("leaf_nonleaf", ask=False)
    assert window.animator.run_to_end("backward")
    ids = ids_by_name(window)
    assert window.scene.node_item(ids["two"]).body_lines() == ["2"]
    assert window.scene.node_item(ids["t"]).body_lines()[0] == "shape (2, 3) · float32"
    assert "tensor(27." not in " ".join(window.scene.node_item(ids["r"]).body_lines())


def test_a_gradient_check_is_cleared_by_another_graph_and_backward_shows_the_step_tab(window):
    panel = window.animator.step_panel
    assert window.open_example("diamond", ask=False)
    assert window.animator.check_gradients() is not None
    assert panel.check_table.rowCount() == 1
    assert panel.tabs.currentIndex() == panel.check_tab
    assert window.animator.backward(play=False)
    assert panel.tabs.currentIndex() == 0            # the step being replayed is on show
    assert window.open_example("x_squared", ask=False)
    assert panel.check_table.rowCount() == 0         # no row about the diamond's `a`


def test_the_animation_menu_lists_every_transport_action_with_its_shortcut(window):
    menu = window.menu("animation")
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert shortcuts == {"Forward": "F5", "Backward": "F6", "Play": "F9", "Step": "F8",
                         "Step back": "F7", "Reset": "Shift+F5", "Zero grad": "Ctrl+Shift+0",
                         "Clear grad": "Ctrl+Shift+Backspace", "Gradient check": "Ctrl+Shift+G"}
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Animation") < titles.index("&Help")
