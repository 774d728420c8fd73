"""Every node kind of the editor: its ports, parameters, engine call and PyTorch code form.

A node's `compute` only calls the engine (`import engine as torch`); derivatives are the
engine's business: a tooltip's math is the engine's formula table (`engine.ops.formula`), only
its words are the catalog's. Labels, categories and tooltips are translated when read, so a
translator installed after import still applies.
"""
from __future__ import annotations

import ast
import reprlib
from collections.abc import Callable
from dataclasses import dataclass, field

import engine as torch
from engine.ops import formula
from explorer.core.document.value_text import (
    MAX_ELEMENTS,
    format_index,
    format_value,
    is_scalar,
    parse_dims,
    parse_index,
    parse_shape,
    parse_value,
)
from explorer.core.i18n import translate

PARAM_KINDS = ("text", "int", "bool", "choice", "shape")
DTYPES = ("auto", "float32", "float64", "int64", "bool")
INITS = ("value", "ones", "zeros", "rand", "randn", "arange", "linspace")

Args = dict[str, str]
Inputs = dict[str, object]
Params = dict[str, object]


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str                     # one of PARAM_KINDS
    default: object
    label_fn: Callable[[], str] = field(compare=False)
    choices: tuple[str, ...] = ()
    # Shown only when another param has one of these values, e.g. ("init", ("ones", "zeros")).
    shown_when: tuple[str, tuple[str, ...]] | None = None
    hidden: bool = False          # kept in the file, never offered for editing

    @property
    def label(self) -> str:
        return self.label_fn()

    def choice_label(self, choice: str) -> str:
        """What the user sees for `choice`: a translation where it is a word ("value", "auto"),
        else the choice itself (dtype names and torch functions like randn are identifiers)."""
        label = _CHOICE_LABELS.get(choice)
        return label() if label is not None else choice

    def is_shown(self, params: Params) -> bool:
        if self.hidden:
            return False
        if self.shown_when is None:
            return True
        other, values = self.shown_when
        return params.get(other) in values

    def check(self, value: object) -> str | None:
        """None if `value` has this param's type, else a translated reason."""
        ok = {
            "text": isinstance(value, str),
            "shape": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "choice": value in self.choices,
        }[self.kind]
        if ok:
            return None
        if self.kind == "choice":
            return translate("OpCatalog",
                             "{param} must be one of {choices}, not {value}.").format(
                param=self.name, choices=", ".join(self.choices), value=reprlib.repr(value))
        # reprlib: a file's 1000-deep list must not become a 2,000-character message.
        return translate("OpCatalog", "{param} must be of kind {kind}, not {value}.").format(
            param=self.name, kind=self.kind, value=reprlib.repr(value))


@dataclass(frozen=True)
class OpSpec:
    key: str
    label_fn: Callable[[], str] = field(compare=False)
    category_key: str
    inputs: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    compute: Callable[[Inputs, Params], object] = field(compare=False)
    # code(args, params) -> a Python expression; args maps port -> expression of its source.
    code: Callable[[Args, Params], str] = field(compare=False)
    # The translated words of the tooltip; the math under them comes from the engine's table.
    tooltip_fn: Callable[[], str] = field(compare=False)
    # Statements that must run before the expression (e.g. torch.manual_seed for rand).
    setup_code: Callable[[Params], list[str]] = field(compare=False, default=lambda params: [])

    @property
    def label(self) -> str:
        return self.label_fn()

    @property
    def category(self) -> str:
        return {**CATEGORIES, **UNLISTED_CATEGORIES}[self.category_key]()

    @property
    def tooltip(self) -> str:
        return "\n".join([self.tooltip_fn(), *formula_lines(self.key, self.inputs)])

    def param(self, name: str) -> ParamSpec:
        return next(p for p in self.params if p.name == name)

    def default_params(self) -> Params:
        return {p.name: p.default for p in self.params}


