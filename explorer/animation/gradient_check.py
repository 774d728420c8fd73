"""Finite-difference gradients beside the engine's analytic ones, for every leaf that requires grad.

The document is copied with every floating input in float64 and re-evaluated through the engine
with each leaf element nudged by ±eps; (f(x+eps) - f(x-eps)) / 2eps is plain numerics, no
derivative rule. For a non-scalar root the scalar checked is sum(gradient * root), whose
gradient is what backward(gradient) computes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import engine as torch
from explorer.document import evaluation
from explorer.document.graph_document import GraphDocument
from explorer.document.value_text import format_value
from explorer.i18n import translate

EPS = 1e-6
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


def _float64_copy(doc: GraphDocument, ev: evaluation.Evaluation) -> GraphDocument:
    """The document with every floating input as float64, holding exactly the values `ev` had."""
    copy = GraphDocument.from_dict(doc.to_dict())
    for node in copy.nodes():
        value = ev.tensor(node.id)
        if node.op != "input" or value is None or not value.dtype.is_floating_point:
            continue
        params = {"dtype": "float64"}
        if node.params.get("init") in ("rand", "randn"):
            # The float64 run must start from the very numbers the user sees.
            params.update(init="value", value=format_value(value.tolist()))
        copy.set_params(node.id, params)
    return copy


def _leaves(doc: GraphDocument, ev: evaluation.Evaluation) -> list[str]:
    return [node.id for node in doc.nodes()
            if node.op == "input" and ev.tensor(node.id) is not None
            and ev.tensor(node.id).requires_grad and ev.tensor(node.id).is_leaf]


def _scalar(ev: evaluation.Evaluation, root_id: str, weights: np.ndarray | None) -> float:
    if root_id in ev.errors or root_id in ev.not_computed or root_id not in ev.values:
        raise GradientCheckError(ev.errors.get(root_id) or translate(
            "GradientCheck", "The root could not be evaluated with a nudged input."))
    out = np.asarray(ev.values[root_id].tolist(), dtype=np.float64)
    return float(out.sum() if weights is None else (weights * out).sum())


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
    if gradient is None and math.prod(root.shape) != 1:
        gradient = evaluation.ones_gradient(ev, root_id)
    weights = None if gradient is None else np.asarray(gradient.tolist(), dtype=np.float64)

    doc64 = _float64_copy(doc, ev)
    ev64 = evaluation.evaluate(doc64)
    grad64 = None
    if weights is not None:
        grad64 = torch.tensor(weights.tolist(), dtype=torch.float64)
    try:
        evaluation.backward(ev64, root_id, grad64)
    except evaluation.EvaluationError as exc:
        raise GradientCheckError(str(exc)) from exc

    totals = {leaf: math.prod(ev64.values[leaf].shape) for leaf in leaves}
    budget = max(1, MAX_EVALUATIONS // (2 * len(leaves)))
    results = []
    for leaf in leaves:
        tensor = ev64.values[leaf]
        shape = tuple(tensor.shape)
        base = np.asarray(tensor.tolist(), dtype=np.float64).reshape(-1)
        grad = tensor.grad
        analytic_all = np.zeros(base.size) if grad is None \
            else np.asarray(grad.tolist(), dtype=np.float64).reshape(-1)
        elements = _elements(totals[leaf], budget)
        numeric = np.array([_central_difference(doc64, leaf, base, shape, i, root_id, weights)
                            for i in elements])
        _set_leaf(doc64, leaf, base, shape)
        results.append(LeafCheck(leaf, ev.names.get(leaf, leaf), shape,
                                 analytic_all[list(elements)], numeric, elements, totals[leaf]))
    return GradientCheck(root_id, tuple(results))


def _set_leaf(doc: GraphDocument, leaf: str, flat: np.ndarray, shape: tuple[int, ...]) -> None:
    value = flat.reshape(shape).tolist() if shape else float(flat[0])
    doc.set_params(leaf, {"init": "value", "value": format_value(value), "dtype": "float64"})


def _central_difference(doc: GraphDocument, leaf: str, base: np.ndarray,
                        shape: tuple[int, ...], i: int, root_id: str,
                        weights: np.ndarray | None) -> float:
    # The step scales with the element; where the engine holds the leaf too coarsely for it
    # (both nudges land on the same number), a larger step is tried.
    for eps in (EPS, EPS * 1e2, EPS * 1e4):
        h = eps * max(1.0, abs(float(base[i])))
        sides, points = [], []
        for sign in (1.0, -1.0):
            nudged = base.copy()
            nudged[i] += sign * h
            _set_leaf(doc, leaf, nudged, shape)
            ev = evaluation.evaluate(doc)
            sides.append(_scalar(ev, root_id, weights))
            # Divide by the step the engine really took: the leaf as it holds it, not as typed.
            held = np.asarray(ev.values[leaf].tolist(), dtype=np.float64).reshape(-1)
            points.append(float(held[i]))
        if points[0] != points[1]:
            return (sides[0] - sides[1]) / (points[0] - points[1])
    return math.nan
