"""Help > Concepts: one short page per autograd idea (leaf tensors, accumulation, retain_grad,
no_grad, detach), each with a tiny PyTorch program and a button that opens the bundled example
showing the same thing on the canvas.

In every code sample, the comment after a print() is what PyTorch prints there (a test runs the
samples through the engine and through PyTorch and compares).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.document.examples import list_examples
from explorer.core.i18n import translate


@dataclass(frozen=True)
class Concept:
    key: str
    title: str
    text: str       # HTML paragraphs, translated
    code: str       # a PyTorch program; not translated (it is code)
    example: str    # key of resources/examples/<example>.json


def concepts() -> list[Concept]:
    """The pages, in reading order, in the current language."""
    return [
        Concept(
            "leaf",
            translate("Concepts", "Leaf and non-leaf tensors"),
            translate("Concepts", "<p>A <b>leaf</b> tensor is one you created yourself, for "
                      "example with torch.tensor(..., requires_grad=True). It has no grad_fn. A "
                      "tensor computed from other tensors is a <b>non-leaf</b>: its grad_fn "
                      "(MulBackward0, AddBackward0, ...) records how to send gradients back to "
                      "its inputs.</p><p>After backward(), only leaves that require grad keep "
                      "their gradient in .grad; the .grad of a non-leaf stays None.</p>"),
            "t = torch.tensor([1., 2.], requires_grad=True)\n"
            "r = t * 2\n"
            "print(t.is_leaf, r.is_leaf)        # True False\n"
            "print(type(r.grad_fn).__name__)    # MulBackward0\n"
            "r.sum().backward()\n"
            "print(t.grad)                      # tensor([2., 2.])\n",
            "leaf_nonleaf"),
        Concept(
            "accumulation",
            translate("Concepts", "Gradient accumulation"),
            translate("Concepts", "<p>backward() <b>adds</b> into .grad, it never overwrites "
                      "it. Run backward twice and the gradient doubles. When a tensor is used "
                      "on several paths, the contributions of all paths are summed in the same "
                      "way.</p><p>That is why a training loop calls optimizer.zero_grad() (or "
                      "x.grad.zero_()) before every backward(). In the example, press Backward "
                      "twice and watch x.grad go from 4 to 8.</p>"),
            "x = torch.tensor(2., requires_grad=True)\n"
            "y = x ** 2 + 1\n"
            "y.backward(retain_graph=True)\n"
            "print(x.grad)    # tensor(4.)\n"
            "y.backward()\n"
            "print(x.grad)    # tensor(8.)\n"
            "x.grad.zero_()\n"
            "print(x.grad)    # tensor(0.)\n",
            "x_squared"),
        Concept(
            "retain_grad",
            "retain_grad()",
            translate("Concepts", "<p>A non-leaf tensor passes its gradient on during backward "
                      "and does not keep it. Call <b>r.retain_grad()</b> before backward() and "
                      "r.grad is kept, and accumulates like a leaf's.</p><p>In the editor, tick "
                      "retain_grad in the Inspector of any operation node.</p>"),
            "t = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)\n"
            "r = t * 2\n"
            "r.retain_grad()\n"
            "r.sum().backward()\n"
            "print(r.grad)    # tensor([1., 1., 1.])\n"
            "print(t.grad)    # tensor([2., 2., 2.])\n",
            "leaf_nonleaf"),
        Concept(
            "no_grad",
            "torch.no_grad()",
            translate("Concepts", "<p>Inside <b>with torch.no_grad():</b> operations run but "
                      "record no graph: their results have requires_grad=False and no grad_fn, "
                      "even when their inputs require grad. Use it where no gradient is needed, "
                      "such as parameter updates and evaluation.</p><p>On the canvas, tick no_grad "
                      "in the Inspector of an operation node: the node keeps its value, but no "
                      "gradient flows back through it.</p>"),
            "x = torch.tensor(3., requires_grad=True)\n"
            "with torch.no_grad():\n"
            "    s = x * 2\n"
            "print(s.requires_grad, s.grad_fn)    # False None\n"
            "y = s * x + x\n"
            "y.backward()\n"
            "print(x.grad)    # tensor(7.)\n",
            "no_grad"),
        Concept(
            "detach",
            "detach()",
            translate("Concepts", "<p><b>y.detach()</b> returns a tensor with the same values "
                      "as y that is cut from the graph: requires_grad=False and no grad_fn. "
                      "Later computations treat it as a constant, so no gradient flows back "
                      "through it.</p><p>On the canvas it is the detach node (Nodes: Autograd). "
                      "Here z = c * x with c = (x * x).detach(): x.grad is c = 9, not the 27 "
                      "that d(x**3)/dx would give.</p>"),
            "x = torch.tensor(3., requires_grad=True)\n"
            "y = x * x\n"
            "c = y.detach()\n"
            "print(c.requires_grad, c.grad_fn)    # False None\n"
            "z = c * x\n"
            "z.backward()\n"
            "print(x.grad)    # tensor(9.)\n",
            "detach"),
    ]


class ConceptsDialog(QDialog):
    """The Concepts window: the list of pages on the left, the page on the right."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window, Qt.WindowType.Window)
        self.setObjectName("ConceptsDialog")
        self.window_ = window
        self.setWindowTitle(self.tr("Concepts"))
        self.pages = concepts()
        self.example_titles = dict(list_examples())
        self.list = QListWidget()
        self.list.addItems([page.title for page in self.pages])
        self.list.setMaximumWidth(220)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.page = QTextBrowser()
        self.page.setOpenExternalLinks(False)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_example)
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.page, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        self.list.currentRowChanged.connect(self._show_page)
        self.list.setCurrentRow(0)

    def sizeHint(self) -> QSize:
        return QSize(780, 480)

    def current(self) -> Concept:
        return self.pages[max(0, self.list.currentRow())]

    def show_concept(self, key: str) -> None:
        rows = [i for i, page in enumerate(self.pages) if page.key == key]
        if not rows:
            raise KeyError(key)
        self.list.setCurrentRow(rows[0])

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        page = self.pages[row]
        self.heading.setText(page.title)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        self.page.setHtml(
            f"{page.text}<pre style=\"font-family: '{html.escape(mono)}'; background: #f4f4f6; "
            f"padding: 6px;\">{html.escape(page.code)}</pre>")
        title = self.example_titles.get(page.example, page.example)
        self.open_button.setText(self.tr("Open the example “{title}”").format(title=title))
        self.open_button.setEnabled(page.example in self.example_titles)

    def open_example(self) -> bool:
        """Open the current page's example in the main window (asking to save unsaved work)."""
        opened = self.window_.open_example(self.current().example)
        if opened:
            self.window_.view.fit_to_view()
            self.window_.raise_()
            self.window_.activateWindow()
        return opened


def show_concepts(window, key: str | None = None) -> ConceptsDialog:
    """Open (or bring back) the window's Concepts dialog, on page `key` if given."""
    dialog = window.guide.concepts_dialog
    if dialog is None:
        dialog = window.guide.concepts_dialog = ConceptsDialog(window)
    if key is not None:
        dialog.show_concept(key)
    dialog.show()
    dialog.raise_()
    return dialog
