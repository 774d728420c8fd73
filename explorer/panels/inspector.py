"""The inspector: everything about the selected node, and editors for its name and params.

Read-only facts come from the latest evaluation (the engine's tensors). While an animation
replays an earlier step, the value and .grad follow that step (`show_replay`), so the panel never
shows a gradient the canvas has not reached yet. Each edit becomes one undoable command through
`submit`; text that does not parse shows the parser's message and changes nothing.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import engine
from explorer.canvas import colors
from explorer.canvas.tensor_plot_widget import TensorPlotView
from explorer.canvas.value_preview import kind_tag, node_kind
from explorer.commands import DocumentCommand, RenameNodeCommand, SetParamsCommand
from explorer.core.document.evaluation import Evaluation, grad_of
from explorer.core.document.graph_document import GraphDocument
from explorer.core.document.op_catalog import OPS, ParamSpec
from explorer.core.document.value_text import (
    ValueTextError,
    parse_dims,
    parse_index,
    parse_shape,
    parse_value,
)

# submit(command) -> None when the edit was made, else the translated reason it was refused.
Submit = Callable[[DocumentCommand], "str | None"]


def check_param_text(op: str, param: str, text: str) -> str | None:
    """The parser's message when `text` is not a valid value of this text param, else None."""
    try:
        if param in ("value", "start", "end", "step"):
            parse_value(text)
        elif param == "shape":
            parse_shape(text, allow_minus_one=op == "reshape")
        elif param == "dim":
            parse_dims(text)
        elif param == "index":
            parse_index(text)
    except ValueTextError as exc:
        return str(exc)
    return None


def _fit_height(editor: QPlainTextEdit, max_lines: int = 8) -> None:
    """Make a read-only text box as tall as its (wrapped) text, up to `max_lines` lines."""
    layout = editor.document().documentLayout()
    # The plain-text layout measures its height in lines, wrapped ones included.
    count = max(1, editor.document().blockCount(), math.ceil(layout.documentSize().height()))
    lines = min(max_lines, count)
    editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if count > max_lines
                                      else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    spacing = editor.fontMetrics().lineSpacing()
    editor.setFixedHeight(lines * spacing + 14)


def _mono() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(9.0)
    return font


