"""The main window's features, declared in one place, in the order they are installed.

Each entry is `(name, install)`: `install(window)` builds the feature through the window's small
interface (see explorer/main_window.py) and returns the feature object, which the window keeps
as `window.<name>`. A later feature may use an earlier one (the trace action goes beside Code
actions' export). To add a feature, write a module with an `install(window)` function and add
one line here, e.g. `("groups", group_actions.install),`.
"""
from __future__ import annotations

from collections.abc import Callable

from explorer import group_actions
from explorer.animation import animation_controls
from explorer.classroom import classroom_feature
from explorer.clipboard_actions import ClipboardActions
from explorer.codegen.code_actions import CodeActions
from explorer.crash_recovery import CrashRecovery
from explorer.examples_menu import ExamplesMenu
from explorer.file_actions import FileActions
from explorer.file_drops import FileDrops
from explorer.guide import help_and_language_menus
from explorer.image_export import ImageExport
from explorer.live_view import trace_action
from explorer.panels import tensor_budget_setting
from explorer.training import training_menu
from explorer.window_layout import WindowLayout

FEATURES: tuple[tuple[str, Callable[[object], object]], ...] = (
    ("files", FileActions),                          # New, Open, Recent, Save; asks before closing
    ("image_export", ImageExport),                   # File > Export Image as PNG / SVG
    ("clipboard", ClipboardActions),                 # Cut, Copy, Paste, Duplicate
    ("examples", ExamplesMenu),                      # the Examples menu
    ("animator", animation_controls.install),        # transport toolbar, step panel, legend
    ("guide", help_and_language_menus.install),      # Help > Guided Tour, Concepts; Language
    ("training", training_menu.install),             # Training menu: the workbench
    ("code_actions", CodeActions),                   # expression bar, Import Python, export
    ("file_drops", FileDrops),                       # .json and .py files dropped on the window
    ("trace_action", trace_action.install),          # File > Trace Python Script…
    ("group_actions", group_actions.install),        # Graph > Group, Ungroup, Fold / Unfold
    ("tensor_budget_action", tensor_budget_setting.install),   # Edit > Tensor Budget…
    ("classroom", classroom_feature.install),        # Presentation Mode, Theme; File > Record…
    ("crash_recovery", CrashRecovery),               # orphaned autosaves offered back
    ("window_layout", WindowLayout),                 # size on screen, View > Reset Layout
)
