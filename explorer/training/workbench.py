"""The training workbench: pick a preset, read its code, train it live and watch the plots.

Training runs in a `TrainingSession` (its own process); this widget only keeps the controls, the
history of the current run and the plots, which it redraws from a timer at up to ~30 Hz.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QPoint, QRect, QSignalBlocker, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFontDatabase, QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.core.training.points_csv import Points
from explorer.core.training.presets import (
    PRESETS,
    ConfigError,
    TrainingConfig,
    cuda_unavailable_reason,
    equation_template,
    optimizer_learning_rate,
    trace_names,
    with_preset,
)
from explorer.core.training.runner import StepRecord
from explorer.training.comparison import LearningRateComparison, parse_learning_rates
from explorer.training.equation_label import EquationLabel
from explorer.training.export import export_plots, write_script
from explorer.training.plots import TrainingHistory, TrainingPlots
from explorer.training.problem_form import ProblemForm
from explorer.training.worker import FULL_SPEED, TrainingSession

PREFERRED_SIZE = QSize(1400, 820)
FRAME_ALLOWANCE = QSize(8, 40)  # a window manager's borders and title bar, not yet known
REDRAW_INTERVAL_MS = 33  # ~30 Hz at most
SLOWEST_REDRAW_MS = 200
# Drawing competes with training for the interpreter: the GUI thread may use this share of a core.
GUI_SHARE = 0.25
# At full speed every bit of it is time the run waits (the benchmark's GUI / headless ratio): after
# the first frame, frames come at 5 Hz there, still a moving picture (a frame costs 10-20 ms).
FULL_SPEED_REDRAW_MS = SLOWEST_REDRAW_MS
# A log scale of round numbers: 1e-8, 2e-8, 5e-8, 1e-7, ... 5e-1.
LEARNING_RATES = tuple(float(f"{m}e{e}") for e in range(-8, 0) for m in (1, 2, 5))
# Pairs of weights the landscape can span (an MLP's has random directions instead).
LANDSCAPE_PAIRS = (("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d"))
# The presets whose step opens on the canvas (a custom autograd.Function has no node there).
GRAPH_FORMS = ("cubic", "custom")
NO_SEED = -1  # the seed spin box's special value: the preset's fixed start, or unseeded
# Steps per second on the speed slider; the last notch is full speed.
SPEEDS = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, FULL_SPEED)
# The first run of a session: the tutorial's 2000 steps over about 10 s, so the loss is seen to
# fall; later runs go at full speed unless the user chose a speed.
FIRST_RUN_SPEED = 200.0


def nearest_learning_rate_index(learning_rate: float) -> int:
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        return 0  # not on the scale; Start refuses it with the reason
    logs = np.log10(LEARNING_RATES)
    return int(np.argmin(np.abs(logs - np.log10(learning_rate))))


def _nearest_speed_index(steps_per_second: float) -> int:
    if steps_per_second <= FULL_SPEED:
        return SPEEDS.index(FULL_SPEED)
    paced = np.log10(SPEEDS[:-1])
    return int(np.argmin(np.abs(paced - np.log10(steps_per_second))))


class TrainingWorkbench(QWidget):
    """Preset, code listing and controls on the left; equation and live plots on the right."""

    # A GraphDocument of the current step's loss, for the main window to open on the canvas.
    open_step_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Training workbench"))
        self.session = TrainingSession(self)
        self.history = TrainingHistory()
        self._config = PRESETS["tensors"].default_config()
        self._run_config = self._config
        self._dirty = False
        self._started_at = 0.0
        self._elapsed = 0.0
        self._gui_cpu_mark: float | None = None
        self._message = ""

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._redraw)

        self._build_controls()
        self.plots = TrainingPlots()
        self.comparison = LearningRateComparison(self.plots.loss_plot, self)
        self.comparison.message.connect(self._on_comparison_note)
        self.comparison.finished.connect(self._on_comparison_finished)
        self.equation_label = EquationLabel()
        self.equation_label.setToolTip(
            self.tr("The fitted curve, as the program's Result line prints it")
        )
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setFixedHeight(2 * self.status_label.fontMetrics().lineSpacing() + 4)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(self.equation_label)
        right_layout.addWidget(self.plots, 1)
        self.export_plots_button = QPushButton(self.tr("Export plots..."))
        self.export_plots_button.setToolTip(
            self.tr("Save the plots as PNG or SVG, or the numbers behind them as CSV")
        )
        self.export_code_button = QPushButton(self.tr("Save code as script..."))
        self.export_code_button.setToolTip(self.tr("Save the program of these settings as .py"))
        self.export_plots_button.clicked.connect(self._choose_plots_file)
        self.export_code_button.clicked.connect(self._choose_script_file)
        export_row = QHBoxLayout()
        export_row.addWidget(self.status_label, 1)
        export_row.addWidget(self.export_plots_button)
        export_row.addWidget(self.export_code_button)
        right_layout.addLayout(export_row)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

        self.session.records_arrived.connect(self._on_records)
        self.session.data_arrived.connect(self._on_data)
        self.session.state_changed.connect(self._on_state)
        self.session.failed.connect(self._on_failed)
        self.session.diverged.connect(self._on_diverged)
        self.session.landscape_arrived.connect(self.plots.set_landscape)
        self.session.path_arrived.connect(self.plots.extend_path)
        self.session.step_graph_arrived.connect(self._on_step_graph)
        self._show_config(self._config)
        self._apply_speed()
        self._on_state("idle")
        self.resize(PREFERRED_SIZE)
        self._placed = False

    # ---- construction --------------------------------------------------------------------------

    def _build_controls(self) -> None:
        self.preset_combo = QComboBox()
        for key, preset in PRESETS.items():
            self.preset_combo.addItem(preset.title(), key)
        self.preset_combo.setToolTip(self.tr("Which version of the tutorial's program to train"))

        self.problem_form = ProblemForm()
        self.problem_form.setVisible(False)

        self.code_view = QPlainTextEdit()
        self.code_view.setReadOnly(True)
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font.setPointSizeF(code_font.pointSizeF() * 0.9)
        self.code_view.setFont(code_font)
        self.code_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.code_view.setToolTip(
            self.tr("The PyTorch program this preset runs, with these settings")
        )

        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, len(LEARNING_RATES) - 1)
        self.lr_slider.setPageStep(3)
        self.lr_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.lr_slider.setTickInterval(3)
        self.lr_slider.setToolTip(self.tr("Learning rate (log scale)"))
        self.lr_value = QLabel()
        self.lr_value.setMinimumWidth(48)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_value)

        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setPageStep(1)
        self.speed_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.speed_slider.setToolTip(
            self.tr("Steps per second; it can be changed while training runs")
        )
        self.speed_slider.setValue(SPEEDS.index(FIRST_RUN_SPEED))
        self.speed_value = QLabel()
        self.speed_value.setMinimumWidth(48)
        self._speed_chosen = False  # the user moved the slider: keep their speed
        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed_slider, 1)
        speed_row.addWidget(self.speed_value)

        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 1_000_000)
        self.steps_spin.setSingleStep(100)
        self.points_spin = QSpinBox()
        self.points_spin.setRange(2, 1_000_000)
        self.points_spin.setSingleStep(100)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(NO_SEED, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr("Seed for the initial weights"))
        self.optimizer_combo = QComboBox()
        self.device_combo = QComboBox()
        self.device_combo.addItems(["cpu", "cuda"])
        self.cuda_reason = cuda_unavailable_reason()
        if self.cuda_reason is not None:
            model = self.device_combo.model()
            assert isinstance(model, QStandardItemModel)
            cuda_item = model.item(1)
            cuda_item.setEnabled(False)
            cuda_item.setToolTip(self.cuda_reason)
            self.device_combo.setToolTip(
                self.tr("cuda is not available: {reason}").format(reason=self.cuda_reason)
            )

        form = QFormLayout()
        form.addRow(self.tr("Learning rate"), lr_row)
        form.addRow(self.tr("Speed"), speed_row)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("Points"), self.points_spin)
        form.addRow(self.tr("Seed"), self.seed_spin)
        form.addRow(self.tr("Optimizer"), self.optimizer_combo)
        self.problem_form.add_optimizer_row(form)
        form.addRow(self.tr("Device"), self.device_combo)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setToolTip(self.tr("Train from the start with these settings"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("Run one iteration, then wait"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Stop and clear the plots"))
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.step_button, self.reset_button):
            buttons.addWidget(button)
        self.landscape_check = QCheckBox(self.tr("Loss landscape"))
        self.landscape_check.setToolTip(
            self.tr(
                "Show the loss over a and b (the other weights held; for an MLP, two random "
                "directions) with the optimizer's path on it; from the next Start"
            )
        )
        self.landscape_pair_combo = QComboBox()
        for pair in LANDSCAPE_PAIRS:
            self.landscape_pair_combo.addItem(", ".join(pair), pair)
        self.landscape_pair_combo.setToolTip(self.tr("The two weights on the landscape's axes"))
        self.compare_edit = QLineEdit("1e-6, 1e-5, 1e-4")
        self.compare_edit.setToolTip(
            self.tr("Learning rates to train side by side, with all other settings as above")
        )
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(
            self.tr("Train once per learning rate and draw every loss in one plot")
        )
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel(self.tr("Learning rates")))
        compare_row.addWidget(self.compare_edit, 1)
        compare_row.addWidget(self.compare_button)
        self.open_step_button = QPushButton(self.tr("Open this step on the canvas"))
        self.open_step_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self._left = QWidget()
        left_layout = QVBoxLayout(self._left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(self.preset_combo)
        left_layout.addWidget(self.problem_form)
        left_layout.addWidget(self.code_view, 1)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)
        left_layout.addLayout(compare_row)
        landscape_row = QHBoxLayout()
        landscape_row.addWidget(self.landscape_check)
        landscape_row.addWidget(self.landscape_pair_combo)
        landscape_row.addStretch(1)
        left_layout.addLayout(landscape_row)
        left_layout.addWidget(self.open_step_button)

        self.preset_combo.currentIndexChanged.connect(self._on_preset_chosen)
        self.optimizer_combo.currentIndexChanged.connect(self._on_optimizer_chosen)
        self.problem_form.changed.connect(self._on_problem_changed)
        self.problem_form.points_loaded.connect(self._on_points_loaded)
        self.problem_form.points_failed.connect(self._show_message)
        self.lr_slider.valueChanged.connect(self._on_controls_changed)
        self.speed_slider.valueChanged.connect(self._on_speed_chosen)
        for spin in (self.steps_spin, self.points_spin, self.seed_spin):
            spin.valueChanged.connect(self._on_controls_changed)
        self.device_combo.currentIndexChanged.connect(self._on_controls_changed)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.step_button.clicked.connect(self.step)
        self.reset_button.clicked.connect(self.reset)
        self.open_step_button.clicked.connect(self.open_step)
        self.compare_button.clicked.connect(self.compare)
        self.landscape_check.toggled.connect(self._on_landscape_toggled)
        self.landscape_pair_combo.currentIndexChanged.connect(self._on_landscape_toggled)

    # ---- settings ------------------------------------------------------------------------------

    @property
    def config(self) -> TrainingConfig:
        """The settings the controls show (the next Start uses them)."""
        return self._config

    def set_config(self, config: TrainingConfig) -> None:
        self._config = config
        self._show_config(config)

    def _setting_controls(self) -> tuple[QWidget, ...]:
        """The controls that show a TrainingConfig's settings."""
        return (
            self.preset_combo,
            self.lr_slider,
            self.steps_spin,
            self.points_spin,
            self.seed_spin,
            self.optimizer_combo,
            self.device_combo,
        )

    def _show_config(self, config: TrainingConfig) -> None:
        preset = PRESETS[config.preset]
        blockers = [QSignalBlocker(widget) for widget in self._setting_controls()]
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(config.preset))
        self.lr_slider.setValue(nearest_learning_rate_index(config.learning_rate))
        self.steps_spin.setValue(config.steps)
        self.points_spin.setValue(config.n_points)
        if preset.fixed_start is not None:
            self.seed_spin.setSpecialValueText(self.tr("fixed start"))
        else:
            self.seed_spin.setSpecialValueText(self.tr("unseeded"))
        self.seed_spin.setValue(NO_SEED if config.seed is None else config.seed)
        self.optimizer_combo.clear()
        if preset.optimizers:
            self.optimizer_combo.addItems(list(preset.optimizers))
            self.optimizer_combo.setCurrentText(config.optimizer or preset.optimizers[0])
        else:
            self.optimizer_combo.addItem(self.tr("none: the program updates the weights by hand"))
        self.optimizer_combo.setEnabled(bool(preset.optimizers) and not self.session.active)
        self.device_combo.setCurrentText(config.device)
        custom = preset.form == "custom"
        self.problem_form.setVisible(custom)
        if custom and config.problem is not None:
            self.problem_form.set_problem(config.problem, config.optimizer)
        from_file = custom and config.problem is not None and config.problem.points is not None
        # An MLP's landscape lies along two random directions: no pair of weights to choose.
        mlp = custom and config.problem is not None and config.problem.model.startswith("mlp")
        self.landscape_pair_combo.setVisible(not mlp)
        self.points_spin.setEnabled(not from_file and not self.session.active)
        del blockers
        self.lr_value.setText(f"{config.learning_rate:g}")
        self.equation_label.set_template(equation_template(config))  # room before a run
        if self.history.count == 0:
            self.plots.show_steps(config.steps)
        try:
            self.code_view.setPlainText(preset.source(config))
        except ValueError as exc:  # a target or model being typed that has no program yet
            self.code_view.setPlainText(f"# {exc}")
        if preset.form in GRAPH_FORMS:
            tip = self.tr(
                "Build this step's loss graph on the canvas and animate where the gradients "
                "come from"
            )
        else:
            tip = self.tr(
                "This preset's model, a custom autograd.Function, has no graph on the canvas"
            )
        self.open_step_button.setToolTip(tip)

    def _read_controls(self) -> TrainingConfig:
        preset = PRESETS[self._config.preset]
        seed = self.seed_spin.value()
        return replace(
            self._config,
            learning_rate=LEARNING_RATES[self.lr_slider.value()],
            steps=self.steps_spin.value(),
            n_points=self.points_spin.value(),
            seed=None if seed == NO_SEED else seed,
            optimizer=self.optimizer_combo.currentText() if preset.optimizers else None,
            device=self.device_combo.currentText(),
            problem=self.problem_form.problem() if preset.form == "custom" else None,
        )

    @Slot()
    def _on_controls_changed(self) -> None:
        self.set_config(self._read_controls())

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        self.set_config(with_preset(self._read_controls(), self.preset_combo.itemData(index)))

    @Slot(int)
    def _on_optimizer_chosen(self, index: int) -> None:
        config = self._read_controls()
        if config.optimizer is not None:
            learning_rate = optimizer_learning_rate(config.preset, config.optimizer)
            config = replace(config, learning_rate=learning_rate)
        self.set_config(config)

    @Slot()
    def _on_problem_changed(self) -> None:
        config = self._read_controls()
        problem = config.problem
        if problem is not None and problem.points is not None:
            config = replace(config, n_points=len(problem.points[0]))
        self.set_config(config)

    @Slot(object)
    def _on_points_loaded(self, points: Points) -> None:
        if points.bad_rows:
            self._show_message(
                self.tr("{count} rows skipped: {rows}").format(
                    count=len(points.bad_rows), rows=points.report(limit=3).replace("\n", "; ")
                )
            )
        else:
            self._show_message("")

    @property
    def speed(self) -> float:
        """Steps per second of the runs (FULL_SPEED: as fast as the engine goes)."""
        return SPEEDS[self.speed_slider.value()]

    def set_speed(self, steps_per_second: float) -> None:
        """Move the speed slider to the nearest notch (as if the user had)."""
        self.speed_slider.setValue(_nearest_speed_index(steps_per_second))
        self._on_speed_chosen()

    @Slot()
    def _on_speed_chosen(self) -> None:
        self._speed_chosen = True
        self._apply_speed()

    def _apply_speed(self) -> None:
        speed = self.speed
        if speed == FULL_SPEED:
            self.speed_value.setText(self.tr("full"))
        else:
            self.speed_value.setText(self.tr("{count}/s").format(count=f"{speed:g}"))
        if speed != self.session.speed:
            self.session.set_speed(speed)
            self.comparison.set_speed(speed)

    # ---- commands ------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Train from the beginning with the current settings."""
        try:
            self.session.start(self._config)
        except ConfigError as exc:
            self._show_message(str(exc))
            return
        self._begin_run()

    @Slot()
    def _on_landscape_toggled(self) -> None:
        on = self.landscape_check.isChecked()
        self.session.set_landscape(on, self.landscape_pair_combo.currentData())
        self.plots.show_landscape(on)

    @Slot()
    def compare(self) -> None:
        """Train the current settings once per learning rate typed, side by side."""
        try:
            rates = parse_learning_rates(self.compare_edit.text())
            self.reset()
            self.comparison.start(self._config, rates, self.speed)
        except ValueError as exc:  # ConfigError is one
            self._show_message(str(exc))
            return
        self.plots.show_comparison(True)
        self.plots.show_steps(self._config.steps)
        self._show_message(
            self.tr("Comparing learning rates {rates}...").format(
                rates=", ".join(f"{rate:g}" for rate in rates)
            )
        )

    @Slot()
    def _on_comparison_note(self, notes: str) -> None:
        """While the runs go on: the latest note (two lines fit), all of them as the tooltip."""
        self._show_message(notes.splitlines()[-1] if notes else "", details=notes)

    def _on_comparison_finished(self) -> None:
        finals = [
            (float(history.losses[-1]), rate)
            for history, rate in zip(self.comparison.histories, self.comparison.rates)
            if history.count and np.isfinite(history.losses[-1])
        ]
        # Two lines at most: the notes in full are the label's tooltip, the cross on the
        # plot marks each diverged run.
        lines = []
        if finals:
            loss, rate = min(finals)
            lines.append(
                self.tr("Lowest final loss {loss} with learning rate {rate}.").format(
                    loss=f"{loss:.6g}", rate=f"{rate:g}"
                )
            )
        summary = self.comparison.summary()
        if summary:
            lines.append(summary)
        self._show_message(" ".join(lines), details="\n".join(self.comparison.notes))

    def export_plots(self, path: str) -> None:
        """Write the plots (png, svg) or their numbers (csv) to `path`; report the outcome."""
        self._write(path, lambda: export_plots(self.plots, self.history, path))

    def export_script(self, path: str) -> None:
        """Write the program of the current settings to `path`."""
        self._write(path, lambda: write_script(self.code_view.toPlainText(), path))

    def _write(self, path: str, write: Callable[[], None]) -> None:
        """Run `write` and say whether `path` was saved or why it could not be."""
        try:
            write()
        except OSError as exc:
            self._show_message(
                self.tr("Cannot write {path}: {reason}").format(
                    path=path, reason=exc.strerror or exc
                )
            )
            return
        self._show_message(self.tr("Saved {path}.").format(path=path))

    @Slot()
    def _choose_plots_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export plots"),
            "training.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg);;CSV numbers (*.csv)"),
        )
        if path:
            self.export_plots(path)

    @Slot()
    def _choose_script_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save code as script"), "training.py", self.tr("Python files (*.py)")
        )
        if path:
            self.export_script(path)

    @Slot()
    def toggle_pause(self) -> None:
        if self.session.state == "running":
            self.session.pause()
        else:
            self.session.resume()

    @Slot()
    def step(self) -> None:
        """One iteration: of the paused run, or the first of a new run."""
        fresh = not self.session.active
        try:
            self.session.step(self._config)
        except ConfigError as exc:
            self._show_message(str(exc))
            return
        if fresh:
            self._begin_run()

    @Slot()
    def reset(self) -> None:
        self.session.reset()
        self.history.clear()
        self.plots.clear()
        self._message = ""
        self._dirty = False
        self._update_labels()

    @Slot()
    def open_step(self) -> None:
        """Ask the main window to open the loss graph of the run's next step, at the weights it
        has reached (open_step_requested), also while it runs."""
        if self.history.count:
            self.session.request_step_graph()

    @Slot(object)
    def _on_step_graph(self, result: object) -> None:
        if isinstance(result, str):
            self._show_message(result)
        else:
            self.open_step_requested.emit(result)

    def shutdown(self) -> None:
        """Stop training and its thread; call before the widget goes away for good."""
        self._redraw_timer.stop()
        self.comparison.clear()
        self.session.shutdown()

    def fit_to_screen(self, available: QRect) -> None:
        """Size the window for a screen's `available` area (at most PREFERRED_SIZE) and centre
        it there."""
        self.resize(PREFERRED_SIZE.boundedTo(available.size() - FRAME_ALLOWANCE))
        frame = QRect(QPoint(0, 0), self.size() + FRAME_ALLOWANCE)
        frame.moveCenter(available.center())
        self.move(max(frame.left(), available.left()), max(frame.top(), available.top()))

    def showEvent(self, event: QShowEvent) -> None:
        if not self._placed and self.isWindow() and self.screen() is not None:
            self._placed = True  # once: later the user's size and place stay
            self.fit_to_screen(self.screen().availableGeometry())
        self.session.prepare()  # the worker loads while the user sets up the run
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A closed window keeps its plots but stops computing.
        self.session.stop()
        for session in self.comparison.sessions:
            session.stop()
        super().closeEvent(event)

    # ---- run updates ---------------------------------------------------------------------------

    def _begin_run(self) -> None:
        self.comparison.clear()
        self._run_config = self._config
        self.history.clear()
        self.plots.begin_run(self._run_config.steps)
        self.plots.show_comparison(False)
        self.equation_label.clear()  # the last run's, longer perhaps
        self.equation_label.set_template(equation_template(self._run_config))
        names, norms = trace_names(self._run_config)
        self.history.trace_names = names
        self.plots.set_traces(names, norms=norms)
        problem = self._run_config.problem
        if problem is None:
            self.plots.set_data_style(self.tr("sin(x)"), points=False)
        elif problem.points is not None:
            self.plots.set_data_style(problem.points_name, points=True)
        else:
            self.plots.set_data_style(problem.target, points=problem.noise > 0)
        self._message = ""
        self._started_at = time.perf_counter()
        self._dirty = True
        # Setting up the run (clearing and reframing the plots) counts as drawing, toward the
        # pace of the first frames.
        self._gui_cpu_mark = time.thread_time()
        self._redraw_timer.setInterval(REDRAW_INTERVAL_MS)
        self._redraw_timer.start()

    @Slot(object, object)
    def _on_data(self, x: np.ndarray, y: np.ndarray) -> None:
        self.plots.set_data(x, y)
        self._dirty = True

    @Slot(object)
    def _on_records(self, records: list[StepRecord]) -> None:
        self.history.extend(records)
        self._dirty = True

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._show_message(self.tr("Training failed: {message}").format(message=message))

    @Slot(str)
    def _on_diverged(self, message: str) -> None:
        self._show_message(message)

    def _show_message(self, message: str, details: str = "") -> None:
        self._message = message
        self.status_label.setToolTip(details)
        self._update_labels()

    @Slot(str)
    def _on_state(self, state: str) -> None:
        active = state in ("running", "paused")
        self.start_button.setEnabled(not active)
        self.pause_button.setEnabled(active)
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.pause_button.setToolTip(
            self.tr("Continue training") if state == "paused" else self.tr("Pause training")
        )
        self.step_button.setEnabled(state != "running")
        self.reset_button.setEnabled(state != "idle")
        for widget in (*self._setting_controls(), self.problem_form):
            widget.setEnabled(not active)
        problem = self._config.problem
        if problem is not None and problem.points is not None:
            self.points_spin.setEnabled(False)
        self.optimizer_combo.setEnabled(
            not active and bool(PRESETS[self._config.preset].optimizers)
        )
        if not active and state != "idle" and not self._speed_chosen:
            # The first run was paced to be watched; the next ones go at full speed.
            self._speed_chosen = True
            with QSignalBlocker(self.speed_slider):
                self.speed_slider.setValue(SPEEDS.index(FULL_SPEED))
            self._apply_speed()
        if state != "running":  # every step drawn now, not a live frame's thinned curves
            self._dirty = self.history.count > 0
        if not active:
            self._elapsed = time.perf_counter() - self._started_at
            self._redraw()  # the last batch, at once
            self._redraw_timer.stop()
        self._update_labels()

    @Slot()
    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        if self.history.count:  # before the first record there is nothing to draw: the run's
            # set-up has emptied the plots and set_data drew the data
            self.plots.redraw(
                self.history,
                PRESETS[self._run_config.preset].predict,
                live=self.session.state == "running",
            )
            self._pace_redraws()
        self._update_labels()

    def _pace_redraws(self) -> None:
        """Slow the redraw timer down when drawing (measured as this thread's CPU time since the
        last frame: painting it, taking in batches) would take more than GUI_SHARE of a core;
        at full speed, frames come every FULL_SPEED_REDRAW_MS."""
        cpu = time.thread_time()
        mark, self._gui_cpu_mark = self._gui_cpu_mark, cpu
        if mark is None:
            return
        spent_ms = 1000 * (cpu - mark)
        if self.session.speed == FULL_SPEED:
            interval = FULL_SPEED_REDRAW_MS
        else:
            interval = min(max(REDRAW_INTERVAL_MS, spent_ms / GUI_SHARE), SLOWEST_REDRAW_MS)
        self._redraw_timer.setInterval(int(interval))

    def _update_labels(self) -> None:
        last = self.history.last()
        preset = PRESETS[self._run_config.preset]
        if self.history.last_fit is not None:
            self.equation_label.show_equation(self.history.last_fit[1])
        else:
            self.equation_label.show_equation(preset.equation(last[2]) if last else "")
        self.open_step_button.setEnabled(last is not None and preset.form in GRAPH_FORMS)
        self.status_label.setText(self._status_text(last))

    def _status_text(self, last: tuple[int, float, tuple] | None) -> str:
        if self._message:
            return self._message
        state = self.session.state
        if last is None:
            if state == "running":
                return self.tr("Starting...")
            return self.tr(
                "Choose a preset and press Start, or Step to go one iteration at a time."
            )
        step, loss, _ = last
        total = self._run_config.steps
        if state == "running":
            text = self.tr("Training: step {step} of {total}, loss {loss}")
        elif state == "paused":
            text = self.tr("Paused after step {step} of {total}, loss {loss}")
        elif step + 1 < total:
            text = self.tr("Stopped after step {step} of {total}, loss {loss}")
        else:
            text = self.tr("Finished {total} steps in {seconds} s; last loss {loss}")
        return text.format(
            step=step + 1, total=total, loss=f"{loss:.6g}", seconds=f"{self._elapsed:.2f}"
        )
