"""torch.xxx(...) called with PyTorch's keyword names: `matmul(input=a, other=b)`, `sum(x, axis=0)`,
`exp(x, out=y)`.

The op functions name their operands briefly (`x`, `a`, `b`); `adapt` gives each top-level
function PyTorch's names for them, `axis=` for `dim=`, and `out=` where the op has none of its
own. A call without keywords goes straight through.
"""
from __future__ import annotations

import functools
import inspect

# The engine's short operand names and PyTorch's (per position); per-function exceptions below.
_FIRST = {"x": "input", "a": "input", "t": "input"}
_SECOND = {"b": "other"}
_SECOND_BY_FUNCTION = {
    "mm": "mat2", "bmm": "mat2", "dot": "tensor", "mv": "vec", "lerp": "end", "pow": "exponent",
}
# Factories that PyTorch lets write into an existing tensor: torch.rand(2, 2, out=c).
_FACTORIES_WITH_OUT = ("rand", "randn", "zeros", "ones")


def adapt(fn):
    """`fn` accepting PyTorch's keyword names (and `out=`) as well as its own."""
    params = inspect.signature(fn).parameters
    positional = [
        n for n, p in params.items()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    renames = {}
    if positional:
        first = "input" if fn.__name__ == "lerp" else _FIRST.get(positional[0])
        if first and first not in params:
            renames[first] = positional[0]
    if len(positional) > 1:
        second = _SECOND_BY_FUNCTION.get(fn.__name__) or _SECOND.get(positional[1])
        if second and second not in params:
            renames[second] = positional[1]
    if "dim" in params and "axis" not in params:
        renames["axis"] = "dim"
    own_out = "out" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())
    if not renames and own_out:
        return fn

    @functools.wraps(fn)
    def call(*args, **kwargs):
        if not kwargs:
            return fn(*args)
        for torch_name, name in renames.items():
            if torch_name in kwargs:
                kwargs[name] = kwargs.pop(torch_name)
        out = None if own_out else kwargs.pop("out", None)
        result = fn(*args, **kwargs)
        if out is None:
            return result
        from engine.ops.dispatch import write_out

        return write_out(fn.__name__, result, out, args + tuple(kwargs.values()))

    return call


def adapt_namespace(namespace: dict, names) -> None:
    """Adapt every plain function among `names` in a module's namespace."""
    for name in names:
        fn = namespace.get(name)
        if inspect.isfunction(fn) and (
            fn.__module__.startswith("engine.ops") or name.endswith("_like")
            or name in _FACTORIES_WITH_OUT
        ):
            namespace[name] = adapt(fn)
