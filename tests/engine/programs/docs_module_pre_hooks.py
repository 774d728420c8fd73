# PyTorch docs, torch.nn.Module (pytorch.org/docs/stable/generated/torch.nn.Module.html):
# register_forward_pre_hook (hook(module, args) may return new args; with_kwargs=True gets and
# returns kwargs), register_forward_hook (with_kwargs, prepend), register_full_backward_pre_hook
# (hook(module, grad_output) may return a new grad_output) and register_full_backward_hook,
# each as its docstring describes, with the handles removed at the end.
# ruff: noqa: PLR0402 - the source's own style
import torch
import torch.nn as nn


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(3, 2)

    def forward(self, x, scale=1.0):
        return self.lin(x) * scale


torch.manual_seed(0)
model = Scale()
x = torch.randn(4, 3, requires_grad=True)
calls = []


def pre_hook(module, args):
    calls.append("pre")
    (inp,) = args
    return (inp * 2,)  # a single value is wrapped into a tuple by PyTorch, a tuple replaces args


def pre_hook_kwargs(module, args, kwargs):
    calls.append(f"pre_kwargs {sorted(kwargs)}")
    kwargs = dict(kwargs, scale=10.0)
    return args, kwargs


def forward_hook(module, args, output):
    calls.append("forward")
    return output + 1


def forward_hook_first(module, args, output):
    calls.append("forward_first")


def backward_pre_hook(module, grad_output):
    calls.append(f"backward_pre {tuple(grad_output[0].shape)}")
    return (grad_output[0] * 0.5,)


def backward_hook(module, grad_input, grad_output):
    calls.append(f"backward {grad_input[0].sum().item():.4f} {grad_output[0].sum().item():.4f}")


out0 = model(x)
handles = [
    model.register_forward_pre_hook(pre_hook),
    model.register_forward_pre_hook(pre_hook_kwargs, with_kwargs=True),
    model.register_forward_hook(forward_hook),
    model.register_forward_hook(forward_hook_first, prepend=True),
    model.register_full_backward_pre_hook(backward_pre_hook),
    model.register_full_backward_hook(backward_hook),
]
out = model(x, scale=1.0)
print(out0)
print(out)
print(torch.allclose(out, model.lin(2 * x) * 10.0 + 1))
out.sum().backward()
print(calls)
print(x.grad)
print(model.lin.weight.grad)

for h in handles:
    h.remove()
calls.clear()
x.grad = None
out = model(x)
out.sum().backward()
print(calls, torch.equal(out, out0), x.grad)


def pre_hook_single(module, args):
    return args[0] - 1  # not a tuple: PyTorch wraps it


h = model.register_forward_pre_hook(pre_hook_single)
print(model(torch.ones(1, 3)), model.lin(torch.zeros(1, 3)))
h.remove()
