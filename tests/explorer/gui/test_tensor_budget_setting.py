"""Edit > Tensor Budget… sets the graph's tensor budget, kept in QSettings and applied at once."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from explorer.core.document import tensor_budget
from explorer.main_window import MainWindow
from explorer.panels.tensor_budget_setting import SETTINGS_KEY


@pytest.fixture
def budget(window, monkeypatch):
    monkeypatch.setattr(tensor_budget, "_chosen_mb", None)   # the process-wide choice
    monkeypatch.delenv(tensor_budget.ENV_VAR, raising=False)
    return window.tensor_budget_action


def _big_input(window) -> str:
    return window.document.add_node("input", name="big", params={"init": "ones",
                                                                  "shape": "2000, 1000"},
                                    pos=(0, 0))


def test_the_budget_is_in_the_edit_menu_and_refuses_a_tensor_past_it(window, budget):
    assert budget in window.menu("edit").actions()
    node = _big_input(window)   # 2 million elements: 16 MB counted at 8 bytes each
    window.evaluate_now()
    assert node in window.evaluation.values
    budget.ask = lambda current, prompt: (8, True)
    assert budget.choose()
    assert node in window.evaluation.errors and node not in window.evaluation.values
    assert int(window.settings.value(SETTINGS_KEY)) == 8
    budget.ask = lambda current, prompt: (0, True)   # 0: back to the default
    assert budget.choose()
    assert node in window.evaluation.values
    window.undo_stack.setClean()


def test_a_cancelled_dialog_changes_nothing(window, budget):
    budget.ask = lambda current, prompt: (8, False)
    assert not budget.choose()
    assert window.settings.value(SETTINGS_KEY) is None and tensor_budget._chosen_mb is None


def test_the_saved_budget_applies_in_a_new_window_and_the_env_var_still_wins(
        qtbot, tmp_path, budget, monkeypatch):
    settings = QSettings(str(tmp_path / "budget.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTINGS_KEY, 8)
    window = MainWindow(settings=settings, autosave_directory=tmp_path / "autosave",
                        interactive=False)
    qtbot.addWidget(window)
    assert tensor_budget.default_budget_bytes() == 8 * tensor_budget.MB
    assert str(tensor_budget.memory_budget_mb()) in window.tensor_budget_action.prompt()
    monkeypatch.setenv(tensor_budget.ENV_VAR, "64")
    assert tensor_budget.default_budget_bytes() == 64 * tensor_budget.MB
    assert tensor_budget.ENV_VAR in window.tensor_budget_action.prompt()
    window.undo_stack.setClean()
