# no_grad as context manager and decorator, enable_grad inside it, set_grad_enabled.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
print(torch.is_grad_enabled())
with torch.no_grad():
    y = x * 2
    print(torch.is_grad_enabled(), y.requires_grad, y.grad_fn)
    with torch.enable_grad():
        z = x * 2
        print(z.requires_grad, z.grad_fn)


@torch.no_grad()
def doubled(t):
    return t * 2


print(doubled(x).requires_grad)
torch.set_grad_enabled(False)
print((x * 2).requires_grad, torch.is_grad_enabled())
torch.set_grad_enabled(True)
print((x * 2).requires_grad)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
print((x * 2).requires_grad)
for flag in (True, False):
    with torch.set_grad_enabled(flag):
        print(flag, (x ** 2).sum().requires_grad)
with torch.no_grad():
    w = x.clone()
print(w.requires_grad, w.is_leaf)
with torch.inference_mode():
    print((x * 2).requires_grad)
