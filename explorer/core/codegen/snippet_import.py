"""PyTorch-style code -> graph nodes, without executing any of it.

The text is parsed with `ast` and walked against an explicit whitelist: `import torch` / `math`
/ `torch.nn.functional as F`, assignments, tensor factories, arithmetic, the tensor methods and
torch functions the op catalog has, `with torch.no_grad():`, the backward calls, `nn.Linear /
Sequential / MSELoss / ReLU / Tanh /
Sigmoid` and `F.mse_loss`, `+=`, and `for` loops over a literal `range` of at most
MAX_UNROLLED iterations (unrolled: one graph holds every pass). Everything
else is refused with its line number, before anything reaches the document. `.detach()` becomes
a detach node and every op inside a no_grad block a node with no_grad=True, so the learner sees
both on the canvas. Where a value or requires_grad must be known (backward, retain_grad,
requires_grad_() on a
computed tensor, ones_like), the nodes built so far run through the editor's own evaluation
(explorer.core.document.evaluation), so the importer and the canvas cannot disagree.
"""
from __future__ import annotations

import ast
import difflib
import math
import re
import warnings
from dataclasses import dataclass

import numpy as np

import engine as torch
from engine import generator as engine_generator
from explorer.core.codegen.additions import Additions, NodeSpec, apply_additions, place_additions
from explorer.core.codegen.backward_plan import ONES, PlanAction
from explorer.core.codegen.name_hints import name_hint
from explorer.core.document.evaluation import Evaluation, evaluate
from explorer.core.document.graph_document import GraphDocument, GraphEditError
from explorer.core.document.input_defaults import fresh_input_value
from explorer.core.document.op_catalog import DTYPES, OPS
from explorer.core.document.value_text import MAX_DEPTH as MAX_VALUE_DEPTH
from explorer.core.document.value_text import format_index
from explorer.core.i18n import translate

MAX_SOURCE_CHARS = 1_000_000
MAX_DEPTH = 200           # nesting of one expression
MAX_NODES = 10_000
MAX_ELEMENTS = 1_000_000  # of one tensor literal or computed leaf
MAX_FOLDED_RANDOM = 10_000   # a later random draw is stored as its values' text, so kept small
MAX_UNROLLED = 10         # iterations of a for loop over range(...)
INT64_MAX = 2**63 - 1

