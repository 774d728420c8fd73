"""One training step as a graph: the bundled polynomial_loss example at the current coefficients.

Opened on the canvas, its backward animation shows where the four gradients of the next update
come from. Pure Python (the document model), no widgets.
"""

from __future__ import annotations

from explorer.core.document.examples import load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.i18n import translate

EXAMPLE = "polynomial_loss"


def step_document(
    coefficients: tuple[float, float, float, float], n_points: int, step: int
) -> GraphDocument:
    """The loss graph of step `step + 1`: a, b, c, d as training left them after `step` steps
    (counted from 1, as the workbench's status line counts them)."""
    doc = load_example(EXAMPLE)
    for name, value in zip("abcd", coefficients):
        doc.set_params(_named(doc, name), {"value": repr(value)})
    doc.set_params(_named(doc, "x"), {"steps": n_points})
    doc.meta["title"] = translate(
        "TrainingStepGraph", "Polynomial fit loss after training step {step}"
    ).format(step=step)
    doc.meta["description"] = translate(
        "TrainingStepGraph",
        "loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2) over {points} points in [-pi, pi], "
        "with a, b, c, d as training step {step} left them.",
    ).format(points=n_points, step=step)
    doc.revision = 0
    return doc


def _named(doc: GraphDocument, name: str) -> str:
    node = doc.node_by_name(name)
    if node is None:
        raise LookupError(
            translate(
                "TrainingStepGraph", "The example {example} has no node named {name}."
            ).format(example=EXAMPLE, name=name)
        )
    return node.id
