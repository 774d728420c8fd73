"""Runs Forward / Backward on the document's evaluation and replays the engine's events on the
canvas.

The animator owns the Player and the CanvasOverlay; the transport toolbar and the step panel are
views of it. It never computes a value or a gradient: the engine does (through
explorer.core.document.evaluation), and the animation shows the events it reported.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

import engine as torch
from explorer.animation.overlay import CanvasOverlay
from explorer.animation.player import Player
from explorer.core.document import evaluation as evaluation_mod
from explorer.core.document.graph_document import DocumentEvent, GroupEvent, NodeChanged
from explorer.core.document.value_text import ValueTextError, parse_value
from explorer.core.i18n import translate
from explorer.core.replay.gradient_check import GradientCheck, GradientCheckError, check_gradients
from explorer.core.replay.group_steps import explain_step, fold_groups
from explorer.core.replay.timeline import (
    BACKWARD,
    FORWARD,
    Timeline,
    backward_timeline,
    forward_timeline,
)


class Animator(QObject):
    """Forward, Backward (from a root, with a gradient for non-scalar roots), step-through,
    Zero grad, Clear grad and the gradient check, for one GraphScene."""

    # A translated, user-facing sentence (status bar): what happened or why nothing did.
    message = Signal(str)
    # The explanation of the step on show (None: no step on show).
    explanationChanged = Signal(object)
    # The engine's .grad values changed (Backward, Zero grad, Clear grad): panels re-read them.
    gradsChanged = Signal()
    gradientChecked = Signal(object)

    def __init__(self, scene, evaluation_source: Callable[[], Any],
                 root_source: Callable[[], str | None], parent: QObject | None = None,
                 *, dialog_parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        # The document's current Evaluation, and the node Backward starts from by default
        # (the selected node, else the file's root, else the last output).
        self.evaluation_source = evaluation_source
        self.root_source = root_source
        self.dialog_parent = dialog_parent
        self.player = Player(self)
        self.overlay = CanvasOverlay(scene)
        self.timeline: Timeline | None = None
        self._unfolded: Timeline | None = None   # the timeline before fold_groups
        self.refusal: str | None = None   # why the last backward() did not run
        # A graph recorded from running code: (its evaluation, its backward events, its root).
        # Its program ran that backward already and freed the graph: Backward replays it.
        self.recorded: tuple | None = None
        self._evaluation: Any = None
        # Asks for backward's gradient for a non-scalar root: (name, shape) -> text or None.
        self.ask_gradient: Callable[[str, tuple], str | None] = self._ask_gradient_dialog
        self.player.positionChanged.connect(self._show_position)
        self.player.progressChanged.connect(self.overlay.set_progress)
        scene.document.subscribe(self._on_document_event)

    @property
    def document(self):
        return self.scene.document

    # ---- actions -----------------------------------------------------------------------------

    def forward(self, *, play: bool = True) -> bool:
        """Replay the forward pass the engine ran for the current evaluation."""
        ev = self.evaluation_source()
        if ev is None:
            return False
        timeline = forward_timeline(self.document, ev)
        if not len(timeline):
            self.message.emit(translate("Animator", "Nothing to compute: add an operation node."))
            return False
        self._load(timeline, ev, play)
        self.message.emit(translate("Animator", "Forward, in the engine's order. Steps to replay: "
                                    "{count}.").format(count=len(self.timeline)))
        return True

    def backward(self, root_id: str | None = None, *, play: bool = True,
                 gradient_text: str | None = None, animate: bool = True) -> bool:
        """root.backward(gradient, retain_graph=True) through the engine, then animate its events
        (or, with `animate` off, show the final .grad at once): the app's one way to backward.

        `root_id` defaults to root_source() (the selected node, else the document's root or last
        output); any node with a tensor that requires grad may be the start. For a non-scalar
        root the gradient comes from `gradient_text` or from asking (default ones). When it
        returns False, `refusal` says why (None: the user cancelled or nothing is evaluated).
        """
        self.refusal = None
        ev = self.evaluation_source()
        if ev is None:
            return False
        root_id = root_id or self.root_source()
        if root_id is None:
            return self._refuse(translate("Animator", "There is no node to run backward from."))
        if self.recorded is not None and ev is self.recorded[0] and root_id == self.recorded[2]:
            return self.replay(*self.recorded, play=play)
        try:
            gradient = self._gradient_for(ev, root_id, gradient_text)
            events = evaluation_mod.backward(ev, root_id, gradient)
        except _Cancelled:
            return False
        except (ValueError, ValueTextError, evaluation_mod.EvaluationError) as exc:
            return self._refuse(str(exc))
        name = self.document.node(root_id).name
        if not animate:
            self._after_grad_edit(ev)
            self.message.emit(translate("Animator", "Backward from {name} done: the .grad fields "
                                        "are filled.").format(name=name))
            return True
        self._load(backward_timeline(self.document, ev, events, root_id), ev, play)
        self.gradsChanged.emit()
        self.message.emit(translate("Animator", "Backward from {name}. Steps to replay: {count}.")
                          .format(name=name, count=len(self.timeline)))
        return True

    def _refuse(self, reason: str) -> bool:
        self.refusal = reason
        self.message.emit(reason)
        return False

    def replay(self, ev: Any, events: list, root_id: str | None, *, play: bool = True) -> bool:
        """Animate backward events that already ran (a graph recorded from running code)."""
        if not events:
            self.message.emit(translate("Animator",
                                        "No backward call was recorded for this graph."))
            return False
        self._load(backward_timeline(self.document, ev, events, root_id), ev, play)
        self.message.emit(translate("Animator", "The recorded backward call. Steps to replay: "
                                    "{count}.").format(count=len(self.timeline)))
        return True

    def zero_grad(self) -> None:
        """grad.zero_() on every node that keeps a .grad."""
        names = self._edit_grads(evaluation_mod.zero_grad)
        if names is not None:
            self.message.emit(translate("Animator", "grad.zero_() on {names}.").format(names=names)
                              if names else translate("Animator", "No .grad to zero yet."))

    def clear_grad(self) -> None:
        """grad = None on every node that keeps a .grad."""
        names = self._edit_grads(evaluation_mod.clear_grad)
        if names is not None:
            self.message.emit(translate("Animator", ".grad = None on {names}.").format(names=names)
                              if names else translate("Animator", "No .grad to clear."))

    def check_gradients(self, root_id: str | None = None) -> GradientCheck | None:
        """Finite differences beside the analytic gradients (float64), for every leaf."""
        ev = self.evaluation_source()
        root_id = root_id or self.root_source()
        if ev is None or root_id is None:
            self.message.emit(translate("Animator", "There is no node to check gradients for."))
            return None
        try:
            gradient = self._gradient_for(ev, root_id, None)
            result = check_gradients(self.document, ev, root_id, gradient)
        except _Cancelled:
            return None
        except (GradientCheckError, ValueError, ValueTextError,
                evaluation_mod.EvaluationError) as exc:
            self.message.emit(str(exc))
            return None
        self.gradientChecked.emit(result)
        if result.agrees:
            verdict = translate("Animator", "Gradient check: numeric and analytic gradients agree.")
        elif result.has_nan:
            verdict = translate("Animator", "Gradient check: some gradients are nan (the function "
                                "is not defined there), so they cannot agree.")
        else:
            verdict = translate("Animator", "Gradient check: they DISAGREE somewhere.")
        self.message.emit(verdict)
        return result

    def run_to_end(self, kind: str) -> bool:
        """Headless `--run forward|backward`: build the animation and jump to its final state.

        A non-scalar root gets ones as its gradient (no dialog).
        """
        if kind not in (FORWARD, BACKWARD):
            raise ValueError(f"kind must be {FORWARD!r} or {BACKWARD!r}, not {kind!r}")
        ok = self.forward(play=False) if kind == FORWARD \
            else self.backward(play=False, gradient_text="ones")
        if ok:
            self.player.run_to_end()
        return ok

    def stop(self) -> None:
        """Leave the animation: the canvas shows the engine's state again."""
        self.player.load(None)
        self.timeline = None
        self.overlay.clear()
        self.explanationChanged.emit(None)

    def forget(self) -> None:
        """Drop the animation without redrawing the cards (the editor redraws them itself)."""
        if self.timeline is not None:
            # Timeline first: unloading the player reports position 0, which would otherwise
            # redraw the cards as they were before the replay's first step (values hidden).
            self.timeline = None
            self.player.load(None)
            self.overlay.clear(restore=False)
            self.explanationChanged.emit(None)

    # ---- roots and gradients -----------------------------------------------------------------

    def _gradient_for(self, ev: Any, root_id: str, text: str | None):
        """The gradient backward starts with: None for a scalar (or a root backward refuses
        anyway), else `text` or the user's answer parsed."""
        value = ev.tensor(root_id)
        if value is None or math.prod(value.shape) == 1 or not value.requires_grad:
            return None
        if text is None:
            text = self.ask_gradient(self.document.node(root_id).name, tuple(value.shape))
            if text is None:
                raise _Cancelled
        text = text.strip()
        if text in ("", "ones"):
            return evaluation_mod.ones_gradient(ev, root_id)
        return torch.tensor(parse_value(text), dtype=value.dtype)

    def _ask_gradient_dialog(self, name: str, shape: tuple) -> str | None:
        text, ok = QInputDialog.getText(
            self.dialog_parent, translate("Animator", "Gradient for backward"),
            translate("Animator", "{name} has shape {shape}, so backward needs a gradient of that "
                      "shape.\nType a value (for example [[1., 1.], [1., 1.]]) or ones:").format(
                name=name, shape=shape),
            text="ones")
        return text if ok else None

    # ---- showing -----------------------------------------------------------------------------

    def _load(self, timeline: Timeline, ev: Any, play: bool) -> None:
        self.overlay.clear()
        self._unfolded = timeline
        self.timeline = fold_groups(timeline, self.document)   # a folded group is one step
        self._evaluation = ev
        self.player.load(self.timeline, play=play)

    def _show_position(self, position: int) -> None:
        if self.timeline is None:
            return
        self.overlay.show(self.timeline, position, self.document, self._evaluation)
        step = self.timeline.steps[position - 1] if position > 0 else None
        self.explanationChanged.emit(
            explain_step(step, self.document, self._evaluation.values) if step is not None
            else None)

    def refresh(self) -> None:
        """Redraw the step on show (after a node moved or the zoom changed: labels are placed
        anew), without restarting its pulses."""
        if self.timeline is not None:
            self.overlay.show(self.timeline, self.player.position, self.document,
                              self._evaluation)
            self.overlay.set_progress(min(self.player.progress, 1.0))

    def _edit_grads(self, edit: Callable[[Any], list[str]]) -> str | None:
        """Run `edit` (zero_grad or clear_grad) on the evaluation and show the result: the names
        of the nodes it touched ('' for none), None where there is no evaluation yet."""
        ev = self.evaluation_source()
        if ev is None:
            return None
        touched = edit(ev)
        self._after_grad_edit(ev)
        return ", ".join(self.document.node(n).name for n in touched)

    def _after_grad_edit(self, ev: Any) -> None:
        self.stop()
        self.scene.apply_evaluation(ev)
        self.gradsChanged.emit()

    def _on_document_event(self, event: DocumentEvent) -> None:
        if isinstance(event, NodeChanged) and event.field == "pos":
            # A moved node changes no value: redraw the labels where the edges now are.
            self.refresh()
            return
        if isinstance(event, GroupEvent):
            self._refold()
            return
        # Any other edit makes the recorded events stale; the editor re-evaluates and redraws.
        self.forget()


    def _refold(self) -> None:
        """A group was made, folded or unfolded mid-replay: the same moment in the new steps."""
        if self.timeline is None:
            return
        done = sum(len(getattr(step, "steps", (step,)))
                   for step in self.timeline.steps[:self.player.position])
        timeline = fold_groups(self._unfolded, self.document)
        position = count = 0
        for step in timeline.steps:
            count += len(getattr(step, "steps", (step,)))
            if count > done:
                break
            position += 1
        self.overlay.clear(restore=False)
        self.timeline = timeline
        self.player.load(timeline)
        self.player.seek(position)


class _Cancelled(Exception):
    """The user closed the gradient dialog."""