def formula_lines(op: str, ports: tuple[str, ...]) -> list[str]:
    """The engine's formula of `op` written with the node's port names: the forward line and
    each input's derivative, in translated words; [] where the engine has no formula."""
    entry = formula(op)
    if entry is None:
        return []
    port_of = dict(zip(entry.inputs, ports))
    named = entry.named(port_of)
    if named.local:
        parts = ", ".join(f"d/d{port_of[k]} = {v}" for k, v in named.local.items())
        rule = translate("OpCatalog", "Local derivatives: {derivatives}").format(
            derivatives=parts)
    else:
        parts = ", ".join(f"grad_{port_of[k]} = {v}" for k, v in named.gradient.items())
        rule = translate("OpCatalog", "Gradient sent back: {gradients}").format(gradients=parts)
    return [named.forward, rule]


CATEGORIES: dict[str, Callable[[], str]] = {
    "inputs": lambda: translate("OpCatalog", "Inputs"),
    "arithmetic": lambda: translate("OpCatalog", "Arithmetic"),
    "functions": lambda: translate("OpCatalog", "Functions"),
    "reductions": lambda: translate("OpCatalog", "Reductions"),
    "linalg": lambda: translate("OpCatalog", "Linear algebra"),
    "shape": lambda: translate("OpCatalog", "Shape"),
    "autograd": lambda: translate("OpCatalog", "Autograd"),
}

# Node kinds the palette does not offer: they only come from running code (explorer.core.live).
UNLISTED_CATEGORIES: dict[str, Callable[[], str]] = {
    "traced": lambda: translate("OpCatalog", "Recorded from code"),
}

_CHOICE_LABELS: dict[str, Callable[[], str]] = {
    "value": lambda: translate("OpCatalog", "value"),   # input init: the typed value
    "auto": lambda: translate("OpCatalog", "auto"),     # dtype: inferred, like torch.tensor
}


def _identifier_label(key: str) -> Callable[[], str]:
    return lambda: key   # op and param names that are PyTorch identifiers and stay untranslated


RETAIN_GRAD = ParamSpec("retain_grad", "bool", False, _identifier_label("retain_grad"))
# Every op node (not inputs or constants, whose requires_grad is their own flag) may run inside
# `with torch.no_grad():`; evaluation does exactly that, so the engine records no graph for it.
# The label is short enough for its check box to stay on its line in presentation mode.
NO_GRAD = ParamSpec("no_grad", "bool", False,
                    lambda: translate("OpCatalog", "under torch.no_grad()"))
OP_PARAMS = (RETAIN_GRAD, NO_GRAD)


# ---- code forms -------------------------------------------------------------------------------

def _atom(expression: str) -> str:
    """`expression` safe to use as an operand: parenthesised unless it is a name, call, ..."""
    if expression.isidentifier():   # a variable (most operands; True, None): no parse
        return expression
    try:
        node = ast.parse(expression, mode="eval").body
    except SyntaxError:
        return f"({expression})"
    atomic = isinstance(node, (ast.Name, ast.Call, ast.Attribute, ast.Subscript, ast.List))
    if isinstance(node, ast.Constant) and not expression.lstrip().startswith("-"):
        atomic = True
    return expression if atomic else f"({expression})"


def _operator_code(template: str) -> Callable[[Args, Params], str]:
    return lambda args, params: template.format(**{k: _atom(v) for k, v in args.items()})


def _function_code(name: str) -> Callable[[Args, Params], str]:
    return lambda args, params: f"{name}({args['x']})"


def _dtype_kwarg(params: Params) -> list[str]:
    return [] if params["dtype"] == "auto" else [f"dtype=torch.{params['dtype']}"]


def _grad_kwarg(params: Params) -> list[str]:
    return ["requires_grad=True"] if params["requires_grad"] else []


def _shape_args(shape: tuple[int, ...]) -> str:
    return "()" if not shape else ", ".join(str(n) for n in shape)


def _input_code(args: Args, params: Params) -> str:
    init = params["init"]
    kwargs = _dtype_kwarg(params) + _grad_kwarg(params)
    if init == "value":
        positional = [format_value(parse_value(str(params["value"])))]
    elif init in ("ones", "zeros", "rand", "randn"):
        positional = [_shape_args(parse_shape(str(params["shape"])))]
    elif init == "arange":
        start, end, step = (parse_value(str(params[k])) for k in ("start", "end", "step"))
        bounds = [end] if start == 0 and step == 1 else [start, end] if step == 1 \
            else [start, end, step]
        positional = [format_value(v) for v in bounds]
    else:
        positional = [format_value(parse_value(str(params["start"]))),
                      format_value(parse_value(str(params["end"]))), str(params["steps"])]
    name = "tensor" if init == "value" else init
    return f"torch.{name}({', '.join(positional + kwargs)})"


