"""Finite-difference gradients beside the engine's analytic ones, for every leaf that requires grad.

The document is re-evaluated through the engine with every floating input as a float64 copy of
the tensor the user sees, and the engine's own central differences
(engine.autograd.gradcheck.numerical_gradient, what gradcheck uses) nudge each leaf element by
±eps: plain numerics, no derivative rule. For a non-scalar root the scalar checked is
sum(gradient * root), whose gradient is what backward(gradient) computes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import engine as torch
from engine.autograd.gradcheck import numerical_gradient
from explorer.core.document import evaluation
from explorer.core.document.graph_document import GraphDocument
from explorer.core.i18n import translate

TOLERANCE = 1e-4
MAX_EVALUATIONS = 400     # keeps the check interactive: at most this many forward passes


class GradientCheckError(ValueError):
    """The check cannot run (no root value, nothing requires grad); the message is translated."""


@dataclass(frozen=True)
class LeafCheck:
    node_id: str
    name: str
    shape: tuple[int, ...]
    analytic: np.ndarray        # float64, flat, at the checked elements
    numeric: np.ndarray         # float64, flat, at the checked elements
    elements: tuple[int, ...]   # flat indices checked (all of them unless the leaf is large)
    total: int

    @property
    def max_abs_diff(self) -> float:
        return float(np.max(np.abs(self.analytic - self.numeric))) if self.elements else 0.0

    @property
    def agrees(self) -> bool:
        scale = max(1.0, float(np.max(np.abs(self.analytic)))) if self.elements else 1.0
        return self.max_abs_diff <= TOLERANCE * scale


@dataclass(frozen=True)
class GradientCheck:
    root_id: str
    leaves: tuple[LeafCheck, ...]

    @property
    def agrees(self) -> bool:
        return all(leaf.agrees for leaf in self.leaves)

    @property
    def has_nan(self) -> bool:
        return any(np.isnan(leaf.analytic).any() or np.isnan(leaf.numeric).any()
                   for leaf in self.leaves)


def _float64_inputs(doc: GraphDocument, ev: evaluation.Evaluation) -> dict[str, object]:
    """A float64 copy of every floating input's tensor in `ev` (the very numbers the user sees),
    as a fresh leaf that requires grad where the user's does."""
    copies = {}
    for node in doc.nodes():
        value = ev.tensor(node.id)
        if node.op == "input" and value is not None and value.dtype.is_floating_point:
            copies[node.id] = value.detach().to(torch.float64).requires_grad_(value.requires_grad)
    return copies


def _leaves(doc: GraphDocument, ev: evaluation.Evaluation) -> list[str]:
    return [node.id for node in doc.nodes()
            if node.op == "input" and ev.tensor(node.id) is not None
            and ev.tensor(node.id).requires_grad and ev.tensor(node.id).is_leaf]


def _scalar(ev: evaluation.Evaluation, root_id: str, weights):
    """The engine's sum(weights * root) (sum(root) without weights), float64."""
    if root_id in ev.errors or root_id in ev.not_computed or ev.tensor(root_id) is None:
        raise GradientCheckError(ev.errors.get(root_id) or translate(
            "GradientCheck", "The root could not be evaluated with a nudged input."))
    out = ev.tensor(root_id).detach().to(torch.float64)
    return (out if weights is None else weights * out).sum()


def _elements(total: int, budget: int) -> tuple[int, ...]:
    if total <= budget:
        return tuple(range(total))
    # Evenly spread over the tensor, first and last included.
    return tuple(sorted({round(i * (total - 1) / (budget - 1)) for i in range(budget)}))


def check_gradients(doc: GraphDocument, ev: evaluation.Evaluation, root_id: str,
                    gradient=None) -> GradientCheck:
    """Numeric vs analytic gradients of `root_id` for every leaf requiring grad (float64)."""
    name = ev.names.get(root_id, root_id)
    root = ev.tensor(root_id)
    if root is None:
        raise GradientCheckError(translate(
            "GradientCheck", "{name} has no tensor value to check.").format(name=name))
    leaves = _leaves(doc, ev)
    if not leaves:
        raise GradientCheckError(translate(
            "GradientCheck", "No leaf requires grad, so there is no gradient to check."))
    if gradient is None:
        gradient = evaluation.implicit_gradient(ev, root_id)
    weights = None if gradient is None else gradient.detach().to(torch.float64)

    given = _float64_inputs(doc, ev)
    ev64 = evaluation.evaluate(doc, given=given)
    try:
        evaluation.backward(ev64, root_id, weights)
    except evaluation.EvaluationError as exc:
        raise GradientCheckError(str(exc)) from exc

    def root_scalar(*tensors):
        return _scalar(evaluation.evaluate(doc, given=dict(zip(given, tensors))), root_id,
                       weights)

    inputs = tuple(given.values())
    budget = max(1, MAX_EVALUATIONS // (2 * len(leaves)))
    results = []
    for leaf in leaves:
        tensor = given[leaf]
        total = tensor.numel()
        grad = tensor.grad
        analytic_all = np.zeros(total) if grad is None \
            else np.asarray(grad.tolist(), dtype=np.float64).reshape(-1)
        elements = _elements(total, budget)
        numeric = numerical_gradient(root_scalar, inputs, list(given).index(leaf),
                                     elements=elements)
        results.append(LeafCheck(leaf, ev.names.get(leaf, leaf), tuple(tensor.shape),
                                 analytic_all[list(elements)], numeric, elements, total))
    return GradientCheck(root_id, tuple(results))
