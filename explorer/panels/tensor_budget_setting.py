"""Edit > Tensor Budget…: how much memory a graph's tensors may take, kept in QSettings.

The budget (explorer.core.document.tensor_budget) refuses a node whose result would take the
graph past it, before anything is allocated. Its default is a quarter of the machine's memory;
here the user sets it in megabytes (0 for the default). AUTOGRAD_EXPLORER_TENSOR_BUDGET_MB, when
set, still wins, and the dialog says so.
"""
from __future__ import annotations

import os

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from explorer.core.document import tensor_budget
from explorer.core.i18n import translate

SETTINGS_KEY = "evaluation/tensor_budget_mb"
MAX_MB = 2**30   # a terabyte of megabytes: beyond any machine, within a spin box


def saved_budget_mb(settings) -> int:
    """The saved budget in MB; 0 when none was chosen (the default applies)."""
    try:
        return max(0, int(settings.value(SETTINGS_KEY, 0)))
    except (TypeError, ValueError):
        return 0


class TensorBudgetAction(QAction):
    def __init__(self, window) -> None:
        super().__init__(translate("TensorBudget", "Tensor &Budget…"), window)
        self.window_ = window
        self.setStatusTip(translate("TensorBudget", "Set how much memory the graph's tensors may "
                                    "take before a node is refused"))
        self.triggered.connect(lambda checked=False: self.choose())
        # ask(current MB, prompt) -> (MB, accepted); replaced in tests.
        self.ask = self._ask
        tensor_budget.choose_budget_mb(saved_budget_mb(window.settings) or None)

    def prompt(self) -> str:
        text = translate("TensorBudget", "Most memory the graph's tensors may take, in MB (0: the "
                         "default, a quarter of this machine's memory: {default} MB).").format(
                             default=tensor_budget.memory_budget_mb())
        if os.environ.get(tensor_budget.ENV_VAR, "").strip():
            text += "\n" + translate("TensorBudget", "{var} is set and takes precedence over "
                                     "this setting.").format(var=tensor_budget.ENV_VAR)
        return text

    def _ask(self, current: int, prompt: str) -> tuple[int, bool]:
        return QInputDialog.getInt(self.window_, translate("TensorBudget", "Tensor Budget"),
                                   prompt, current, 0, MAX_MB, 64)

    def choose(self) -> bool:
        """Ask for the budget, keep it and evaluate the graph again under it; False if cancelled."""
        window = self.window_
        megabytes, accepted = self.ask(saved_budget_mb(window.settings), self.prompt())
        if not accepted:
            return False
        window.settings.setValue(SETTINGS_KEY, int(megabytes))
        window.settings.sync()
        tensor_budget.choose_budget_mb(int(megabytes) or None)
        window.evaluate_now()
        window.show_message(
            translate("TensorBudget", "Tensor budget: {n} MB.").format(n=int(megabytes))
            if megabytes else translate("TensorBudget", "Tensor budget: the default ({n} MB).")
            .format(n=tensor_budget.memory_budget_mb()))
        return True


def install(window) -> TensorBudgetAction:
    """Add Edit > Tensor Budget… to `window` and apply the saved budget."""
    action = TensorBudgetAction(window)
    edit = window.menu("edit")
    edit.addSeparator()
    edit.addAction(action)
    return action