def _input_setup(params: Params) -> list[str]:
    return [f"torch.manual_seed({params['seed']})"] if params["init"] in ("rand", "randn") else []


def _constant_code(args: Args, params: Params) -> str:
    value = parse_value(str(params["value"]))
    return format_value(value) if is_scalar(value) else f"torch.tensor({format_value(value)})"


def _reduction_code(method: str) -> Callable[[Args, Params], str]:
    def code(args: Args, params: Params) -> str:
        kwargs = _reduction_kwargs(params)
        if not kwargs:
            return f"{_atom(args['x'])}.{method}()"
        text = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        return f"{_atom(args['x'])}.{method}({text})"
    return code


def _mse_loss_code(args: Args, params: Params) -> str:
    reduction = "" if params["reduction"] == "mean" else f", reduction={params['reduction']!r}"
    return f"torch.nn.functional.mse_loss({args['input']}, {args['target']}{reduction})"


def _reshape_code(args: Args, params: Params) -> str:
    shape = parse_shape(str(params["shape"]), allow_minus_one=True)
    return f"{_atom(args['x'])}.reshape({_shape_args(shape)})"


# ---- engine calls -----------------------------------------------------------------------------

def _dtype(params: Params) -> dict:
    return {} if params["dtype"] == "auto" else {"dtype": getattr(torch, str(params["dtype"]))}


def _input_compute(inputs: Inputs, params: Params):
    kwargs = _dtype(params)
    kwargs["requires_grad"] = bool(params["requires_grad"])
    init = params["init"]
    if init == "value":
        return torch.tensor(parse_value(str(params["value"])), **kwargs)
    if init in ("ones", "zeros", "rand", "randn"):
        shape = parse_shape(str(params["shape"]))
        if init in ("rand", "randn"):
            torch.manual_seed(int(params["seed"]))
        return getattr(torch, init)(shape, **kwargs)
    start, end = parse_value(str(params["start"])), parse_value(str(params["end"]))
    _require_scalars(start, end)
    if init == "arange":
        step = parse_value(str(params["step"]))
        _require_scalars(step)
        if step != 0 and (end - start) / step > MAX_ELEMENTS:
            raise ValueError(_too_many_elements())
        return torch.arange(start, end, step, **kwargs)
    if int(params["steps"]) > MAX_ELEMENTS:
        raise ValueError(_too_many_elements())
    return torch.linspace(start, end, int(params["steps"]), **kwargs)


def _too_many_elements() -> str:
    return translate("OpCatalog", "That would make more than {n} elements.").format(n=MAX_ELEMENTS)


def _require_scalars(*values) -> None:
    if not all(is_scalar(v) for v in values):
        raise ValueError(translate("OpCatalog", "start, end and step must be single numbers."))


def _constant_compute(inputs: Inputs, params: Params):
    value = parse_value(str(params["value"]))
    # A Python number stays a Python scalar so that x ** 2 gives PowBackward0, as in PyTorch.
    return value if is_scalar(value) else torch.tensor(value)


def _reduction_kwargs(params: Params) -> dict:
    dims = parse_dims(str(params["dim"]))
    if dims is None and not params["keepdim"]:
        return {}
    return {"dim": dims, "keepdim": bool(params["keepdim"])}


def _sum(inputs: Inputs, params: Params):
    return inputs["x"].sum(**_reduction_kwargs(params))


def _mean(inputs: Inputs, params: Params):
    return inputs["x"].mean(**_reduction_kwargs(params))


def _reshape(inputs: Inputs, params: Params):
    return inputs["x"].reshape(parse_shape(str(params["shape"]), allow_minus_one=True))


def _index(inputs: Inputs, params: Params):
    return inputs["x"][parse_index(str(params["index"]))]


