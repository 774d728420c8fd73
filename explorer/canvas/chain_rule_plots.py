"""The chain rule on a tensor edge as pictures: grad_out × local = contribution, each a mini plot
with its shape, instead of lists cut after a few numbers. The tensors are the engine's (from the
replayed flow); nothing here computes a derivative."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from explorer.canvas.tensor_plot import draw_tensor, plot_kind

PLOT_W, PLOT_H = 64.0, 30.0
GAP = 22.0                  # room for the × and = between plots


@dataclass(frozen=True)
class ChainPart:
    name: str               # 'grad_out', 'local' or 'grad_x'
    tensor: object
    is_grad: bool

    def caption(self) -> str:
        return f"{self.name} ({'×'.join(str(n) for n in self.tensor.shape)})"


def _same_everywhere(tensor: object) -> bool:
    data = tensor.detach().numpy(force=True)
    return bool((data == data.flat[0]).all())


def chain_rule_parts(upstream: object, local: object, contribution: object,
                     target: str) -> list[ChainPart] | None:
    """The plotted parts of one gradient flow, or None when its text reads better: the
    contribution is not a vector or matrix of 8 or more, or every element is the same number.
    A flow without an elementwise local derivative (sum, matmul, ...) shows grad_out → result."""
    if plot_kind(contribution) is None or _same_everywhere(contribution):
        return None
    parts = []
    if plot_kind(upstream) is not None:
        parts.append(ChainPart("grad_out", upstream, True))
    if local is not None and plot_kind(local) is not None:
        parts.append(ChainPart("local", local, False))
    parts.append(ChainPart(f"grad_{target}", contribution, True))
    return parts


def chain_rule_text(parts: list[ChainPart], upstream_text: str, local_text: str) -> str:
    """'grad_out (2000) × local (2000) = grad_x (2000)'; a part not plotted (a scalar) is
    written with its number."""
    names = {part.name: part.caption() for part in parts}
    left = [names.get("grad_out", f"grad_out {upstream_text}")]
    if "local" in names or local_text:
        left.append(names.get("local", f"local {local_text}"))
    return f"{' × '.join(left)} = {parts[-1].caption()}"


def strip_size(parts: list[ChainPart]) -> tuple[float, float]:
    return len(parts) * PLOT_W + (len(parts) - 1) * GAP, PLOT_H


def draw_chain_rule(painter: QPainter, rect: QRectF, parts: list[ChainPart], font: QFont,
                    color: QColor) -> None:
    """The parts' mini plots left to right across `rect`, with × and = between them."""
    width, _height = strip_size(parts)
    x = rect.left() + (rect.width() - width) / 2
    painter.setFont(font)
    for i, part in enumerate(parts):
        draw_tensor(painter, QRectF(x, rect.top(), PLOT_W, PLOT_H), part.tensor,
                    grad=part.is_grad)
        x += PLOT_W
        if i < len(parts) - 1:
            sign = "=" if i == len(parts) - 2 else "×"
            painter.setPen(color)
            box = QRectF(x, rect.top(), GAP, PLOT_H)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), sign)
            x += GAP
