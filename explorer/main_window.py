"""The main window: canvas in the middle, palette, inspector and code view in docks.

Data flows one way: a user edit becomes a command on the undo stack, the command changes the
GraphDocument, the document's events update the scene and schedule `evaluate_now`, and the
evaluation (the engine's forward pass) is shown on the canvas, in the inspector and in the code
view.

Extension points for the other parts of the application:
- `menu(key, title=None)`: the QMenu "file", "edit", "view", "graph", "examples" or "help";
  another key (e.g. "training") creates a new top-level menu, placed before Help.
- `add_dock(widget, title, area, object_name)`: a dock, listed under View > Panels.
- `add_toolbar(toolbar)`; `main_toolbar` is the file/edit toolbar.
- `push(command) -> str | None`: apply an undoable DocumentCommand (None, or the refusal).
- signals `evaluated(Evaluation)` after each forward run, `selection_changed(list[str])`,
  `gradients_changed()` after an instant backward.
- `compute_gradients(root_id)` runs backward at once; `default_root()` picks the root.
- `menu("file")` has a marked place for import/export actions: `file_export_anchor` (an action
  to insert new actions before).
- `text_paste_handler(text) -> list[str]`: called by Edit > Paste when the clipboard holds text
  that is not a graph fragment (e.g. a PyTorch snippet); returns the new node ids.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QUndoStack,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer import __version__, autosave, wheel_guard
from explorer.animation.animation_controls import install as install_animation
from explorer.background_evaluation import evaluate_responsively
from explorer.canvas import colors
from explorer.canvas.description_banner import DescriptionBanner
from explorer.canvas.edge_item import EdgeItem
from explorer.canvas.node_item import NodeItem
from explorer.canvas.scene import GraphScene
from explorer.canvas.view import GraphView
from explorer.classroom.install import install as install_classroom
from explorer.codegen.code_actions import CodeActions
from explorer.commands import (
    AddNodeCommand,
    AutoLayoutCommand,
    ConnectCommand,
    DisconnectCommand,
    DocumentCommand,
    MoveNodesCommand,
    PasteCommand,
    RemoveCommand,
    SetParamsCommand,
    push_command,
)
from explorer.core.document import evaluation as evaluation_module
from explorer.core.document.evaluation import Evaluation
from explorer.core.document.examples import example_description, list_examples, load_example
from explorer.core.document.file_format import FileFormatError, load_document, save_document
from explorer.core.document.graph_document import (
    DocumentEvent,
    GraphDocument,
    GraphEditError,
    NodeChanged,
)
from explorer.core.document.layout import apply_layout
from explorer.core.document.op_catalog import CATEGORIES, ops_in_category
from explorer.core.resource_files import resource_path
from explorer.crash_recovery import offer_recovery as offer_crash_recovery
from explorer.file_drops import FileDrops
from explorer.file_guard import FileGuard
from explorer.graph_clipboard import copy_to_clipboard, fragment_from_clipboard, selection_fragment
from explorer.guide.help_and_language_menus import install as install_guide
from explorer.image_file import cannot_encode_message, memory_buffer, write_bytes, write_image
from explorer.live_view.install import install as install_live
from explorer.panels.code_view import CodeViewPanel
from explorer.panels.find_bar import FindBar
from explorer.panels.inspector import InspectorPanel
from explorer.panels.op_palette import PalettePanel
from explorer.recent_files import RecentFiles
from explorer.shortcuts_dialog import ShortcutsDialog
from explorer.training.training_menu import install as install_training

ICONS_DIR = resource_path("icons")
DEFAULT_SIZE = QSize(1400, 900)        # headless runs (screenshots, tests)
LARGEST_SIZE = QSize(1600, 1000)       # on a big screen, no bigger than this at first start
FRAME_ALLOWANCE = QSize(8, 40)         # a window manager's borders and title bar, not yet known
PALETTE_WIDTH = 172
INSPECTOR_WIDTH = 350   # two value facts a row (dtype torch.float32 beside shape)
CODE_LINES = 12                        # the code view shows at least this many lines
CHECK_ROWS = 4                         # the gradient check shows this many rows (a..d, a 2x2 x)
MIN_CANVAS_HEIGHT = 360                # else the code is a tab behind the inspector
PASTE_OFFSET = 40.0
STATUS_TIMEOUT_MS = 6000


def icon(name: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


class MainWindow(QMainWindow):
    evaluated = Signal(object)          # Evaluation, after every forward run
    selection_changed = Signal(list)    # selected node ids
    gradients_changed = Signal()        # compute_gradients ran backward (the .grad fields changed)

    def __init__(self, *, settings: QSettings | None = None,
                 autosave_directory: Path | None = None, interactive: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        wheel_guard.install(QApplication.instance())   # before any combo or spin box is made
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.document = GraphDocument()
        self.file_path: str | None = None
        self.evaluation: Evaluation = evaluation_module.evaluate(self.document)
        self.undo_stack = QUndoStack(self)
        self._menus: dict[str, QMenu] = {}
        self._dock_areas: dict[QDockWidget, Qt.DockWidgetArea] = {}
        self._toolbars: list[QToolBar] = []
        # False for headless runs (--screenshot, tests): problems go to `last_error`, no dialogs,
        # and the window's saved size and dock layout are neither restored nor saved.
        self.interactive = interactive
        self.last_error: str | None = None
        self.text_paste_handler: Callable[[str], list[str]] | None = None
        self._evaluation_timer = QTimer(self)
        self._evaluation_timer.setSingleShot(True)
        self._evaluation_timer.setInterval(0)
        self._evaluation_timer.timeout.connect(self.evaluate_now)
        self._evaluating = False

        self.scene = GraphScene(self.document, self)
        self.view = GraphView(self.scene, self)
        # The graph's description (an example's "what to try") stays above the canvas.
        self.description_banner = DescriptionBanner()
        canvas = QWidget()
        canvas_column = QVBoxLayout(canvas)
        canvas_column.setContentsMargins(0, 0, 0, 0)
        canvas_column.setSpacing(0)
        canvas_column.addWidget(self.description_banner)
        canvas_column.addWidget(self.view, 1)
        self.setCentralWidget(canvas)
        # Side docks run the full height; a bottom dock only spans the canvas.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.palette = PalettePanel()
        self.inspector = InspectorPanel(self.document, self.push)
        self.code_view = CodeViewPanel(self.document)
        self.palette_dock = self.add_dock(self.palette, self.tr("Nodes"),
                                          Qt.DockWidgetArea.LeftDockWidgetArea, "PaletteDock")
        self.inspector_dock = self.add_dock(self.inspector, self.tr("Inspector"),
                                            Qt.DockWidgetArea.RightDockWidgetArea, "InspectorDock")
        # The inspector gets the whole right side (a leaf's facts are tall); the code sits under
        # the canvas beside the step panel, where a dozen lines fit even on a laptop screen.
        self.code_dock = self.add_dock(self.code_view, self.tr("PyTorch code"),
                                       Qt.DockWidgetArea.BottomDockWidgetArea, "CodeDock")

        self.autosaver = autosave.Autosaver(self.document, autosave_directory, parent=self)
        self.autosave_directory = self.autosaver.directory
        self.find_bar = FindBar(self)
        self.file_guard = FileGuard(self.autosave_directory.parent / "open-files")
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._connect_signals()
        self.animator = install_animation(self)   # transport toolbar, step panel, legend
        # The inspector follows the step on show while an animation replays.
        self.animator.explanationChanged.connect(self._follow_animation_step)
        install_guide(self)                        # Help > Guided Tour, Concepts; View > Language
        install_training(self)                     # Training menu: the live training workbench
        self.code_actions = CodeActions(self)   # expression bar, Import Python, paste, export
        self.file_drops = FileDrops(self)        # .json and .py files dragged onto the window
        install_live(self)                         # File > Trace Python Script…
        install_classroom(self)   # View > Presentation Mode, View > Theme; File > Record…
        if interactive:
            self.fit_to_screen(self.screen().availableGeometry())
            self._restore_window_state()
        else:
            self.resize(DEFAULT_SIZE)   # headless: the same picture on any screen
            self.reset_layout()
        self._update_title()
        self.evaluate_now()

    # ---- extension points --------------------------------------------------------------------

    def menu(self, key: str, title: str | None = None) -> QMenu:
        """The top-level menu `key`; a new key creates a menu titled `title` before Help."""
        if key not in self._menus:
            created = QMenu(title or key, self)
            help_menu = self._menus.get("help")
            if help_menu is not None:
                self.menuBar().insertMenu(help_menu.menuAction(), created)
            else:
                self.menuBar().addMenu(created)
            self._menus[key] = created
        return self._menus[key]

    def add_dock(self, widget: QWidget, title: str, area: Qt.DockWidgetArea,
                 object_name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self._dock_areas[dock] = area   # where View > Reset Layout puts it back
        if area in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea):
            self.resizeDocks([dock], [190], Qt.Orientation.Vertical)   # the canvas keeps the room
        if "view" in self._menus:
            self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_toolbar(self, toolbar: QToolBar) -> QToolBar:
        self.addToolBar(toolbar)
        self._toolbars.append(toolbar)
        if "view" in self._menus:
            self._panels_menu.addAction(toolbar.toggleViewAction())
        return toolbar

    def push(self, command: DocumentCommand) -> str | None:
        """Apply `command` and put it on the undo stack; a refusal is shown and returned."""
        try:
            push_command(self.undo_stack, command)
        except GraphEditError as exc:
            self._flush_evaluation()   # a rolled-back command may have touched the document
            self.show_message(str(exc))
            return str(exc)
        return None

    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # ---- actions, menus, toolbar, status bar ---------------------------------------------------

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(self.tr("{tip} ({shortcut})").format(tip=tip or text.replace("&", ""),
                                                              shortcut=keys) if keys
                          else tip or text.replace("&", ""))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda checked=False: slot())
        return action

    def _create_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New"), self.new_document, K.New,
                                       self.tr("Start an empty graph"), "new")
        self.open_action = self._action(self.tr("&Open…"), self.open_dialog, K.Open,
                                        self.tr("Open a graph file"), "open")
        self.save_action = self._action(self.tr("&Save"), self.save, K.Save,
                                        self.tr("Save the graph"), "save")
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as_dialog, K.SaveAs,
                                           self.tr("Save the graph under a new name"))
        self.export_png_action = self._action(self.tr("Export Image as &PNG…"),
                                              lambda: self.export_dialog("png"),
                                              tip=self.tr("Save a picture of the graph"))
        self.export_svg_action = self._action(self.tr("Export Image as S&VG…"),
                                              lambda: self.export_dialog("svg"),
                                              tip=self.tr("Save a scalable picture of the graph"))
        # Not every platform theme binds StandardKey.Quit (offscreen, some Linux desktops).
        self.quit_action = self._action(self.tr("&Quit"), self.close,
                                        K.Quit if QKeySequence.keyBindings(K.Quit) else "Ctrl+Q")

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        # Fixed tooltips: the default one is the menu text with its "&" accelerator spelled out.
        for action, tip in ((self.undo_action, self.tr("Undo the last edit")),
                            (self.redo_action, self.tr("Redo the edit just undone"))):
            action.setToolTip(self.tr("{tip} ({shortcut})").format(
                tip=tip, shortcut=action.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText)))
        self.cut_action = self._action(self.tr("Cu&t"), self.cut, K.Cut)
        self.copy_action = self._action(self.tr("&Copy"), self.copy, K.Copy)
        self.paste_action = self._action(self.tr("&Paste"), self.paste, K.Paste)
        self.duplicate_action = self._action(self.tr("Dupl&icate"), self.duplicate, "Ctrl+D",
                                             self.tr("Copy the selected nodes and paste them"))
        self.delete_action = self._action(self.tr("&Delete"), self.delete_selection,
                                          [QKeySequence.StandardKey.Delete, "Backspace"],
                                          self.tr("Delete the selected nodes and connections"),
                                          "delete")
        self.select_all_action = self._action(self.tr("Select &All"), self.select_all, K.SelectAll)
        self.rename_action = self._action(self.tr("Rename…"), self.rename_selected, "F2")
        self.find_action = self._action(self.tr("&Find Node…"), self.find_bar.open, "Ctrl+F",
                                        self.tr("Find a node on the canvas by its name"))

        self.zoom_in_action = self._action(self.tr("Zoom &In"), self.view.zoom_in,
                                           [K.ZoomIn, "Ctrl+="], icon_name="zoom-in")
        self.zoom_out_action = self._action(self.tr("Zoom &Out"), self.view.zoom_out, K.ZoomOut,
                                            icon_name="zoom-out")
        self.zoom_reset_action = self._action(self.tr("&Actual Size"), self.view.reset_zoom,
                                              "Ctrl+0")
        self.fit_action = self._action(self.tr("&Fit to View"), self.view.fit_to_view, "F",
                                       self.tr("Show the whole graph"), "fit")
        self.legend_action = QAction(self.tr("Show &Legend"), self)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(self.view.set_legend_visible)

        self.layout_action = self._action(self.tr("Auto-&layout"), self.auto_layout, "Ctrl+L",
                                          self.tr("Arrange the nodes left to right by dependency"),
                                          "layout")
        self.backward_action = self._action(
            self.tr("Compute &Gradients"), lambda: self.compute_gradients(),
            tip=self.tr("Run backward from the selected node (or the graph's output) at once"),
            icon_name="backward")
        self.about_action = self._action(self.tr("&About autograd-explorer"), self.about)
        self.shortcuts_action = self._action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts,
                                             "F1", self.tr("List every keyboard shortcut"))
        self.reset_layout_action = self._action(
            self.tr("&Reset Layout"), self.reset_layout,
            tip=self.tr("Put every panel and toolbar back where it was at first start"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        titles = [("file", self.tr("&File")), ("edit", self.tr("&Edit")),
                  ("view", self.tr("&View")), ("graph", self.tr("&Graph")),
                  ("examples", self.tr("E&xamples")), ("help", self.tr("&Help"))]
        for key, title in titles:
            self._menus[key] = bar.addMenu(title)

        file_menu = self._menus["file"]
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        self.file_export_anchor = file_menu.addSeparator()
        file_menu.addActions([self.export_png_action, self.export_svg_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self._menus["edit"]
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.cut_action, self.copy_action, self.paste_action,
                              self.duplicate_action, self.delete_action, self.rename_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.select_all_action, self.find_action])

        view_menu = self._menus["view"]
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action,
                              self.fit_action])
        view_menu.addSeparator()
        view_menu.addAction(self.legend_action)
        self._panels_menu = view_menu.addMenu(self.tr("&Panels"))
        for dock in (self.palette_dock, self.inspector_dock, self.code_dock):
            self._panels_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.reset_layout_action)

        graph_menu = self._menus["graph"]
        graph_menu.addActions([self.layout_action, self.backward_action])
        add_menu = graph_menu.addMenu(self.tr("&Add Node"))
        self._fill_add_menu(add_menu, None)

        examples_menu = self._menus["examples"]
        for key, title in list_examples():
            action = examples_menu.addAction(title)
            action.setData(key)
            action.setToolTip(key)
            action.setStatusTip(example_description(key))
            action.triggered.connect(lambda checked=False, k=key: self.open_example(k))

        self._menus["help"].addActions([self.shortcuts_action, self.about_action])

    def _fill_add_menu(self, menu: QMenu, scene_pos: QPointF | None) -> None:
        for key, category in CATEGORIES.items():
            sub = menu.addMenu(category())
            for spec in ops_in_category(key):
                action = sub.addAction(spec.label)
                action.setToolTip(spec.tooltip)
                action.triggered.connect(
                    lambda checked=False, op=spec.key: self.add_node_at(
                        op, scene_pos if scene_pos is not None else self.view.visible_centre()))

    def _create_toolbar(self) -> None:
        self.main_toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.main_toolbar.setObjectName("MainToolbar")
        self.main_toolbar.setIconSize(QSize(18, 18))
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.main_toolbar.setMovable(False)
        for action in (self.new_action, self.open_action, self.save_action, None,
                       self.undo_action, self.redo_action, None, self.delete_action,
                       self.layout_action, self.fit_action):
            if action is None:
                self.main_toolbar.addSeparator()
            else:
                self.main_toolbar.addAction(action)
        self.add_toolbar(self.main_toolbar)

    def _create_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.autosave_label = QLabel(self.tr("Autosave off"))   # shown while autosave fails
        self.autosave_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.autosave_label)
        self._update_counts()
        self._update_zoom(self.view.zoom())

    def _connect_signals(self) -> None:
        self.document.subscribe(self._on_document_event)
        # Bound methods, not lambdas: Qt drops these connections when the window goes away.
        self.undo_stack.indexChanged.connect(self._flush_evaluation)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.scene.rewire_requested.connect(self._on_rewire)
        self.scene.nodes_moved.connect(self._on_nodes_moved)
        self.scene.message.connect(self.show_message)
        self.scene.context_menu_requested.connect(self._on_context_menu)
        self.scene.value_fix_requested.connect(self._on_value_fix)
        self.scene.node_activated.connect(self._focus_name_editor)
        self.scene.selectionChanged.connect(self._on_selection_changed)
        self.view.op_dropped.connect(self.add_node_at)
        self.view.zoom_changed.connect(self._update_zoom)
        self.palette.op_activated.connect(self._add_at_centre)
        self.autosaver.failed.connect(self._on_autosave_failed)
        self.autosaver.resumed.connect(self.autosave_label.hide)

    def _on_autosave_failed(self, reason: str) -> None:
        """Said once; the status bar keeps showing it until autosave works again."""
        self.autosave_label.setToolTip(reason)
        self.autosave_label.show()
        self.show_message(reason)
        if self.interactive:
            QMessageBox.warning(self, self.tr("Autosave is off"), reason)

    def _update_counts(self) -> None:
        self.counts_label.setText(self.tr("{nodes} nodes · {edges} connections").format(
            nodes=len(self.document), edges=len(self.document.edges())))

    def _update_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom {percent} %").format(percent=round(zoom * 100)))

    def _update_title(self, *_clean: bool) -> None:
        if self.file_path:
            name = os.path.basename(self.file_path)
        else:
            name = self.document.meta.get("title") or self.tr("Untitled")
        self.setWindowTitle(self.tr("{name}[*] — autograd-explorer").format(name=name))
        self.setWindowModified(self.is_modified())
        self.autosaver.needed = self.is_modified()

    # ---- evaluation --------------------------------------------------------------------------

    def _on_document_event(self, event: DocumentEvent) -> None:
        self._update_counts()
        if isinstance(event, NodeChanged) and event.field == "pos":
            return   # moving a node changes no value
        self._evaluation_timer.start()

    def _flush_evaluation(self, *_index: int) -> None:
        if self._evaluation_timer.isActive():
            self.evaluate_now()

    def evaluate_now(self) -> Evaluation:
        """Run the forward pass through the engine now and show the result everywhere
        (off the GUI thread, with progress and Cancel when it takes long)."""
        self._evaluation_timer.stop()
        if self._evaluating:   # asked again while a long run waits: run once more after it
            self._evaluation_timer.start()
            return self.evaluation
        self._evaluating = True
        try:
            self.evaluation = evaluate_responsively(self.document, self,
                                                    interactive=self.interactive)
        finally:
            self._evaluating = False
        self._show_evaluation()
        self.code_view.refresh(self.evaluation)
        self.evaluated.emit(self.evaluation)
        return self.evaluation

    def _show_evaluation(self) -> None:
        self.scene.apply_evaluation(self.evaluation)
        self.inspector.show_evaluation(self.evaluation)

    def default_root(self) -> str | None:
        """The node to run backward from: the selected node, the file's root, or the last output."""
        selected = self.scene.selected_node_ids()
        if len(selected) == 1:
            return selected[0]
        root = self.document.meta.get("root")
        if root is not None and self.document.has_node(root):
            return root
        outputs = [n for n in self.document.outputs() if self.evaluation.tensor(n) is not None]
        return outputs[-1] if outputs else None

    def compute_gradients(self, root_id: str | None = None) -> str | None:
        """Run backward from `root_id` (default_root() when None) at once, through the
        animator's one backward (a non-scalar root's gradient is asked for, as there); the
        refusal or None."""
        if self._evaluation_timer.isActive():
            self.evaluate_now()
        if not self.animator.backward(root_id, animate=False):
            return self.animator.refusal or self.tr("Backward was cancelled.")
        self.gradients_changed.emit()
        return None

    # ---- edits -------------------------------------------------------------------------------

    def add_node_at(self, op: str, scene_pos: QPointF) -> str | None:
        """The one place new nodes come from (palette drop, double-click, context menu).

        The node is centred under `scene_pos`; returns its id, or None if refused."""
        command = AddNodeCommand(self.document, op, (scene_pos.x() - 75.0, scene_pos.y() - 14.0))
        refusal = self.push(command)
        if refusal is not None:
            self.scene.refuse_at(refusal, scene_pos)   # where it was dropped
            return None
        # Replaces any earlier refusal still in the status bar.
        self.show_message(self.tr("Added {name}").format(
            name=self.document.node(command.node_id).name))
        self.scene.select_nodes([command.node_id])
        self.view.setFocus()
        return command.node_id

    def _add_at_centre(self, op: str) -> str | None:
        return self.add_node_at(op, self.view.visible_centre())

    def _on_rewire(self, old_edge, new_edge) -> None:
        # A success says what happened, so no earlier refusal lingers in the status bar.
        if new_edge is None:
            if self.push(DisconnectCommand(self.document, [old_edge])) is None:
                self.show_message(self.tr("Disconnected {src} → {dst}.{port}").format(
                    **self._edge_names(old_edge)))
        elif self.push(ConnectCommand(self.document, new_edge, replacing=old_edge)) is None:
            self.show_message(self.tr("Connected {src} → {dst}.{port}").format(
                **self._edge_names(new_edge)))

    def _on_value_fix(self, node_id: str, changes: dict) -> None:
        self.push(SetParamsCommand(self.document, node_id, changes))

    def _edge_names(self, edge) -> dict[str, str]:
        src, dst, port = edge
        return {"src": self.document.node(src).name, "dst": self.document.node(dst).name,
                "port": port}

    def _on_nodes_moved(self, moves: dict, merge_key: str) -> None:
        self.push(MoveNodesCommand(self.document, moves, merge_key=merge_key or None))

    def delete_selection(self) -> None:
        node_ids = self.scene.selected_node_ids()
        edges = self.scene.selected_edges()
        if node_ids or edges:
            self.push(RemoveCommand(self.document, node_ids, edges))

    def select_all(self) -> None:
        self.scene.select_nodes(item.node_id for item in self.scene.node_items())

    def copy(self) -> bool:
        node_ids = self.scene.selected_node_ids()
        if not node_ids:
            self.show_message(self.tr("Select nodes to copy."))
            return False
        copy_to_clipboard(selection_fragment(self.document, node_ids))
        self.show_message(self.tr("Copied {count} nodes.").format(count=len(node_ids)))
        return True

    def cut(self) -> None:
        node_ids = self.scene.selected_node_ids()
        if node_ids and self.copy():
            self.push(RemoveCommand(self.document, node_ids, text=self.tr("Cut")))

    def paste(self) -> list[str]:
        fragment = fragment_from_clipboard()
        if fragment is None:
            text = QGuiApplication.clipboard().text()
            if self.text_paste_handler is not None and text.strip():
                return self.text_paste_handler(text)
            self.show_message(self.tr("The clipboard holds no graph nodes."))
            return []
        return self._paste_fragment(fragment, self.tr("Paste"), at_cursor=True)

    def duplicate(self) -> list[str]:
        node_ids = self.scene.selected_node_ids()
        if not node_ids:
            self.show_message(self.tr("Select nodes to duplicate."))
            return []
        return self._paste_fragment(selection_fragment(self.document, node_ids),
                                    self.tr("Duplicate"))

    def _paste_offset(self, fragment: dict, at_cursor: bool) -> tuple[float, float]:
        """Shift for pasted nodes: their top-left under the mouse when it is over the canvas,
        else a little below-right of the originals."""
        cursor = self.view.viewport().mapFromGlobal(QCursor.pos())
        if not at_cursor or not self.view.viewport().rect().contains(cursor):
            return (PASTE_OFFSET, PASTE_OFFSET)
        target = self.view.mapToScene(cursor)
        try:
            left = min(float(n["pos"][0]) for n in fragment["nodes"])
            top = min(float(n["pos"][1]) for n in fragment["nodes"])
        except (KeyError, TypeError, ValueError, IndexError, OverflowError):
            return (PASTE_OFFSET, PASTE_OFFSET)   # PasteCommand reports the malformed entry
        return (target.x() - left, target.y() - top)

    def _paste_fragment(self, fragment: dict, text: str, at_cursor: bool = False) -> list[str]:
        offset = self._paste_offset(fragment, at_cursor)
        command = PasteCommand(self.document, fragment, offset, text=text)
        if self.push(command) is not None:
            return []
        self.scene.select_nodes(command.node_ids)
        return command.node_ids

    def auto_layout(self) -> None:
        if len(self.document):
            self.push(AutoLayoutCommand(self.document, self.scene.card_sizes()))
            self.view.fit_to_view()

    # ---- selection and context menus ---------------------------------------------------------

    def _follow_animation_step(self, _explanation: object) -> None:
        timeline = self.animator.timeline
        self.inspector.show_replay(timeline, self.animator.player.position if timeline else 0)

    def _on_selection_changed(self) -> None:
        selected = self.scene.selected_node_ids()
        self.inspector.show_node(selected[0] if selected else None)
        self.selection_changed.emit(selected)

    def _on_context_menu(self, item, scene_pos: QPointF, screen_pos) -> None:
        menu = self.context_menu(item, scene_pos)
        menu.exec(screen_pos)

    def context_menu(self, item, scene_pos: QPointF) -> QMenu:
        """The canvas context menu for a node, an edge, or the empty canvas at `scene_pos`."""
        menu = QMenu(self)
        if isinstance(item, NodeItem):
            if item.node_id not in self.scene.selected_node_ids():
                self.scene.select_nodes([item.node_id])
            menu.addAction(self.rename_action)
            animated = menu.addAction(self.tr("Backward from This Node"))
            animated.triggered.connect(lambda: self.animator.backward(item.node_id))
            backward = menu.addAction(self.tr("Compute Gradients from Here"))
            backward.triggered.connect(lambda: self.compute_gradients(item.node_id))
            menu.addSeparator()
            menu.addActions([self.cut_action, self.copy_action, self.duplicate_action,
                             self.delete_action])
        elif isinstance(item, EdgeItem):
            remove = menu.addAction(self.tr("Delete Connection"))
            remove.triggered.connect(
                lambda: self.push(DisconnectCommand(self.document, [item.key])))
        else:
            self._fill_add_menu(menu.addMenu(self.tr("Add Node Here")), scene_pos)
            menu.addAction(self.paste_action)
            menu.addSeparator()
            menu.addActions([self.select_all_action, self.layout_action, self.fit_action])
        return menu

    def rename_selected(self) -> None:
        """F2: edit the selected node's name in the inspector."""
        selected = self.scene.selected_node_ids()
        if not selected:
            self.show_message(self.tr("Select a node to rename it."))
            return
        self._focus_name_editor(selected[0])

    def _focus_name_editor(self, node_id: str) -> None:
        self.scene.select_nodes([node_id])
        self.inspector_dock.show()
        self.inspector.name_edit.setFocus()
        self.inspector.name_edit.selectAll()

    # ---- files -------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def open_document(self, doc: GraphDocument, title: str | None = None) -> None:
        """Show `doc` as a new, unsaved graph (e.g. one made by the training workbench);
        `title` goes to the status bar."""
        self._set_document_from(doc, None, modified=True)
        if title:
            self.show_message(title)

    def _set_document_from(self, loaded: GraphDocument, path: str | None, modified: bool) -> None:
        self.document.replace_contents(loaded)
        self.undo_stack.clear()
        if modified:
            self.undo_stack.resetClean()
        self.file_path = path
        self.description_banner.show_text(self.document.meta.get("description"))
        self.centralWidget().layout().activate()   # the view's new height, before fitting to it
        self._guard_file(path)
        self._update_title()
        self.evaluate_now()
        self.view.fit_to_view(readable=True)

    def _guard_file(self, path: str | None) -> None:
        """Lock and stamp the window's file; warn when another instance is editing it."""
        other = self.file_guard.track(path)
        if other is None:
            return
        self.last_error = self.tr(
            "{path} is also open in another autograd-explorer window (process {pid}). Saving in "
            "both would overwrite each other's changes; this window asks before it overwrites "
            "changes made elsewhere.").format(path=path, pid=other)
        self.show_message(self.last_error)
        if self.interactive:
            QMessageBox.warning(self, self.tr("File open elsewhere"), self.last_error)

    def _overwrite_changed_file(self, path: str) -> bool:
        """True when `path` may be written: unchanged since loaded or saved, or the user agrees."""
        if not self.file_guard.changed_on_disk(path):
            return True
        self.last_error = self.tr("{path} was changed on disk (by another program or window) "
                                  "since it was opened or saved here.").format(path=path)
        if not self.interactive:
            return False   # headless runs never overwrite another writer's work
        answer = QMessageBox.warning(
            self, self.tr("File changed on disk"),
            self.last_error + "\n\n" + self.tr("Overwrite it with this graph? (Cancel, then "
                                                 "Save As, keeps both.)"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def _ask_to_save(self) -> QMessageBox.StandardButton:
        return QMessageBox.question(
            self, self.tr("Unsaved changes"),
            self.tr("The graph has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def maybe_save(self) -> bool:
        """True when it is fine to replace the document (saved, discarded or unmodified)."""
        if not self.is_modified():
            return True
        if not self.interactive:
            return True   # headless runs never block on a question
        answer = self._ask_to_save()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self._set_document_from(GraphDocument(), None, modified=False)
            self.show_message(self.tr("New graph."))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Graph"), self._dialog_dir(),
            self.tr("Graphs and Python snippets (*.json *.py);;All files (*)"))
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str, *, ask: bool = True) -> bool:
        """Load `path`; a bad file shows its problem in a dialog and leaves the document as it
        was."""
        if ask and not self.maybe_save():
            return False
        if Path(path).suffix.lower() == ".py":   # a snippet: read by the safe import, never run
            return self.code_actions.open_python(path)
        try:
            loaded = load_document(path)
        except FileFormatError as exc:
            self._show_load_error(path, str(exc))
            return False
        self._set_document_from(loaded, os.path.abspath(path), modified=False)
        self.recent.add(path)
        self.show_message(self.tr("Opened {path}.").format(path=path))
        return True

    def _show_load_error(self, path: str, message: str) -> None:
        self.last_error = message
        self.show_message(message)
        if not self.interactive:
            return
        QMessageBox.critical(self, self.tr("Cannot open file"),
                             self.tr("{path} cannot be opened.\n\n{reason}").format(
                                 path=path, reason=message))

    def open_example(self, key: str, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            loaded = load_example(key)
        except FileFormatError as exc:
            self._show_load_error(key, str(exc))
            return False
        self._set_document_from(loaded, None, modified=False)
        # The example was laid out for cards of a default size: now the cards show their values.
        apply_layout(self.document, self.scene.card_sizes())
        self.view.fit_to_view(readable=True)
        self.show_message(self.document.meta.get("description", ""))
        return True

    def save(self) -> bool:
        if self.file_path is None:
            return self.save_as_dialog()
        return self.save_to(self.file_path)

    def save_as_dialog(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Graph As"), self._dialog_dir(),
                                              self.tr("Graph files (*.json)"))
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        if not self._overwrite_changed_file(path):
            self.show_message(self.last_error)
            return False
        try:
            save_document(self.document, path)
        except (OSError, FileFormatError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            self.last_error = self.tr("{path} cannot be written:\n{reason}").format(
                path=path, reason=reason)
            if self.interactive:
                QMessageBox.critical(self, self.tr("Cannot save file"), self.last_error)
            return False
        self.file_path = os.path.abspath(path)
        self._guard_file(self.file_path)
        self.undo_stack.setClean()
        self.recent.add(path)
        self.autosaver.remove()
        self._update_title()
        self.show_message(self.tr("Saved {path}.").format(path=path))
        return True

    def _dialog_dir(self) -> str:
        if self.file_path:
            return os.path.dirname(self.file_path)
        recent = self.recent.paths()
        return os.path.dirname(recent[0]) if recent else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        for path in paths:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_file(p))
        if not paths:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.tr("Clear List")).triggered.connect(self.recent.clear)

    # ---- export ------------------------------------------------------------------------------

    def _export_rect(self) -> QRectF:
        """Every visible item: the cards and, after a backward, the step callouts and labels."""
        rect = QRectF()
        for item in self.scene.items():
            if item.parentItem() is None and item.isVisible():
                rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-40, -40, 40, 40) if not rect.isEmpty() else rect

    def render_image(self, scale: float = 2.0) -> QImage:
        """The whole graph as an image (selection hidden), `scale` pixels per scene unit."""
        rect = self._export_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        image = QImage(int(rect.width() * scale), int(rect.height() * scale),
                       QImage.Format.Format_ARGB32)
        image.fill(colors.CANVAS)
        selected = self.scene.selectedItems()
        self.scene.clearSelection()
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        for item in selected:
            item.setSelected(True)
        return image

    def export_image(self, path: str) -> bool:
        """Write the graph to `path` as PNG or SVG (by its suffix); a failed write keeps the
        old file whole (see atomic_write)."""
        if path.lower().endswith(".svg"):
            reason = self._export_svg(path)
        else:
            reason = write_image(self.render_image(), path)
        if reason is not None:
            self.last_error = self.tr("{path} cannot be written ({reason}).").format(
                path=path, reason=reason)
            if self.interactive:
                QMessageBox.critical(self, self.tr("Cannot export"), self.last_error)
            return False
        self.show_message(self.tr("Exported {path}.").format(path=path))
        return True

    def _export_svg(self, path: str) -> str | None:
        """None once written, else the reason."""
        device = memory_buffer()
        rect = self._export_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 200, 100)
        generator = QSvgGenerator()
        generator.setOutputDevice(device)
        generator.setSize(rect.size().toSize())
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(self.windowTitle().replace("[*]", ""))
        selected = self.scene.selectedItems()
        self.scene.clearSelection()
        painter = QPainter()
        if not painter.begin(generator):
            return cannot_encode_message()
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), colors.CANVAS)
        self.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        for item in selected:
            item.setSelected(True)
        return write_bytes(bytes(device.data()), path)

    def export_dialog(self, kind: str) -> None:
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Image"), self._dialog_dir(),
                                              filters[kind])
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            self.export_image(path)

    # ---- autosave recovery, closing, about ---------------------------------------------------

    def offer_recovery(self) -> bool:
        """After a crash: offer every orphaned autosave back. True when one was restored."""
        return offer_crash_recovery(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.autosaver.timer.stop()
        self.autosaver.remove()
        self.file_guard.release()
        if self.interactive:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
        event.accept()

    # ---- window size and dock layout ---------------------------------------------------------

    def fit_to_screen(self, available: QRect) -> None:
        """Size the window for a screen's `available` area (no bigger than LARGEST_SIZE), centre
        it there, and lay the docks out as at first start."""
        size = LARGEST_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE)
        self.resize(size)
        frame = QRect(QPoint(0, 0), self.size() + FRAME_ALLOWANCE)
        frame.moveCenter(available.center())
        # A window that cannot shrink enough (its minimum size) keeps its top left corner on screen.
        self.move(max(frame.left(), available.left()), max(frame.top(), available.top()))
        self.reset_layout()

    def reset_layout(self) -> None:
        """View > Reset Layout: every dock and toolbar shown in its first-start place, sized so
        that a leaf's inspector, a dozen lines of code and the gradient check's rows fit.

        The code sits under the canvas, beside the step panel, when the canvas keeps
        MIN_CANVAS_HEIGHT there; on a shorter window it is a tab behind the inspector."""
        for dock, area in self._dock_areas.items():
            dock.setFloating(False)
            self.addDockWidget(area, dock)
            dock.show()
        for toolbar in self._toolbars:
            toolbar.show()
        bottom = [dock for dock, area in self._dock_areas.items()
                  if area == Qt.DockWidgetArea.BottomDockWidgetArea and dock is not self.code_dock]
        step_dock = getattr(self, "step_dock", None)
        bottom_height = self._step_dock_height() if step_dock in bottom else 0
        code_below = bottom_height == 0 or (
            self._docks_height() - max(bottom_height, self._code_dock_height())
            >= MIN_CANVAS_HEIGHT)
        if not code_below:
            self.tabifyDockWidget(self.inspector_dock, self.code_dock)
            self.inspector_dock.raise_()
        elif step_dock in bottom:
            self.splitDockWidget(step_dock, self.code_dock, Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock, self.inspector_dock],
                         [PALETTE_WIDTH, INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
        if code_below:
            bottom.append(self.code_dock)
            bottom_height = max(bottom_height, self._code_dock_height())
        if bottom:
            self.resizeDocks(bottom, [bottom_height] * len(bottom), Qt.Orientation.Vertical)
        if code_below and step_dock in bottom:
            canvas = self.width() - PALETTE_WIDTH - INSPECTOR_WIDTH
            self.resizeDocks([step_dock, self.code_dock], [canvas * 11 // 20, canvas * 9 // 20],
                             Qt.Orientation.Horizontal)

    def _docks_height(self) -> int:
        """The height the side docks get: the window less menu bar, toolbars and status bar."""
        toolbars = sum(toolbar.sizeHint().height() for toolbar in self._toolbars
                       if self.toolBarArea(toolbar) == Qt.ToolBarArea.TopToolBarArea
                       and not toolbar.isHidden())
        return (self.height() - self.menuBar().sizeHint().height() - toolbars
                - self.statusBar().sizeHint().height())

    @staticmethod
    def _title_height(dock: QDockWidget) -> int:
        return dock.minimumSizeHint().height() - dock.widget().minimumSizeHint().height()

    def _code_dock_height(self) -> int:
        """The code dock's height for CODE_LINES lines (and a horizontal scroll bar)."""
        editor = self.code_view.editor
        text = (editor.fontMetrics().lineSpacing() * CODE_LINES
                + 2 * (editor.frameWidth() + math.ceil(editor.document().documentMargin()))
                + editor.horizontalScrollBar().sizeHint().height())
        header = self.code_view.sizeHint().height() - editor.sizeHint().height()
        return text + header + self._title_height(self.code_dock)

    def _step_dock_height(self) -> int:
        """The step dock's height for the gradient check's summary and CHECK_ROWS rows."""
        panel = self.step_panel
        table = panel.check_table
        page = table.parentWidget()
        margins = page.layout().contentsMargins()
        rows = (table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                + CHECK_ROWS * table.verticalHeader().defaultSectionSize())
        summary = 2 * panel.check_summary.fontMetrics().lineSpacing()
        return (panel.tabs.tabBar().sizeHint().height() + margins.top() + margins.bottom()
                + page.layout().spacing() + summary + rows + self._title_height(self.step_dock))

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard Shortcuts: every action's shortcut, read from the menus."""
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def about(self) -> None:
        version = self.tr("Version {version} · MIT License").format(version=__version__)
        QMessageBox.about(
            self, self.tr("About autograd-explorer"),
            self.tr("<h3>autograd-explorer</h3><p>Build a function from operation nodes and see "
                    "every value and gradient exactly as PyTorch computes them.</p>"
                    "<p>Drag nodes from the palette, connect an output (right) to an input "
                    "(left), and watch the values update.</p>") + f"<p>{version}</p>")
