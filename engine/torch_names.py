"""Classes that print PyTorch's names: `type(p)` is `<class 'torch.nn.parameter.Parameter'>`.

Only the printed name changes (a metaclass's repr): `__module__` stays the engine's, so pickling
and imports keep finding the engine's classes. Users' subclasses print their own names.
"""
from __future__ import annotations

_MODULES = {
    "engine.nn.parameter": "torch.nn.parameter",
    "engine.generator": "torch._C",
    "engine.nn.conv_transpose": "torch.nn.modules.conv",
    "engine.nn.interpolate": "torch.nn.modules.upsampling",
    "engine.nn.multihead_attention": "torch.nn.modules.activation",
}


def torch_module(module: str) -> str:
    """The PyTorch module that defines the class an engine module defines."""
    if module in _MODULES:
        return _MODULES[module]
    if module.startswith("engine.nn.") and module.count(".") == 2:
        return "torch.nn.modules." + module.rpartition(".")[2]  # torch.nn.modules.linear
    if module.startswith("engine."):
        return "torch." + module.partition(".")[2]
    return module


class TorchNamed(type):
    """The metaclass of the engine's public classes whose names programs print."""

    def __repr__(cls) -> str:
        return f"<class '{torch_module(cls.__module__)}.{cls.__qualname__}'>"