class InspectorPanel(QWidget):
    def __init__(self, document: GraphDocument, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("InspectorPanel")
        self.document = document
        self.submit = submit
        self.node_id: str | None = None
        self.evaluation: Evaluation | None = None
        # (timeline, position) of the animation on show, or None: the engine's final state.
        self.replay: tuple[Any, int] | None = None
        self._param_editors: dict[str, QWidget] = {}
        self._param_signature: tuple | None = None

        self.empty = QLabel(self.tr("Select a node to see its value, gradient and settings."))
        self.empty.setWordWrap(True)
        self.empty.setObjectName("InspectorHint")

        self.title = QLabel()
        self.title.setObjectName("InspectorTitle")
        self.kind_chip = QLabel()
        self.kind_chip.setObjectName("KindChip")
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip(self.tr("The node's Python variable name (press Enter to apply)"))
        self.name_edit.editingFinished.connect(self._commit_name)
        self.op_label = QLabel()   # beside the name and kind: the op, e.g. "Input tensor (input)"
        self.op_label.setObjectName("InspectorOp")
        self.op_label.setWordWrap(True)

        self.value_text = QPlainTextEdit()
        self.value_text.setObjectName("InspectorValue")
        self.value_text.setReadOnly(True)
        self.value_text.setFont(_mono())

        # Wrapped at the panel's width: PyTorch's rows break between elements, never hidden
        # behind a horizontal scroll bar.
        self.value_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.shape_label = QLabel()
        self.dtype_label = QLabel()
        self.requires_grad_label = QLabel()
        self.is_leaf_label = QLabel()
        self.grad_fn_label = QLabel()
        self.grad_text = QPlainTextEdit()
        self.grad_text.setObjectName("InspectorGrad")
        self.grad_text.setReadOnly(True)
        self.grad_text.setFont(_mono())

        self.grad_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Vectors and matrices also as a picture, larger than on the card.
        self.value_plot = TensorPlotView(grad=False)
        self.grad_plot = TensorPlotView(grad=True)
        # Wrapped lines are counted once laid out (lazily, and again when the panel is resized).
        for editor in (self.value_text, self.grad_text):
            editor.document().documentLayout().documentSizeChanged.connect(self._refit_texts)
        self.retain_grad = QCheckBox(self.tr("retain_grad()"))
        self.retain_grad.setToolTip(self.tr("Keep .grad on this non-leaf tensor after backward"))
        self.retain_grad.clicked.connect(self._commit_retain_grad)
        for label in (self.shape_label, self.dtype_label, self.requires_grad_label,
                      self.is_leaf_label, self.grad_fn_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.replay_label = QLabel()
        self.replay_label.setObjectName("InspectorReplay")
        self.replay_label.setWordWrap(True)
        self.replay_label.hide()
        self.flow_label = QLabel()
        self.flow_label.setObjectName("InspectorFlow")
        self.flow_label.setWordWrap(True)
        self.flow_label.setFont(_mono())
        self.flow_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flow_label.hide()

        self.error_label = QLabel()
        self.error_label.setObjectName("InspectorError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        # The name right under the title, without a box of its own: a leaf's whole inspector
        # fits a laptop screen's right column.
        node_box = QWidget()
        node_form = QFormLayout(node_box)
        node_form.setContentsMargins(2, 0, 2, 0)
        node_form.addRow(self.tr("Name"), self.name_edit)

        self.value_box = value_box = QGroupBox(self.tr("Value"))
        value_layout = QVBoxLayout(value_box)
        value_layout.addWidget(self.value_text)
        value_layout.addWidget(self.value_plot)
        # Two facts a row, the long ones (dtype, grad_fn) on the right, so that a leaf's whole
        # inspector fits a laptop screen's right column; one a row where two do not fit
        # (presentation mode's large type), so that nothing is cut.
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(6)
        self.facts.setVerticalSpacing(2)
        value_layout.addLayout(self.facts)
        self.fact_labels = [(QLabel(name), label) for name, label in (
            (self.tr("shape"), self.shape_label), (self.tr("dtype"), self.dtype_label),
            (self.tr("is_leaf"), self.is_leaf_label), (self.tr("grad_fn"), self.grad_fn_label),
            (self.tr("requires_grad"), self.requires_grad_label))]
        self.fact_columns = 0
        self._arrange_facts(2)
        self._minimum_width = 0

        grad_box = QGroupBox(self.tr("Gradient (.grad)"))
        grad_layout = QVBoxLayout(grad_box)
        grad_layout.addWidget(self.grad_text)
        grad_layout.addWidget(self.grad_plot)
        grad_layout.addWidget(self.flow_label)
        grad_layout.addWidget(self.retain_grad)

        self.params_box = QGroupBox(self.tr("Parameters"))
        self.params_form = QFormLayout(self.params_box)
        # A long label goes above its editor where both do not fit the panel's width.
        self.params_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.details = QWidget()
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QWidget()
        title_layout = QVBoxLayout(title_row)
        title_layout.setContentsMargins(2, 0, 2, 0)
        name_and_kind = QHBoxLayout()
        name_and_kind.addWidget(self.title)
        name_and_kind.addWidget(self.kind_chip, 0, Qt.AlignmentFlag.AlignVCenter)
        name_and_kind.addWidget(self.op_label, 1, Qt.AlignmentFlag.AlignVCenter)
        title_layout.addLayout(name_and_kind)
        title_layout.addWidget(self.replay_label)
        self.detail_boxes = (title_row, node_box, value_box, grad_box, self.params_box,
                             self.error_label)
        for widget in self.detail_boxes:
            details_layout.addWidget(widget)
        details_layout.addStretch(1)

        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(8, 8, 8, 8)
        body_layout.addWidget(self.empty)
        body_layout.addWidget(self.details)
        body_layout.addStretch(1)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.show_node(None)

    # ---- what the window calls ---------------------------------------------------------------

    def show_node(self, node_id: str | None) -> None:
        if node_id != self.node_id:
            self.error_label.hide()
        self.node_id = node_id if node_id is not None and self.document.has_node(node_id) else None
        self.refresh()

    def show_evaluation(self, evaluation: Evaluation | None) -> None:
        self.evaluation = evaluation
        self.refresh()

    def show_replay(self, timeline: Any | None, position: int = 0) -> None:
        """Follow an animation: show the value and .grad after `position` steps of `timeline`
        (an animation.timeline.Timeline); None goes back to the engine's final state."""
        self.replay = None if timeline is None else (timeline, position)
        self.refresh()

    def refresh(self) -> None:
        if self.node_id is not None and not self.document.has_node(self.node_id):
            self.node_id = None
        self.empty.setVisible(self.node_id is None)
        self.details.setVisible(self.node_id is not None)
        if self.node_id is None:
            self._param_signature = None
            return
        data = self.document.node(self.node_id)
        spec = OPS[data.op]
        value = self.evaluation.values.get(self.node_id) if self.evaluation else None
        kind = node_kind(data.op, value, data.params)
        self.title.setText(f"{data.name}")
        failed = self.evaluation is not None and self.node_id in self.evaluation.errors
        self.kind_chip.setText(self.tr("error") if failed else kind_tag(kind))
        color = (colors.ERROR if failed else colors.HEADER[kind]).name()
        self.kind_chip.setStyleSheet(f"background: {color}; color: white; border-radius: 8px;"
                                     "padding: 1px 8px; font-weight: bold;")
        if not self.name_edit.hasFocus():
            self.name_edit.setText(data.name)
        self.op_label.setText(f"{spec.label} ({data.op})" if spec.label != data.op else data.op)
        self._show_value(data.op, value)
        self.retain_grad.setChecked(bool(data.params.get("retain_grad")))
        self.retain_grad.setEnabled(data.op != "constant")
        # On a leaf retain_grad() changes nothing (its .grad is kept anyway): no checkbox.
        self.retain_grad.setVisible(not (isinstance(value, engine.Tensor) and value.is_leaf))
        self._build_param_editors(data.op, data.params)
        self.fit_facts()

    # ---- value and grad ----------------------------------------------------------------------

    def _replay_display(self) -> Any | None:
        """The animation's NodeDisplay of the selected node at the step on show, or None."""
        if self.replay is None:
            self.replay_label.hide()
            return None
        timeline, position = self.replay
        total = len(timeline)
        if timeline.kind == "backward":
            text = self.tr("Replaying backward: step {step} of {total}. Values and .grad are "
                           "shown as they are at this step.")
        else:
            text = self.tr("Replaying forward: step {step} of {total}. Values and .grad are "
                           "shown as they are at this step.")
        self.replay_label.setText(text.format(step=position, total=total))
        self.replay_label.show()
        return timeline.state_at(max(0, min(position, total))).get(self.node_id)

    def _show_value(self, op: str, value: object) -> None:
        ev = self.evaluation
        error = ev.errors.get(self.node_id) if ev else None
        computed = ev is not None and self.node_id in ev.values
        display = self._replay_display()
        if error is not None:
            self.value_text.setPlainText(self.tr("Error: {message}").format(message=error))
        elif not computed:
            self.value_text.setPlainText(self.tr("not computed (an input is missing or failed)"))
        elif display is not None and not display.computed:
            self.value_text.setPlainText(self.tr("not computed yet at this step of the replay"))
        else:
            self.value_text.setPlainText(repr(value))
        _fit_height(self.value_text)
        tensor = value if computed and isinstance(value, engine.Tensor) else None
        shown = display is None or display.computed
        self.value_plot.set_tensor(tensor if error is None and shown else None)
        dash = "—"
        if tensor is not None:
            self.shape_label.setText(str(tuple(tensor.shape)))
            self.dtype_label.setText(str(tensor.dtype))
            self.requires_grad_label.setText(str(tensor.requires_grad))
            self.is_leaf_label.setText(str(tensor.is_leaf))
            fn = tensor.grad_fn
            self.grad_fn_label.setText(f"<{fn.name()}>" if fn is not None else "None")
        else:
            number = computed and not isinstance(value, engine.Tensor)
            self.shape_label.setText(self.tr("Python number") if number else dash)
            for label in (self.dtype_label, self.requires_grad_label, self.is_leaf_label,
                          self.grad_fn_label):
                label.setText(dash)
        grad, reason = grad_of(ev, self.node_id) if ev is not None else (None, None)
        self.flow_label.hide()
        if display is not None and tensor is not None and tensor.requires_grad:
            grad, reason = self._replayed_grad(display, grad, reason)
        self.grad_plot.set_tensor(grad)
        if grad is not None:
            self.grad_text.setPlainText(repr(grad))
        elif reason is not None:
            self.grad_text.setPlainText(self.tr("None  ({reason})").format(reason=reason))
        else:
            self.grad_text.setPlainText("None")
        _fit_height(self.grad_text)

    def _replayed_grad(self, display: Any, grad: object, reason: str | None
                       ) -> tuple[object | None, str | None]:
        """(.grad, reason it is None) at the replayed step; the gradient passing through a
        non-leaf at this step goes under it."""
        if display.gradient is not None and display.grad is None:
            self.flow_label.setText(self.tr("Gradient flowing back through it at this step:\n"
                                            "{gradient}").format(gradient=repr(display.gradient)))
            self.flow_label.show()
        if display.grad is not None:
            return display.grad, None
        if grad is not None:   # the engine keeps a .grad that this step has not filled yet
            return None, self.tr("backward has not reached it yet at this step")
        return None, reason

    def _refit_texts(self, _size: object = None) -> None:
        _fit_height(self.value_text)
        _fit_height(self.grad_text)

    # ---- facts, two a row or one -------------------------------------------------------------

    def _arrange_facts(self, columns: int) -> None:
        for name, label in self.fact_labels:
            self.facts.removeWidget(name)
            self.facts.removeWidget(label)
        for index, (name, label) in enumerate(self.fact_labels):
            row, column = divmod(index, columns)
            self.facts.addWidget(name, row, 2 * column)
            self.facts.addWidget(label, row, 2 * column + 1)
        for column in range(4):
            self.facts.setColumnStretch(column, 0)
        self.facts.setColumnStretch(2 * columns - 1, 1)
        self.fact_columns = columns

    def _facts_width(self, columns: int) -> int:
        """The width the facts need, `columns` facts a row."""
        spacing = self.facts.horizontalSpacing()
        width = 0
        for column in range(columns):
            pairs = self.fact_labels[column::columns]
            width += (max(name.sizeHint().width() for name, _ in pairs) + spacing
                      + max(label.sizeHint().width() for _, label in pairs))
        return width + spacing * (columns - 1)

    def fit_facts(self) -> None:
        """Two facts a row where the panel is wide enough for them, else one."""
        # What the margins and the value box's frame take around the facts.
        around = sum(margins.left() + margins.right() for margins in (
            self.scroll.widget().layout().contentsMargins(),
            self.details.layout().contentsMargins(), self.value_box.contentsMargins(),
            self.value_box.layout().contentsMargins()))
        room = self.scroll.viewport().width() - around
        columns = 2 if self._facts_width(2) <= room else 1
        if columns != self.fact_columns:
            self._arrange_facts(columns)
        before = self._minimum_width
        if self.minimumSizeHint().width() != before:
            self.updateGeometry()   # its dock makes room (the canvas gives it)

    def minimumSizeHint(self) -> QSize:
        """As wide as the node's facts and editors need, the facts one a row (only the height
        scrolls): the inspector's dock is never too narrow for them, also in large type on a
        laptop."""
        hint = super().minimumSizeHint()
        needed = 0
        if not self.details.isHidden():
            boxes = [self._value_box_width() if box is self.value_box
                     else box.minimumSizeHint().width()
                     for box in self.detail_boxes if not box.isHidden()]
            needed = max(boxes) + sum(margins.left() + margins.right() for margins in (
                self.scroll.widget().layout().contentsMargins(),
                self.details.layout().contentsMargins()))
            needed += (2 * self.scroll.frameWidth()
                       + self.scroll.verticalScrollBar().sizeHint().width())
        self._minimum_width = max(hint.width(), needed)
        return QSize(self._minimum_width, hint.height())

    def _value_box_width(self) -> int:
        """The value box's minimum width with its facts one a row."""
        inner = [self._facts_width(1)] + [widget.minimumSizeHint().width() for widget in (
            self.value_text, self.value_plot) if not widget.isHidden()]
        return max(inner) + sum(margins.left() + margins.right() for margins in (
            self.value_box.contentsMargins(), self.value_box.layout().contentsMargins()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_facts()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            # After every label has its new font.
            QTimer.singleShot(0, self, self.fit_facts)

    # ---- params ------------------------------------------------------------------------------

    def _visible_params(self, op: str, params: dict) -> list[ParamSpec]:
        return [p for p in OPS[op].params if p.name != "retain_grad" and p.is_shown(params)]

    def _build_param_editors(self, op: str, params: dict) -> None:
        shown = self._visible_params(op, params)
        signature = (self.node_id, op, tuple(p.name for p in shown))
        if signature != self._param_signature:
            self._param_signature = signature
            while self.params_form.rowCount():
                self.params_form.removeRow(0)
            self._param_editors = {p.name: self._make_editor(op, p) for p in shown}
            for spec in shown:
                self.params_form.addRow(spec.label, self._param_editors[spec.name])
        self.params_box.setVisible(bool(shown))
        for spec in shown:
            self._set_editor_value(self._param_editors[spec.name], spec, params[spec.name])

    def _make_editor(self, op: str, spec: ParamSpec) -> QWidget:
        # Signals go to bound methods (which find the param via the sender's "param" property),
        # so Qt drops the connections when the inspector goes away.
        if spec.kind == "bool":
            editor = QCheckBox()
            editor.clicked.connect(self._on_bool_clicked)
        elif spec.kind == "choice":
            editor = QComboBox()
            for choice in spec.choices:
                editor.addItem(spec.choice_label(choice), choice)   # the data is what is saved
            editor.activated.connect(self._on_choice_activated)
        elif spec.kind == "int":
            editor = QSpinBox()
            editor.setRange(-(2 ** 31) + 1, 2 ** 31 - 1)
            editor.editingFinished.connect(self._on_int_finished)
        else:
            editor = QLineEdit()
            editor.editingFinished.connect(self._on_text_finished)
        editor.setObjectName(f"param_{spec.name}")
        editor.setProperty("param", spec.name)
        editor.setToolTip(spec.label)
        return editor

    def _on_bool_clicked(self, checked: bool) -> None:
        self._commit_param(self.sender().property("param"), checked)

    def _on_choice_activated(self, index: int) -> None:
        editor = self.sender()
        self._commit_param(editor.property("param"), editor.itemData(index))

    def _on_int_finished(self) -> None:
        editor = self.sender()
        self._commit_param(editor.property("param"), editor.value())

    def _on_text_finished(self) -> None:
        editor = self.sender()
        if self.node_id is not None:
            self._commit_text_param(self.document.node(self.node_id).op, editor.property("param"),
                                    editor.text())

    def _set_editor_value(self, editor: QWidget, spec: ParamSpec, value: object) -> None:
        if editor.hasFocus() and not isinstance(editor, (QCheckBox, QComboBox)):
            return
        editor.blockSignals(True)
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(str(value)))
        elif isinstance(editor, QSpinBox):
            # A file or snippet may hold a whole number beyond the spin box (e.g. steps=10**12,
            # which evaluation refuses on the node): show the nearest value instead of raising.
            editor.setValue(max(editor.minimum(), min(editor.maximum(), int(value))))
        else:
            editor.setText(str(value))
        editor.blockSignals(False)

    def param_editor(self, name: str) -> QWidget:
        return self._param_editors[name]

    # ---- commits -----------------------------------------------------------------------------

    def _show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def _commit_name(self) -> None:
        if self.node_id is None:
            return
        name = self.name_edit.text().strip()
        if name == self.document.node(self.node_id).name:
            return
        reason = self.submit(RenameNodeCommand(self.document, self.node_id, name))
        self._show_error(reason)

    def _commit_retain_grad(self, checked: bool) -> None:
        self._commit_param("retain_grad", checked)

    def _commit_text_param(self, op: str, name: str, text: str) -> None:
        reason = check_param_text(op, name, text)
        if reason is not None:
            self._show_error(reason)
            return
        self._commit_param(name, text.strip())

    def _commit_param(self, name: str, value: object) -> None:
        if self.node_id is None:
            return
        if self.document.node(self.node_id).params.get(name) == value:
            self._show_error(None)
            return
        reason = self.submit(SetParamsCommand(self.document, self.node_id, {name: value}))
        self._show_error(reason)
        if reason is not None:
            self.refresh()
