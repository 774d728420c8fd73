# PyTorch docs, torch.cumprod and torch.roll: running products (with a zero, whose gradient
# torch still gets right), rolling along dims and flattened, and the gradients back.
import torch

torch.manual_seed(0)
a = torch.randn(6)
print(torch.cumprod(a, dim=0))
a[5] = 0.0
print(torch.cumprod(a, dim=0))
x = torch.tensor([2.0, 0.5, 0.0, 3.0, 1.5], requires_grad=True)
y = x.cumprod(0)
print(y)
y.sum().backward()
print(x.grad)
m = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
print(torch.cumprod(m, dim=1), torch.cumprod(torch.tensor([1, 2, 3]), 0))
x = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8]).view(4, 2)
print(torch.roll(x, 1))
print(torch.roll(x, 1, 0))
print(torch.roll(x, -1, 0))
print(torch.roll(x, shifts=(2, 1), dims=(0, 1)))
w = torch.arange(6.0, requires_grad=True)
r = torch.roll(w, 2)
(r * torch.arange(6.0)).sum().backward()
print(r, w.grad)