UNARY = {"exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "sigmoid", "relu", "neg"}
BINARY = {"add": "add", "sub": "sub", "subtract": "sub", "mul": "mul", "multiply": "mul",
          "div": "div", "divide": "div", "true_divide": "div", "pow": "pow", "dot": "dot",
          "matmul": "matmul", "mm": "matmul", "mv": "matmul"}
REDUCTIONS = {"sum", "mean"}
FACTORIES = {"tensor", "as_tensor", "ones", "zeros", "rand", "randn", "full", "arange", "linspace"}
DTYPE_NAMES = {"float32": "float32", "float": "float32", "float64": "float64",
               "double": "float64", "int64": "int64", "long": "int64", "bool": "bool"}
MATH_CONSTANTS = {"pi": math.pi, "e": math.e, "tau": math.tau, "inf": math.inf, "nan": math.nan}
MATH_FUNCTIONS = {"sqrt": math.sqrt, "exp": math.exp, "log": math.log, "sin": math.sin,
                  "cos": math.cos}
# Names that never make sense in a snippet; refused even inside an (ignored) print call.
BLOCKED_CALLS = {"exec", "eval", "compile", "open", "getattr", "setattr", "delattr", "globals",
                 "locals", "vars", "input", "breakpoint", "exit", "quit", "help", "memoryview"}
FUNCTIONAL = "torch.nn.functional"
FUNCTIONAL_NAMES = {"relu", "sigmoid", "tanh", "mse_loss"}
NN = "torch.nn"
# nn modules a snippet may build: activations map to their op, the rest are handled by name.
NN_ACTIVATIONS = {"ReLU": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid"}
NN_MODULES = {"Linear", "Sequential", "MSELoss", *NN_ACTIVATIONS}
# Every function name the importer knows, for "did you mean" hints.
KNOWN_FUNCTIONS = sorted(FACTORIES | UNARY | set(BINARY) | REDUCTIONS
                         | {"square", "ones_like", "zeros_like", "reshape", "transpose", "t"})
BIN_OPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow",
           ast.MatMult: "matmul"}


class SnippetError(ValueError):
    """The snippet cannot be imported; the message is translated and starts with the line."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(translate("SnippetImport", "Line {line}: {reason}").format(
            line=line, reason=reason))
        self.line = line
        self.reason = reason


# ---- the values an expression can have while it is translated -------------------------------

@dataclass(frozen=True)
class _Number:
    value: int | float | bool
    variable: str | None = None   # bound to this name: its constant node is named after it


@dataclass(frozen=True)
class _Tensor:
    ref: str                      # batch key, or id of a node already in the document


@dataclass(frozen=True)
class _Module:
    name: str                     # "torch" | "math"


@dataclass(frozen=True)
class _NNModule:
    kind: str                     # a key of NN_MODULES
    params: tuple = ()            # Linear: (weight ref, bias ref or None); MSELoss: (reduction,)
    children: tuple = ()          # Sequential's modules


@dataclass(frozen=True)
class _Device:
    name: str                     # "cpu" or "cuda"


@dataclass(frozen=True)
class _DType:
    name: str                     # a key of op_catalog.DTYPES


@dataclass
class _Spec:
    key: str
    op: str
    params: dict
    inputs: dict[str, str]
    name: str | None = None


def _with_default_generator(generator, make):
    """make() with `generator` standing in for the default one (nn.Linear draws its initial
    weights from the default generator); the default's own state is untouched."""
    default = engine_generator.default
    saved = dict(default.__dict__)
    default.__dict__.update(generator.__dict__)
    try:
        return make()
    finally:
        generator.__dict__.update(default.__dict__)
        default.__dict__.clear()
        default.__dict__.update(saved)


@dataclass
class _Random:
    seed: int
    draws: int = 0   # since manual_seed
    generator: object = None   # an engine Generator, advanced by each draw (never replayed)


def _fail(reason: str, node: ast.AST | int) -> SnippetError:
    line = node if isinstance(node, int) else getattr(node, "lineno", 1)
    return SnippetError(reason, line)


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


# ---- entry points ----------------------------------------------------------------------------

def parse_snippet(source: str, doc: GraphDocument | None = None) -> Additions:
    """The nodes, edges and backward steps `source` builds, laid out below `doc`'s nodes.

    Names of `doc`'s nodes may be used by the snippet; other unknown names are errors.
    Raises SnippetError; never modifies `doc`.
    """
    return build_additions(source, doc, free_names_become_inputs=False)


def import_snippet(source: str) -> GraphDocument:
    """A new, laid-out document built from `source`; raises SnippetError."""
    additions = parse_snippet(source)
    doc = GraphDocument()
    try:
        apply_additions(doc, additions)
    except GraphEditError as exc:
        raise SnippetError(str(exc), 1) from None
    doc.revision = 0
    return doc


def build_additions(source: str, doc: GraphDocument | None, *,
                    free_names_become_inputs: bool) -> Additions:
    """Translate `source` against `doc` (None: an empty document); raises SnippetError.

    free_names_become_inputs: the expression bar's rules (see explorer.core.codegen.expression).
    """
    tree = _parse(source)
    _check_tree(tree)
    _refuse_loops(tree)
    translator = _Translator(doc, free_names_become_inputs)
    for statement in tree.body:
        translator.statement(statement)
    additions = translator.finish()
    try:
        place_additions(doc, additions)
    except GraphEditError as exc:
        raise SnippetError(str(exc), 1) from None
    return additions


_UNCLOSED = re.compile(r"'(.)' was never closed")
_UNMATCHED = re.compile(r"unmatched '(.)'")


def syntax_message(message: str) -> str:
    """Python's words for the commonest slips in a typed expression, in the user's language
    (the rarer ones stay as Python says them)."""
    if message == "invalid syntax":
        return translate("SnippetImport", "invalid syntax")
    if message == "invalid syntax. Perhaps you forgot a comma?":
        return translate("SnippetImport", "invalid syntax. Perhaps you forgot a comma?")
    if match := _UNCLOSED.fullmatch(message):
        return translate("SnippetImport", "'{bracket}' was never closed").format(
            bracket=match.group(1))
    if match := _UNMATCHED.fullmatch(message):
        return translate("SnippetImport", "unmatched '{bracket}'").format(bracket=match.group(1))
    return message


def _parse(source: str) -> ast.Module:
    if len(source) > MAX_SOURCE_CHARS:
        raise SnippetError(translate("SnippetImport", "the program is too long (more than {n} "
                                     "characters).").format(n=MAX_SOURCE_CHARS), 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # Python's SyntaxWarnings would reach stderr
            return ast.parse(source)
    except SyntaxError as exc:
        raise SnippetError(translate("SnippetImport", "syntax error: {message}").format(
            message=syntax_message(exc.msg)), exc.lineno or 1) from None
    except (RecursionError, MemoryError, ValueError):
        raise SnippetError(translate("SnippetImport", "the code is nested too deeply to read."),
                           _deepest_line(source)) from None


def _deepest_line(source: str) -> int:
    """The line with the most brackets and operators: where a too-deep expression sits."""
    lines = source.splitlines() or [""]
    scores = [sum(line.count(c) for c in "([{+-*/@") for line in lines]
    return scores.index(max(scores)) + 1


def _check_tree(tree: ast.Module) -> None:
    """Refuse, before translating, what must never pass: deep nesting and dunder names."""
    # Each node carries the nearest line above it: operators and contexts (ast.Add, ast.Load)
    # have none, and Python 3.10 parses a 10,000-deep sum that reaches the depth limit at one.
    stack: list[tuple[ast.AST, int, int]] = [(tree, 0, 1)]
    while stack:
        node, depth, line = stack.pop()
        line = getattr(node, "lineno", line)
        if depth > MAX_DEPTH:
            raise _fail(translate("SnippetImport", "the expression is nested more than {n} levels "
                                  "deep.").format(n=MAX_DEPTH), line)
        if isinstance(node, ast.Name) and _is_dunder(node.id):
            raise _fail(translate("SnippetImport", "names with double underscores ({name}) are "
                                  "not allowed.").format(name=node.id), node)
        if isinstance(node, ast.Attribute) and _is_dunder(node.attr) and node.attr != "__name__":
            raise _fail(translate("SnippetImport", "attributes with double underscores ({name}) "
                                  "are not allowed.").format(name=node.attr), node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in BLOCKED_CALLS:
            raise _fail(translate("SnippetImport", "{name}() is not allowed in a snippet.").format(
                name=node.func.id), node)
        stack.extend((child, depth + 1, line) for child in ast.iter_child_nodes(node))


def _unrolled_range(node: ast.AST) -> range | None:
    """The range of `for name in range(<int literals>):` when it has at most MAX_UNROLLED
    iterations and no else clause; None for any other loop."""
    if not isinstance(node, ast.For) or node.orelse or not isinstance(node.target, ast.Name):
        return None
    call = node.iter
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id == "range" and not call.keywords and 1 <= len(call.args) <= 3):
        return None
    bounds = []
    for arg in call.args:
        negative = isinstance(arg, ast.UnaryOp) and isinstance(arg.op, ast.USub)
        literal = arg.operand if negative else arg
        if not (isinstance(literal, ast.Constant) and type(literal.value) is int):
            return None
        bounds.append(-literal.value if negative else literal.value)
    if len(bounds) == 3 and bounds[2] == 0:
        return None
    steps = range(*bounds)
    return steps if len(steps) <= MAX_UNROLLED else None


def _refuse_loops(tree: ast.Module) -> None:
    """A loop that cannot be unrolled is the reason a program cannot become one graph (seed
    004's training loop), so say so before any smaller detail on an earlier line."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)) and _unrolled_range(node) is None:
            raise _fail(translate("SnippetImport", "loops are not supported: the canvas shows "
                                  "one pass through the code. Training loops run in Training > "
                                  "Polynomial training workbench."), node)


def _statement_kind(node: ast.stmt) -> str:
    kinds = {
        (ast.For, ast.AsyncFor, ast.While): translate("SnippetImport", "loops"),
        (ast.If,): translate("SnippetImport", "if statements"),
        (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
            translate("SnippetImport", "function definitions"),
        (ast.ClassDef,): translate("SnippetImport", "class definitions"),
        (ast.Try,): translate("SnippetImport", "try statements"),
        (ast.Delete,): translate("SnippetImport", "del statements"),
        (ast.Global, ast.Nonlocal): translate("SnippetImport", "global declarations"),
        (ast.Return, ast.Raise, ast.Assert, ast.Break, ast.Continue):
            translate("SnippetImport", "control flow statements"),
    }
    for types, text in kinds.items():
        if isinstance(node, types):
            return text
    return translate("SnippetImport", "{kind} statements").format(kind=type(node).__name__)


def _expression_kind(node: ast.expr) -> str:
    if isinstance(node, ast.Lambda):
        return translate("SnippetImport", "lambda expressions")
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        return translate("SnippetImport", "comprehensions")
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return translate("SnippetImport", "comparisons")
    if isinstance(node, (ast.JoinedStr, ast.Constant)):
        return translate("SnippetImport", "strings")
    if isinstance(node, ast.IfExp):
        return translate("SnippetImport", "conditional expressions (a if c else b)")
    if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
        return translate("SnippetImport", "lists, tuples, sets and dicts")
    return translate("SnippetImport", "{kind} expressions").format(kind=type(node).__name__)


# ---- the translator --------------------------------------------------------------------------

class _Translator:
    def __init__(self, doc: GraphDocument | None, free_names_become_inputs: bool) -> None:
        self.doc = doc
        self.free_inputs = free_names_become_inputs
        self.specs: dict[str, _Spec] = {}
        self.uses: dict[str, int] = {}            # ref -> number of edges leaving it
        self.unused_candidates: set[str] = set()  # inputs a fold disconnected
        self.bindings: dict[str, object] = {"torch": _Module("torch"), "math": _Module("math")}
        self.constant_of: dict[str, str] = {}   # number variable -> its constant node's key
        self.taken: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        if doc is not None:
            for data in doc.nodes():
                self.taken.add(data.name)
                self.bindings[data.name] = _Tensor(data.id)
        self.evaluated: Evaluation | None = None   # of the nodes so far; None when stale
        self.steps: list[PlanAction] = []
        self.assigned: list[tuple[str, str]] = []
        self.no_grad = False
        self.random: _Random | None = None
        self.statement_first_key = 1
        self.next_key = 1

    # ---- statements ------------------------------------------------------------------------

    def statement(self, node: ast.stmt) -> None:
        self.statement_first_key = self.next_key
        if isinstance(node, ast.Import):
            self._import(node)
        elif isinstance(node, ast.Assign):
            self._assign(node)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            # `x: torch.Tensor = ...`: the annotation is only read past, never evaluated.
            self._assign(ast.Assign(targets=[node.target], value=node.value, lineno=node.lineno))
        elif isinstance(node, ast.Expr):
            self._expression_statement(node)
        elif isinstance(node, ast.With):
            self._with(node)
        elif isinstance(node, ast.Pass):
            pass
        elif isinstance(node, ast.AugAssign):
            self._augmented_assign(node)
        elif isinstance(node, ast.ImportFrom):
            self._import_from(node)
        elif isinstance(node, ast.For) and _unrolled_range(node) is not None:
            self._for(node)
        else:
            raise _fail(translate("SnippetImport", "{kind} are not supported.").format(
                kind=_statement_kind(node)), node)
        if len(self.specs) + (len(self.doc) if self.doc is not None else 0) > MAX_NODES:
            raise _fail(translate("SnippetImport", "the program builds more than {n} nodes.")
                        .format(n=MAX_NODES), node)

    def _import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name in (FUNCTIONAL, NN) and alias.asname is not None:
                self._bind_module(alias.asname, alias.name, node)
            elif alias.name in (FUNCTIONAL, NN) and alias.asname is None:
                pass   # `import torch.nn` binds torch, which is bound already
            elif alias.name not in ("torch", "math") or alias.asname not in (None, alias.name):
                raise _refused_import(node)

    def _import_from(self, node: ast.ImportFrom) -> None:
        """`from torch import nn`, `from torch.nn import functional as F`."""
        for alias in node.names:
            module = f"{node.module}.{alias.name}"
            if node.level or module not in (FUNCTIONAL, NN):
                raise _refused_import(node)
            self._bind_module(alias.asname or alias.name, module, node)

    def _bind_module(self, name: str, module: str, node: ast.AST) -> None:
        reason = GraphDocument().check_name(name)
        if reason is not None:
            raise _fail(reason, node)
        self.bindings[name] = _Module(module)

    def _augmented_assign(self, node: ast.AugAssign) -> None:
        """`x += y` is `x = x + y` for the graph: PyTorch's in-place add on a non-leaf records
        the same AddBackward0. On a leaf that requires grad PyTorch refuses, and so do we."""
        if not isinstance(node.target, ast.Name) or type(node.op) not in BIN_OPS:
            raise _fail(translate("SnippetImport", "only name += value (and -=, *=, /=, **=, "
                                  "@=) is supported."), node)
        current = self.expr(ast.Name(id=node.target.id, ctx=ast.Load(), lineno=node.lineno))
        if isinstance(current, _Tensor) and not self.no_grad \
                and self._node_parts(current.ref)[0] == "input" \
                and self._requires_grad(current.ref, node):
            raise _fail("a leaf Variable that requires grad is being used in an in-place "
                        "operation.", node)
        value = ast.BinOp(left=ast.Name(id=node.target.id, ctx=ast.Load()), op=node.op,
                          right=node.value)
        ast.copy_location(value, node)
        ast.fix_missing_locations(value)
        self._assign(ast.Assign(targets=[node.target], value=value, lineno=node.lineno))

    def _for(self, node: ast.For) -> None:
        """A short loop over range(...) unrolled: the body once per value of the loop variable."""
        name = node.target.id
        reason = GraphDocument().check_name(name)
        if reason is not None:
            raise _fail(reason, node)
        for value in _unrolled_range(node):
            self.bindings[name] = _Number(value, name)
            self.constant_of.pop(name, None)
            for statement in node.body:
                self.statement(statement)

    def _assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1:
            raise _fail(translate("SnippetImport", "assign one name at a time (a = b = ... is not "
                                  "supported)."), node)
        target = node.targets[0]
        if isinstance(target, ast.Attribute) and target.attr == "grad":
            if not (isinstance(node.value, ast.Constant) and node.value.value is None):
                raise _fail(translate("SnippetImport", "only .grad = None may be assigned."), node)
            ref = self._tensor(self.expr(target.value), target.value)
            self.steps.append(PlanAction("clear_grad", ref))
            return
        if not isinstance(target, ast.Name):
            raise _fail(translate("SnippetImport", "only plain names can be assigned (not "
                                  "attributes, items or tuples)."), node)
        name = target.id
        reason = GraphDocument().check_name(name)
        if reason is not None or name in ("torch", "math"):
            raise _fail(reason or translate("SnippetImport", "{name} cannot be reassigned.")
                        .format(name=name), node)
        value = self.expr(node.value)
        if isinstance(value, _Number):
            self.bindings[name] = _Number(value.value, name)
            self.constant_of.pop(name, None)
            return
        if isinstance(value, (_DType, _Device)):
            self.bindings[name] = value
            return
        if isinstance(value, _NNModule):
            self.bindings[name] = value
            self._name_parameters(value, name)
            return
        ref = self._tensor(value, node.value)
        spec = self.specs.get(ref)
        if spec is not None and spec.name is None and self._is_new(ref):
            spec.name = self._fresh_name(name)
        self.bindings[name] = _Tensor(ref)
        self.constant_of.pop(name, None)
        self.assigned.append((name, ref))
        self._prune()

    def _expression_statement(self, node: ast.Expr) -> None:
        value = node.value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return   # a docstring
        if isinstance(value, ast.Call):
            if isinstance(value.func, ast.Name) and value.func.id == "print":
                _check_ignored(value)
                return
            if isinstance(value.func, ast.Attribute) and self._method_statement(value):
                self._prune()   # a fold by requires_grad_() may leave temporaries unused
                return
        result = self.expr(value)
        if self.free_inputs and isinstance(result, _Tensor) and self._is_new(result.ref):
            return   # the expression bar keeps `torch.exp(x) / 2` as a node of its own
        self._prune()

    def _method_statement(self, call: ast.Call) -> bool:
        """The statements that act on a tensor rather than compute one; False if not one."""
        func = call.func
        method = func.attr
        if method == "manual_seed" and self.expr(func.value) == _Module("torch"):
            args = _bind(call, "manual_seed", ("seed",), 1)
            seed = self._int(args["seed"])
            self.random = _Random(seed)
            return True
        if method == "zero_" and isinstance(func.value, ast.Attribute) \
                and func.value.attr == "grad":
            _bind(call, "zero_", (), 0)
            ref = self._tensor(self.expr(func.value.value), func.value.value)
            self.steps.append(PlanAction("zero_grad", ref))
            return True
        if method not in ("backward", "retain_grad", "requires_grad_"):
            return False
        ref = self._tensor(self.expr(func.value), func.value)
        if method == "backward":
            self._backward(call, ref)
        elif method == "retain_grad":
            _bind(call, "retain_grad", (), 0)
            self._retain_grad(ref, call)
        else:
            self._requires_grad_(call, ref)
        return True

    def _backward(self, call: ast.Call, ref: str) -> None:
        args = _bind(call, "backward", ("gradient", "retain_graph", "create_graph", "inputs"), 0)
        if "create_graph" in args or "inputs" in args:
            raise _fail(translate("SnippetImport", "backward(create_graph=..., inputs=...) is not "
                                  "supported."), call)
        if not self._requires_grad(ref, call):
            raise _fail("element 0 of tensors does not require grad and does not have a grad_fn",
                        call)
        gradient = args.get("gradient")
        text = None
        if gradient is not None and not (isinstance(gradient, ast.Constant)
                                         and gradient.value is None):
            text = self._gradient_text(gradient)
        retain = args.get("retain_graph")
        # Only a literal False or None frees the graph; a name we cannot follow is taken as True.
        frees = retain is None or (isinstance(retain, ast.Constant) and not retain.value)
        self.steps.append(PlanAction("backward", ref, text, retain_graph=not frees))

    def _gradient_text(self, node: ast.expr) -> str:
        """ONES for torch.ones_like(...), else the value text of torch.ones(...) or a literal."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and self.expr(node.func.value) == _Module("torch"):
            if node.func.attr == "ones_like":
                args = _bind(node, "ones_like", ("input",), 1)
                self._tensor(self.expr(args["input"]), args["input"])
                return ONES
            if node.func.attr in ("tensor", "as_tensor"):
                args = _bind(node, node.func.attr, ("data", "dtype"), 1)
                return _value_text(self._data(args["data"]))
            if node.func.attr == "ones" and not node.keywords:
                shape = _shape_of_text(self._shape_text(node.args, node))
                return _value_text(_filled(shape, 1.0))
        raise _fail(translate("SnippetImport", "the gradient of backward must be "
                              "torch.ones_like(...), torch.ones(...) or torch.tensor([...])."),
                    node)

    def _retain_grad(self, ref: str, node: ast.AST) -> None:
        if not self._requires_grad(ref, node):
            raise _fail("can't retain_grad on Tensor that has requires_grad=False", node)
        spec = self._own_spec(ref, node)
        spec.params["retain_grad"] = True
        self.evaluated = None

    def _requires_grad_(self, call: ast.Call, ref: str) -> None:
        args = _bind(call, "requires_grad_", ("requires_grad",), 0)
        flag = self._bool(args["requires_grad"]) if "requires_grad" in args else True
        spec = self._own_spec(ref, call)
        if spec.op != "input" and self._requires_grad(ref, call):
            raise _fail("you can only change requires_grad flags of leaf variables.", call)
        if self.uses.get(ref):
            raise _fail(translate("SnippetImport", "requires_grad_() after the tensor was used is "
                                  "not supported; call it right after creating the tensor."), call)
        if spec.op == "input":
            spec.params["requires_grad"] = flag
            self.evaluated = None
        else:
            # In PyTorch this makes the computed tensor (one without grad: made under no_grad,
            # by detach() or from tensors without grad) a new leaf. A node is either an op or a
            # leaf, and an op node's value requires grad only through its inputs, so the node
            # becomes a leaf holding the value: autograd sees just that, as nothing flows back
            # past a leaf.
            self._fold(ref, requires_grad=flag, line=call.lineno)

    def _with(self, node: ast.With) -> None:
        item = node.items[0] if len(node.items) == 1 else None
        expr = item.context_expr if item else None
        ok = item is not None and item.optional_vars is None and isinstance(expr, ast.Call) \
            and isinstance(expr.func, ast.Attribute) and expr.func.attr == "no_grad" \
            and not expr.args and not expr.keywords \
            and self.expr(expr.func.value) == _Module("torch")
        if not ok:
            raise _fail(translate("SnippetImport", "the only supported with block is "
                                  "'with torch.no_grad():'."), node)
        outer = self.no_grad
        self.no_grad = True
        try:
            for statement in node.body:
                self.statement(statement)
        finally:
            self.no_grad = outer

    # ---- expressions -----------------------------------------------------------------------

    def expr(self, node: ast.expr):
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            return self._attribute(node)
        if isinstance(node, ast.BinOp):
            return self._binop(node)
        if isinstance(node, ast.UnaryOp):
            return self._unary(node)
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Subscript):
            return self._subscript(node)
        if isinstance(node, ast.IfExp):
            return self._if_expression(node)
        raise _fail(translate("SnippetImport", "{kind} are not supported here.").format(
            kind=_expression_kind(node)), node)

    def _if_expression(self, node: ast.IfExp):
        """`a if c else b` when c is a number known while importing (torch.cuda.is_available())."""
        test = self.expr(node.test)
        if not isinstance(test, _Number):
            raise _fail(translate("SnippetImport", "conditional expressions (a if c else b) are "
                                  "supported only when c is known without running the code."),
                        node)
        return self.expr(node.body if test.value else node.orelse)

    def _constant(self, node: ast.Constant) -> _Number:
        value = node.value
        if isinstance(value, bool) or (isinstance(value, int) and abs(value) <= INT64_MAX):
            return _Number(value)
        if isinstance(value, float):
            return _Number(value)
        if value in ("cpu", "cuda"):
            return _Device(value)
        if isinstance(value, int):
            raise _fail(translate("SnippetImport", "the number is too large (it does not fit in "
                                  "int64)."), node)
        raise _fail(translate("SnippetImport", "{kind} are not supported here.").format(
            kind=_expression_kind(node)), node)

    def _name(self, node: ast.Name):
        if node.id in self.bindings:
            return self.bindings[node.id]
        hint = name_hint(node.id, self.bindings)
        if self.free_inputs and hint is None and GraphDocument().check_name(node.id) is None:
            value = fresh_input_value(self.doc, [spec.params.get("value") for spec in
                                                 self.specs.values() if spec.op == "input"])
            key = self._add("input", {"init": "value", "value": value, "dtype": "auto",
                                      "requires_grad": True}, {})
            self.specs[key].name = self._fresh_name(node.id)
            self.bindings[node.id] = _Tensor(key)
            return _Tensor(key)
        message = translate("SnippetImport", "name {name!r} is not defined.").format(name=node.id)
        raise _fail(f"{message} {hint}" if hint else message, node)

    def _attribute(self, node: ast.Attribute):
        base = self.expr(node.value)
        if base == _Module("math") and node.attr in MATH_CONSTANTS:
            return _Number(MATH_CONSTANTS[node.attr])
        if base == _Module("torch") and node.attr in DTYPE_NAMES:
            return _DType(DTYPE_NAMES[node.attr])
        if base == _Module("torch") and node.attr in ("nn", "cuda"):
            return _Module(f"torch.{node.attr}")
        if base == _Module("torch.nn") and node.attr == "functional":
            return _Module(FUNCTIONAL)
        if isinstance(base, _Tensor) and node.attr == "T":
            return self._op("transpose", [base], node, {"dim0": 0, "dim1": 1})
        if isinstance(base, _Module):
            raise _fail(translate("SnippetImport", "{module}.{name} is not supported.").format(
                module=base.name, name=node.attr), node)
        raise _fail(translate("SnippetImport", "reading .{name} is not supported in a snippet "
                              "(only in print).").format(name=node.attr), node)

    def _binop(self, node: ast.BinOp):
        op = BIN_OPS.get(type(node.op))
        if op is None:
            raise _fail(translate("SnippetImport", "the operator {op} is not supported.").format(
                op=type(node.op).__name__), node)
        left, right = self.expr(node.left), self.expr(node.right)
        if isinstance(left, _Number) and isinstance(right, _Number) and op != "matmul":
            return _Number(_fold_numbers(op, left.value, right.value, node))
        return self._op(op, [left, right], node)

    def _unary(self, node: ast.UnaryOp):
        operand = self.expr(node.operand)
        if isinstance(node.op, ast.UAdd) and isinstance(operand, (_Number, _Tensor)):
            return operand
        if isinstance(node.op, ast.USub):
            if isinstance(operand, _Number):
                return _Number(-operand.value)
            return self._op("neg", [operand], node)
        raise _fail(translate("SnippetImport", "the operator {op} is not supported.").format(
            op=type(node.op).__name__), node)

    def _subscript(self, node: ast.Subscript):
        base = self._tensor(self.expr(node.value), node.value)
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        index = tuple(self._index_item(item) for item in items)
        return self._op("index", [_Tensor(base)], node, {"index": format_index(index)})

    def _index_item(self, node: ast.expr):
        if isinstance(node, ast.Slice):
            bounds = [None if part is None else self._int(part)
                      for part in (node.lower, node.upper, node.step)]
            return slice(*bounds)
        if isinstance(node, ast.Constant) and (node.value is None or node.value is Ellipsis):
            return node.value
        return self._int(node)

    def _call(self, node: ast.Call):
        func = node.func
        if isinstance(func, ast.Call) or (isinstance(func, ast.Name)
                                          and isinstance(self.bindings.get(func.id), _NNModule)):
            module = self.expr(func)
            if isinstance(module, _NNModule):
                ports = ("input", "target") if module.kind == "MSELoss" else ("input",)
                args = _bind(node, module.kind, ports, len(ports))
                return self._apply_module(module, [self.expr(args[p]) for p in ports], node)
        if isinstance(func, ast.Attribute):
            base = self.expr(func.value)
            if base == _Module(NN) and func.attr in NN_MODULES:
                return self._nn_module(func.attr, node)
            if base == _Module("torch.cuda") and func.attr == "is_available":
                _bind(node, "is_available", (), 0)
                return _Number(False)   # the graph runs on the CPU, as on a machine without CUDA
            if base == _Module(FUNCTIONAL) and func.attr == "mse_loss":
                return self._mse_loss(node)
            if base == _Module("torch") or (base == _Module(FUNCTIONAL)
                                            and func.attr in FUNCTIONAL_NAMES):
                return self._torch_function(func.attr, node)
            if base == _Module("math") and func.attr in MATH_FUNCTIONS:
                args = _bind(node, func.attr, ("x",), 1)
                return _Number(_checked(MATH_FUNCTIONS[func.attr], self._number(args["x"]), node))
            if isinstance(base, _Tensor):
                return self._method(base, func.attr, node)
        elif isinstance(func, ast.Name):
            if func.id == "float" and len(node.args) == 1 \
                    and isinstance(node.args[0], ast.Constant) \
                    and node.args[0].value in ("inf", "-inf", "nan") and not node.keywords:
                return _Number(float(node.args[0].value))
            if func.id not in self.bindings:
                if self.free_inputs and func.id in KNOWN_FUNCTIONS:
                    return self._torch_function(func.id, node)
                raise _fail(translate("SnippetImport", "{name} is not a known function.").format(
                    name=func.id) + _did_you_mean(func.id), node)
        raise _fail(translate("SnippetImport", "calling {name} is not supported.").format(
            name=ast.unparse(func)[:60]), node)

    def _torch_function(self, name: str, node: ast.Call):
        if name in FACTORIES:
            return self._factory(name, node)
        if name in UNARY:
            args = _bind(node, name, ("input",), 1)
            return self._op(name, [self.expr(args["input"])], node)
        if name == "square":   # PyTorch's square is pow(x, 2): PowBackward0 as well
            args = _bind(node, name, ("input",), 1)
            return self._op("pow", [self.expr(args["input"]), _Number(2)], node)
        if name in ("ones_like", "zeros_like"):
            return self._like(name, node)
        if name in BINARY:
            args = _bind(node, name, ("input", "other"), 2)
            return self._op(BINARY[name], [self.expr(args["input"]), self.expr(args["other"])],
                            node)
        if name in REDUCTIONS:
            args = _bind(node, name, ("input", "dim", "keepdim"), 1)
            return self._reduction(name, self.expr(args.pop("input")), args, node)
        if name == "reshape":
            args = _bind(node, name, ("input", "shape"), 2)
            shape = self._shape_text([args["shape"]], node, allow_minus_one=True)
            return self._op("reshape", [self.expr(args["input"])], node, {"shape": shape})
        if name in ("transpose", "t"):
            names = ("input", "dim0", "dim1") if name == "transpose" else ("input",)
            args = _bind(node, name, names, len(names))
            dims = {"dim0": self._int(args["dim0"]), "dim1": self._int(args["dim1"])} \
                if name == "transpose" else {"dim0": 0, "dim1": 1}
            return self._op("transpose", [self.expr(args["input"])], node, dims)
        raise _fail(translate("SnippetImport", "torch.{name} is not supported.").format(name=name)
                    + _did_you_mean(name, "torch."), node)

    def _method(self, base: _Tensor, name: str, node: ast.Call):
        if name in UNARY:
            _bind(node, name, (), 0)
            return self._op(name, [base], node)
        if name == "square":
            _bind(node, name, (), 0)
            return self._op("pow", [base, _Number(2)], node)
        if name in BINARY:
            args = _bind(node, name, ("other",), 1)
            return self._op(BINARY[name], [base, self.expr(args["other"])], node)
        if name in REDUCTIONS:
            return self._reduction(name, base, _bind(node, name, ("dim", "keepdim"), 0), node)
        if name in ("reshape", "view"):
            shape = self._shape_text(node.args, node, allow_minus_one=True)
            if node.keywords:
                raise _fail(translate("SnippetImport", "{name}() takes the shape only.").format(
                    name=name), node)
            return self._op("reshape", [base], node, {"shape": shape})
        if name == "transpose":
            args = _bind(node, name, ("dim0", "dim1"), 2)
            return self._op("transpose", [base], node, {"dim0": self._int(args["dim0"]),
                                                         "dim1": self._int(args["dim1"])})
        if name == "t":
            _bind(node, name, (), 0)
            return self._op("transpose", [base], node, {"dim0": 0, "dim1": 1})
        if name == "detach":
            _bind(node, name, (), 0)
            return self._op("detach", [base], node)
        if name == "requires_grad_":
            self._requires_grad_(node, base.ref)
            return base
        if name.endswith("_"):
            raise _fail(translate("SnippetImport", "in-place operations such as {name}() are not "
                                  "supported.").format(name=name), node)
        raise _fail(translate("SnippetImport", "the tensor method {name}() is not supported.")
                    .format(name=name), node)

    def _reduction(self, name: str, base, args: dict, node: ast.Call):
        params: dict = {"dim": "", "keepdim": False}
        dim = args.get("dim")
        if dim is not None and not (isinstance(dim, ast.Constant) and dim.value is None):
            if isinstance(dim, (ast.Tuple, ast.List)):
                dims = [self._int(item) for item in dim.elts]
                params["dim"] = ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "")
            else:
                params["dim"] = str(self._int(dim))
        if "keepdim" in args:
            params["keepdim"] = self._bool(args["keepdim"])
        return self._op(name, [base], node, params)

    # ---- tensor factories ------------------------------------------------------------------

    def _factory(self, name: str, node: ast.Call):
        if name in ("tensor", "as_tensor"):
            names = ("data", "dtype", "device", "requires_grad") if name == "tensor" \
                else ("data", "dtype", "device")
            args = _bind(node, name, names, 1)
            data = self._data(args.pop("data"))
            params = {"init": "value", "value": _value_text(data)}
        elif name in ("ones", "zeros", "rand", "randn"):
            kwargs = {k.arg: k.value for k in node.keywords}
            _check_keywords(node, name, kwargs, ("dtype", "device", "requires_grad"))
            shape = self._shape_text(node.args, node)
            params = {"init": name, "shape": shape}
            args = kwargs
        elif name == "full":
            args = _bind(node, name, ("size", "fill_value", "dtype", "device", "requires_grad"), 2)
            shape = _shape_of_text(self._shape_text([args.pop("size")], node))
            fill = self._number(args.pop("fill_value"))
            _check_count(math.prod(shape), node)
            params = {"init": "value", "value": _value_text(_filled(shape, fill))}
        elif name == "arange":
            args = _bind(node, name, ("start", "end", "step", "dtype", "device", "requires_grad"),
                         1)
            numbers = [self._number(args.pop(k)) for k in ("start", "end", "step") if k in args]
            start, end, step = ((0, numbers[0], 1) if len(numbers) == 1 else
                                (numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else 1))
            if step == 0 or not all(math.isfinite(v) for v in (start, end, step)):
                raise _fail(translate("SnippetImport", "arange needs finite bounds and a step "
                                      "that is not zero."), node)
            try:
                count = math.ceil((end - start) / step)
            except OverflowError:   # a range of 1e300 / 1e-300 elements, or past any float
                count = MAX_ELEMENTS + 1
            _check_count(count, node)
            params = {"init": "arange", "start": _number_text(start), "end": _number_text(end),
                      "step": _number_text(step)}
        else:
            args = _bind(node, name, ("start", "end", "steps", "dtype", "device", "requires_grad"),
                         3)
            params = {"init": "linspace", "start": _number_text(self._number(args.pop("start"))),
                      "end": _number_text(self._number(args.pop("end"))),
                      "steps": _check_count(self._int(args.pop("steps")), node)}
        dtype = self._dtype(args["dtype"]) if "dtype" in args else "auto"
        if "device" in args:
            self._device(args["device"])
        requires_grad = self._bool(args["requires_grad"]) if "requires_grad" in args else False
        params.update(dtype=dtype, requires_grad=requires_grad)
        if name in ("rand", "randn"):
            params = self._random_params(name, params, node)
        return _Tensor(self._add("input", params, {}))

    def _like(self, name: str, node: ast.Call) -> _Tensor:
        """ones_like / zeros_like: a leaf of the shape (and dtype) the engine gives the input."""
        args = _bind(node, name, ("input", "dtype", "device", "requires_grad"), 1)
        template = self._compute(self._tensor(self.expr(args["input"]), args["input"]), node)
        dtype = self._dtype(args["dtype"]) if "dtype" in args \
            else str(template.dtype).removeprefix("torch.")
        if dtype not in DTYPES:
            raise _fail(translate("SnippetImport", "values of dtype {dtype} cannot be held by a "
                                  "node.").format(dtype=dtype), node)
        if "device" in args:
            self._device(args["device"])
        requires_grad = self._bool(args["requires_grad"]) if "requires_grad" in args else False
        params = {"init": name.removesuffix("_like"),
                  "shape": ", ".join(str(n) for n in template.shape),
                  "dtype": dtype, "requires_grad": requires_grad}
        return _Tensor(self._add("input", params, {}))

    def _random_params(self, name: str, params: dict, node: ast.AST) -> dict:
        """A first draw after manual_seed(s) is init=rand/randn with seed s; a later draw holds
        the values the generator gives then (replayed through the engine)."""
        if self.random is None:
            self.random = _Random(0)   # no manual_seed: any seed is as good as PyTorch's
        shape = _shape_of_text(params["shape"])
        dtype = params["dtype"]
        first = self.random.draws == 0
        self.random.draws += 1
        if first:
            self.random.generator = torch.Generator().manual_seed(self.random.seed)
        elif math.prod(shape) > MAX_FOLDED_RANDOM:
            raise _fail(translate("SnippetImport", "a random tensor of more than {n} elements "
                                  "that is not the first draw after torch.manual_seed cannot be "
                                  "shown exactly; call torch.manual_seed(...) right before it.")
                        .format(n=MAX_FOLDED_RANDOM), node)
        kwargs = {} if dtype == "auto" else {"dtype": getattr(torch, dtype)}
        with torch.no_grad():
            value = getattr(torch, name)(shape, generator=self.random.generator, **kwargs)
        if first:
            return {**params, "seed": self.random.seed}
        return {"init": "value", "value": _tensor_text(value, node), "dtype": dtype,
                "requires_grad": params["requires_grad"]}

    def _data(self, node: ast.expr, depth: int = 0):
        """Nested lists of numbers for torch.tensor, from list/tuple displays and numbers."""
        if depth > MAX_VALUE_DEPTH:
            raise _fail(translate("SnippetImport", "the tensor literal is nested more than {n} "
                                  "levels deep.").format(n=MAX_VALUE_DEPTH), node)
        if isinstance(node, (ast.List, ast.Tuple)):
            if len(node.elts) > MAX_ELEMENTS:
                raise _fail(translate("SnippetImport", "the tensor has more than {n} elements.")
                            .format(n=MAX_ELEMENTS), node)
            return [self._data(item, depth + 1) for item in node.elts]
        return self._number(node)

    def _shape_text(self, nodes: list[ast.expr], call: ast.AST, *,
                    allow_minus_one: bool = False) -> str:
        """"2, 3" from (2, 3) or [2, 3] or 2, 3 as separate arguments; "" for ()."""
        if len(nodes) == 1 and isinstance(nodes[0], (ast.Tuple, ast.List)):
            nodes = nodes[0].elts
        sizes = [self._int(n) for n in nodes]
        for size in sizes:
            if size < 0 and not (allow_minus_one and size == -1):
                raise _fail(translate("SnippetImport", "sizes must not be negative (found {n}).")
                            .format(n=size), call)
        if math.prod(s for s in sizes if s > 0) > MAX_ELEMENTS:
            raise _fail(translate("SnippetImport", "the tensor has more than {n} elements.")
                        .format(n=MAX_ELEMENTS), call)
        return ", ".join(str(s) for s in sizes)

    def _dtype(self, node: ast.expr) -> str:
        value = self.expr(node)
        if not isinstance(value, _DType) or value.name not in DTYPES:
            raise _fail(translate("SnippetImport", "dtype must be one of torch.float32, "
                                  "torch.float64, torch.int64, torch.bool."), node)
        return value.name

    def _device(self, node: ast.expr) -> None:
        if self.expr(node) != _Device("cpu"):
            raise _fail(translate("SnippetImport", "only device='cpu' is supported in a snippet."),
                        node)

    def _number(self, node: ast.expr) -> int | float | bool:
        value = self.expr(node)
        if not isinstance(value, _Number):
            raise _fail(translate("SnippetImport", "a number is expected here."), node)
        return value.value

    def _int(self, node: ast.expr) -> int:
        value = self._number(node)
        if not isinstance(value, int) or isinstance(value, bool):
            raise _fail(translate("SnippetImport", "an integer is expected here."), node)
        return value

    def _bool(self, node: ast.expr) -> bool:
        value = self._number(node)
        if not isinstance(value, bool):
            raise _fail(translate("SnippetImport", "True or False is expected here."), node)
        return value

    # ---- nn modules --------------------------------------------------------------------------

    def _nn_module(self, kind: str, node: ast.Call) -> _NNModule:
        if kind == "Sequential":
            if node.keywords:
                raise _fail(translate("SnippetImport", "Sequential takes modules only."), node)
            children = tuple(self.expr(arg) for arg in node.args)
            if not all(isinstance(child, _NNModule) for child in children):
                raise _fail(translate("SnippetImport", "Sequential takes modules only."), node)
            return _NNModule(kind, children=children)
        if kind == "Linear":
            args = _bind(node, kind, ("in_features", "out_features", "bias", "device", "dtype"), 2)
            if "device" in args:
                self._device(args["device"])
            dtype = self._dtype(args["dtype"]) if "dtype" in args else "auto"
            sizes = (self._int(args["in_features"]), self._int(args["out_features"]))
            _check_count(sizes[0] * sizes[1], node)
            bias = self._bool(args["bias"]) if "bias" in args else True
            linear = self._draw("Linear", (*sizes, bias), dtype, node)
            refs = [self._add("input", _leaf_params(param.detach(), True, node), {})
                    for param in (linear.weight, linear.bias) if param is not None]
            return _NNModule(kind, (refs[0], refs[1] if bias else None))
        if kind == "MSELoss":
            args = _bind(node, kind, ("reduction",), 0)
            return _NNModule(kind, (self._reduction_name(args.get("reduction"), node),))
        _bind(node, kind, (), 0)
        return _NNModule(kind)

    def _reduction_name(self, node: ast.expr | None, where: ast.AST) -> str:
        if node is None:
            return "mean"
        if not (isinstance(node, ast.Constant) and node.value in ("mean", "sum")):
            raise _fail(translate("SnippetImport", "reduction must be 'mean' or 'sum'."), where)
        return node.value

    def _mse_loss(self, node: ast.Call) -> _Tensor:
        args = _bind(node, "mse_loss", ("input", "target", "reduction"), 2)
        reduction = self._reduction_name(args.get("reduction"), node)
        return self._op("mse_loss", [self.expr(args["input"]), self.expr(args["target"])], node,
                        {"reduction": reduction})

    def _apply_module(self, module: _NNModule, inputs: list, node: ast.AST):
        if module.kind == "Sequential":
            value = inputs[0]
            for child in module.children:
                if child.kind == "MSELoss":
                    raise _fail(translate("SnippetImport", "MSELoss needs an input and a target; "
                                          "call it outside the Sequential."), node)
                value = self._apply_module(child, [value], node)
            return value
        if module.kind == "Linear":
            weight, bias = module.params
            if bias is not None:
                return self._op("linear", [inputs[0], _Tensor(weight), _Tensor(bias)], node)
            transposed = self._op("transpose", [_Tensor(weight)], node, {"dim0": 0, "dim1": 1})
            return self._op("matmul", [inputs[0], transposed], node)
        if module.kind == "MSELoss":
            return self._op("mse_loss", inputs, node, {"reduction": module.params[0]})
        return self._op(NN_ACTIVATIONS[module.kind], inputs, node)

    def _name_parameters(self, module: _NNModule, prefix: str) -> None:
        """model.weight -> node model_weight; model[0].bias -> model_0_bias (first name wins)."""
        if module.kind == "Linear":
            for part, ref in zip(("weight", "bias"), module.params):
                if ref is not None and ref in self.specs and self.specs[ref].name is None:
                    self.specs[ref].name = self._fresh_name(f"{prefix}_{part}")
        for index, child in enumerate(module.children):
            self._name_parameters(child, f"{prefix}_{index}")

    def _draw(self, factory: str, shape: tuple, dtype: str, node: ast.AST):
        """What the next draw from the generator gives: the snippet's generator advances by
        each draw, never replaying the earlier ones."""
        if self.random is None:
            self.random = _Random(0)   # no manual_seed: any seed is as good as PyTorch's
        if self.random.draws == 0:
            self.random.generator = torch.Generator().manual_seed(self.random.seed)
        self.random.draws += 1
        kwargs = {} if dtype == "auto" else {"dtype": getattr(torch, dtype)}
        with torch.no_grad():
            if factory == "Linear":
                return _with_default_generator(self.random.generator,
                                               lambda: torch.nn.Linear(*shape, **kwargs))
            return getattr(torch, factory)(shape, generator=self.random.generator, **kwargs)

    # ---- nodes -----------------------------------------------------------------------------

    def _add(self, op: str, params: dict, inputs: dict[str, str]) -> str:
        key = f"+{self.next_key}"
        self.next_key += 1
        for src in inputs.values():
            self.uses[src] = self.uses.get(src, 0) + 1
        self.specs[key] = _Spec(key, op, dict(params), dict(inputs))
        self.evaluated = None
        return key

    def _op(self, op: str, operands: list, node: ast.AST, params: dict | None = None) -> _Tensor:
        if not any(isinstance(value, _Tensor) for value in operands):
            raise _fail(translate("SnippetImport", "{op} needs a tensor operand.").format(op=op),
                        node)
        refs = [self._operand(value, node) for value in operands]
        params = dict(params or {})
        if self.no_grad:
            params["no_grad"] = True
        key = self._add(op, params, dict(zip(OPS[op].inputs, refs)))
        return _Tensor(key)

    def _operand(self, value, node: ast.AST) -> str:
        if isinstance(value, _Tensor):
            return value.ref
        if isinstance(value, _Number):
            if value.variable is not None and value.variable in self.constant_of:
                return self.constant_of[value.variable]
            key = self._add("constant", {"value": _number_text(value.value)}, {})
            if value.variable is not None:
                self.specs[key].name = self._fresh_name(value.variable)
                self.constant_of[value.variable] = key
            return key
        raise _fail(translate("SnippetImport", "a tensor or a number is expected here."), node)

    def _tensor(self, value, node: ast.AST) -> str:
        if not isinstance(value, _Tensor):
            raise _fail(translate("SnippetImport", "a tensor is expected here."), node)
        return value.ref

    def _requires_grad(self, ref: str, where: ast.AST | int) -> bool:
        """What the engine says: the value requires grad (detach, no_grad and the inputs'
        flags all count, exactly as on the canvas)."""
        value = self._compute(ref, where)
        return isinstance(value, torch.Tensor) and value.requires_grad

    def _is_new(self, ref: str) -> bool:
        """Created by the statement being translated."""
        return ref in self.specs and int(ref[1:]) >= self.statement_first_key

    def _own_spec(self, ref: str, node: ast.AST) -> _Spec:
        if ref not in self.specs:
            raise _fail(translate("SnippetImport", "nodes already on the canvas cannot be changed "
                                  "from code; edit them in the inspector."), node)
        return self.specs[ref]

    def _fresh_name(self, base: str) -> str:
        """base, else base_1, base_2, ... (the next suffix is remembered: reassigning a name
        thousands of times stays linear)."""
        name, n = base, self.next_suffix.get(base, 1)
        while name in self.taken:
            name = f"{base}_{n}"
            n += 1
        self.next_suffix[base] = n
        self.taken.add(name)
        return name

    def _fold(self, ref: str, *, requires_grad: bool, line: int) -> None:
        """Replace a computed node by a leaf holding its value (detached from its inputs)."""
        value = self._compute(ref, line)
        spec = self.specs[ref]
        for src in spec.inputs.values():
            self.uses[src] -= 1
            self.unused_candidates.add(src)
        spec.op, spec.inputs = "input", {}
        spec.params = _leaf_params(value, requires_grad, line)
        self.evaluated = None

    def _node_parts(self, ref: str) -> tuple[str, dict, dict[str, str]]:
        if ref in self.specs:
            spec = self.specs[ref]
            return spec.op, {**OPS[spec.op].default_params(), **spec.params}, spec.inputs
        data = self.doc.node(ref)
        return data.op, dict(data.params), self.doc.input_sources(ref)

    def _compute(self, ref: str, where: ast.AST | int):
        """The node's value, from the editor's evaluation of every node built so far."""
        ev = self._evaluation()
        if ref in ev.values:
            return ev.values[ref]
        failed = ref if ref in ev.errors else next(
            (n for n in self._ancestors(ref) if n in ev.errors), None)
        message = ev.errors.get(failed, "")
        raise _fail(translate("SnippetImport", "the engine cannot compute this value: "
                              "{message}").format(message=message), where)

    def _ancestors(self, ref: str) -> list[str]:
        seen, stack = [], [ref]
        while stack:
            for src in self._node_parts(stack.pop())[2].values():
                if src not in seen:
                    seen.append(src)
                    stack.append(src)
        return seen

    def _evaluation(self) -> Evaluation:
        """The canvas's nodes and this snippet's so far, run by explorer.core.document.evaluation.
        Node ids are the batch keys; each node is connected as it is added, so the cycle check
        of every edge is immediate."""
        if self.evaluated is None:
            doc = GraphDocument()
            if self.doc is not None:
                doc.replace_contents(self.doc)
            for spec in self.specs.values():
                name = doc.free_variant(spec.name or f"snippet_{spec.key[1:]}")
                doc.add_node(spec.op, name=name, params=spec.params, node_id=spec.key)
                for port, src in spec.inputs.items():
                    doc.connect(src, spec.key, port)
            self.evaluated = evaluate(doc)
        return self.evaluated

    def _prune(self) -> None:
        """Drop unnamed nodes nothing uses: temporaries of a discarded value, or the inputs a
        fold cut off. Only this statement's nodes and those inputs can have become unused."""
        pending = set(self.unused_candidates)
        self.unused_candidates.clear()
        for key in reversed(self.specs):
            if int(key[1:]) < self.statement_first_key:
                break
            pending.add(key)
        roots = {step.node for step in self.steps}
        while pending:
            key = pending.pop()
            spec = self.specs.get(key)
            if spec is None or spec.name is not None or key in roots or self.uses.get(key):
                continue
            del self.specs[key]
            for src in spec.inputs.values():
                self.uses[src] -= 1
                pending.add(src)

    def finish(self) -> Additions:
        for spec in self.specs.values():
            if spec.name is None:
                spec.name = self._auto_name(spec.op)
        nodes = [NodeSpec(s.key, s.op, s.name, s.params, s.inputs) for s in self.specs.values()]
        return Additions(nodes=nodes, steps=list(self.steps), assigned=list(self.assigned))

    def _auto_name(self, op: str) -> str:
        prefix = {"constant": "c", "input": "t"}.get(op, op)
        n = 1
        while f"{prefix}{n}" in self.taken:
            n += 1
        self.taken.add(f"{prefix}{n}")
        return f"{prefix}{n}"


