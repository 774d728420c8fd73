"""nn.Module: the base class that registers Parameters and submodules, like torch.nn.Module."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from engine.nn import module_hooks
from engine.nn.parameter import Parameter, typename
from engine.tensor import Tensor
from engine.torch_names import TorchNamed


class _IncompatibleKeys(NamedTuple):
    missing_keys: list[str]
    unexpected_keys: list[str]

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return (
            f"_IncompatibleKeys(missing_keys={self.missing_keys}, "
            f"unexpected_keys={self.unexpected_keys})"
        )

    __str__ = __repr__


def clear_grad(tensor: Any, set_to_none: bool) -> None:
    """Drop ``tensor.grad`` or zero it in place (shared by Module and Optimizer zero_grad)."""
    grad = tensor.grad
    if grad is None:
        return
    if set_to_none:
        tensor.grad = None
        return
    # in place, like PyTorch: whoever holds the old .grad sees the zeros
    if grad.grad_fn is not None:
        grad.detach_()
    else:
        grad.requires_grad_(False)
    grad.zero_()


def _addindent(text: str, spaces: int) -> str:
    """Indent every line but the first (nested module reprs), as PyTorch does."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    first, rest = lines[0], lines[1:]
    return "\n".join([first] + [(spaces * " ") + line if line.strip() else "" for line in rest])


