"""Finding things by what the tests know them as: a document's nodes by name, a replay
timeline's backward step by node (shared by the document and replay tests)."""
from __future__ import annotations

from explorer.core.replay.timeline import BackwardNodeStep


def ids_by_name(doc) -> dict[str, str]:
    return {d.name: d.id for d in doc.nodes()}


def backward_step(timeline, node_id: str) -> BackwardNodeStep:
    """The step in which the backward node of `node_id` ran."""
    return next(s for s in timeline.steps
                if isinstance(s, BackwardNodeStep) and s.node_id == node_id)
