"""What `draw` and `show` accept: a tensor, a record() block, one of its backward calls, a trace."""
from __future__ import annotations

import types
from typing import Any

from explorer.core.i18n import translate
from explorer.core.live.graph_builder import LiveGraph, build_graph, is_tensor
from explorer.core.live.names import names_from
from explorer.core.live.recorder import BackwardCall, Recording, active_recording
from explorer.core.live.tracer import TraceResult


def live_graphs(target: Any, frame: types.FrameType | None) -> list[tuple[str, LiveGraph]]:
    """(label, graph) for each graph `target` holds; names of a tensor's graph come from
    `frame` (the caller's) and its outer frames. Raises TypeError or ValueError otherwise."""
    if isinstance(target, TraceResult):
        target = target.recording
    if isinstance(target, Recording):
        if not target.graphs:
            raise ValueError(translate(
                "LiveGraphs", "No backward call was recorded: there is no graph to show."))
        return [(call.describe(short=True), call.graph) for call in target.graphs]
    if isinstance(target, BackwardCall):
        return [(target.describe(short=True), target.graph)]
    if isinstance(target, LiveGraph):
        return [(target.root_name, target)]
    if is_tensor(target):
        return [_tensor_graph(target, frame)]
    raise TypeError(translate(
        "LiveGraphs", "Expected a tensor, a record() block or a backward call, not {kind}.")
        .format(kind=type(target).__name__))


def _tensor_graph(tensor: Any, frame: types.FrameType | None) -> tuple[str, LiveGraph]:
    names = names_from(frame)
    rec = active_recording()
    events = rec.forward_events if rec is not None else ()
    modules = rec.module_labels(names) if rec is not None else {}
    graph = build_graph(tensor, events=events, names=names, modules=modules)
    return graph.root_name, graph