# ---- ops recorded from running code (explorer.core.live)
# -------------------------------------------
# An op of a live or traced graph that the catalog has no node for (addmm, t, unsqueeze ...).
# The editor cannot run it again, so the node keeps the value the program computed (`recorded`,
# with its dtype and requires_grad): an edited traced graph still evaluates, the recorded node
# stands as a leaf of that value, and backward stops at it.
# Not in any palette category. One kind per arity, so the card has exactly the ports it used.
TRACED_PORTS = ("a", "b", "c", "d")


def traced_op(arity: int) -> str:
    return f"traced{arity}"


def _traced_compute(inputs: Inputs, params: Params):
    if not params["recorded"]:   # draw(t) outside record(): that run's value was not kept
        raise ValueError(translate(
            "OpCatalog", "{call} was recorded from running code and its value was not kept. "
            "Trace the program again to see it.").format(call=params["call"]))
    kwargs = {} if params["recorded_dtype"] == "auto" \
        else {"dtype": getattr(torch, str(params["recorded_dtype"]))}
    return torch.tensor(parse_value(str(params["recorded"])), **kwargs,
                        requires_grad=bool(params["recorded_requires_grad"]))


# Calls whose numbers PyTorch takes only as a method's varargs (torch.permute wants a tuple).
_METHOD_CALLS = frozenset({"permute"})


def _traced_code(args: Args, params: Params) -> str:
    values = [args[p] for p in TRACED_PORTS if p in args]
    if params["call"] in _METHOD_CALLS and values:
        call = f"{values[0]}.{params['call']}({', '.join(values[1:])})"
    else:
        call = f"torch.{params['call']}({', '.join(values)})"
    output = str(params.get("output", ""))
    return f"{call}[{output}]" if output else call   # (one piece of split, chunk, unbind ...)


def _traced(arity: int) -> OpSpec:
    params = (ParamSpec("call", "text", "op", _identifier_label("call")),
              ParamSpec("module", "text", "", lambda: translate("OpCatalog", "Module")),
              ParamSpec("recorded", "text", "", _identifier_label("recorded"), hidden=True),
              ParamSpec("recorded_dtype", "choice", "auto", _identifier_label("dtype"),
                        choices=DTYPES, hidden=True),
              ParamSpec("recorded_requires_grad", "bool", False,
                        _identifier_label("requires_grad"), hidden=True),
              # which of the call's outputs, for one that makes several: "" for the only one
              ParamSpec("output", "text", "", _identifier_label("output"), hidden=True),
              *OP_PARAMS)
    return OpSpec(traced_op(arity), lambda: translate("OpCatalog", "traced"), "traced",
                  TRACED_PORTS[:arity], params, _traced_compute, _traced_code,
                  lambda: translate(
                      "OpCatalog", "An operation recorded from running code. The editor cannot "
                      "run it again: it keeps the value the program computed, edits of its "
                      "inputs do not change it, and backward stops at it."))


# ---- the table --------------------------------------------------------------------------------

_INPUT_PARAMS = (
    ParamSpec("init", "choice", "value", lambda: translate("OpCatalog", "Initialise with"),
              choices=INITS),
    ParamSpec("value", "text", "2.0", lambda: translate("OpCatalog", "Value"),
              shown_when=("init", ("value",))),
    ParamSpec("shape", "shape", "2, 2", lambda: translate("OpCatalog", "Shape"),
              shown_when=("init", ("ones", "zeros", "rand", "randn"))),
    ParamSpec("start", "text", "0", lambda: translate("OpCatalog", "Start"),
              shown_when=("init", ("arange", "linspace"))),
    ParamSpec("end", "text", "4.", lambda: translate("OpCatalog", "End"),
              shown_when=("init", ("arange", "linspace"))),
    ParamSpec("step", "text", "1", lambda: translate("OpCatalog", "Step"),
              shown_when=("init", ("arange",))),
    ParamSpec("steps", "int", 5, lambda: translate("OpCatalog", "Steps"),
              shown_when=("init", ("linspace",))),
    ParamSpec("seed", "int", 0, lambda: translate("OpCatalog", "Seed"),
              shown_when=("init", ("rand", "randn"))),
    ParamSpec("dtype", "choice", "auto", _identifier_label("dtype"), choices=DTYPES),
    ParamSpec("requires_grad", "bool", True, _identifier_label("requires_grad")),
    RETAIN_GRAD,
)

