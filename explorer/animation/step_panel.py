"""The step panel: the step on show in words and formulas, and the gradient check (the colour key
is the canvas legend's)."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.document.graph_document import DocumentEvent, NodeChanged
from explorer.core.replay.explain import Explanation, format_number
from explorer.core.replay.gradient_check import TOLERANCE, GradientCheck

FORMULA_FRAME = 32     # the formula's padding, border, scroll margin and a little air, in pixels
FORMULA_MIN_W = 120    # however little room the words leave
FORMULA_SHARE = 0.6    # of the row, the most a formula takes to keep its lines whole
WORDS_STRETCH, FORMULA_STRETCH = 5, 4   # how a longer formula and the words share the row
UNLIMITED = (1 << 24) - 1   # Qt's QWIDGETSIZE_MAX
ROW_MARGINS = 26       # the step row's margins and spacing


def _mono(point_size: float) -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    return font


class NumbersInMono(QStyledItemDelegate):
    """The gradient check's numbers (its third column on) in a monospace font, as large as the
    table's own (presentation mode enlarges it), so that their digits line up."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if index.column() >= 2:
            option.font = _mono(option.font.pointSizeF() + 0.5)   # 10 pt beside 9.5 pt text


class StepPanel(QWidget):
    """Listens to an Animator: explanationChanged, gradientChecked, player position."""

    def __init__(self, animator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepPanel")
        self.animator = animator
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)

        # One compact row, so the canvas keeps the window: the step in words on the left, its
        # formula on the right; each scrolls rather than being cut when the dock is short.
        page = QWidget(self)
        row = QHBoxLayout(page)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(10)
        words = QWidget(page)
        layout = QVBoxLayout(words)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(2)
        self.position_label = QLabel(words)
        self.position_label.setStyleSheet("color: #6b7280;")
        self.title_label = QLabel(words)
        title_font = QFont()
        title_font.setPointSizeF(12.5)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.sentence_label = QLabel(words)
        self.sentence_label.setWordWrap(True)
        self.sentence_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        sentence_font = QFont()
        sentence_font.setPointSizeF(10.5)
        self.sentence_label.setFont(sentence_font)
        heading = QHBoxLayout()
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        heading.addWidget(self.position_label)
        layout.addLayout(heading)
        self.heading = heading
        layout.addWidget(self.sentence_label, 1)
        self.words = words
        self.words_scroll = self._scrolling(words)
        row.addWidget(self.words_scroll, WORDS_STRETCH)
        self.formula_label = QLabel(page)
        self.formula_label.setWordWrap(True)
        self.formula_label.setFont(_mono(11.5))
        # Top: level with the step's title beside it, whatever the dock's height.
        self.formula_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.formula_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula_label.setStyleSheet(
            "background: #f1f5fb; border: 1px solid #c9d6ea; border-radius: 6px; padding: 6px;"
            "color: #12355b;")
        self.formula_scroll = self._scrolling(self.formula_label)
        row.addWidget(self.formula_scroll, FORMULA_STRETCH)
        self.tabs.addTab(page, self.tr("Current step"))

        self.check_table = QTableWidget(0, 6, self)
        self.check_table.setHorizontalHeaderLabels([
            self.tr("Leaf"), self.tr("Element"), self.tr("Analytic (.grad)"),
            self.tr("Numeric"), self.tr("|Difference|"), self.tr("Agrees")])
        self.check_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.check_table.verticalHeader().setVisible(False)
        self.check_table.setItemDelegate(NumbersInMono(self.check_table))
        self.check_table.horizontalHeader().setStretchLastSection(True)
        self.check_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.check_summary = QLabel(self)
        self.check_summary.setWordWrap(True)
        check_page = QWidget(self)
        check_layout = QVBoxLayout(check_page)
        check_layout.setContentsMargins(8, 4, 8, 4)   # as the step's page: a short dock fits it
        check_layout.addWidget(self.check_summary)
        check_layout.addWidget(self.check_table)
        self.check_tab = self.tabs.addTab(check_page, self.tr("Gradient check"))

        animator.explanationChanged.connect(self.show_explanation)
        animator.gradientChecked.connect(self.show_check)
        animator.player.positionChanged.connect(self._show_position)
        animator.player.timelineChanged.connect(lambda: self._show_position(0))
        animator.player.timelineChanged.connect(self._show_step_tab)
        # A check of another graph (or of values since edited) must not stay on show.
        animator.document.subscribe(self._on_document_event)
        self.show_explanation(None)
        self.clear_check()

    def _scrolling(self, widget: QWidget) -> QScrollArea:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        return scroll

    def _show_step_tab(self) -> None:
        if self.animator.timeline is not None:
            self.tabs.setCurrentIndex(0)

    def _on_document_event(self, event: DocumentEvent) -> None:
        if not (isinstance(event, NodeChanged) and event.field == "pos"):
            self.clear_check()

    def clear_check(self) -> None:
        self.check_table.setRowCount(0)
        self.check_summary.setText(self.tr(
            "Gradient check compares every leaf's .grad with finite differences of the graph."))

    def _show_position(self, position: int) -> None:
        total = len(self.animator.player)
        self.position_label.setText(
            self.tr("Step {position} of {total}").format(position=position, total=total)
            if total else "")
        self._fit_formula()   # the step's heading beside it is now wider or narrower

    def show_explanation(self, explanation: Explanation | None) -> None:
        if explanation is None:
            self.title_label.setText(self.tr("Ready"))
            self.sentence_label.setText(self.tr(
                "Press Forward to watch the values being computed, or Backward to watch the "
                "gradients flow back to the leaves. Step moves one engine event at a time."))
            self.formula_scroll.setVisible(False)
            return
        self.title_label.setText(explanation.title)
        self.sentence_label.setText(explanation.sentence)
        self.formula_label.setText("\n".join(explanation.formulas))
        self.formula_scroll.setVisible(bool(explanation.formulas))
        self._fit_formula()

    def _fit_formula(self) -> None:
        """The formula box as wide as its longest line where that leaves the words most of their
        room (a formula broken mid-line, `= 4 ×` / `3 = 12`, reads badly; the words wrap well);
        a formula too long for that shares the row by stretch, and never so that the step's
        title is cut."""
        self.formula_label.ensurePolished()   # presentation mode's larger font
        metrics = self.formula_label.fontMetrics()
        longest = max((metrics.horizontalAdvance(line)
                       for line in self.formula_label.text().splitlines()), default=0)
        # The words keep their heading whole, beside a scroll bar if they are taller than the dock
        # (the heading's layout measured again: it keeps its old title's width until laid out).
        self.heading.invalidate()
        words = self.words.minimumSizeHint().width() \
            + self.words_scroll.verticalScrollBar().sizeHint().width()
        row = self.formula_scroll.parentWidget().width() - ROW_MARGINS   # in its tab
        wanted = longest + FORMULA_FRAME
        if wanted <= min(row - words, row * FORMULA_SHARE):
            self.formula_scroll.setFixedWidth(wanted)
        elif words <= row * WORDS_STRETCH / (WORDS_STRETCH + FORMULA_STRETCH):
            self.formula_scroll.setMinimumWidth(0)
            self.formula_scroll.setMaximumWidth(UNLIMITED)
        else:   # stretch would give the words less than their title needs
            self.formula_scroll.setFixedWidth(max(FORMULA_MIN_W, row - words))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_formula()

    def show_check(self, check: GradientCheck) -> None:
        rows = [(leaf, i, a, n) for leaf in check.leaves
                for i, a, n in zip(leaf.elements, leaf.analytic, leaf.numeric)]
        self.check_table.setRowCount(len(rows))
        for row, (leaf, index, analytic, numeric) in enumerate(rows):
            diff = abs(analytic - numeric)
            # The element as PyTorch indexes it: x[1, 0] rather than a flat position.
            where = ", ".join(str(int(i)) for i in np.unravel_index(index, leaf.shape)) \
                if leaf.shape else "—"
            cells = [leaf.name, where, f"{analytic:.8g}",
                     f"{numeric:.8g}", f"{diff:.2e}",
                     "✓" if diff <= TOLERANCE * max(1.0, abs(analytic)) else "✗"]
            for column, text in enumerate(cells):
                self.check_table.setItem(row, column, QTableWidgetItem(text))
        partial = [self.tr("{name}: {checked} of {total} elements checked").format(
            name=leaf.name, checked=len(leaf.elements), total=leaf.total)
            for leaf in check.leaves if len(leaf.elements) < leaf.total]
        if check.agrees:
            verdict = self.tr("Numeric and analytic gradients agree (float64, central "
                              "differences, tolerance {tol}).")
        elif check.has_nan:
            verdict = self.tr("Some gradients are nan: the function is not defined at this point "
                              "(tolerance {tol} cannot apply).")
        else:
            verdict = self.tr("Numeric and analytic gradients DISAGREE (tolerance {tol}).")
        self.check_summary.setText("\n".join([verdict.format(tol=format_number(TOLERANCE)),
                                              *partial]))
        self.tabs.setCurrentIndex(self.check_tab)
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.show()
            dock.raise_()
