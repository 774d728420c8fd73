"""A seeded random user for the main window: the reliability suite's monkey test.

`Monkey(window, seed, workdir).run(count)` performs `count` random actions through the window's
public entry points (the palette's drop payload on the view's drop handler, real mouse events on
the canvas for wiring and moving, menu and toolbar actions, the inspector's editors, the code
import, the animation transport, the training workbench) and after every action checks:

- no exception escaped, neither from the action nor inside a Qt slot (sys.excepthook),
- the document is a DAG with at most one edge per input port, every port a real one,
- every node and edge item on the canvas matches a document node and edge, and vice versa.

`finish()` then undoes everything (back to the document the undo stack started from), redoes all
that can be redone, and steps back to where the actions ended, comparing `to_dict()` each way.

As a script, for the large run (from the repository root, with the app installed):
`QT_QPA_PLATFORM=offscreen python tests/explorer/reliability/monkey.py --actions 5000 --seed 1`.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import networkx as nx
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QSpinBox

from explorer.canvas.edge_item import EdgeItem
from explorer.canvas.group_item import GroupCardItem, GroupFrameItem
from explorer.canvas.node_item import NodeItem
from explorer.canvas.view import OP_MIME_TYPE
from explorer.commands import ConnectCommand
from explorer.core.document.op_catalog import OPS
from explorer.panels.op_palette import op_mime_data

# What a learner types into value fields: special numbers, bad shapes, unicode, huge lists.
VALUE_TEXTS = (
    "2.0", "-3", "0", "nan", "inf", "-inf", "1e308", "1e309", "-1e308", "1e-320", "", "   ",
    "[1., 2., 3.]", "[[1., 2.], [3., 4.]]", "[[1, 2], [3]]", "[[nan, inf], [-inf, 0.]]",
    "[]", "[[]]", "True", "pi", "-e", "(1, 2)", "1, 2, 3", "[" * 40 + "1" + "]" * 40,
    "π", "日本語", "x²", "\u0000", "1e", "--1", "9" * 500, "0x10", "1_000", "[1, [2]]",
    "__import__('os')", "[" + ", ".join(["1.5"] * 20_000) + "]",
)
SHAPE_TEXTS = ("2, 2", "3", "0", "0, 3", "-1", "2, -1", "", "1e308", "99999999999999999999",
               "100000, 100000", "4, 3, 2", "1000, 100", "a", "2,,2", "١")
INDEX_TEXTS = ("0", "-1", "0:2, 1", ":", "5", "1e308", "::", "...", "a", "0, 0, 0, 0", "")
DIM_TEXTS = ("", "0", "-1", "5", "0, 1", "x", "1e308", "0, 0")
NAME_TEXTS = ("x", "y", "weight", "torch", "print", "class", "1abc", "", "ñ", "变量", "a b",
              "w" * 300, "x_2", "__init__")
GRADIENT_ANSWERS = ("ones", "", None, "[1.]", "nan", "[[1., 2.], [3., 4.]]", "garbage(")

VALID_SNIPPETS = (
    "x = torch.tensor(2.0, requires_grad=True)\ny = x ** 2 + 1\ny.backward()\n",
    "w = torch.tensor([1., 2.], requires_grad=True)\nb = torch.ones(2)\nout = (w * b).sum()\n",
    "a = torch.ones(2, 2, requires_grad=True)\nc = (3 * (a + 2) ** 2).mean()\n",
    "z = torch.arange(4.)\nq = torch.dot(z, z)\n",
)
HOSTILE_SNIPPETS = (
    "__import__('os').system('echo pwned')",
    "x = torch.tensor(1.)\ny = x.__class__",
    "f = lambda t: t * 2",
    "xs = [i for i in range(10)]",
    "x = " + "(" * 10_000 + "1" + ")" * 10_000,
    "x = " + " + ".join(["1"] * 10_000),
    "x = 10 ** 10 ** 10",
    "x = torch.ones(100000, 100000)",
    "def f(:\n  pass",
    "open('somefile', 'w').write('x')",
    "import os\nos.remove('x')",
    "x = torch.tensor([" + ", ".join(["1"] * 3_000) + "])",
    "x = torch.tensor(2.0, requires_grad=True)\ny = x.exp().log().sin() / 0\n",
    "y = undefined_name * 2",
    "\x00\x01garbage",
    # issue 17: ranges past any size, a freed graph, look-alike letters, budgets, random replay
    "x = torch.arange(0, 1e300, 1e-300)",
    "x = torch.arange(-1.7e308, 1.7e308)",
    "x = torch.arange(0, float('nan'))",
    "x = torch.tensor(2.0, requires_grad=True)\ny = x * x\ny.backward()\ny.backward()\n",
    "x = torch.ones(2, **{'dtype': 1})",
    "x = torch.ones(2)\ny = t\u043erch.exp(x)",
    "x = torch.ones(2)\ny = x * nan",
    "x = torch.ones(40000, 1)\ny = torch.ones(1, 40000)\nz = x * y\n",
    "torch.manual_seed(0)\n" + "".join(f"r{i} = torch.rand(100000)\n" for i in range(40)),
    '{"format": "autograd-explorer-fragment", "edges": [], "nodes": ['
    '{"id": "a", "op": "input", "name": "a", "pos": [0, 0]}, '
    '{"id": "b", "op": "input", "name": "b", "pos": [' + "9" * 400 + ', 0]}]}',
)
SOUP_TOKENS = ("x", "=", "torch", ".", "tensor", "(", ")", "[", "]", "1", "2.5", "+", "*", "**",
               ",", ":", "requires_grad", "True", "\n", "lambda", "__class__", "import", "with",
               "no_grad", "backward", "'s'", "#", "@", "sum", "mean", "y", "-", "/", "  ")


class MonkeyFailure(AssertionError):
    """An action raised, a slot raised, or an invariant broke; the message has the replay."""


@contextlib.contextmanager
def recording_slot_exceptions() -> Iterator[list[str]]:
    """Collect every exception that reaches sys.excepthook (PySide reports slot errors there)."""
    recorded: list[str] = []
    previous = sys.excepthook

    def record(exc_type, exc, tb) -> None:
        recorded.append("".join(traceback.format_exception(exc_type, exc, tb)))

    sys.excepthook = record
    try:
        yield recorded
    finally:
        sys.excepthook = previous


def send_mouse(view, kind: QEvent.Type, scene_pos: QPointF,
               buttons: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    """One real mouse event on the view's viewport at a scene position (left button)."""
    viewport_pos = QPointF(view.mapFromScene(scene_pos))
    global_pos = QPointF(view.viewport().mapToGlobal(viewport_pos.toPoint()))
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove \
        else Qt.MouseButton.LeftButton
    if kind == QEvent.Type.MouseButtonRelease:
        buttons = Qt.MouseButton.NoButton
    event = QMouseEvent(kind, viewport_pos, global_pos, button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def mouse_drag(view, start: QPointF, end: QPointF, steps: int = 3) -> None:
    send_mouse(view, QEvent.Type.MouseButtonPress, start)
    for i in range(1, steps + 1):
        send_mouse(view, QEvent.Type.MouseMove, start + (end - start) * (i / steps))
    send_mouse(view, QEvent.Type.MouseButtonRelease, end)


def drop_on_view(view, mime: QMimeData, viewport_point: QPoint) -> QDropEvent:
    """Drag-enter then drop `mime` on the view, as a drag from the palette ends; the drop."""
    enter = QDragEnterEvent(viewport_point, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    drop = QDropEvent(QPointF(viewport_point), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    return drop


def press_return(editor: QLineEdit) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_Return,
                                                 Qt.KeyboardModifier.NoModifier))


def _check_groups(doc, scene) -> None:
    """Each group has one card (folded) or frame (unfolded) showing it; a folded group's
    members are hidden, an unfolded group's shown."""
    shown = {i.group_id: i for i in scene.items() if isinstance(i, (GroupCardItem,
                                                                    GroupFrameItem))}
    if sorted(shown) != sorted(doc.groups):
        raise MonkeyFailure(f"group items {sorted(shown)} != document groups {sorted(doc.groups)}")
    for group in doc.group_list():
        item = shown[group.id]
        if isinstance(item, GroupCardItem) != group.folded or item.members != group.members \
                or item.name != group.name:
            raise MonkeyFailure(f"group item {group.id} does not show its document group")
        if any(scene.node_item(n).isVisible() == group.folded for n in group.members):
            raise MonkeyFailure(f"the members of group {group.id} are shown wrongly")


def check_invariants(window) -> None:
    """Raise MonkeyFailure when the document is not a DAG or the canvas disagrees with it."""
    doc, scene = window.document, window.scene
    if not nx.is_directed_acyclic_graph(doc.graph):
        raise MonkeyFailure("the document has a cycle")
    taken: set[tuple[str, str]] = set()
    for src, dst, port in doc.edges():
        if port not in OPS[doc.node(dst).op].inputs:
            raise MonkeyFailure(f"edge into a port that does not exist: {(src, dst, port)}")
        if (dst, port) in taken:
            raise MonkeyFailure(f"two edges into input {port!r} of {dst}")
        taken.add((dst, port))
    node_ids = {data.id for data in doc.nodes()}
    items = [i for i in scene.items() if isinstance(i, NodeItem)]
    if sorted(i.node_id for i in items) != sorted(node_ids):
        raise MonkeyFailure(f"node items {sorted(i.node_id for i in items)} != document nodes "
                            f"{sorted(node_ids)}")
    for item in items:
        data = doc.node(item.node_id)
        if item is not scene.node_item(data.id) or item.name != data.name or item.op != data.op:
            raise MonkeyFailure(f"node item {item.node_id} does not show its document node")
        if (item.pos().x(), item.pos().y()) != data.pos:
            raise MonkeyFailure(f"node item {item.node_id} at {item.pos()} but the document says "
                                f"{data.pos}")
    edge_items = [i for i in scene.items() if isinstance(i, EdgeItem)]
    keys = sorted(i.key for i in edge_items)
    if keys != sorted(doc.edges()):
        raise MonkeyFailure(f"edge items {keys} != document edges {sorted(doc.edges())}")
    for item in edge_items:
        if item.src_item is not scene.node_item(item.key[0]) \
                or item.dst_item is not scene.node_item(item.key[1]):
            raise MonkeyFailure(f"edge item {item.key} is attached to stale node items")
    _check_groups(doc, scene)
    evaluation = window.evaluation
    if sorted(evaluation.order) != sorted(node_ids):
        raise MonkeyFailure("the evaluation on show is not of the current document")
    if window.animator.timeline is not None:
        return   # a replay on show draws each card as it was at the current step
    for item in items:
        if item.value() is not evaluation.values.get(item.node_id) \
                or item.error() != evaluation.errors.get(item.node_id):
            raise MonkeyFailure(f"node item {item.node_id} does not show the current evaluation")


class Monkey:
    """Random actions on one MainWindow; `run(count)` then `finish()`."""

    def __init__(self, window, seed: int, workdir: Path, *, training: bool = True) -> None:
        self.window = window
        self.seed = seed
        self.rng = random.Random(seed)
        self.workdir = Path(workdir)
        self.training = training
        self.log: list[str] = []
        self.counts: Counter[str] = Counter()
        self.changed: Counter[str] = Counter()   # actions that changed the document
        self.refusals = 0
        # The document that undoing everything must give back (reset when the stack is cleared).
        self.baseline = window.document.to_dict()
        window.animator.ask_gradient = self._answer_gradient
        self.actions: list[tuple[int, Callable[[], None]]] = [
            (14, self.add_node), (2, self.drop_unknown), (12, self.connect_by_mouse),
            (3, self.connect_by_command), (3, self.rewire), (4, self.delete),
            (5, self.move), (2, self.nudge), (7, self.undo), (4, self.redo),
            (10, self.edit_param), (3, self.rename), (4, self.toggle_flag),
            (3, self.forward), (4, self.backward), (4, self.step), (2, self.step_back),
            (1, self.play_pause), (2, self.zero_grad), (1, self.clear_grad),
            (2, self.gradient_check), (2, self.compute_gradients), (2, self.auto_layout),
            (2, self.save_and_reopen), (1, self.open_example), (1, self.new_document),
            (3, self.import_snippet), (1, self.paste_text), (2, self.copy_paste),
            (1, self.duplicate), (1, self.cut), (1, self.zoom), (2, self.expression),
            (2, self.context_menu_action), (1, self.scrub), (1, self.export_image),
            (2, self.play), (2, self.idle), (1, self.speed), (1, self.guide),
            (2, self.group_cards), (2, self.fold_group), (1, self.ungroup),
        ]
        if training:
            self.actions.append((1, self.training_action))
        self._weights = [w for w, _ in self.actions]

    # ---- driving -----------------------------------------------------------------------------

    def run(self, count: int) -> Counter[str]:
        with recording_slot_exceptions() as recorded:
            for number in range(count):
                action = self.rng.choices(self.actions, weights=self._weights)[0][1]
                self.perform(number, action, recorded)
        return self.counts

    def perform(self, number: int, action: Callable[[], None], recorded: list[str]) -> None:
        name = action.__name__
        self.log.append(name)
        revision = self.window.document.revision
        try:
            action()
            QApplication.processEvents()
            check_invariants(self.window)
        except Exception as exc:   # any failure is the finding: report it with the replay
            raise MonkeyFailure(self._replay(number, name, traceback.format_exc())) from exc
        if recorded:
            raise MonkeyFailure(self._replay(number, name, "\n".join(recorded)))
        self.counts[name] += 1
        self.changed[name] += self.window.document.revision != revision

    def finish(self) -> None:
        """Stop training, undo everything (equal to the baseline), redo all that can be redone,
        and undo back to where the actions ended (equal to the document then)."""
        self._stop_training()
        with recording_slot_exceptions() as recorded:
            self.window.evaluate_now()   # a fresh forward pass ends any replay on show
            end = self.window.document.to_dict()
            stack = self.window.undo_stack
            end_index = stack.index()   # commands after it were undone and are redoable
            for index, expected, what in ((0, self.baseline, "undo everything"),
                                          (stack.count(), None, "redo everything redoable"),
                                          (end_index, end, "back to the end")):
                stack.setIndex(index)
                QApplication.processEvents()
                check_invariants(self.window)
                if expected is not None and self.window.document.to_dict() != expected:
                    raise MonkeyFailure(self._replay(len(self.log), what,
                                                     "the document differs from the expected one"))
        if recorded:
            raise MonkeyFailure(self._replay(len(self.log), "finish", "\n".join(recorded)))

    def _replay(self, number: int, name: str, details: str) -> str:
        recent = ", ".join(self.log[-12:])
        return (f"seed {self.seed}, action {number} ({name}) failed; last actions: {recent}\n"
                f"{details}")

    # ---- helpers -----------------------------------------------------------------------------

    def _node_ids(self) -> list[str]:
        return [data.id for data in self.window.document.nodes()]

    def _random_node(self) -> str | None:
        ids = self._node_ids()
        return self.rng.choice(ids) if ids else None

    def _select(self, node_ids: list[str]) -> None:
        self.window.scene.select_nodes(node_ids)

    def _stack_cleared(self) -> None:
        self.baseline = self.window.document.to_dict()

    def _stack_cleared_if_reset(self) -> None:
        if self.window.undo_stack.count() == 0:
            self._stack_cleared()

    def _answer_gradient(self, _name: str, _shape: tuple) -> str | None:
        return self.rng.choice(GRADIENT_ANSWERS)

    def _transport(self, name: str) -> None:
        self.window.animator.transport_bar.actions_by_name[name].trigger()

    def _refused(self, before: dict) -> None:
        if self.window.document.to_dict() == before:
            self.refusals += 1

    # ---- actions -----------------------------------------------------------------------------

    def add_node(self) -> None:
        view = self.window.view
        rect = view.viewport().rect()
        point = QPoint(self.rng.randrange(rect.width()), self.rng.randrange(rect.height()))
        drop_on_view(view, op_mime_data(self.rng.choice(sorted(OPS))), point)

    def drop_unknown(self) -> None:
        mime = QMimeData()
        mime.setData(OP_MIME_TYPE, self.rng.choice([b"frobnicate", b"", b"\xff\xfe", b"input "]))
        before = self.window.document.to_dict()
        drop_on_view(self.window.view, mime, QPoint(50, 50))
        self._refused(before)

    def _ports(self, dst: str) -> tuple[str, ...]:
        return OPS[self.window.document.node(dst).op].inputs

    def connect_by_mouse(self) -> None:
        """Drag a wire from a random output to a random input: cycles and occupied inputs too."""
        ids = self._node_ids()
        candidates = [n for n in ids if self._ports(n)]
        if not ids or not candidates:
            return
        src, dst = self.rng.choice(ids), self.rng.choice(candidates)
        port = self.rng.choice(self._ports(dst))
        scene, view = self.window.scene, self.window.view
        start = scene.node_item(src).output_port.scenePos()
        end = scene.node_item(dst).input_port(port).scenePos()
        view.centerOn((start + end) / 2)
        mouse_drag(view, start, end)

    def connect_by_command(self) -> None:
        """The document-level refusal: a cycle, a self-loop or an occupied input pushed directly."""
        ids = self._node_ids()
        candidates = [n for n in ids if self._ports(n)]
        if not ids or not candidates:
            return
        dst = self.rng.choice(candidates)
        edge = (self.rng.choice(ids), dst, self.rng.choice(self._ports(dst)))
        before = self.window.document.to_dict()
        self.window.push(ConnectCommand(self.window.document, edge))
        self._refused(before)

    def rewire(self) -> None:
        """Pick a connected input's wire up and drop it on another input, or on empty canvas."""
        edges = self.window.document.edges()
        if not edges:
            return
        _src, dst, port = self.rng.choice(edges)
        scene, view = self.window.scene, self.window.view
        start = scene.node_item(dst).input_port(port).scenePos()
        targets = [n for n in self._node_ids() if self._ports(n)]
        if self.rng.random() < 0.5 and targets:
            target = self.rng.choice(targets)
            port = self.rng.choice(self._ports(target))
            end = scene.node_item(target).input_port(port).scenePos()
        else:
            end = scene.nodes_bounding_rect().bottomRight() + QPointF(300, 300)
        view.centerOn(start)
        mouse_drag(view, start, end)

    def delete(self) -> None:
        ids = self._node_ids()
        chosen = self.rng.sample(ids, min(len(ids), self.rng.randint(0, 2)))
        self._select(chosen)
        edges = self.window.scene.edge_items()
        for item in self.rng.sample(edges, min(len(edges), self.rng.randint(0, 2))):
            item.setSelected(True)
        self.window.delete_action.trigger()

    def move(self) -> None:
        node_id = self._random_node()
        if node_id is None:
            return
        item = self.window.scene.node_item(node_id)
        start = item.scenePos() + QPointF(30.0, 8.0)    # on the header, away from the ports
        end = start + QPointF(self.rng.uniform(-300, 300), self.rng.uniform(-300, 300))
        self.window.view.centerOn(start)
        mouse_drag(self.window.view, start, end)

    def nudge(self) -> None:
        node_id = self._random_node()
        if node_id is None:
            return
        self._select([node_id])
        key = self.rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down])
        self.window.view.setFocus()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(self.window.scene,
                                   QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))

    def group_cards(self) -> None:
        ids = self._node_ids()
        self._select(self.rng.sample(ids, min(len(ids), self.rng.randint(1, 4))))
        self.window.group_actions.group_action.trigger()

    def fold_group(self) -> None:
        groups = self.window.document.group_list()
        if groups:
            self.window.group_actions.toggle_fold(self.rng.choice(groups).id)

    def ungroup(self) -> None:
        groups = self.window.document.group_list()
        if groups:
            self.window.group_actions.ungroup(self.rng.choice(groups).id)

    def undo(self) -> None:
        for _ in range(self.rng.randint(1, 3)):
            self.window.undo_action.trigger()

    def redo(self) -> None:
        for _ in range(self.rng.randint(1, 2)):
            self.window.redo_action.trigger()

    def _inspect_random(self) -> str | None:
        node_id = self._random_node()
        if node_id is not None:
            self._select([node_id])
        return node_id

    def edit_param(self) -> None:
        """Type into one of the inspector's editors for a random node, as a user would."""
        if self._inspect_random() is None:
            return
        inspector = self.window.inspector
        editors = dict(inspector._param_editors)
        if not editors:
            return
        name, editor = self.rng.choice(sorted(editors.items()))
        if isinstance(editor, QCheckBox):
            editor.click()
        elif isinstance(editor, QComboBox):
            index = self.rng.randrange(editor.count())
            editor.setCurrentIndex(index)
            editor.activated.emit(index)
        elif isinstance(editor, QSpinBox):
            value = self.rng.choice([0, 1, -1, 2, 5, 7, -(2 ** 31) + 1, 2 ** 31 - 1])
            editor.lineEdit().setText(str(value))
            press_return(editor.lineEdit())
        elif isinstance(editor, QLineEdit):
            texts = {"shape": SHAPE_TEXTS, "index": INDEX_TEXTS, "dim": DIM_TEXTS}.get(
                name, VALUE_TEXTS)
            editor.setText(self.rng.choice(texts))
            press_return(editor)

    def rename(self) -> None:
        if self._inspect_random() is None:
            return
        edit = self.window.inspector.name_edit
        edit.setText(self.rng.choice(NAME_TEXTS))
        press_return(edit)

    def toggle_flag(self) -> None:
        """requires_grad on an input, or retain_grad on any node."""
        node_id = self._inspect_random()
        if node_id is None:
            return
        inspector = self.window.inspector
        editor = inspector._param_editors.get("requires_grad")
        if editor is not None and self.rng.random() < 0.5:
            editor.click()
        elif inspector.retain_grad.isEnabled():
            inspector.retain_grad.click()

    def _maybe_select_root(self) -> None:
        if self.rng.random() < 0.5:
            self._inspect_random()
        else:
            self.window.scene.clearSelection()

    def forward(self) -> None:
        self._transport("forward")

    def backward(self) -> None:
        self._maybe_select_root()
        self._transport("backward")

    def step(self) -> None:
        for _ in range(self.rng.randint(1, 4)):
            self._transport("step")

    def step_back(self) -> None:
        self._transport("step_back")

    def play_pause(self) -> None:
        self._transport("play")
        self._transport("play")

    def play(self) -> None:
        """Start (or pause) playing the replay and leave it running under the next actions."""
        self._transport("play")

    def idle(self) -> None:
        """Let timers fire for a moment: playback ticks, training records, evaluation."""
        deadline = time.monotonic() + self.rng.uniform(0.0, 0.15)
        while time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)

    def speed(self) -> None:
        slider = self.window.animator.transport_bar.speed_slider
        slider.setValue(self.rng.randint(slider.minimum(), slider.maximum()))

    def guide(self) -> None:
        """Open the guided tour and press its Next button a few times (it opens an example)."""
        self.window.guide.guide_action.trigger()
        tour = self.window.guide.first_run_guide
        for _ in range(self.rng.randint(0, 6)):
            if tour.isVisible() and tour.next_button.isEnabled():
                tour.next_button.click()
        self._stack_cleared_if_reset()
        if self.rng.random() < 0.5:
            tour.close_button.click()

    def zero_grad(self) -> None:
        self._transport("zero_grad")

    def clear_grad(self) -> None:
        self._transport("clear_grad")

    def gradient_check(self) -> None:
        self._maybe_select_root()
        self._transport("gradient_check")

    def compute_gradients(self) -> None:
        self._maybe_select_root()
        self.window.backward_action.trigger()

    def auto_layout(self) -> None:
        self.window.layout_action.trigger()

    def save_and_reopen(self) -> None:
        """Save to a file and open it again: the reopened document equals the saved one."""
        path = self.workdir / f"monkey-{self.rng.randrange(3)}.json"
        before = self.window.document.to_dict()
        if not self.window.save_to(str(path)):
            raise MonkeyFailure(f"saving to {path} failed: {self.window.last_error}")
        if not self.window.open_file(str(path), ask=False):
            raise MonkeyFailure(f"reopening {path} failed: {self.window.last_error}")
        self._stack_cleared()
        if self.window.document.to_dict() != before:
            raise MonkeyFailure("the reopened document differs from the saved one")

    def open_example(self) -> None:
        action = self.rng.choice([a for a in self.window.menu("examples").actions()
                                  if a.data()])
        action.trigger()
        self._stack_cleared()

    def new_document(self) -> None:
        self.window.files.new_action.trigger()
        self._stack_cleared()

    def _snippet(self) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return self.rng.choice(VALID_SNIPPETS)
        if roll < 0.8:
            return self.rng.choice(HOSTILE_SNIPPETS)
        return " ".join(self.rng.choice(SOUP_TOKENS) for _ in range(self.rng.randint(1, 30)))

    def import_snippet(self) -> None:
        self.window.code_actions.import_source(self._snippet(), "Import")

    def paste_text(self) -> None:
        QGuiApplication.clipboard().setText(self._snippet())
        self.window.clipboard.paste_action.trigger()
        self._stack_cleared_if_reset()   # pasted into an untouched example: a new graph

    def copy_paste(self) -> None:
        ids = self._node_ids()
        self._select(self.rng.sample(ids, min(len(ids), self.rng.randint(1, 3))))
        self.window.clipboard.copy_action.trigger()
        self.window.clipboard.paste_action.trigger()

    def duplicate(self) -> None:
        ids = self._node_ids()
        self._select(self.rng.sample(ids, min(len(ids), self.rng.randint(0, 3))))
        self.window.clipboard.duplicate_action.trigger()

    def cut(self) -> None:
        ids = self._node_ids()
        self._select(self.rng.sample(ids, min(len(ids), self.rng.randint(0, 2))))
        self.window.clipboard.cut_action.trigger()

    def zoom(self) -> None:
        self.rng.choice([self.window.zoom_in_action, self.window.zoom_out_action,
                         self.window.fit_action, self.window.zoom_reset_action]).trigger()

    def expression(self) -> None:
        """Type into the expression bar (unknown names become inputs) and press Enter."""
        names = [data.name for data in self.window.document.nodes()] or ["x"]
        a, b = self.rng.choice(names), self.rng.choice(names + ["w", "q"])
        text = self.rng.choice([f"{a} * {b} + 1", f"({a} ** 2).mean()", f"{a}.exp() / {b}",
                                f"{a} @ {b}", f"torch.sigmoid({a})", f"{a}[0]", f"{a} +",
                                "lambda: 0", "__import__('os')", f"{a}; {b} = {a} * 2",
                                self._snippet()])
        line = self.window.code_actions.expression_bar.line_edit
        line.setText(text)
        press_return(line)

    def context_menu_action(self) -> None:
        """Trigger one entry of the canvas context menu of a node, an edge or empty canvas."""
        scene = self.window.scene
        targets: list = [None, *scene.node_items(), *scene.edge_items()]
        item = self.rng.choice(targets)
        if item is not None:
            scene.clearSelection()
            item.setSelected(True)
        pos = QPointF(self.rng.uniform(-500, 500), self.rng.uniform(-500, 500))
        menu = self.window.context_menu(item, pos)
        entries = []
        pending = [menu]
        while pending:
            for action in pending.pop().actions():
                if action.menu() is not None:
                    pending.append(action.menu())
                elif action.isEnabled() and not action.isSeparator():
                    entries.append(action)
        chosen = self.rng.choice(entries)
        if chosen.text().startswith(("Rename", "&Quit")):
            return   # focuses the name editor only
        chosen.trigger()
        menu.deleteLater()

    def scrub(self) -> None:
        slider = self.window.animator.transport_bar.timeline_slider
        if slider.isEnabled():
            slider.setValue(self.rng.randint(slider.minimum(), slider.maximum()))

    def export_image(self) -> None:
        suffix = self.rng.choice(["png", "svg"])
        if not self.window.export_image(str(self.workdir / f"monkey.{suffix}")):
            raise MonkeyFailure(f"export failed: {self.window.last_error}")

    def training_action(self) -> None:
        """Open the workbench and start, step, pause or reset a run (it trains in a thread)."""
        [action] = self.window.menu("training").actions()
        action.trigger()
        workbench = self.window.training.workbench
        button = self.rng.choice([workbench.start_button, workbench.step_button,
                                  workbench.pause_button, workbench.reset_button,
                                  workbench.open_step_button])
        if button.isEnabled():
            button.click()
            if button is workbench.open_step_button:
                self._stack_cleared()   # the step's loss graph replaced the document

    def _stop_training(self) -> None:
        workbench = self.window.training.workbench
        if workbench is not None:
            workbench.reset()