_REDUCTION_PARAMS = (
    ParamSpec("dim", "text", "", lambda: translate("OpCatalog", "dim (empty: all)")),
    ParamSpec("keepdim", "bool", False, _identifier_label("keepdim")),
    *OP_PARAMS,
)


def _binary(key: str, template: str, compute, tooltip) -> OpSpec:
    return OpSpec(key, _identifier_label(key), "arithmetic", ("a", "b"), OP_PARAMS, compute,
                  _operator_code(template), tooltip)


def _unary(key: str, category: str, compute, code, tooltip) -> OpSpec:
    return OpSpec(key, _identifier_label(key), category, ("x",), OP_PARAMS, compute, code, tooltip)


def _torch_function(key: str, tooltip) -> OpSpec:
    """A function of one tensor that torch spells `torch.<key>(x)`."""
    return _unary(key, "functions", lambda i, p: getattr(torch, key)(i["x"]),
                  _function_code(f"torch.{key}"), tooltip)


_SPECS = [
    OpSpec("input", lambda: translate("OpCatalog", "Input tensor"), "inputs", (), _INPUT_PARAMS,
           _input_compute, _input_code,
           lambda: translate("OpCatalog", "A leaf tensor: a typed value or a shape with an "
                             "initialiser. With requires_grad on, backward accumulates into its "
                             ".grad."),
           _input_setup),
    OpSpec("constant", lambda: translate("OpCatalog", "Constant"), "inputs", (),
           (ParamSpec("value", "text", "2", lambda: translate("OpCatalog", "Value")), RETAIN_GRAD),
           _constant_compute, _constant_code,
           lambda: translate("OpCatalog",
                             "A Python number (kept a Python scalar, as in x ** 2) or a "
                             "tensor literal that does not require grad.")),
    _binary("add", "{a} + {b}", lambda i, p: i["a"] + i["b"],
            lambda: translate("OpCatalog", "Adds a and b elementwise (broadcasting).")),
    _binary("sub", "{a} - {b}", lambda i, p: i["a"] - i["b"],
            lambda: translate("OpCatalog", "Subtracts b from a elementwise (broadcasting).")),
    _binary("mul", "{a} * {b}", lambda i, p: i["a"] * i["b"],
            lambda: translate("OpCatalog", "Multiplies a and b elementwise (broadcasting).")),
    _binary("div", "{a} / {b}", lambda i, p: i["a"] / i["b"],
            lambda: translate("OpCatalog", "Divides a by b elementwise (broadcasting).")),
    _binary("pow", "{a} ** {b}", lambda i, p: i["a"] ** i["b"],
            lambda: translate("OpCatalog", "a to the power b, elementwise.")),
    _unary("neg", "arithmetic", lambda i, p: -i["x"], _operator_code("-{x}"),
           lambda: translate("OpCatalog", "Negation: -x.")),
    _torch_function("exp", lambda: translate("OpCatalog", "Exponential, elementwise.")),
    _torch_function("log", lambda: translate("OpCatalog", "Natural logarithm, elementwise.")),
    _torch_function("sqrt", lambda: translate("OpCatalog", "Square root, elementwise.")),
    _torch_function("abs", lambda: translate("OpCatalog",
                                             "Absolute value, elementwise (sign(0) = 0).")),
    _torch_function("sin", lambda: translate("OpCatalog", "Sine, elementwise.")),
    _torch_function("cos", lambda: translate("OpCatalog", "Cosine, elementwise.")),
    _torch_function("tanh", lambda: translate("OpCatalog", "Hyperbolic tangent, elementwise.")),
    _torch_function("sigmoid", lambda: translate("OpCatalog", "Logistic sigmoid, elementwise.")),
    _torch_function("relu", lambda: translate(
        "OpCatalog", "Rectified linear unit: negative elements become 0.")),
    OpSpec("sum", _identifier_label("sum"), "reductions", ("x",), _REDUCTION_PARAMS, _sum,
           _reduction_code("sum"),
           lambda: translate("OpCatalog", "Sum of the elements (over dim if given).")),
    OpSpec("mean", _identifier_label("mean"), "reductions", ("x",), _REDUCTION_PARAMS, _mean,
           _reduction_code("mean"),
           lambda: translate("OpCatalog", "Mean of the elements (over dim if given): n is how "
                             "many each output averages.")),
    OpSpec("mse_loss", _identifier_label("mse_loss"), "reductions", ("input", "target"),
           (ParamSpec("reduction", "choice", "mean", _identifier_label("reduction"),
                      choices=("mean", "sum")), *OP_PARAMS),
           lambda i, p: torch.nn.functional.mse_loss(i["input"], i["target"],
                                                     reduction=p["reduction"]),
           _mse_loss_code,
           lambda: translate("OpCatalog", "Mean (or sum) of (input - target)², what nn.MSELoss "
                             "computes.")),
    OpSpec("dot", _identifier_label("dot"), "linalg", ("a", "b"), OP_PARAMS,
           lambda i, p: torch.dot(i["a"], i["b"]),
           lambda args, params: f"torch.dot({args['a']}, {args['b']})",
           lambda: translate("OpCatalog", "Dot product of two 1-D tensors.")),
    OpSpec("matmul", _identifier_label("matmul"), "linalg", ("a", "b"), OP_PARAMS,
           lambda i, p: i["a"] @ i["b"], _operator_code("{a} @ {b}"),
           lambda: translate("OpCatalog", "Matrix product.")),
    OpSpec("linear", _identifier_label("linear"), "linalg", ("input", "weight", "bias"), OP_PARAMS,
           lambda i, p: torch.nn.functional.linear(i["input"], i["weight"], i["bias"]),
           lambda args, p: "torch.nn.functional.linear({input}, {weight}, {bias})".format(**args),
           lambda: translate("OpCatalog", "input @ weightᵀ + bias, what nn.Linear computes.")),
    OpSpec("reshape", _identifier_label("reshape"), "shape", ("x",),
           (ParamSpec("shape", "shape", "-1",
                      lambda: translate("OpCatalog", "Shape (-1: inferred)")),
            *OP_PARAMS),
           _reshape, _reshape_code,
           lambda: translate("OpCatalog", "The same elements in a new shape.")),
    OpSpec("transpose", _identifier_label("transpose"), "shape", ("x",),
           (ParamSpec("dim0", "int", 0, _identifier_label("dim0")),
            ParamSpec("dim1", "int", 1, _identifier_label("dim1")), *OP_PARAMS),
           lambda i, p: i["x"].transpose(p["dim0"], p["dim1"]),
           lambda args, p: f"{_atom(args['x'])}.transpose({p['dim0']}, {p['dim1']})",
           lambda: translate("OpCatalog", "Swaps two dims.")),
    OpSpec("index", _identifier_label("index"), "shape", ("x",),
           (ParamSpec("index", "text", "0",
                      lambda: translate("OpCatalog", "Index (e.g. 0, 0:2, 1, :)")),
            *OP_PARAMS),
           _index,
           lambda args, p: f"{_atom(args['x'])}[{format_index(parse_index(str(p['index'])))}]",
           lambda: translate("OpCatalog", "Selects elements: the gradient flows into them, "
                             "zero elsewhere.")),
    _unary("detach", "autograd", lambda i, p: i["x"].detach(),
           lambda args, p: f"{_atom(args['x'])}.detach()",
           lambda: translate("OpCatalog", "x.detach(): same values, no grad_fn; no gradient flows "
                             "back through it")),
    *(_traced(arity) for arity in range(1, len(TRACED_PORTS) + 1)),
]

OPS: dict[str, OpSpec] = {spec.key: spec for spec in _SPECS}


def ops_in_category(category_key: str) -> list[OpSpec]:
    return [spec for spec in _SPECS if spec.category_key == category_key]


def check_params(op: str, params: Params) -> str | None:
    """None if every entry of `params` is a known param of `op` with the right type."""
    spec = OPS[op]
    known = {p.name: p for p in spec.params}
    for name, value in params.items():
        if name not in known:
            return translate("OpCatalog", "{op} has no parameter {param!r}.").format(
                op=op, param=name)
        reason = known[name].check(value)
        if reason is not None:
            return reason
    return None
