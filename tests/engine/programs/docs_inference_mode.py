# PyTorch docs, torch.inference_mode (pytorch.org/docs/stable/generated/
# torch.autograd.grad_mode.inference_mode.html): the documented example (outputs do not require
# grad, in a block or as a decorator), no_grad side by side, and inference_mode(False), which
# leaves the mode and turns grad on again (even inside no_grad).
import torch

x = torch.ones(1, 2, 3, requires_grad=True)
with torch.inference_mode():
    y = x * x
print(y.requires_grad, y.is_leaf, y.grad_fn)


@torch.inference_mode()
def func(x):
    return x * x


out = func(x)
print(out.requires_grad)


@torch.inference_mode()
def doubler(x):
    return x * 2


out = doubler(x)
print(out.requires_grad, torch.is_inference_mode_enabled(), torch.is_grad_enabled())

with torch.no_grad():
    z = x * x
print(z.requires_grad, z._version, torch.is_inference_mode_enabled())

# Gradients still reach x through what was computed outside the mode.
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.inference_mode():
    scale = torch.tensor([3.0, 4.0])
(w * scale.clone()).sum().backward()
print(w.grad)

with torch.inference_mode():
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
    with torch.inference_mode(False):
        print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
        print((x * 2).requires_grad)
    print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
print(torch.is_inference_mode_enabled(), torch.is_grad_enabled())
with torch.no_grad():
    with torch.inference_mode(mode=False):
        print(torch.is_grad_enabled(), (x * 2).grad_fn is not None)
    print(torch.is_grad_enabled())