class Module(metaclass=TorchNamed):
    """Base class for all neural network modules, with PyTorch's semantics."""

    training: bool

    def __init__(self) -> None:
        # object.__setattr__: our own __setattr__ needs these dicts to exist first.
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent", set())

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function'
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        hooks = self.__dict__.get("_hooks")
        if hooks is None:
            return self.forward(*args, **kwargs)
        return module_hooks.call_with_hooks(self, hooks, args, kwargs)

    # --- hooks (engine/nn/module_hooks.py) ----------------------------------------------------

    def _hook_record(self) -> module_hooks.ModuleHooks:
        hooks = self.__dict__.get("_hooks")
        if hooks is None:
            hooks = module_hooks.ModuleHooks()
            object.__setattr__(self, "_hooks", hooks)
        return hooks

    def register_forward_pre_hook(self, hook, *, prepend: bool = False,
                                  with_kwargs: bool = False) -> module_hooks.HookHandle:
        """hook(module, args) before forward(); a returned value replaces the arguments."""
        return module_hooks.add(self._hook_record().forward_pre, hook, prepend,
                                with_kwargs=with_kwargs)

    def register_forward_hook(self, hook, *, prepend: bool = False, with_kwargs: bool = False,
                              always_call: bool = False) -> module_hooks.HookHandle:
        """hook(module, args, output) after forward(); a returned value replaces the output."""
        return module_hooks.add(self._hook_record().forward, hook, prepend,
                                with_kwargs=with_kwargs)

    def register_full_backward_hook(self, hook, prepend: bool = False) -> module_hooks.HookHandle:
        """hook(module, grad_input, grad_output) once the gradients of the inputs are known."""
        hooks = self._hook_record()
        if hooks.legacy_backward:
            raise RuntimeError(
                "Cannot use both regular backward hooks and full backward hooks on a single "
                "Module. Please use only one of them."
            )
        return module_hooks.add(hooks.backward, hook, prepend)

    def register_full_backward_pre_hook(self, hook,
                                        prepend: bool = False) -> module_hooks.HookHandle:
        """hook(module, grad_output) before the module's gradients are computed."""
        return module_hooks.add(self._hook_record().backward_pre, hook, prepend)

    def register_backward_hook(self, hook) -> module_hooks.HookHandle:
        """The legacy hook: called with the gradients of the output's last node."""
        hooks = self._hook_record()
        if hooks.backward:
            raise RuntimeError(
                "Cannot use both regular backward hooks and full backward hooks on a single "
                "Module. Please use only one of them."
            )
        return module_hooks.add(hooks.legacy_backward, hook)

    # --- registration -------------------------------------------------------------------------

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        self._check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)"
            )
        self._parameters[name] = param

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """A tensor that belongs to the module's state (moved by .to(), saved by state_dict()
        unless persistent=False) but is not a parameter."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        if not isinstance(name, str):
            raise TypeError(f"buffer name should be a string. Got {typename(name)}")
        if "." in name:
            raise KeyError('buffer name can\'t contain "."')
        if name == "":
            raise KeyError('buffer name can\'t be empty string ""')
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{typename(tensor)}' object to buffer '{name}' "
                "(torch Tensor or None required)"
            )
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent.discard(name)
        else:
            self._non_persistent.add(name)

    def add_module(self, name: str, module: Module | None) -> None:
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{typename(module)} is not a Module subclass")
        if not isinstance(name, str):
            raise TypeError(f"module name should be a string. Got {typename(name)}")
        self._check_name(name, "module")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        self._modules[name] = module

    register_module = add_module

    @staticmethod
    def _check_name(name: str, kind: str) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{kind} name should be a string. Got {typename(name)}")
        if "." in name:
            suffix = f", got: {name}" if kind == "module" else ""
            raise KeyError(f'{kind} name can\'t contain "."{suffix}')
        if name == "":
            raise KeyError(f'{kind} name can\'t be empty string ""')

    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        modules = self.__dict__.get("_modules")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self.__dict__.pop(name, None)
            modules.pop(name, None)
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as parameter '{name}' "
                    "(torch.nn.Parameter or None expected)"
                )
            params[name] = None
        elif isinstance(value, Module):
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self.__dict__.pop(name, None)
            params.pop(name, None)
            modules[name] = value
        elif name in self.__dict__.get("_buffers", ()):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{typename(value)}' as buffer '{name}' "
                    "(torch.Tensor or None expected)"
                )
            self._buffers[name] = value
        elif modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as child module '{name}' "
                    "(torch.nn.Module or None expected)"
                )
            modules[name] = None
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails: look in the registries.
        state = self.__dict__
        for registry in ("_parameters", "_buffers", "_modules"):
            if registry in state and name in state[registry]:
                return state[registry][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name: str) -> None:
        if name in self._parameters:
            del self._parameters[name]
        elif name in self._buffers:
            del self._buffers[name]
            self._non_persistent.discard(name)
        elif name in self._modules:
            del self._modules[name]
        else:
            object.__delattr__(self, name)

    # --- traversal ----------------------------------------------------------------------------

    def named_modules(
        self, memo: set[Module] | None = None, prefix: str = "", remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Module]]:
        if memo is None:
            memo = set()
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is None:
                continue
            sub_prefix = prefix + ("." if prefix else "") + name
            yield from module.named_modules(memo, sub_prefix, remove_duplicate)

    def modules(self) -> Iterator[Module]:
        for _, module in self.named_modules():
            yield module

    def named_children(self) -> Iterator[tuple[str, Module]]:
        seen: set[Module] = set()
        for name, module in self._modules.items():
            if module is not None and module not in seen:
                seen.add(module)
                yield name, module

    def children(self) -> Iterator[Module]:
        for _, module in self.named_children():
            yield module

    def _named_members(
        self, members: Callable[[Module], dict[str, Any]], prefix: str, recurse: bool,
        remove_duplicate: bool,
    ) -> Iterator[tuple[str, Any]]:
        """(dotted name, tensor) for the `members` of this module (and its submodules): None
        entries skipped and, with remove_duplicate, a tensor under several names only once."""
        modules = self.named_modules(prefix=prefix) if recurse else [(prefix, self)]
        seen: set[int] = set()  # by identity: Tensor.__eq__ is elementwise, so no set of Tensors
        for module_prefix, module in modules:
            for name, member in members(module).items():
                if member is None or (remove_duplicate and id(member) in seen):
                    continue
                seen.add(id(member))
                yield module_prefix + ("." if module_prefix else "") + name, member

    def named_parameters(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Parameter]]:
        return self._named_members(lambda module: module._parameters, prefix, recurse,
                                   remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, Tensor]]:
        return self._named_members(lambda module: module._buffers, prefix, recurse,
                                   remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def apply(self, fn: Any) -> Module:
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # --- modes and gradients -------------------------------------------------------------------

    def train(self, mode: bool = True) -> Module:
        if not isinstance(mode, bool):
            # PyTorch raises ValueError here, not TypeError
            raise ValueError("training mode is expected to be boolean")  # noqa: TRY004
        self.training = mode
        for module in self.children():
            module.train(mode)
        return self

    def eval(self) -> Module:
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        for param in self.parameters():
            clear_grad(param, set_to_none)

    # --- device and dtype ----------------------------------------------------------------------

    def to(self, *args: Any, **kwargs: Any) -> Module:
        """Move every parameter (and its grad) in place: ``model.to("cuda")``, ``.to(float64)``.

        The Parameter objects stay the same, so an optimizer built before the move still works.
        """
        for param in self.parameters():
            moved = param.detach().to(*args, **kwargs)
            if not param.is_floating_point():
                moved = moved.to(param.dtype)  # like PyTorch, a dtype only converts float weights
            param.data = moved
            if param.grad is not None:
                param.grad = param.grad.to(moved.device).to(moved.dtype)
        for module in self.modules():
            for name, buffer in module._buffers.items():
                if buffer is not None:
                    moved = buffer.to(*args, **kwargs)
                    module._buffers[name] = moved if buffer.is_floating_point() else \
                        moved.to(buffer.dtype)
        return self

    def cpu(self) -> Module:
        return self.to("cpu")

    def type(self, dst_type: Any) -> Module:
        """Cast every parameter, grad and buffer with ``Tensor.type``:
        ``model.type(torch.DoubleTensor)``; unlike ``.to(dtype)`` integer buffers are cast too."""
        for param in self.parameters():
            param.data = param.detach().type(dst_type)
            if param.grad is not None:
                param.grad = param.grad.type(dst_type)
        for module in self.modules():
            for name, buffer in module._buffers.items():
                if buffer is not None:
                    module._buffers[name] = buffer.type(dst_type)
        return self

    def float(self) -> Module:
        from engine import float32

        return self.to(float32)

    def double(self) -> Module:
        from engine import float64

        return self.to(float64)

    # --- state ---------------------------------------------------------------------------------

    def state_dict(
        self, destination: OrderedDict | None = None, prefix: str = "", keep_vars: bool = False
    ) -> OrderedDict:
        if destination is None:
            destination = OrderedDict()
        for name, value in self._state_items(prefix):
            destination[name] = value if keep_vars else value.detach()
        return destination

    def _state_items(self, prefix: str = "") -> Iterator[tuple[str, Tensor]]:
        """PyTorch's state_dict order: own parameters, own persistent buffers, then children."""
        for name, param in self._parameters.items():
            if param is not None:
                yield prefix + name, param
        for name, buffer in self._buffers.items():
            if buffer is not None and name not in self._non_persistent:
                yield prefix + name, buffer
        for name, module in self._modules.items():
            if module is not None:
                yield from module._state_items(prefix + name + ".")

    def load_state_dict(
        self, state_dict: Mapping[str, Any], strict: bool = True
    ) -> _IncompatibleKeys:
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        own = dict(self._state_items())
        missing = [name for name in own if name not in state_dict]
        unexpected = [name for name in state_dict if name not in own]
        errors = []
        from engine import no_grad  # deferred: engine imports nn while it initialises

        with no_grad():
            for name, param in own.items():
                if name not in state_dict:
                    continue
                value = state_dict[name]
                if tuple(value.shape) != tuple(param.shape):
                    errors.append(
                        f"size mismatch for {name}: copying a param with shape {value.shape} "
                        f"from checkpoint, the shape in current model is {param.shape}."
                    )
                    continue
                param.copy_(value)
        if strict:
            if unexpected:
                keys = ", ".join(f'"{k}"' for k in unexpected)
                errors.insert(0, f"Unexpected key(s) in state_dict: {keys}. ")
            if missing:
                keys = ", ".join(f'"{k}"' for k in missing)
                errors.insert(0, f"Missing key(s) in state_dict: {keys}. ")
        if errors:
            raise RuntimeError(
                f"Error(s) in loading state_dict for {self._get_name()}:\n\t" + "\n\t".join(errors)
            )
        return _IncompatibleKeys(missing, unexpected)

    # --- printing ------------------------------------------------------------------------------

    def _get_name(self) -> str:
        return type(self).__name__

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [
            f"({key}): " + _addindent(repr(module), 2) for key, module in self._modules.items()
        ]
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"
