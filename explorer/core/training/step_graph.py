"""One training step as a graph, for the canvas: the loss of the next step at the weights
training has reached, built from the catalog's ops so that the canvas can run its backward.

The tutorial's cubic is the bundled polynomial_loss example at the current a, b, c, d. The user's
own models (a polynomial of any degree, an MLP) are built as their program computes them:
`xx` from the data's x, one `linear` per Linear layer with its current weight and bias, the
activations, the flatten and `mse_loss`. Pure Python (the document model), no widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.core.document.examples import load_example
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.layout import apply_layout
from explorer.core.i18n import translate

if TYPE_CHECKING:
    from explorer.core.training.custom import CustomTrainer
    from explorer.core.training.runner import TrainingRun

EXAMPLE = "polynomial_loss"
LEAF = {"init": "value", "requires_grad": True}
DATA = {"init": "value", "requires_grad": False}


def run_step_document(run: TrainingRun) -> GraphDocument:
    """The loss graph of the step `run` takes next, at its current weights; LookupError (with
    the reason) for a model the canvas cannot build (the custom autograd.Function)."""
    form = run.preset.form
    if form == "cubic":
        return step_document(run.coefficients(), run.config.n_points, run.steps_done)
    if form == "custom":
        return model_step_document(run.trainer, run.steps_done)
    raise LookupError(
        translate(
            "TrainingStepGraph",
            "This preset's model, a custom autograd.Function, has no graph on the canvas.",
        )
    )


def step_document(
    coefficients: tuple[float, float, float, float], n_points: int, step: int
) -> GraphDocument:
    """The loss graph of step `step + 1`: a, b, c, d as training left them after `step` steps
    (counted from 1, as the workbench's status line counts them)."""
    doc = load_example(EXAMPLE)
    for name, value in zip("abcd", coefficients):
        doc.set_params(_named(doc, name), {"value": repr(value)})
    doc.set_params(_named(doc, "x"), {"steps": n_points})
    doc.meta["title"] = _title(step)
    doc.meta["description"] = translate(
        "TrainingStepGraph",
        "loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2) over {points} points in [-pi, pi], "
        "with a, b, c, d as training step {step} left them.",
    ).format(points=n_points, step=step)
    doc.revision = 0
    return doc


def model_step_document(trainer: CustomTrainer, step: int) -> GraphDocument:
    """The loss of the user's model (poly:D or mlp:WxD:act) at its current weights, as its
    program computes it: loss = mse_loss(model(xx), y)."""
    spec = trainer.spec
    doc = GraphDocument()
    x = doc.add_node("input", name="x", params={**DATA, "value": _literal(trainer.x)})
    y = doc.add_node("input", name="y", params={**DATA, "value": _literal(trainer.y)})
    column = doc.add_node("reshape", name="x_column", params={"shape": "-1, 1"})
    doc.connect(x, column, "x")
    hidden = column
    if spec.kind == "poly":
        powers = doc.add_node(
            "constant", name="p", params={"value": str(list(range(1, spec.degree + 1)))}
        )
        hidden = doc.add_node("pow", name="xx")
        doc.connect(column, hidden, "a")
        doc.connect(powers, hidden, "b")
    linear_layers = [module for module in trainer.model if hasattr(module, "weight")]
    for index, module in enumerate(trainer.model):
        if not hasattr(module, "weight"):
            continue
        weight = doc.add_node(
            "input", name=f"model_{index}_weight", params={**LEAF, "value": _literal(module.weight)}
        )
        bias = doc.add_node(
            "input", name=f"model_{index}_bias", params={**LEAF, "value": _literal(module.bias)}
        )
        out = doc.add_node("linear", name=f"h{index}")
        doc.connect(hidden, out, "input")
        doc.connect(weight, out, "weight")
        doc.connect(bias, out, "bias")
        hidden = out
        if module is not linear_layers[-1]:
            activation = doc.add_node(spec.activation, name=f"h{index + 1}")
            doc.connect(hidden, activation, "x")
            hidden = activation
    y_pred = doc.add_node("reshape", name="y_pred", params={"shape": "-1"})
    doc.connect(hidden, y_pred, "x")
    loss = doc.add_node("mse_loss", name="loss")
    doc.connect(y_pred, loss, "input")
    doc.connect(y, loss, "target")
    doc.meta["root"] = loss
    doc.meta["title"] = _title(step)
    doc.meta["description"] = translate(
        "TrainingStepGraph",
        "loss = mse_loss(model(xx), y) of the model {model} over {points} points, with its "
        "weights as training step {step} left them.",
    ).format(model=spec.text(), points=len(trainer.x), step=step)
    apply_layout(doc)
    doc.revision = 0
    return doc


def _title(step: int) -> str:
    return translate("TrainingStepGraph", "Loss after training step {step}").format(step=step)


def _literal(tensor) -> str:
    """The tensor's numbers as a literal that gives back the same float32 values."""
    return repr(tensor.detach().cpu().tolist())


def _named(doc: GraphDocument, name: str) -> str:
    node = doc.node_by_name(name)
    if node is None:
        raise LookupError(
            translate(
                "TrainingStepGraph", "The example {example} has no node named {name}."
            ).format(example=EXAMPLE, name=name)
        )
    return node.id
