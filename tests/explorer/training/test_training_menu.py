"""The Training menu in the editor: it opens the workbench, and a step opens on the canvas."""

from __future__ import annotations

from dataclasses import replace

from explorer.core.training.presets import PRESETS


def training_action(window):
    return window.training.action


def test_training_menu_opens_one_workbench_window(qtbot, window):
    action = training_action(window)
    action.trigger()
    bench = window.training.workbench
    assert bench is not None and bench.isVisible() and bench.isWindow()
    action.trigger()
    assert window.training.workbench is bench
    window.close()
    assert window.training.workbench is None  # its thread was stopped with the window


def test_a_training_step_opens_on_the_canvas_and_animates_backward(qtbot, window):
    training_action(window).trigger()
    bench = window.training.workbench
    bench.set_config(replace(PRESETS["tensors"].default_config(), steps=3, n_points=50))
    bench.start()
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=30_000)
    with qtbot.waitSignal(bench.open_step_requested, timeout=10_000):
        bench.open_step()
    names = {node.name for node in window.document.nodes()}
    assert {"a", "b", "c", "d", "x"} <= names
    _step, _loss, coefficients = bench.history.last()
    assert float(window.document.node_by_name("b").params["value"]) == coefficients[1]
    assert len(window.animator.timeline) > 0  # the backward pass is being replayed
    window.close()


def test_an_mlps_step_opens_on_the_canvas_and_its_backward_reaches_every_weight(qtbot, window):
    training_action(window).trigger()
    bench = window.training.workbench
    config = PRESETS["custom"].default_config()
    config = replace(config, steps=4, n_points=30,
                     problem=replace(config.problem, model="mlp:4x2:tanh"))
    bench.set_config(config)
    bench.start()
    qtbot.waitUntil(lambda: bench.session.state == "finished", timeout=30_000)
    with qtbot.waitSignal(bench.open_step_requested, timeout=10_000):
        bench.open_step()
    doc = window.document
    weights = [node for node in doc.nodes() if node.name.startswith("model_")]
    assert [node.name for node in weights] == [
        "model_0_weight", "model_0_bias", "model_2_weight", "model_2_bias",
        "model_4_weight", "model_4_bias",
    ]
    assert len(window.animator.timeline) > 0  # backward ran through the engine, and replays
    for node in weights:
        grad = window.evaluation.values[node.id].grad
        assert grad is not None and grad.shape == window.evaluation.values[node.id].shape
    window.close()