# ---- helpers ---------------------------------------------------------------------------------

def _refused_import(node: ast.AST) -> SnippetError:
    return _fail(translate("SnippetImport", "only 'import torch', 'import math', 'import torch.nn "
                           "as nn' (or 'from torch import nn') and 'import torch.nn.functional "
                           "as F' are allowed."), node)


def _did_you_mean(name: str, prefix: str = "") -> str:
    """' Did you mean exp?' for a misspelt function name, else ''."""
    close = difflib.get_close_matches(name, KNOWN_FUNCTIONS, n=3, cutoff=0.6)
    if not close:
        return ""
    return " " + translate("SnippetImport", "Did you mean {names}?").format(
        names=", ".join(prefix + c for c in close))


def _bind(call: ast.Call, func: str, names: tuple[str, ...], required: int) -> dict[str, ast.expr]:
    """Python's argument binding for a whitelisted function: name -> unevaluated argument."""
    if any(isinstance(arg, ast.Starred) for arg in call.args) \
            or any(k.arg is None for k in call.keywords):
        raise _fail(translate("SnippetImport", "*args and **kwargs are not supported."), call)
    if len(call.args) > len(names):
        raise _fail(translate("SnippetImport", "{func}() takes at most {n} positional arguments.")
                    .format(func=func, n=len(names)), call)
    bound = dict(zip(names, call.args))
    for keyword in call.keywords:
        if keyword.arg not in names:
            raise _fail(translate("SnippetImport", "{func}() got an unexpected keyword argument "
                                  "{name!r}.").format(func=func, name=keyword.arg), call)
        if keyword.arg in bound:
            raise _fail(translate("SnippetImport", "{func}() got multiple values for argument "
                                  "{name!r}.").format(func=func, name=keyword.arg), call)
        bound[keyword.arg] = keyword.value
    missing = [name for name in names[:required] if name not in bound]
    if missing:
        raise _fail(translate("SnippetImport", "{func}() is missing the argument {name!r}.")
                    .format(func=func, name=missing[0]), call)
    return bound