def run_monkey(window, *, actions: int, seed: int, workdir: Path,
               training: bool = True) -> Monkey:
    """Run `actions` random actions and the final undo/redo check; raises MonkeyFailure."""
    monkey = Monkey(window, seed, workdir, training=training)
    monkey.run(actions)
    monkey.finish()
    return monkey


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tests/explorer/reliability/monkey.py",
                                     description="Random actions on the main window (offscreen).")
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-training", action="store_true",
                        help="leave the training workbench alone")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QStandardPaths

    from explorer.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    QStandardPaths.setTestModeEnabled(True)   # never touch the user's own settings or data
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, autosave_directory=Path(tmp) / "autosave",
                            interactive=False)
        window.show()
        app.processEvents()
        started = time.perf_counter()
        try:
            monkey = run_monkey(window, actions=args.actions, seed=args.seed, workdir=Path(tmp),
                                training=not args.no_training)
        except MonkeyFailure as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
        finally:
            window.undo_stack.setClean()
            window.close()
        elapsed = time.perf_counter() - started
    print(f"{args.actions} actions (seed {args.seed}) in {elapsed:.1f} s: no exception, the "
          f"document stayed a DAG matching the canvas, undo-all and redo-all were exact; "
          f"{monkey.refusals} refused edits left the document unchanged.")
    print("  action               done  changed the document")
    for name, count in sorted(monkey.counts.items()):
        print(f"  {name:20} {count:5} {monkey.changed[name]:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
