"""The main window only assembles the features declared in explorer/features.py: a new feature
(a module with install(window)) slots in with one line and reaches the window through its
documented interface; files, image export, clipboard and crash recovery are such features."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from explorer import features, main_window
from explorer.commands import AddNodeCommand
from explorer.guide.concepts import show_concepts
from explorer.guide.first_run_guide import show_guide


class CountingFeature:
    """What a feature written by someone else does: a menu entry, a dock, a context-menu action,
    an undoable edit, a close check, and listening to the window's signals."""

    def __init__(self, window) -> None:
        self.window = window
        self.keep_open = False
        self.replaced: list = []
        self.action = window.make_action("Count Nodes", self.count, "Ctrl+Alt+K")
        window.menu("view").addAction(self.action)
        window.node_menu_actions.append(self.action)
        self.label = QLabel()
        self.dock = window.add_dock(self.label, "Count", Qt.DockWidgetArea.RightDockWidgetArea,
                                    "CountDock")
        window.close_checks.append(lambda: not self.keep_open)
        window.document_replaced.connect(self.replaced.append)

    def count(self) -> None:
        self.label.setText(str(len(self.window.document)))


def install(window) -> CountingFeature:
    return CountingFeature(window)


@pytest.fixture
def counting_window(monkeypatch, make_window):
    # The one line a new feature needs, in the declared list the window reads.
    monkeypatch.setattr(main_window, "FEATURES", features.FEATURES + (("counting", install),))
    return make_window()


def test_a_declared_feature_is_installed_and_kept_under_its_name(counting_window):
    window = counting_window
    feature = window.counting
    assert isinstance(feature, CountingFeature)
    assert feature.action in window.menu("view").actions()
    assert feature.dock.isVisible()
    assert window.dockWidgetArea(feature.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.push(AddNodeCommand(window.document, "input", (0, 0))) is None
    feature.action.trigger()
    assert feature.label.text() == "1"
    node = window.scene.node_items()[0]
    assert feature.action in window.context_menu(node, node.pos()).actions()
    assert "Ctrl+Alt+K" in feature.action.toolTip()


def test_a_features_close_check_keeps_the_window_open(counting_window):
    window = counting_window
    window.counting.keep_open = True
    assert not window.close()
    assert window.isVisible()
    window.counting.keep_open = False
    assert window.close()


def test_features_hear_when_another_graph_is_shown(counting_window, tmp_path):
    window = counting_window
    assert window.open_example("diamond", ask=False)
    path = tmp_path / "diamond.json"
    assert window.save_to(str(path))
    assert window.open_file(str(path))
    assert window.counting.replaced == [None, str(path)]


def test_every_declared_feature_is_on_the_window(window):
    for name, _install in features.FEATURES:
        assert hasattr(window, name), name
    assert window.files.save_action in window.menu("file").actions()
    assert window.image_export.export_svg_action in window.menu("file").actions()
    assert window.clipboard.paste_action in window.menu("edit").actions()
    # File menu order: files, code import/export, pictures, Quit last.
    texts = [action.text() for action in window.menu("file").actions() if action.text()]
    assert texts.index("&Save") < texts.index("&Import Python…") < texts.index(
        "Export Image as &PNG…") < texts.index("&Quit") == len(texts) - 1


def test_a_feature_named_like_the_windows_own_attribute_is_refused(monkeypatch, settings,
                                                                     tmp_path):
    # "layout" would hide QWidget.layout(), which the window itself calls.
    monkeypatch.setattr(main_window, "FEATURES", (("layout", install),))
    with pytest.raises(ValueError, match="layout"):
        main_window.MainWindow(settings=settings, autosave_directory=tmp_path / "autosave",
                               interactive=False)


def _attributes_main_window_sets() -> set[str]:
    """The names main_window.py assigns as `self.<name> = ...`: the window's own attributes."""
    tree = ast.parse(Path(main_window.__file__).read_text(encoding="utf-8"))
    return {target.attr for node in ast.walk(tree) if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            and target.value.id == "self"}


def test_features_set_no_attribute_on_the_window_but_their_own_name(window):
    # What a feature builds (a toolbar, a dock, a dialog opened later) is reached through it,
    # e.g. window.animator.transport_bar: the window's attributes are its own and its features.
    show_guide(window)
    show_concepts(window)
    window.training.action.trigger()
    allowed = _attributes_main_window_sets() | {name for name, _install in features.FEATURES}
    # Qt's bound signals and meta-object, cached in the instance, belong to its class.
    attributes = {name for name in vars(window)
                  if not hasattr(type(window), name) and not name.startswith("__")}
    assert attributes - allowed == set()
    assert window.guide.first_run_guide is not None and window.guide.concepts_dialog is not None
    assert window.training.workbench is not None
    window.close()
