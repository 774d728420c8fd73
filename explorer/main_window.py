"""The main window: it assembles the features declared in explorer/features.py around the
canvas (in the middle) and the palette, inspector and code view (in docks).

Data flows one way: a user edit becomes a command on the undo stack, the command changes the
GraphDocument, the document's events update the scene and schedule `evaluate_now`, and the
evaluation (the engine's forward pass) is shown on the canvas, in the inspector and in the code
view.

A feature is an object made by `install(window)`; the window keeps it as `window.<name>`. To add
one, write a module with `install(window)` and add one line `("name", module.install),` to
FEATURES in explorer/features.py. What a feature builds stays on the feature
(`window.animator.transport_bar`), never on the window. A feature uses only this interface:
- `menu(key, title=None)`: the QMenu "file", "edit", "view", "graph", "examples" or "help";
  another key (e.g. "training") creates a new top-level menu, placed before Help. In the File
  menu, import/export actions go before `file_export_anchor`, others before `file_end_anchor`
  (the separator above Quit).
- `make_action(text, slot, shortcut=None, tip=None, icon_name=None)`: a QAction whose tooltip
  names its shortcut.
- `add_dock(widget, title, area, object_name)`: a dock, listed under View > Panels.
- `add_toolbar(toolbar)`; `main_toolbar` is the file/edit toolbar.
- `node_menu_actions`, `canvas_menu_actions`: actions added to the canvas's context menus (a
  node's, the empty canvas's).
- `push(command) -> str | None`: apply an undoable DocumentCommand (None, or the refusal).
- `set_document(doc, path, modified=...)` shows another graph; `open_document(doc, title)` shows
  one as a new, unsaved graph.
- `show_message(text)`; `show_load_error(path, message)`; `last_error` holds the last problem
  (headless runs show no dialog: `interactive` is False).
- `close_checks`: callables that return False to keep the window open (unsaved work).
- signals `evaluated(Evaluation)` after each forward run, `selection_changed(list[str])`,
  `gradients_changed()` after an instant backward, `document_replaced(path or None)` after
  `set_document`, `closed()` once the window has accepted its close.
- `compute_gradients(root_id)` runs backward at once; `default_root()` picks the root.
- state: `document`, `file_path`, `undo_stack`, `evaluation`, `scene`, `view`, `inspector`,
  `settings`, `autosaver`.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer import __version__, autosave, wheel_guard, window_layout
from explorer.background_evaluation import evaluate_responsively
from explorer.canvas.description_banner import DescriptionBanner
from explorer.canvas.edge_item import EdgeItem
from explorer.canvas.node_item import NodeItem
from explorer.canvas.scene import GraphScene
from explorer.canvas.view import GraphView
from explorer.commands import (
    AddNodeCommand,
    AutoLayoutCommand,
    ConnectCommand,
    DisconnectCommand,
    DocumentCommand,
    MoveNodesCommand,
    RemoveCommand,
    SetParamsCommand,
    push_command,
)
from explorer.core.document import evaluation as evaluation_module
from explorer.core.document.evaluation import Evaluation
from explorer.core.document.graph_document import (
    DocumentEvent,
    GraphDocument,
    GraphEditError,
    GroupEvent,
    NodeChanged,
)
from explorer.core.document.op_catalog import CATEGORIES, ops_in_category
from explorer.core.resource_files import resource_path
from explorer.features import FEATURES
from explorer.guide.toolbar_labels import FIXED_ICON_TEXT, toolbar_label
from explorer.panels.code_view import CodeViewPanel
from explorer.panels.find_bar import FindBar
from explorer.panels.inspector import InspectorPanel
from explorer.panels.op_palette import PalettePanel
from explorer.shortcuts_dialog import ShortcutsDialog

ICONS_DIR = resource_path("icons")
STATUS_TIMEOUT_MS = 6000


def icon(name: str) -> QIcon:
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


class MainWindow(QMainWindow):
    evaluated = Signal(object)          # Evaluation, after every forward run
    selection_changed = Signal(list)    # selected node ids
    gradients_changed = Signal()        # compute_gradients ran backward (the .grad fields changed)
    document_replaced = Signal(object)  # set_document showed another graph: its path or None
    closed = Signal()                   # the window accepted its close

    def __init__(self, *, settings: QSettings | None = None,
                 autosave_directory: Path | None = None, interactive: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        wheel_guard.install(QApplication.instance())   # before any combo or spin box is made
        self.settings = settings if settings is not None else QSettings()
        self.document = GraphDocument()
        self.file_path: str | None = None
        self.evaluation: Evaluation = evaluation_module.evaluate(self.document)
        self.undo_stack = QUndoStack(self)
        self._menus: dict[str, QMenu] = {}
        self.dock_areas: dict[QDockWidget, Qt.DockWidgetArea] = {}
        self.toolbars: list[QToolBar] = []
        self.node_menu_actions: list[QAction] = []
        self.canvas_menu_actions: list[QAction] = []
        self.close_checks: list[Callable[[], bool]] = []   # False keeps the window open
        # False for headless runs (--screenshot, tests): problems go to `last_error`, no dialogs,
        # and the window's saved size and dock layout are neither restored nor saved.
        self.interactive = interactive
        self.last_error: str | None = None
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
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._connect_signals()
        for name, install in FEATURES:
            if hasattr(self, name):   # a feature must not hide the window's own attributes
                raise ValueError(f"feature name {name!r} is taken by the main window")
            setattr(self, name, install(self))
        if interactive:
            self.fit_to_screen(self.screen().availableGeometry())
            self._restore_window_state()
        else:
            self.resize(window_layout.DEFAULT_SIZE)   # headless: the same picture on any screen
            self.reset_layout()
        self.update_title()
        self.evaluate_now()

    # ---- the interface features use -----------------------------------------------------------

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
        self.dock_areas[dock] = area   # where View > Reset Layout puts it back
        if area in (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea):
            self.resizeDocks([dock], [190], Qt.Orientation.Vertical)   # the canvas keeps the room
        if "view" in self._menus:
            self._panels_menu.addAction(dock.toggleViewAction())
        return dock

    def add_toolbar(self, toolbar: QToolBar) -> QToolBar:
        self.addToolBar(toolbar)
        self.toolbars.append(toolbar)
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

    def show_load_error(self, path: str, message: str) -> None:
        """`path` could not be opened: said in the status bar and (interactive) a dialog."""
        self.last_error = message
        self.show_message(message)
        if not self.interactive:
            return
        QMessageBox.critical(self, self.tr("Cannot open file"),
                             self.tr("{path} cannot be opened.\n\n{reason}").format(
                                 path=path, reason=message))

    def make_action(self, text: str, slot, shortcut=None, tip: str | None = None,
                    icon_name: str | None = None) -> QAction:
        """An action that calls `slot()`; `shortcut` is a key, a StandardKey or a list of them,
        and the tooltip names it."""
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

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_document(self, loaded: GraphDocument, path: str | None, *, modified: bool,
                     take: bool = False) -> None:
        """Show `loaded` (its contents copied into the window's document; moved, leaving it
        empty, with `take`) as the graph of `path`; `modified` marks it unsaved. The undo
        history starts again."""
        self.document.replace_contents(loaded, take=take)
        self.undo_stack.clear()
        if modified:
            self.undo_stack.resetClean()
        self.file_path = path
        self.description_banner.show_text(self.document.meta.get("description"))
        self.centralWidget().layout().activate()   # the view's new height, before fitting to it
        self.document_replaced.emit(path)
        self.update_title()
        self.evaluate_now()
        self.view.fit_to_view(readable=True)

    def open_document(self, doc: GraphDocument, title: str | None = None) -> None:
        """Show `doc` as a new, unsaved graph (e.g. one made by the training workbench);
        `title` goes to the status bar."""
        self.set_document(doc, None, modified=True)
        if title:
            self.show_message(title)

    # ---- what scripts, tests and other features ask of the window's features -----------------

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def new_document(self) -> None:
        self.files.new_document()

    def open_file(self, path: str, *, ask: bool = True) -> bool:
        return self.files.open_file(path, ask=ask)

    def save(self) -> bool:
        return self.files.save()

    def save_to(self, path: str) -> bool:
        return self.files.save_to(path)

    def open_example(self, key: str, *, ask: bool = True) -> bool:
        return self.examples.open_example(key, ask=ask)

    def export_image(self, path: str) -> bool:
        return self.image_export.export_image(path)

    def copy(self) -> bool:
        return self.clipboard.copy()

    def paste(self) -> list[str]:
        return self.clipboard.paste()

    def offer_recovery(self) -> bool:
        return self.crash_recovery.offer()

    # ---- actions, menus, toolbar, status bar ---------------------------------------------------

    def _create_actions(self) -> None:
        K = QKeySequence.StandardKey
        action = self.make_action
        # Not every platform theme binds StandardKey.Quit (offscreen, some Linux desktops).
        self.quit_action = action(self.tr("&Quit"), self.close,
                                  K.Quit if QKeySequence.keyBindings(K.Quit) else "Ctrl+Q")

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(icon("redo"))
        # Fixed tooltips: the default one is the menu text with its "&" accelerator spelled out.
        for undo_redo, tip in ((self.undo_action, self.tr("Undo the last edit")),
                               (self.redo_action, self.tr("Redo the edit just undone"))):
            # The toolbar says "Undo", not "Undo Import snippet.py", which squeezed the expression
            # field; the Edit menu names the edit.
            undo_redo.setIconText(toolbar_label(undo_redo.text()))
            undo_redo.setProperty(FIXED_ICON_TEXT, True)
            undo_redo.setToolTip(self.tr("{tip} ({shortcut})").format(
                tip=tip, shortcut=undo_redo.shortcut().toString(
                    QKeySequence.SequenceFormat.NativeText)))
        self.delete_action = action(self.tr("&Delete"), self.delete_selection,
                                    [QKeySequence.StandardKey.Delete, "Backspace"],
                                    self.tr("Delete the selected nodes and connections"),
                                    "delete")
        self.select_all_action = action(self.tr("Select &All"), self.select_all, K.SelectAll)
        self.rename_action = action(self.tr("Rename…"), self.rename_selected, "F2")
        self.find_action = action(self.tr("&Find Node…"), self.find_bar.open, "Ctrl+F",
                                  self.tr("Find a node on the canvas by its name"))

        self.zoom_in_action = action(self.tr("Zoom &In"), self.view.zoom_in,
                                     [K.ZoomIn, "Ctrl+="], icon_name="zoom-in")
        self.zoom_out_action = action(self.tr("Zoom &Out"), self.view.zoom_out, K.ZoomOut,
                                      icon_name="zoom-out")
        self.zoom_reset_action = action(self.tr("&Actual Size"), self.view.reset_zoom, "Ctrl+0")
        self.fit_action = action(self.tr("&Fit to View"), self.view.fit_to_view, ["F", "Home"],
                                 self.tr("Show the whole graph"), "fit")
        self.legend_action = QAction(self.tr("Show &Legend"), self)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(True)
        self.legend_action.toggled.connect(self.view.set_legend_visible)

        self.layout_action = action(self.tr("Auto-&layout"), self.auto_layout, "Ctrl+L",
                                    self.tr("Arrange the nodes left to right by dependency"),
                                    "layout")
        self.backward_action = action(
            self.tr("Compute &Gradients"), lambda: self.compute_gradients(),
            tip=self.tr("Run backward from the selected node (or the graph's output) at once"),
            icon_name="backward")
        self.about_action = action(self.tr("&About autograd-explorer"), self.about)
        self.shortcuts_action = action(self.tr("&Keyboard Shortcuts"), self.show_shortcuts,
                                       "F1", self.tr("List every keyboard shortcut"))
        self.reset_layout_action = action(
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
        self.file_export_anchor = file_menu.addSeparator()
        self.file_end_anchor = file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self._menus["edit"]
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.delete_action, self.rename_action])
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
        for action in (self.undo_action, self.redo_action, None, self.delete_action,
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
        self.undo_stack.cleanChanged.connect(self.update_title)
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

    def update_title(self, *_clean: bool) -> None:
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
        if isinstance(event, NodeChanged) and event.field == "pos" \
                or isinstance(event, GroupEvent):
            return   # moving a node or grouping nodes changes no value
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
    def auto_layout(self) -> None:
        if len(self.document):
            self.push(AutoLayoutCommand(self.document, self.scene.card_sizes()))
            self.view.fit_to_view()

    # ---- selection and context menus ---------------------------------------------------------

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
            menu.addActions(self.node_menu_actions + [self.delete_action])
        elif isinstance(item, EdgeItem):
            remove = menu.addAction(self.tr("Delete Connection"))
            remove.triggered.connect(
                lambda: self.push(DisconnectCommand(self.document, [item.key])))
        else:
            self._fill_add_menu(menu.addMenu(self.tr("Add Node Here")), scene_pos)
            menu.addActions(self.canvas_menu_actions)
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

    # ---- closing, window size, about ------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not all(check() for check in self.close_checks):
            event.ignore()
            return
        self.autosaver.timer.stop()
        self.autosaver.remove()
        self.closed.emit()
        if self.interactive:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState())
        event.accept()

    def fit_to_screen(self, available: QRect) -> None:
        """Size the window for a screen's `available` area and lay it out as at first start."""
        self.window_layout.fit_to_screen(available)

    def reset_layout(self) -> None:
        """View > Reset Layout: every dock and toolbar in its first-start place."""
        self.window_layout.reset_layout()

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
