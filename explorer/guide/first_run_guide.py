"""The first-run guide: a short tour that opens y = x**2 + 1, runs forward, then backward, and
points at x.grad. Each button press does the step for real (through the window's animator, that
is, the engine) and the text that follows describes what the engine produced."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDockWidget,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer import settings as user_settings
from explorer.animation.overlay import FlowLabel
from explorer.core.document.evaluation import grad_of

EXAMPLE = "x_squared"
LEAF_NAME = "x"
ROOT_NAME = "y"
LABEL_ROOM = 40.0   # scene units around the cards for the labels the animation will place there
GRID = 8            # the card may also sit at eighths of the canvas's free width and height
GAP = 6             # px between the card and the canvas's edges, so that it never touches a dock


@dataclass(frozen=True)
class TourStep:
    title: str
    text: str
    button: str                        # what pressing the main button does next
    action: Callable[[], str | None]   # does it; None, or why it could not be done


def _area(rect: QRect) -> int:
    return rect.width() * rect.height() if rect.isValid() else 0


def _zoom_to_fit(graph: QRectF, part: QRect) -> float:
    """The zoom that shows `graph` (scene units) inside `part` (pixels), at most 100 %."""
    if part.width() <= 0 or part.height() <= 0:
        return 0.0
    return min(1.0, part.width() / graph.width(), part.height() / graph.height())


def _number(value) -> str:
    """A scalar tensor as the user reads it in the cards ("4.", "5.")."""
    return f"{float(value.item()):g}" if getattr(value, "numel", lambda: 0)() == 1 else str(value)


class FirstRunGuide(QDialog):
    """A small non-modal window beside the canvas; "Don't show again" is kept in the settings."""

    step_changed = Signal(int)

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window, Qt.WindowType.Tool)
        self.setObjectName("FirstRunGuide")
        self.window_ = window
        self.setWindowTitle(self.tr("Guided tour"))
        self.step = 0
        self.counter = QLabel()
        self.counter.setObjectName("GuideCounter")
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setMinimumHeight(120)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.dont_show = QCheckBox(self.tr("Don't show this tour at start-up"))
        self.dont_show.setChecked(user_settings.guide_dismissed(window.settings))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.advance)

        buttons = QHBoxLayout()
        buttons.addWidget(self.dont_show)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.buttons_row = buttons
        self.finished.connect(self._remember_choice)
        # The animation places its labels as it plays: they must not end up under the card.
        window.animator.player.positionChanged.connect(self._on_animation_moved)
        self.restart()

    # ---- the steps ---------------------------------------------------------------------------

    def steps(self) -> list[TourStep]:
        """The tour's steps; texts are built when shown, from the engine's current values."""
        return [
            TourStep(
                self.tr("Welcome to autograd-explorer"),
                self.tr("<p>This one-minute tour opens the simplest example, "
                        "<b>y = x**2 + 1</b>, runs the forward pass, then the backward pass, "
                        "and shows where the gradient arrives.</p><p>Every value you will see "
                        "is computed by the engine exactly as PyTorch computes it.</p>"),
                self.tr("Open the example"), self._open_example),
            TourStep(
                self.tr("The computational graph"),
                self.tr("<p>Each card is a tensor. <b>x</b> is a <i>leaf</i> tensor: you "
                        "created it, with requires_grad=True. <b>x_sq</b> = x ** 2 and "
                        "<b>y</b> = x_sq + 1 are results of operations; the wires carry values "
                        "from left to right.</p><p>Next, the forward pass computes them.</p>"),
                self.tr("Run forward"), self._forward),
            TourStep(
                self.tr("Forward pass"),
                self.tr("<p>The engine ran the operations in order and got "
                        "<b>y = {y}</b>. Every result remembers the operation that made it in "
                        "its grad_fn (PowBackward0, AddBackward0): that record is the graph "
                        "backward will walk.</p><p>The Step panel at the bottom explains each "
                        "step; the transport bar replays them.</p>").format(
                            y=self._value_text(ROOT_NAME)),
                self.tr("Run backward"), self._backward),
            TourStep(
                self.tr("Backward pass"),
                self.tr("<p>y.backward() walked the graph from y back to x. Each node "
                        "multiplied the gradient coming from its output by its local "
                        "derivative (the chain rule): dy/dx_sq = 1 and dx_sq/dx = 2x.</p>"
                        "<p>Where does the result go?</p>"),
                self.tr("Show x.grad"), self._point_at_grad),
            TourStep(
                self.tr("The gradient is in x.grad"),
                self.tr("<p>x is selected: its card and the Inspector show "
                        "<b>x.grad = {grad}</b>, that is dy/dx = 2x at x = {x}.</p><p>Only leaf "
                        "tensors that require grad keep .grad. Press Backward again and the "
                        "gradient accumulates instead of being replaced.</p><p>Help &gt; "
                        "Concepts explains leaf tensors, accumulation, retain_grad, no_grad and "
                        "detach.</p>").format(
                            grad=self._grad_text(LEAF_NAME), x=self._value_text(LEAF_NAME)),
                self.tr("Finish"), self._finish),
        ]

    def restart(self) -> None:
        self.step = 0
        self._show_step()

    def advance(self) -> None:
        """Do the current step's action; on success show the next step (or close at the end)."""
        step = self.steps()[self.step]
        problem = step.action()
        if problem is not None:
            self.problem.setText(problem)
            self.problem.show()
            return
        if self.step + 1 < len(self.steps()):
            self.step += 1
            self._show_step()
            self.place()
        self.step_changed.emit(self.step)

    def _show_step(self) -> None:
        steps = self.steps()
        step = steps[self.step]
        self.counter.setText(self.tr("Step {n} of {count}").format(n=self.step + 1,
                                                                     count=len(steps)))
        self.heading.setText(step.title)
        self.body.setText(step.text)
        self.next_button.setText(step.button)
        # At least as wide as the buttons' row, so that "Don't show…" is never cut.
        self.buttons_row.invalidate()   # the button's new text
        margins = self.layout().contentsMargins()
        self.setMinimumWidth(max(400, self.buttons_row.sizeHint().width() + margins.left()
                                 + margins.right()))
        self.problem.hide()
        if self.step == len(steps) - 1:
            # Having seen the whole tour, the user most likely wants it gone; they can untick.
            self.dont_show.setChecked(True)

    # ---- actions: each one uses the window's public API ------------------------------------

    def _node_id(self, name: str) -> str | None:
        data = self.window_.document.node_by_name(name)
        return data.id if data is not None else None

    def _missing(self, name: str) -> str | None:
        if self._node_id(name) is None:
            return self.tr("The example has changed: there is no node named {name}. Press Close "
                           "and start the tour again from Help.").format(name=name)
        return None

    def _value_text(self, name: str) -> str:
        node_id = self._node_id(name)
        value = self.window_.evaluation.values.get(node_id) if node_id else None
        return _number(value) if value is not None else "?"

    def _grad_text(self, name: str) -> str:
        node_id = self._node_id(name)
        if node_id is None:
            return "?"
        grad, reason = grad_of(self.window_.evaluation, node_id)
        return _number(grad) if grad is not None else reason

    def _open_example(self) -> str | None:
        self.window_.last_error = None   # so that only this attempt's problem is reported
        if not self.window_.open_example(EXAMPLE):
            # No error: the user kept their unsaved graph (Cancel in the save question).
            return self.window_.last_error or self.tr("The example was not opened.")
        self.window_.view.fit_to_view()
        return None

    def _forward(self) -> str | None:
        problem = self._missing(ROOT_NAME)
        if problem is None and not self.window_.animator.forward():
            problem = self.tr("The forward pass could not run; see the status bar.")
        return problem

    def _backward(self) -> str | None:
        problem = self._missing(ROOT_NAME)
        if problem is None and not self.window_.animator.backward(self._node_id(ROOT_NAME)):
            problem = self.tr("The backward pass could not run; see the status bar.")
        return problem

    def _point_at_grad(self) -> str | None:
        problem = self._missing(LEAF_NAME)
        if problem is not None:
            return problem
        node_id = self._node_id(LEAF_NAME)
        self.window_.scene.select_nodes([node_id])
        item = self.window_.scene.node_item(node_id)
        if item is not None:
            self.window_.view.ensureVisible(item)
        dock = getattr(self.window_, "inspector_dock", None)
        if dock is not None:
            dock.show()
            dock.raise_()
        return None

    def _finish(self) -> str | None:
        self.close()
        return None

    # ---- placement and closing ----------------------------------------------------------------

    def place(self) -> None:
        """Where the card covers nothing the step talks about: no dock or toolbar, the least of
        the graph; the graph is then fitted into the canvas beside the card (at the first step
        only if the card would hide some of it)."""
        self.adjustSize()
        card = self._best_spot(self.frameGeometry().size())
        self.move(card.topLeft())
        # Where a platform places the frame a few pixels off what move() asked, ask again.
        self.move(self.pos() + card.topLeft() - self.frameGeometry().topLeft())
        if self.step > 0 or any(rect.intersects(card) for rect in self._graph_on_screen()):
            self._fit_graph_beside(card)

    def focus_widgets(self) -> list[QWidget]:
        """The panels and toolbars the current step's text talks about."""
        window = self.window_
        animator = getattr(window, "animator", None)
        widgets = {2: (getattr(animator, "step_dock", None),
                       getattr(animator, "transport_bar", None)),
                   4: (window.inspector_dock,)}.get(self.step, ())
        return [w for w in widgets if w is not None and w.isVisible()]

    def focus_items(self) -> list[QGraphicsItem]:
        """The cards and the animation's labels on the canvas (the tour explains them all; before
        it opens its example, the graph there is the user's, kept in sight too)."""
        scene = self.window_.scene
        return [*scene.node_items(), *(item for item in scene.items()
                                        if isinstance(item, FlowLabel) and item.isVisible())]

    def _canvas(self) -> QRect:
        viewport = self.window_.view.viewport()
        return QRect(viewport.mapToGlobal(QPoint(0, 0)), viewport.size())

    def _graph_on_screen(self) -> list[QRect]:
        """focus_items' boxes in screen coordinates."""
        view = self.window_.view
        rects = []
        for item in self.focus_items():
            scene_rect = item.box() if isinstance(item, FlowLabel) else item.sceneBoundingRect()
            box = view.mapFromScene(scene_rect).boundingRect()
            rects.append(QRect(view.viewport().mapToGlobal(box.topLeft()), box.size()))
        return rects

    def _best_spot(self, size: QSize) -> QRect:
        """Over empty canvas when it can be: away from every dock, toolbar and menu, then from
        the graph's cards, and inside the window (else at least on the screen)."""
        window = self.window_
        inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        screen = (window.screen() or self.screen()).availableGeometry()
        canvas = self._canvas().adjusted(GAP, GAP, -GAP, -GAP)
        # Also kept readable at every step: the docks (the inspector, the step panel that
        # explains what the animation shows), the menus and toolbars (the tour's steps can be
        # done by hand too).
        widgets = [*self.focus_widgets(), window.menuBar(), window.statusBar(),
                   *window.findChildren(QToolBar), *window.findChildren(QDockWidget)]
        avoid = [QRect(w.mapToGlobal(QPoint(0, 0)), w.size()) for w in widgets
                 if w is not None and w.isVisible() and w.window() is window]
        graph = self._graph_on_screen()
        xs = (inside.left(), canvas.left(), canvas.right() + 1 - size.width(),
              inside.right() + 1 - size.width())
        ys = (canvas.top(), canvas.bottom() + 1 - size.height(), inside.top(),
              inside.bottom() + 1 - size.height())
        spots = [QRect(QPoint(x, y), size) for y in ys for x in xs]
        # Then places along the canvas, for a graph that fills its corners.
        spots += [QRect(canvas.topLeft() + QPoint((canvas.width() - size.width()) * i // GRID,
                                                  (canvas.height() - size.height()) * j // GRID),
                        size) for j in range(GRID + 1) for i in range(GRID + 1)]
        spots = ([spot for spot in spots if inside.contains(spot)]
                 or [spot for spot in spots if screen.contains(spot)] or spots)

        def cost(spot: QRect) -> tuple[int, int, int]:
            return (sum(_area(spot.intersected(rect)) for rect in avoid),
                    sum(_area(spot.intersected(rect)) for rect in graph),
                    _area(spot.intersected(canvas)))
        return min(spots, key=cost)

    def _fit_graph_beside(self, card: QRect) -> None:
        """Zoom and pan so that the graph lies in the largest part of the canvas the card leaves
        free (never magnified beyond 100 %)."""
        view = self.window_.view
        graph = self._graph_rect()
        canvas = self._canvas()
        if graph.isEmpty() or canvas.isEmpty():
            return
        # A label the animation places later may stand a little beyond the room kept for it
        # (it looks further for a free place): the graph keeps that much more off the card.
        margin = round(LABEL_ROOM / 2)
        covered = card.adjusted(-margin, -margin, margin, margin).intersected(canvas)
        if covered.isEmpty():
            free = canvas
        else:
            free = max((QRect(canvas.left(), canvas.top(), covered.left() - canvas.left(),
                              canvas.height()),
                        QRect(covered.right() + 1, canvas.top(),
                              canvas.right() - covered.right(), canvas.height()),
                        QRect(canvas.left(), canvas.top(), canvas.width(),
                              covered.top() - canvas.top()),
                        QRect(canvas.left(), covered.bottom() + 1, canvas.width(),
                              canvas.bottom() - covered.bottom())),
                       key=lambda part: _zoom_to_fit(graph, part))
        view.set_zoom(_zoom_to_fit(graph, free))
        zoom = view.zoom()
        # centerOn puts a point in the middle of the viewport; the graph goes to the free part's.
        offset = QPointF(canvas.center() - free.center()) / zoom
        view.centerOn(graph.center() + offset)
        view.viewport().update()   # a scroll moves pixels; the legend drawn over them must not

    def _graph_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.focus_items():
            rect = rect.united(item.box() if isinstance(item, FlowLabel)
                               else item.sceneBoundingRect())
        return rect.adjusted(-LABEL_ROOM, -LABEL_ROOM, LABEL_ROOM, LABEL_ROOM)

    def keep_clear(self) -> None:
        """After the animation moved its labels: fit the graph beside the card again if an item
        now lies under it."""
        if not self.isVisible() or self.step == 0:
            return
        card = self.frameGeometry()
        if any(rect.intersects(card) for rect in self._graph_on_screen()):
            self._fit_graph_beside(card)

    def _on_animation_moved(self, _position: int) -> None:
        self.keep_clear()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.window_.view.set_hint_covered(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.window_.view.set_hint_covered(False)

    def _remember_choice(self, _result: int) -> None:
        # finished comes for Close, Finish, Escape and the title bar's close button alike.
        user_settings.set_guide_dismissed(self.dont_show.isChecked(), self.window_.settings)


def show_guide(window) -> FirstRunGuide:
    """Open the tour from its first step (Help > Show Guide); one guide per window."""
    guide = window.guide.first_run_guide
    if guide is None:
        guide = window.guide.first_run_guide = FirstRunGuide(window)
    guide.restart()
    guide.place()
    guide.show()
    guide.raise_()
    return guide


def show_on_first_run(window) -> FirstRunGuide | None:
    """At start-up: the tour, unless the user asked not to see it again."""
    if user_settings.guide_dismissed(window.settings):
        return None
    return show_guide(window)
