"""The one hook the main window calls: the animator, its transport toolbar and step panel dock."""
from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.animation.animator import Animator
from explorer.animation.step_panel import StepPanel
from explorer.animation.transport import TransportBar
from explorer.core.i18n import translate

STEP_DOCK_HEIGHT = 140   # title, sentence and formula; the canvas keeps the rest of the window


class WindowAnimator(Animator):
    """The main window's animator and its views: `transport_bar` (a toolbar, its actions also in
    the Animation menu), `step_panel` and the dock that holds it, `step_dock`."""

    def __init__(self, window) -> None:
        super().__init__(window.scene, lambda: window.evaluation, window.default_root, window,
                         dialog_parent=window)
        self.transport_bar = TransportBar(self, window)
        window.addToolBarBreak()
        window.add_toolbar(self.transport_bar)
        self.step_panel = StepPanel(self)
        self.step_dock = window.add_dock(self.step_panel, translate("Animation", "Step"),
                                         Qt.DockWidgetArea.BottomDockWidgetArea, "StepDock")
        window.resizeDocks([self.step_dock], [STEP_DOCK_HEIGHT], Qt.Orientation.Vertical)


def install(window) -> WindowAnimator:
    """Add the animation to a MainWindow (its scene, evaluation, docks, toolbars, status bar)."""
    animator = WindowAnimator(window)
    transport_bar = animator.transport_bar
    if not window.interactive:
        # Headless runs and tests never block on a dialog: a non-scalar root gets ones.
        animator.ask_gradient = lambda _name, _shape: "ones"
    # The same actions in a menu, where their keyboard shortcuts can be read.
    menu = window.menu("animation", translate("Animation", "&Animation"))
    groups = (("forward", "backward"), ("play", "step", "step_back", "reset"),
              ("zero_grad", "clear_grad", "gradient_check"))
    for group in groups:
        if menu.actions():
            menu.addSeparator()
        menu.addActions([transport_bar.actions_by_name[name] for name in group])
    def show_backward_start(*_args) -> None:
        # Mid-reset the scene may still select a node the document has just dropped.
        root = window.default_root()
        known = root is not None and window.document.has_node(root)
        transport_bar.show_backward_start(
            window.document.node(root).name if known else None)

    window.selection_changed.connect(show_backward_start)
    window.evaluated.connect(show_backward_start)
    animator.message.connect(window.show_message)
    # The inspector follows the step on show while an animation replays.
    animator.explanationChanged.connect(lambda _explanation: window.inspector.show_replay(
        animator.timeline, animator.player.position if animator.timeline else 0))
    # Zoomed out, the step's labels grow to stay readable: they are placed again at each zoom.
    window.view.zoom_changed.connect(lambda _zoom: animator.refresh())
    # Backward, Zero grad and Clear grad change .grad: the inspector shows the engine's state.
    animator.gradsChanged.connect(lambda: window.inspector.show_evaluation(window.evaluation))
    # A new forward run replaces every tensor: the recorded events no longer apply.
    window.evaluated.connect(lambda _evaluation: animator.forget())
    # "Compute Gradients" runs backward at once: the replay is over. The cards show the engine's
    # state again even when it refused (no value to run backward from), which redraws nothing.
    def end_replay(_checked: bool = False) -> None:
        if animator.timeline is not None:
            animator.forget()
            window.scene.apply_evaluation(window.evaluation)

    window.backward_action.triggered.connect(end_replay)
    return animator
