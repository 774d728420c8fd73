"""Optimizer: parameter groups, state, zero_grad, state_dict and the step loop shared by all.

Each optimizer states its update rule on raw arrays (NumPy, or CuPy for tensors on cuda): the
rule reads like PyTorch's formulas and costs one array operation per term, with no graph built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from engine.nn.module import clear_grad
from engine.nn.parameter import typename
from engine.tensor import Tensor, bump_version
from engine.torch_names import TorchNamed


def array_of(tensor: Tensor) -> Any:
    """The array that holds ``tensor``'s values (updated in place by the rules)."""
    return tensor._data


def namespace_of(tensor: Tensor) -> Any:
    """The array module of ``tensor``'s device (NumPy on the CPU, CuPy on cuda)."""
    return tensor._device.xp


def state_like(param: Tensor, values: Any = None) -> Tensor:
    """A new state tensor beside ``param``: zeros, or a copy of the array ``values``."""
    data = namespace_of(param).zeros_like(param._data) if values is None else values.copy()
    return Tensor._wrap(data, param._device)


def new_step() -> Tensor:
    """A step counter as PyTorch keeps it in the state: a float32 0-d tensor."""
    import numpy as np

    return Tensor._wrap(np.zeros((), dtype=np.float32))


def count_step(state: dict[str, Any]) -> int:
    """Advance the state's step counter; the new step as a Python number for the formulas."""
    counter = state["step"]
    counter._data += 1
    return int(counter._data)


def check_non_negative(values: dict[str, float]) -> None:
    """PyTorch's argument checks, in order: ``{"learning rate": lr}`` raises
    'Invalid learning rate: -1' when lr is negative or NaN."""
    for label, value in values.items():
        if not 0.0 <= value:
            raise ValueError(f"Invalid {label}: {value}")


def descent_gradient(param: Tensor, group: dict[str, Any], *, weight_decay: bool = True) -> Any:
    """The gradient the rule descends: negated under ``maximize``, plus ``weight_decay * p``
    (PyTorch's L2 decay, coupled to the gradient) unless ``weight_decay`` is False."""
    grad = array_of(param.grad)
    if group["maximize"]:
        grad = -grad
    if weight_decay and group["weight_decay"] != 0:
        grad = grad + group["weight_decay"] * array_of(param)
    return grad


def assign(param: Tensor, values: Any) -> None:
    """Write ``values`` into ``param`` in place and count it as an in-place change, so a graph
    that saved the old values refuses to backward through them, as PyTorch's optimizers do."""
    param._data[...] = values
    bump_version(param)


class Optimizer(metaclass=TorchNamed):
    """Base class: ``param_groups`` (dicts of 'params' and hyper-parameters) and ``state``."""

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                f"dicts, but got {typename(params)}"
            )
        if defaults.get("differentiable"):
            # Backpropagating through the update itself would need the rules written in
            # Tensor ops; foreach, fused and capturable only change speed, so they are accepted.
            raise ValueError("differentiable=True is not supported by this engine's optimizers")
        self.defaults = defaults
        # keyed by the parameter itself, like PyTorch (Tensor hashes by identity)
        self.state: defaultdict[Any, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {typename(param_group)}")
        params = param_group["params"]
        if isinstance(params, Tensor):
            params = [params]
        elif isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the "
                "ordering of tensors in sets will change between runs. Please use a list instead."
            )
        params = list(params)
        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(
                    "optimizer can only optimize Tensors, but one of the params is "
                    + typename(param)
                )
            if not (param.is_leaf or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        group = dict(param_group, params=params)
        for name, default in self.defaults.items():
            group.setdefault(name, default)
        taken = {id(p) for g in self.param_groups for p in g["params"]}
        if any(id(p) in taken for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for param in group["params"]:
                clear_grad(param, set_to_none)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a gradient; returns ``closure()`` if given."""
        from engine import enable_grad, no_grad

        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            for group in self.param_groups:
                for param in group["params"]:
                    if param.grad is None:
                        continue
                    self._update(param, self.state[param], group)
        return loss

    def _update(self, param: Any, state: dict[str, Any], group: dict[str, Any]) -> None:
        """Apply this optimizer's rule to one parameter (``param.grad`` is not None)."""
        raise NotImplementedError

    def state_dict(self) -> dict[str, Any]:
        """{'state': per-parameter state by index, 'param_groups': groups with indices}."""
        index: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            packed["params"] = [index.setdefault(id(p), len(index)) for p in group["params"]]
            groups.append(packed)
        params = {id(p): p for g in self.param_groups for p in g["params"]}
        state = {index[id(p)]: dict(st) for p, st in self.state.items() if id(p) in params and st}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore hyper-parameters and per-parameter state saved by state_dict()."""
        groups = state_dict["param_groups"]
        if len(groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        params = [p for g in self.param_groups for p in g["params"]]
        for group, saved in zip(self.param_groups, groups):
            if len(group["params"]) != len(saved["params"]):
                raise ValueError(
                    "loaded state dict contains a parameter group that doesn't match the size of "
                    "optimizer's group"
                )
            group.update({k: v for k, v in saved.items() if k != "params"})
        for i, st in state_dict["state"].items():
            self.state[params[i]] = {
                k: (v.clone() if isinstance(v, Tensor) else v) for k, v in st.items()
            }

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for index, group in enumerate(self.param_groups):
            text += f"\nParameter Group {index}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"
