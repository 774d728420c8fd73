"""Your own problem in the workbench: each control through the worker, the plots from the engine."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout

from explorer.core.training.runner import TrainingRun

DONE = ("finished", "diverged", "failed")


@pytest.fixture
def bench(make_bench):
    workbench = make_bench()
    workbench.preset_combo.setCurrentIndex(workbench.preset_combo.findData("custom"))
    workbench.steps_spin.setValue(120)
    return workbench


def run_to_end(qtbot, bench) -> None:
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.session.state in DONE, timeout=60_000)


def fitted(bench) -> np.ndarray:
    return np.asarray(bench.plots.fit_curve.yData)


def test_custom_preset_shows_its_form_and_the_tutorials_cubic(bench):
    assert bench.problem_form.isVisible()
    assert bench.config.problem.model == "poly:3"
    assert "y = torch.sin(x)" in bench.code_view.toPlainText()


def test_typed_target_model_and_optimizer_train_through_the_worker(qtbot, bench):
    form = bench.problem_form
    form.target_edit.setText("exp(-x**2)")
    form.target_edit.editingFinished.emit()
    form.model_combo.setCurrentIndex(form.model_combo.findData("mlp"))
    form.width_spin.setValue(8)
    form.depth_spin.setValue(1)
    form.activation_combo.setCurrentText("relu")
    form.noise_spin.setValue(0.1)
    bench.optimizer_combo.setCurrentText("momentum")
    form.momentum_spin.setValue(0.5)
    config = bench.config
    assert config.problem.target == "exp(-x**2)" and config.problem.model == "mlp:8x1:relu"
    assert config.optimizer == "momentum" and config.problem.momentum == 0.5
    code = bench.code_view.toPlainText()
    assert "torch.exp((-(x ** 2)))" in code and "momentum=0.5" in code
    assert "torch.nn.ReLU()" in code and "0.1 * torch.randn" in code
    run_to_end(qtbot, bench)
    headless = TrainingRun(config)
    records = list(headless)
    assert bench.history.losses[-1] == records[-1].loss
    assert np.allclose(fitted(bench), headless.fit()[0])
    assert bench.equation_label.text().startswith("MLP 8x1 relu")
    assert bench.open_step_button.isEnabled()  # any model's step opens on the canvas


def test_polynomial_degree_and_range_follow_the_controls(qtbot, bench):
    form = bench.problem_form
    form.degree_spin.setValue(5)
    form.x_min_spin.setValue(-1.0)
    form.x_max_spin.setValue(2.0)
    bench.optimizer_combo.setCurrentText("RMSprop")
    form.alpha_spin.setValue(0.9)
    assert bench.config.problem.model == "poly:5"
    assert "alpha=0.9" in bench.code_view.toPlainText()
    run_to_end(qtbot, bench)
    x = np.asarray(bench.plots.data_curve.xData)
    assert x.min() == pytest.approx(-1.0) and x.max() == pytest.approx(2.0)
    assert bench.equation_label.text().count(" x^") == 5
    headless = TrainingRun(bench.config)
    list(headless)
    assert np.allclose(fitted(bench), headless.fit()[0])


def test_a_target_that_is_not_allowed_is_refused_on_start(qtbot, bench):
    form = bench.problem_form
    form.target_edit.setText("__import__('os')")
    form.target_edit.editingFinished.emit()
    assert bench.code_view.toPlainText().startswith("# ")
    qtbot.mouseClick(bench.start_button, Qt.MouseButton.LeftButton)
    assert bench.session.state == "idle"
    assert "not allowed" in bench.status_label.text()


def test_csv_points_train_and_bad_rows_are_reported(qtbot, bench, tmp_path):
    data = tmp_path / "measured.csv"
    data.write_text("x,y\n0,1\n1,3\nbroken\n2,5\n3,7,9\n", encoding="utf-8")
    bench.problem_form.load_file(str(data))
    assert "line 4" in bench.status_label.text() and "line 6" in bench.status_label.text()
    assert bench.config.problem.points == ((0.0, 1.0, 2.0), (1.0, 3.0, 5.0))
    assert bench.config.n_points == 3 and not bench.points_spin.isEnabled()
    assert "measured.csv" in bench.code_view.toPlainText()
    run_to_end(qtbot, bench)
    assert list(bench.plots.data_curve.xData) == [0.0, 1.0, 2.0]
    assert bench.problem_form.load_button.text() == "Expression"
    qtbot.mouseClick(bench.problem_form.load_button, Qt.MouseButton.LeftButton)
    assert bench.config.problem.points is None and bench.points_spin.isEnabled()


def test_a_file_without_points_is_reported_and_changes_nothing(bench, tmp_path):
    data = tmp_path / "empty.csv"
    data.write_bytes(b"\x00\xff garbage")
    before = bench.config
    bench.problem_form.load_file(str(data))
    assert bench.config == before
    assert "UTF-8" in bench.status_label.text()


def test_switching_back_to_a_tutorial_preset_keeps_it_unchanged(bench):
    bench.preset_combo.setCurrentIndex(bench.preset_combo.findData("tensors"))
    assert not bench.problem_form.isVisible()
    assert bench.config.problem is None
    assert replace(bench.config, steps=2000).learning_rate == 1e-6


def test_each_optimizers_parameters_sit_right_after_its_choice(qtbot, bench):
    """Seen in the workbench: beta1/beta2 were far above the Optimizer choice."""
    form = bench.problem_form
    combo = bench.optimizer_combo

    def row_of(widget):
        for layout in bench.findChildren(QFormLayout):
            row = layout.getWidgetPosition(widget)[0]
            if row >= 0:
                return layout, row
        return None, -1

    choice_form, choice_row = row_of(combo)
    parameters_form, parameters_row = row_of(form.optimizer_parameters)
    assert parameters_form is choice_form and parameters_row == choice_row + 1
    for optimizer, shown in (("Adam", {form.beta1_spin, form.beta2_spin}),
                             ("momentum", {form.momentum_spin}), ("RMSprop", {form.alpha_spin}),
                             ("SGD", set())):
        combo.setCurrentText(optimizer)
        qtbot.wait(1)
        assert form.optimizer_parameters.isVisible() == bool(shown)
        visible = {spin for spin in (form.momentum_spin, form.alpha_spin, form.beta1_spin,
                                     form.beta2_spin) if spin.isVisible()}
        assert visible == shown
        if shown:   # just below the choice
            gap = form.optimizer_parameters.geometry().top() - combo.geometry().bottom()
            assert 0 <= gap <= 3 * choice_form.verticalSpacing() + 10
    bench.preset_combo.setCurrentIndex(0)   # a tutorial: no problem form, no parameters
    assert not form.optimizer_parameters.isVisible()