def _check_count(count: int, node: ast.AST) -> int:
    """The number of elements a factory makes, refused past MAX_ELEMENTS."""
    if count > MAX_ELEMENTS:
        raise _fail(translate("SnippetImport", "the tensor has more than {n} elements.")
                    .format(n=MAX_ELEMENTS), node)
    return count


def _check_keywords(call: ast.Call, func: str, keywords: dict, allowed: tuple[str, ...]) -> None:
    if None in keywords:
        raise _fail(translate("SnippetImport", "*args and **kwargs are not supported."), call)
    for name in keywords:
        if name not in allowed:
            raise _fail(translate("SnippetImport", "{func}() got an unexpected keyword argument "
                                  "{name!r}.").format(func=func, name=name), call)


def _check_ignored(call: ast.Call) -> None:
    """print(...) is skipped, but what it holds must still be plain expressions."""
    for node in ast.walk(call):
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp, ast.NamedExpr, ast.Await, ast.Yield,
                             ast.YieldFrom)):
            raise _fail(translate("SnippetImport", "{kind} are not supported.").format(
                kind=_expression_kind(node)), node)


def _fold_numbers(op: str, a, b, node: ast.AST):
    """Python arithmetic on two numbers, refusing results too large to be a literal."""
    if op == "pow" and isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1 \
            and b * math.log2(abs(a)) > 63:
        raise _fail(translate("SnippetImport", "the number is too large (it does not fit in "
                              "int64)."), node)
    functions = {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b,
                 "div": lambda: a / b, "pow": lambda: a ** b}
    result = _checked(lambda _: functions[op](), None, node)
    if isinstance(result, complex):
        raise _fail(translate("SnippetImport", "complex numbers are not supported."), node)
    if isinstance(result, int) and not isinstance(result, bool) and abs(result) > INT64_MAX:
        raise _fail(translate("SnippetImport", "the number is too large (it does not fit in "
                              "int64)."), node)
    return result


