"""A target function typed by the user, such as `sin(x)` or `exp(-x**2)`: parsed with an `ast`
whitelist (never evaluated as Python), computed by the engine, and written as the PyTorch code
that computes the same.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass

import engine
from explorer.core.i18n import translate

MAX_LENGTH = 200


def _step(u: engine.Tensor) -> engine.Tensor:
    return (engine.sign(u) + 1) / 2


# name -> (the engine's function, the PyTorch code with {0} for the argument)
FUNCTIONS: dict[str, tuple[Callable[[engine.Tensor], engine.Tensor], str]] = {
    "sin": (engine.sin, "torch.sin({0})"),
    "cos": (engine.cos, "torch.cos({0})"),
    "tan": (engine.tan, "torch.tan({0})"),
    "exp": (engine.exp, "torch.exp({0})"),
    "log": (engine.log, "torch.log({0})"),
    "sqrt": (engine.sqrt, "torch.sqrt({0})"),
    "abs": (engine.abs, "torch.abs({0})"),
    "tanh": (engine.tanh, "torch.tanh({0})"),
    "sigmoid": (engine.sigmoid, "torch.sigmoid({0})"),
    "relu": (engine.relu, "torch.relu({0})"),
    "sign": (engine.sign, "torch.sign({0})"),
    # The unit step, 1/2 at 0 (as sign gives it).
    "step": (_step, "((torch.sign({0}) + 1) / 2)"),
}
CONSTANTS = {"pi": (math.pi, "math.pi"), "e": (math.e, "math.e")}
BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}


class TargetError(ValueError):
    """The expression cannot be a target; the message is translated and says why."""


@dataclass(frozen=True)
class Target:
    """A parsed target expression in x."""

    text: str
    tree: ast.expr

    def evaluate(self, x: engine.Tensor) -> engine.Tensor:
        """The targets at `x`, computed by the engine (a tensor shaped like `x`)."""
        try:
            value = _evaluate(self.tree, x)
        except (ArithmeticError, ValueError) as exc:  # 1/0 or 9**9**9 among the constants
            message = translate("TrainingTarget", "The target {text} cannot be computed: {reason}")
            raise TargetError(message.format(text=self.text, reason=exc)) from None
        if not isinstance(value, engine.Tensor):  # a constant target
            return engine.full_like(x, float(value))
        return value

    def torch_source(self) -> str:
        """PyTorch code computing the same from a tensor named x."""
        code = _source(self.tree)
        if not _uses_x(self.tree):
            return f"torch.full_like(x, {code})"
        return code


def parse_target(text: str) -> Target:
    """Parse `text` as an expression in x; raise TargetError naming what is not allowed."""
    if len(text) > MAX_LENGTH:
        raise TargetError(
            translate("TrainingTarget", "The target is longer than {count} characters.").format(
                count=MAX_LENGTH
            )
        )
    if not text.strip():
        raise TargetError(translate("TrainingTarget", "Type a target in x, such as sin(x)."))
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError):   # ValueError: a null byte, on Python 3.10 and 3.11
        raise TargetError(
            translate("TrainingTarget", "The target {text} is not a valid expression.").format(
                text=text
            )
        ) from None
    _check(tree)
    return Target(text.strip(), tree)


def _refuse(what: str) -> TargetError:
    return TargetError(
        translate(
            "TrainingTarget",
            "{what} is not allowed in a target; use x, numbers, pi, e, + - * / ** and {names}.",
        ).format(what=what, names=", ".join(FUNCTIONS))
    )


def _check(node: ast.expr) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise _refuse(repr(node.value))
    elif isinstance(node, ast.Name):
        if node.id != "x" and node.id not in CONSTANTS:
            raise _refuse(node.id)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in BINARY:
            raise _refuse(ast.unparse(node))
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise _refuse(ast.unparse(node))
        _check(node.operand)
    elif isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS or len(node.args) != 1 or node.keywords:
            raise _refuse(ast.unparse(node))
        _check(node.args[0])
    else:
        raise _refuse(ast.unparse(node))


def _evaluate(node: ast.expr, x: engine.Tensor):
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return x if node.id == "x" else CONSTANTS[node.id][0]
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, x)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, x), _evaluate(node.right, x)
        op = BINARY[type(node.op)]
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if op == "/":
            return left / right
        return left**right
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    argument = _evaluate(node.args[0], x)
    if not isinstance(argument, engine.Tensor):
        argument = engine.full_like(x, argument)
    return FUNCTIONS[node.func.id][0](argument)


def _source(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return repr(float(node.value)) if isinstance(node.value, float) else str(node.value)
    if isinstance(node, ast.Name):
        return "x" if node.id == "x" else CONSTANTS[node.id][1]
    if isinstance(node, ast.UnaryOp):
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        return f"({sign}{_source(node.operand)})"
    if isinstance(node, ast.BinOp):
        op = BINARY[type(node.op)]
        return f"({_source(node.left)} {op} {_source(node.right)})"
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    argument = _source(node.args[0])
    if not _uses_x(node.args[0]):
        argument = f"torch.full_like(x, {argument})"  # torch functions take tensors only
    return FUNCTIONS[node.func.id][1].format(argument)


def _uses_x(node: ast.expr) -> bool:
    return any(isinstance(child, ast.Name) and child.id == "x" for child in ast.walk(node))
