"""A total budget for the tensors of one evaluation, checked from shapes before allocating.

Each value has its own element limit, but a graph of many modest tensors (20,000 inputs of
ten million elements, `ones(40000, 1) * ones(1, 40000)`) can still exhaust memory and abort the
program. Before a node runs, the size of its result is worked out from its inputs' shapes and
its params; a node that would take the graph past the budget is refused with a message instead.

The budget is a quarter of the memory the process may use (the physical memory, or a lower
address-space limit), unless the app's Edit > Tensor Budget… or, over both,
AUTOGRAD_EXPLORER_TENSOR_BUDGET_MB sets it. The arithmetic is
budgeted the same way (multiply-adds, counted from the shapes), so that 200 products of
3162 × 3162 matrices are refused instead of freezing the window for minutes.
"""
from __future__ import annotations

import math
import os

import engine as torch
from explorer.core.document.value_text import MAX_ELEMENTS, ValueTextError, parse_shape, parse_value
from explorer.core.i18n import translate

ENV_VAR = "AUTOGRAD_EXPLORER_TENSOR_BUDGET_MB"
BYTES_PER_ELEMENT = 8   # the widest dtype: the estimate must never be below the truth
VIEWS = ("detach", "transpose", "index")   # share their input's memory
MB = 2**20
MAX_WORK = 10**10   # multiply-adds a graph may take: a few seconds of NumPy at most


def _memory_bytes() -> int:
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        physical = 8 * 2**30
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            physical = min(physical, soft)
    except (ImportError, ValueError, OSError):
        pass
    return physical


_chosen_mb: float | None = None   # the app's setting (Edit > Tensor Budget…), None: default


def choose_budget_mb(megabytes: float | None) -> None:
    """The budget the user chose in the app (None: the default); the env var still wins."""
    global _chosen_mb
    _chosen_mb = megabytes if megabytes is None or megabytes > 0 else None


def memory_budget_mb() -> int:
    """The default budget in MB: a quarter of the memory the process may use."""
    return _memory_bytes() // 4 // MB


def default_budget_bytes() -> int:
    text = os.environ.get(ENV_VAR, "").strip()
    if text:
        try:
            return max(1, int(float(text) * MB))
        except ValueError:
            pass   # an unreadable setting falls back to the default
    if _chosen_mb is not None:
        return max(1, int(_chosen_mb * MB))
    return _memory_bytes() // 4


def _shape(value) -> tuple[int, ...]:
    return tuple(value.shape) if isinstance(value, torch.Tensor) else ()


def _broadcast(*shapes: tuple[int, ...]) -> tuple[int, ...] | None:
    """NumPy's broadcast shape, or None when the shapes do not broadcast (the engine says so)."""
    ndim = max(len(s) for s in shapes)
    result = []
    for axis in range(-ndim, 0):
        sizes = {s[axis] for s in shapes if len(s) >= -axis} - {1}
        if len(sizes) > 1:
            return None
        result.append(sizes.pop() if sizes else 1)
    return tuple(result)


def _matmul(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...] | None:
    if not a or not b:
        return None
    a2 = a if len(a) > 1 else (1, a[0])
    b2 = b if len(b) > 1 else (b[0], 1)
    batch = _broadcast(a2[:-2], b2[:-2]) if len(a2) > 2 or len(b2) > 2 else ()
    if batch is None:
        return None
    return (*batch, a2[-2], b2[-1])


def _input_elements(params: dict) -> int:
    init = params.get("init")
    try:
        if init in ("ones", "zeros", "rand", "randn"):
            return math.prod(parse_shape(str(params["shape"])))
        if init == "linspace":
            return max(0, int(params["steps"]))
        if init == "arange":
            start, end, step = (parse_value(str(params[k])) for k in ("start", "end", "step"))
            count = (end - start) / step
            return math.ceil(count) if math.isfinite(count) and count > 0 else 0
    except (ValueTextError, TypeError, ValueError, ZeroDivisionError, OverflowError, KeyError):
        return 0   # the node itself reports the bad param
    return len(str(params.get("value", ""))) // 2 + 1   # a typed value: one digit and a comma


def result_elements(op: str, inputs: dict, params: dict) -> int:
    """At least the number of elements the node's result will hold (0: none of its own)."""
    if op in VIEWS:
        return 0
    if op == "input":
        return _input_elements(params)
    if op == "constant":
        return len(str(params.get("value", ""))) // 2 + 1
    shapes = {port: _shape(value) for port, value in inputs.items()}
    if op == "matmul":
        shape = _matmul(shapes.get("a", ()), shapes.get("b", ()))
    elif op in ("dot", "sum", "mean") and not str(params.get("dim", "")).strip():
        shape = ()
    else:
        shape = _broadcast(*shapes.values()) if shapes else ()
    return math.prod(shape) if shape is not None else 0


def result_work(op: str, inputs: dict, elements: int) -> int:
    """About the multiply-adds the node takes: its elements, or n·k·m for a matrix product."""
    if op != "matmul":
        return elements
    a = _shape(inputs.get("a"))
    return elements * (a[-1] if a else 1)


class TensorBudget:
    """Bytes handed out to one evaluation's results; `charge` refuses what would not fit."""

    def __init__(self, limit_bytes: int | None = None, max_work: int = MAX_WORK) -> None:
        self.limit = limit_bytes if limit_bytes is not None else default_budget_bytes()
        self.used = 0
        self.max_work = max_work
        self.work = 0

    def charge(self, op: str, inputs: dict, params: dict) -> str | None:
        """None when the result fits (and is counted), else the translated refusal."""
        elements = result_elements(op, inputs, params)
        if op == "input" and elements > MAX_ELEMENTS:
            return None   # refused by the input's own element limit, which says more
        need = elements * BYTES_PER_ELEMENT
        work = result_work(op, inputs, elements)
        if self.work + work > self.max_work:
            return translate("TensorBudget", "This would take the graph past {n} billion "
                             "multiply-adds, more than the editor computes at once.").format(
                                 n=self.max_work // 10**9)
        if self.used + need <= self.limit:
            self.used += need
            self.work += work
            return None
        return translate("TensorBudget", "This would take the graph's tensors to {need} MB, past "
                         "the budget of {limit} MB (set {var} to change it).").format(
                             need=(self.used + need) // MB, limit=self.limit // MB, var=ENV_VAR)
