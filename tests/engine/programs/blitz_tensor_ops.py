# PyTorch 60-minute blitz, autograd part 1: y = x + 2, z = y * y * 3, out = z.mean().
import torch

x = torch.ones(2, 2, requires_grad=True)
print(x)
y = x + 2
print(y)
print(y.grad_fn)
z = y * y * 3
out = z.mean()
print(z, out)
out.backward()
print(x.grad)
print(x.is_leaf, y.is_leaf, z.is_leaf)
print(type(out.grad_fn).__name__, out.grad_fn.name())
print(out.grad_fn.next_functions)
