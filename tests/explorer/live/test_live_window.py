"""explorer.draw and explorer.show on live graphs, the replay of a recorded backward call, and
File > Trace Python Script…"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import engine as torch
import explorer
from engine import observer
from explorer.live_view.window import LiveGraphChooser

CUBIC_FIT = Path(__file__).resolve().parent / "data" / "cubic_fit.py"


def _names(window) -> set[str]:
    return {n.name for n in window.document.nodes()}


def test_draw_gives_svg_and_png_of_the_cards(qapp, tmp_path):
    x = torch.tensor(3.0, requires_grad=True)
    w = torch.tensor(2.0, requires_grad=True)
    y = w * x
    y.backward()
    drawing = explorer.draw(y)
    svg = drawing._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    png, size = drawing._repr_png_()
    assert png.startswith(b"\x89PNG") and size["width"] < drawing.image().width()
    assert drawing.save(tmp_path / "g.svg").read_text(encoding="utf-8") == svg
    assert drawing.save(tmp_path / "g.png").read_bytes().startswith(b"\x89PNG")
    cards = {item.name: item for item in drawing.scene.node_items()}
    assert set(cards) == {"x", "w", "y"}
    # The card shows the program's value and, on the leaves, the .grad backward left.
    assert cards["y"].value() is y
    assert cards["x"].value().grad.item() == 2.0


def test_draw_works_headless_without_an_application_or_graphviz(tmp_path):
    code = ("import engine as torch, explorer\n"
            "a = torch.tensor([1., 2.], requires_grad=True)\n"
            "loss = (a * a).sum()\n"
            "loss.backward()\n"
            f"explorer.draw(loss).save({str(tmp_path / 'g.png')!r})\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PATH"] = os.path.dirname(sys.executable)   # no dot, no other system binary
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=240)
    assert (tmp_path / "g.png").read_bytes().startswith(b"\x89PNG")


def test_show_of_a_leaf_opens_a_one_card_graph(qapp):
    x = torch.tensor(5.0, requires_grad=True)
    window = explorer.show(x, block=False)
    try:
        assert [n.name for n in window.document.nodes()] == ["x"]
        assert window.evaluation.values[window.document.nodes()[0].id].item() == 5.0
    finally:
        window.undo_stack.setClean()
        window.close()


def test_show_of_a_recording_offers_each_backward_call_and_replays_its_events(qapp):
    w = torch.tensor(2.0, requires_grad=True)
    with explorer.record() as rec:
        for _ in range(2):
            loss = (w * 3 - 1) ** 2
            with observer.recording() as engine_events:
                loss.backward()
    window = explorer.show(rec, block=False)
    try:
        chooser = window.findChild(LiveGraphChooser)
        assert chooser.combo.count() == 2
        chooser.select(1)
        assert chooser.replay(play=False)
        replayed = [e.seq for step in window.animator.timeline.steps for e in step.events]
        # The last backward call, exactly as the engine ran it (AccumulateGrad's own node is
        # shown by its accumulation).
        expected = [e.seq for e in engine_events
                    if not (isinstance(e, observer.BackwardEvent)
                            and type(e.node).__name__ == "AccumulateGrad")]
        assert replayed == expected
        window.animator.player.run_to_end()
        leaf = window.evaluation.values[window.document.node_by_name("w").id]
        assert leaf.grad.item() == w.grad.item() == 60.0   # 2 calls of 30 accumulated
    finally:
        window.undo_stack.setClean()
        window.close()


def test_file_trace_runs_the_script_only_after_confirmation(window, tmp_path):
    marker = tmp_path / "ran.txt"
    script = tmp_path / "fit.py"
    script.write_text(CUBIC_FIT.read_text(encoding="utf-8")
                      + f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    action = window.trace_action
    assert action in window.menu("file").actions()
    action.confirm = lambda path: False
    assert not action.trace(str(script))
    assert not marker.exists() and len(window.document) == 0
    action.confirm = lambda path: True
    assert action.trace(str(script))
    assert marker.read_text() == "ran"
    assert {"a", "b", "c", "d", "x", "y_pred", "loss"} <= _names(window)
    assert window.findChild(LiveGraphChooser).combo.count() == 23


def test_trace_screenshot_renders_a_selected_call_replayed(tmp_path, qapp):
    from explorer.cli import main

    out = tmp_path / "trace.png"
    assert main(["trace", "--select", "99", "--run", "backward", "--screenshot", str(out),
                 str(CUBIC_FIT)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG")


def test_a_traced_training_step_replays_every_event_of_its_backward_call(window):
    from explorer.core.live.recorder import first_and_every
    from explorer.core.live.tracer import trace_script
    from explorer.live_view.window import open_graphs

    result = trace_script(str(CUBIC_FIT), (), first_and_every(2, 0))
    call = result.graphs[1]
    chooser = open_graphs(window, [(call.describe(), call.graph)])
    assert chooser.replay(play=False)
    replayed = [e.seq for step in window.animator.timeline.steps for e in step.events]
    # Each node's backward and each accumulation into a, b, c, d lands on a card.
    expected = [e.seq for e in call.graph.backward_events
                if not (isinstance(e, observer.BackwardEvent)
                        and type(e.node).__name__ == "AccumulateGrad")]
    assert replayed == expected and len(expected) == 13
    window.animator.player.run_to_end()
    leaf = window.evaluation.values[window.document.node_by_name("a").id]
    assert leaf.grad is not None and abs(leaf.item() + 0.3) > 1e-6   # step 2: a moved once


def test_the_chooser_offers_autograd_grad_calls_and_replays_them(qapp):
    from explorer.core.live.tracer import trace_script

    result = trace_script(str(CUBIC_FIT.parent / "autograd_grad.py"))
    window = explorer.show(result, block=False)
    try:
        chooser = window.findChild(LiveGraphChooser)
        labels = [chooser.combo.itemText(i) for i in range(chooser.combo.count())]
        assert [label.split()[2] for label in labels] == ["y", "cube", "dcube", "s"]
        assert labels[1].endswith("autograd.grad")
        chooser.select(1)
        assert {"t", "cube"} <= _names(window)
        assert chooser.replay(play=False)
        kinds = {type(e).__name__ for step in window.animator.timeline.steps
                 for e in step.events}
        assert kinds == {"BackwardEvent"}   # autograd.grad leaves every .grad alone
        window.animator.player.run_to_end()
    finally:
        window.undo_stack.setClean()
        window.close()


def test_backward_from_the_loss_of_a_traced_graph_replays_the_programs_call(window):
    from explorer.core.live.recorder import first_and_every
    from explorer.core.live.tracer import trace_script
    from explorer.live_view.window import open_graphs

    result = trace_script(str(CUBIC_FIT), (), first_and_every(1, 0))
    call = result.graphs[0]
    open_graphs(window, [(call.describe(), call.graph)])
    # The script's own backward freed this graph: the main Backward button replays that call
    # (it refused with "Trying to backward through the graph a second time").
    assert window.animator.backward(play=False), window.animator.refusal
    replayed = [e.seq for step in window.animator.timeline.steps for e in step.events]
    assert replayed == [e.seq for e in call.graph.backward_events
                        if not (isinstance(e, observer.BackwardEvent)
                                and type(e.node).__name__ == "AccumulateGrad")]
    # Another start than the recorded root runs the engine, which says why it cannot.
    a = window.document.node_by_name("y_pred").id
    assert not window.animator.backward(a, play=False)
    assert "second time" in window.animator.refusal
