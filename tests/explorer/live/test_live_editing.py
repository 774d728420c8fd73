"""A traced graph is editable like any other: the document's evaluation recomputes every node it
can express, and the ops it cannot run again keep the program's recorded value."""
from __future__ import annotations

from pathlib import Path

import engine as torch
from explorer.commands import SetParamsCommand
from explorer.core.document.evaluation import evaluate
from explorer.core.live.recorder import first_and_every
from explorer.core.live.tracer import trace_script
from explorer.core.replay.timeline import forward_timeline
from explorer.live_view.window import open_graphs

DATA = Path(__file__).resolve().parent / "data"
# An edit of the nn tutorial's x that keeps its 2000 points (the recorded ops keep their shape).
_X_FROM_MINUS_1_TO_1 = {"init": "linspace", "start": "-1", "end": "1", "steps": 2000}


def _traced(script: str, index: int = 0):
    result = trace_script(str(DATA / script), (), first_and_every(index + 1, 0))
    assert result.error is None
    return result.graphs[index].graph


def _node(graph_or_window, name: str):
    return graph_or_window.document.node_by_name(name).id


def test_the_documents_evaluation_of_a_traced_graph_gives_the_programs_values():
    for script in ("cubic_fit.py", "cubic_fit_nn.py"):
        graph = _traced(script, 1)
        ev = evaluate(graph.document)
        assert not ev.errors and not ev.not_computed and not ev.waiting, script
        for node_id, recorded in graph.evaluation.values.items():
            mine = ev.values[node_id]
            if isinstance(recorded, torch.Tensor):
                assert torch.equal(mine.detach(), recorded.detach()), (script, ev.names[node_id])
            else:
                assert mine == recorded


def test_a_view_of_a_weight_shows_the_weight_of_its_step_not_of_later_optimizer_steps():
    graph = _traced("cubic_fit_nn.py")   # the script goes on with two more optimizer steps
    (t,) = [n.id for n in graph.document.nodes() if n.params.get("call") == "t"]
    start = [[0.5], [0.2], [-0.1]]       # weight.t() at step #0, before any step
    shown = graph.evaluation.values[t]
    assert torch.equal(shown.detach(), torch.tensor(start))
    assert graph.evaluation.node_of_grad_fn(shown.grad_fn) == t   # the replay still finds it
    (step,) = [s for s in forward_timeline(graph.document, graph.evaluation).steps
               if s.node_id == t]
    assert torch.equal(step.value.detach(), torch.tensor(start))


def test_the_nn_tutorials_reshape_and_mse_loss_are_recomputed_by_the_engine_after_an_edit():
    graph = _traced("cubic_fit_nn.py")
    doc = graph.document
    loss, y_pred = doc.node_by_name("loss"), doc.node_by_name("y_pred")
    assert (loss.op, loss.params["reduction"], y_pred.op) == ("mse_loss", "sum", "reshape")
    doc.set_params(_node(graph, "x"), _X_FROM_MINUS_1_TO_1)
    ev = evaluate(doc)
    assert not ev.errors and not ev.not_computed
    addmm = next(n.id for n in doc.nodes() if n.params.get("call") == "addmm")
    y_pred_value = ev.values[addmm].reshape(2000)
    expected = torch.nn.functional.mse_loss(y_pred_value, torch.sin(torch.linspace(-1, 1, 2000)),
                                            reduction="sum")
    assert torch.equal(ev.values[y_pred.id].detach(), y_pred_value.detach())
    assert ev.values[y_pred.id].grad_fn.name() == "ViewBackward0"
    assert torch.equal(ev.values[loss.id].detach(), expected.detach())
    assert ev.values[loss.id].item() != graph.evaluation.values[loss.id].item()


def test_changing_an_input_of_the_traced_tutorial_recomputes_it_with_the_engine(window):
    graph = _traced("cubic_fit.py")
    open_graphs(window, [("#0", graph)])
    window.push(SetParamsCommand(window.document, _node(window, "a"), {"value": "0.25"}))
    ev = window.evaluate_now()
    assert not ev.errors and not ev.not_computed
    values = {name: ev.values[_node(window, name)] for name in "abcdxy"}
    a, b, c, d, x, y = (values[k] for k in "abcdxy")
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    assert a.item() == 0.25
    assert torch.equal(ev.values[_node(window, "y_pred")].detach(), y_pred.detach())
    assert torch.equal(ev.values[_node(window, "loss")].detach(), loss.detach())
    recorded = graph.evaluation.values[graph.document.node_by_name("loss").id]
    assert loss.item() != recorded.item()
    assert window.compute_gradients() is None
    loss.backward()
    assert torch.equal(ev.values[_node(window, "a")].grad, a.grad)


def test_ops_the_editor_cannot_run_keep_their_recorded_value_with_a_note(window):
    graph = _traced("cubic_fit_nn.py")
    open_graphs(window, [("#0", graph)])
    addmm = next(n.id for n in window.document.nodes() if n.params.get("call") == "addmm")
    recorded_addmm = graph.evaluation.values[addmm]
    window.push(SetParamsCommand(window.document, _node(window, "x"), _X_FROM_MINUS_1_TO_1))
    window.push(SetParamsCommand(window.document, _node(window, "p"), {"value": "[1, 2, 4]"}))
    ev = window.evaluate_now()
    assert not ev.errors and not ev.not_computed
    # What the document can express follows the edits, computed by the engine ...
    unsqueeze = next(n.id for n in window.document.nodes() if n.params.get("call") == "unsqueeze")
    assert torch.equal(ev.values[_node(window, "y")], torch.sin(torch.linspace(-1, 1, 2000)))
    assert torch.equal(ev.values[_node(window, "xx")],
                       ev.values[unsqueeze].pow(torch.tensor([1, 2, 4])))
    # ... and the traced ops keep the program's values, marked as recorded.
    assert torch.equal(ev.values[addmm].detach(), recorded_addmm.detach())
    assert torch.equal(ev.values[unsqueeze], graph.evaluation.values[unsqueeze])
    card = window.scene.node_item(addmm)
    assert "recorded value" in [text for text, _style in card._lines]
    assert "backward stops at it" in card.toolTip()
