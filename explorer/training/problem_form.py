"""The controls of "your own problem": target or CSV points, data range, noise, the model, and the
optimizer's parameters. Reads and shows a `Problem`; the workbench owns the rest of the config.

The optimizer's parameters (momentum, alpha, beta1 and beta2) belong beside the optimizer's
choice, which is the workbench's: their row goes into the workbench's form, right after that
choice (add_optimizer_row), and is shown with this form, when the optimizer has any."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from explorer.core.training.custom import (
    ACTIVATIONS,
    MAX_DEGREE,
    MAX_DEPTH,
    MAX_WIDTH,
    ModelSpec,
    Problem,
    parse_model,
)
from explorer.core.training.points_csv import Points, PointsError, load_points


def _spin(low: float, high: float, step: float, decimals: int = 3) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    return spin


class ProblemForm(QWidget):
    """Emits `changed` whenever the user edits the problem; `points_loaded` after a CSV file is
    read (with its bad rows), `points_failed` with the reason a file gave no points."""

    changed = Signal()
    points_loaded = Signal(object)  # Points
    points_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem = Problem()
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText("sin(x)")
        self.target_edit.setToolTip(
            self.tr(
                "The function to fit, in x: numbers, pi, e, + - * / ** and sin, cos, tan, exp, "
                "log, sqrt, abs, tanh, sigmoid, relu, sign, step"
            )
        )
        self.load_button = QPushButton()
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.load_button)

        self.x_min_spin = _spin(-1e6, 1e6, 0.5)
        self.x_max_spin = _spin(-1e6, 1e6, 0.5)
        range_row = QHBoxLayout()
        range_row.addWidget(self.x_min_spin)
        range_row.addWidget(self.x_max_spin)
        self.noise_spin = _spin(0.0, 1e3, 0.05)
        self.noise_spin.setToolTip(self.tr("Standard deviation of the noise added to the target"))

        self.model_combo = QComboBox()
        self.model_combo.addItem(self.tr("polynomial"), "poly")
        self.model_combo.addItem(self.tr("MLP"), "mlp")
        self.degree_spin = QSpinBox()
        self.degree_spin.setRange(1, MAX_DEGREE)
        self.degree_spin.setPrefix(self.tr("degree "))
        self.width_spin = QSpinBox()
        self.width_spin.setRange(1, MAX_WIDTH)
        self.width_spin.setSuffix(self.tr(" units"))
        self.depth_spin = QSpinBox()
        self.depth_spin.setRange(1, MAX_DEPTH)
        self.depth_spin.setSuffix(self.tr(" layers"))
        self.activation_combo = QComboBox()
        self.activation_combo.addItems(list(ACTIVATIONS))
        model_row = QHBoxLayout()
        for widget in (self.model_combo, self.degree_spin, self.width_spin, self.depth_spin,
                       self.activation_combo):
            model_row.addWidget(widget)

        self.momentum_spin = _spin(0.0, 0.999, 0.05)
        self.alpha_spin = _spin(0.0, 0.999, 0.01)
        self.beta1_spin = _spin(0.0, 0.999, 0.01)
        self.beta2_spin = _spin(0.0, 0.9999, 0.001, decimals=4)
        self.optimizer_parameters = QWidget()
        self.parameter_row = QHBoxLayout(self.optimizer_parameters)
        self.parameter_row.setContentsMargins(0, 0, 0, 0)
        self._optimizer_form: QFormLayout | None = None   # where the parameters' row is
        self._optimizer: str | None = None
        for spin, prefix in (
            (self.momentum_spin, self.tr("momentum ")),
            (self.alpha_spin, self.tr("alpha ")),
            (self.beta1_spin, "beta1 "),
            (self.beta2_spin, "beta2 "),
        ):
            spin.setPrefix(prefix)
            self.parameter_row.addWidget(spin)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Target"), target_row)
        form.addRow(self.tr("Data range"), range_row)
        form.addRow(self.tr("Noise"), self.noise_spin)
        form.addRow(self.tr("Model"), model_row)

        self.target_edit.editingFinished.connect(self._on_edited)
        self.load_button.clicked.connect(self._choose_file)
        self.model_combo.currentIndexChanged.connect(self._on_edited)
        self.activation_combo.currentIndexChanged.connect(self._on_edited)
        for spin in (self.x_min_spin, self.x_max_spin, self.noise_spin, self.degree_spin,
                     self.width_spin, self.depth_spin, self.momentum_spin, self.alpha_spin,
                     self.beta1_spin, self.beta2_spin):
            spin.valueChanged.connect(self._on_edited)
        self.set_problem(self._problem, None)

    def add_optimizer_row(self, form: QFormLayout) -> None:
        """Append the optimizer's parameters to `form`, as the row after its optimizer choice."""
        self._optimizer_form = form
        # No label: under the choice, its spin boxes (beta1 0.900 ...) say what they are, and a
        # long one would widen the workbench's column and narrow its plots.
        self.optimizer_parameters.setToolTip(self.tr("Optimizer parameters"))
        form.addRow("", self.optimizer_parameters)
        self._show_parameter_row()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        self._show_parameter_row()

    def _show_parameter_row(self) -> None:
        if self._optimizer_form is not None:
            self._optimizer_form.setRowVisible(
                self.optimizer_parameters, not self.isHidden()
                and self._optimizer in ("momentum", "RMSprop", "Adam"))

    def problem(self) -> Problem:
        """The problem the controls show."""
        return self._problem

    def set_problem(self, problem: Problem, optimizer: str | None) -> None:
        self._problem = problem
        widgets = (self.target_edit, self.x_min_spin, self.x_max_spin, self.noise_spin,
                   self.model_combo, self.degree_spin, self.width_spin, self.depth_spin,
                   self.activation_combo, self.momentum_spin, self.alpha_spin, self.beta1_spin,
                   self.beta2_spin)
        blockers = [QSignalBlocker(widget) for widget in widgets]
        from_file = problem.points is not None
        self.target_edit.setText(
            self.tr("points of {file}").format(file=problem.points_name) if from_file
            else problem.target
        )
        self.target_edit.setReadOnly(from_file)
        self._show_source_button(from_file)
        for spin, value in ((self.x_min_spin, problem.x_min), (self.x_max_spin, problem.x_max)):
            spin.setValue(value)
            spin.setEnabled(not from_file)
        self.noise_spin.setValue(problem.noise)
        try:
            spec = parse_model(problem.model)
        except ValueError:
            spec = ModelSpec("poly")
        self.model_combo.setCurrentIndex(self.model_combo.findData(spec.kind))
        self.degree_spin.setValue(spec.degree)
        self.width_spin.setValue(spec.width)
        self.depth_spin.setValue(spec.depth)
        self.activation_combo.setCurrentText(spec.activation)
        polynomial = spec.kind == "poly"
        self.degree_spin.setVisible(polynomial)
        for widget in (self.width_spin, self.depth_spin, self.activation_combo):
            widget.setVisible(not polynomial)
        self.momentum_spin.setValue(problem.momentum)
        self.alpha_spin.setValue(problem.alpha)
        self.beta1_spin.setValue(problem.beta1)
        self.beta2_spin.setValue(problem.beta2)
        self.momentum_spin.setVisible(optimizer == "momentum")
        self.alpha_spin.setVisible(optimizer == "RMSprop")
        self.beta1_spin.setVisible(optimizer == "Adam")
        self.beta2_spin.setVisible(optimizer == "Adam")
        self._optimizer = optimizer
        self._show_parameter_row()
        del blockers

    def _read(self) -> Problem:
        problem = self._problem
        if problem.points is None:
            problem = replace(problem, target=self.target_edit.text().strip())
            # A spin box shows pi as 3.142: an unchanged one keeps the exact value.
            x_min, x_max = (
                exact if round(exact, spin.decimals()) == spin.value() else spin.value()
                for exact, spin in ((problem.x_min, self.x_min_spin),
                                    (problem.x_max, self.x_max_spin))
            )
            problem = replace(problem, x_min=x_min, x_max=x_max)
        kind = self.model_combo.currentData()
        spec = ModelSpec(kind, self.degree_spin.value(), self.width_spin.value(),
                         self.depth_spin.value(), self.activation_combo.currentText())
        return replace(
            problem,
            noise=self.noise_spin.value(),
            model=spec.text(),
            momentum=self.momentum_spin.value(),
            alpha=self.alpha_spin.value(),
            beta1=self.beta1_spin.value(),
            beta2=self.beta2_spin.value(),
        )

    @Slot()
    def _on_edited(self) -> None:
        problem = self._read()
        if problem != self._problem:
            self._problem = problem
            self.changed.emit()

    def use_target(self, text: str) -> None:
        """Fit the expression `text` (forgetting any CSV points), as if typed."""
        self._problem = replace(self._problem, points=None, points_name="", target=text)
        self.target_edit.setReadOnly(False)
        self.target_edit.setText(text)
        for spin in (self.x_min_spin, self.x_max_spin):
            spin.setEnabled(True)
        self._show_source_button(False)
        self.changed.emit()

    def load_file(self, path: str) -> None:
        """Fit the points of the CSV file `path`; a file without points keeps the problem."""
        try:
            points: Points = load_points(path)
        except PointsError as exc:
            self.points_failed.emit(str(exc))
            return
        self._problem = replace(
            self._problem, points=(points.xs, points.ys), points_name=path.rsplit("/", 1)[-1]
        )
        self.target_edit.setReadOnly(True)
        self.target_edit.setText(self.tr("points of {file}").format(
            file=self._problem.points_name))
        for spin in (self.x_min_spin, self.x_max_spin):
            spin.setEnabled(False)
        self._show_source_button(True)
        self.changed.emit()
        self.points_loaded.emit(points)

    def _show_source_button(self, from_file: bool) -> None:
        if from_file:
            self.load_button.setText(self.tr("Expression"))
            self.load_button.setToolTip(self.tr("Fit a typed target again"))
        else:
            self.load_button.setText(self.tr("CSV..."))
            self.load_button.setToolTip(self.tr("Fit the x,y rows of a CSV file instead"))

    @Slot()
    def _choose_file(self) -> None:
        if self._problem.points is not None:
            self.use_target("sin(x)")
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Points to fit"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.load_file(path)

