"""Variable names for tensors and modules, looked up in the caller's frames.

A learner writes `loss = ...`; the card should say `loss`. Parameters of a module held in a
variable get dotted names (`net.0.weight`), and the module's submodules their paths (`net.0`).
"""
from __future__ import annotations

import types
from collections.abc import Iterable

MAX_FRAMES = 8


def _is_tensor(value: object) -> bool:
    return hasattr(value, "grad_fn") and hasattr(value, "requires_grad")


def _is_module(value: object) -> bool:
    return callable(getattr(value, "named_modules", None)) and \
        callable(getattr(value, "named_parameters", None)) and not isinstance(value, type)


class Names:
    """id(tensor) -> name and id(module) -> (path, class name), first binding wins."""

    def __init__(self) -> None:
        self.tensors: dict[int, str] = {}
        self.modules: dict[int, tuple[str, str]] = {}
        self.named_tensors: list = []   # the tensors themselves: their ids stay theirs

    def add_variables(self, variables: Iterable[tuple[str, object]]) -> None:
        for name, value in variables:
            if not isinstance(name, str) or name.startswith("_"):
                continue   # IPython's _, _1, Out ... and private helpers
            if _is_tensor(value):
                self._add_tensor(name, value)
            elif _is_module(value):
                self._add_module(name, value)

    def _add_module(self, name: str, module) -> None:
        try:
            for path, sub in module.named_modules():
                full = f"{name}.{path}" if path else name
                self.modules.setdefault(id(sub), (full, type(sub).__name__))
            for path, param in module.named_parameters():
                self._add_tensor(f"{name}.{path}", param)
        except Exception:   # noqa: BLE001 - a user object that only looks like a module
            return

    def _add_tensor(self, name: str, tensor: object) -> None:
        if id(tensor) not in self.tensors:
            self.tensors[id(tensor)] = name
            self.named_tensors.append(tensor)

    def add_frame(self, frame: types.FrameType) -> None:
        self.add_variables(list(frame.f_locals.items()))
        self.add_variables(list(frame.f_globals.items()))

    def tensor_name(self, tensor: object) -> str | None:
        return self.tensors.get(id(tensor))

    def module_label(self, module: object) -> str:
        """'net.0 (Linear)', or the class name alone for a module no variable holds."""
        known = self.modules.get(id(module))
        if known is None:
            return type(module).__name__
        path, kind = known
        return f"{path} ({kind})"


def names_from(frame: types.FrameType | None, depth: int = MAX_FRAMES) -> Names:
    """The names visible from `frame` and up to `depth` frames that called it, innermost first."""
    names = Names()
    while frame is not None and depth > 0:
        names.add_frame(frame)
        frame = frame.f_back
        depth -= 1
    return names
