"""The program's values of the ops the editor cannot run again, kept in the document.

A traced node (addmm, t, unsqueeze ...) has no catalog op to recompute it, so its card would
turn into an error as soon as an edit re-evaluates the graph. Its recorded value goes into the
node's own params instead (saved with the file, like an input's value): the document's
evaluation then gives that value, and every catalog node keeps computing from its inputs.
"""
from __future__ import annotations

from typing import Any

import engine
from explorer.core.document.graph_document import MAX_PARAM_CHARS, GraphDocument
from explorer.core.document.op_catalog import DTYPES, OPS
from explorer.core.document.value_text import format_value


def recorded_params(value: Any) -> dict | None:
    """The traced node's params that hold `value`, or None if it cannot be kept."""
    if not isinstance(value, engine.Tensor):
        return None
    text = format_value(value.detach().tolist())
    dtype = str(value.dtype).removeprefix("torch.")
    if len(text) > MAX_PARAM_CHARS or dtype not in DTYPES:
        return None
    return {"recorded": text,
            "recorded_dtype": "auto" if dtype == "float32" else dtype,
            "recorded_requires_grad": bool(value.requires_grad)}


def keep_recorded_values(doc: GraphDocument, values: dict[str, Any]) -> None:
    """Store the recorded value of each traced node of `doc` (node id -> program value)."""
    for data in doc.nodes():
        if OPS[data.op].category_key == "traced":
            params = recorded_params(values.get(data.id))
            if params is not None:
                doc.set_params(data.id, params)
