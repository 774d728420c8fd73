"""The English titles and descriptions of the bundled examples, for the translators.

The example files hold English text, which explorer.core.document.examples shows through
i18n.translate_data("Examples", text). The extractor cannot read JSON, so TEXTS repeats the texts
inside QT_TRANSLATE_NOOP (a test keeps TEXTS and the files in step). An edited example shows its
English until its new text is translated.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS = (
    # x_squared
    QT_TRANSLATE_NOOP("Examples", "y = x**2 + 1"),
    QT_TRANSLATE_NOOP("Examples", "The first gradient: at x = 2, dy/dx = 2x = 4."),
    # linear_int_x
    QT_TRANSLATE_NOOP("Examples", "y = w*x + b (integer x)"),
    QT_TRANSLATE_NOOP("Examples", "x = 3 is an integer without requires_grad, so x.grad stays "
                      "None; w.grad = 3, b.grad = 1."),
    # power
    QT_TRANSLATE_NOOP("Examples", "z = x**y"),
    QT_TRANSLATE_NOOP("Examples", "Tensor to a tensor power (PowBackward1): x.grad = y*x**(y-1) "
                      "= 108, y.grad = x**y*ln(x)."),
    # mean_of_square
    QT_TRANSLATE_NOOP("Examples", "out = mean(3*(x+2)**2)"),
    QT_TRANSLATE_NOOP("Examples", "On ones(2, 2): out = 27 and every element of x.grad is "
                      "3/2*(x+2) = 4.5."),
    # dot
    QT_TRANSLATE_NOOP("Examples", "y = 2*dot(x, x)"),
    QT_TRANSLATE_NOOP("Examples", "On arange(4.): y = 28 and x.grad = 4x = [0, 4, 8, 12]."),
    # leaf_nonleaf
    QT_TRANSLATE_NOOP("Examples", "Leaf and non-leaf (t*2)"),
    QT_TRANSLATE_NOOP("Examples", "t is a leaf, r = t*2 is not; retain_grad keeps r.grad. "
                      "Backward from t then from r: t.grad goes 1 then 3."),
    # diamond
    QT_TRANSLATE_NOOP("Examples", "Diamond: c = b + b*a, b = a*a"),
    QT_TRANSLATE_NOOP("Examples", "a feeds several paths; their gradients sum: dc/da = 2a + "
                      "3a**2 = 33 at a = 3."),
    # polynomial_loss
    QT_TRANSLATE_NOOP("Examples", "Loss of the PyTorch tutorial's cubic fit"),
    QT_TRANSLATE_NOOP("Examples", "loss = sum((a + b*x + c*x**2 + d*x**3 - sin(x))**2) over "
                      "2000 points in [-pi, pi]."),
    # detach
    QT_TRANSLATE_NOOP("Examples", "z = y.detach() * x"),
    QT_TRANSLATE_NOOP("Examples", "c = y.detach() holds the value of y = x*x (9) but is a leaf "
                      "outside the graph, so z = c*x sends only c to x: x.grad = 9, "
                      "not d(x**3)/dx = 27."),
    # no_grad
    QT_TRANSLATE_NOOP("Examples", "s computed under torch.no_grad()"),
    QT_TRANSLATE_NOOP("Examples", "s = x*2 was computed under no_grad: it holds 6 but records "
                      "no graph, so y = s*x + x gives x.grad = s + 1 = 7, not 4x + "
                      "1 = 13."),
)