def _checked(function, argument, node: ast.AST):
    try:
        return function(argument)
    except ZeroDivisionError:
        raise _fail(translate("SnippetImport", "division by zero."), node) from None
    except (OverflowError, ValueError):
        raise _fail(translate("SnippetImport", "the number is out of range."), node) from None


def _number_text(value: float) -> str:
    """Value text for a Python number (value_text reads inf and nan by name)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return repr(value)


def _value_text(data) -> str:
    if isinstance(data, list):
        return "[" + ", ".join(_value_text(item) for item in data) + "]"
    return _number_text(data)


def _filled(shape: tuple[int, ...], fill):
    value = fill
    for size in reversed(shape):
        value = [value] * size if not isinstance(value, list) \
            else [list(value) for _ in range(size)]
    return value


def _shape_of_text(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _tensor_text(value, where) -> str:
    """Value text that reads back to exactly these numbers (shortest float32 form)."""
    if value.numel() > MAX_ELEMENTS:
        raise _fail(translate("SnippetImport", "the tensor has more than {n} elements.")
                    .format(n=MAX_ELEMENTS), where)
    array = value.detach().numpy()
    if array.dtype == np.float32:
        def item(v) -> str:
            return _number_text(float(v)) if not math.isfinite(v) else str(np.float32(v))
    else:
        def item(v) -> str:
            return _number_text(v.item())

    def text(a) -> str:
        if a.ndim == 0:
            return item(a)
        return "[" + ", ".join(text(row) for row in a) + "]"
    return text(array)


def _leaf_params(value, requires_grad: bool, where) -> dict:
    dtype = str(value.dtype).removeprefix("torch.")
    if dtype not in DTYPES:
        raise _fail(translate("SnippetImport", "values of dtype {dtype} cannot be held by a node.")
                    .format(dtype=dtype), where)
    return {"init": "value", "value": _tensor_text(value, where),
            "dtype": "float64" if dtype == "float64" else "auto",
            "requires_grad": requires_grad}
