# In-place writes into a view of a non-leaf: PyTorch rewrites the base's history (CopySlices).
import torch

x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
y = x * 2
y[0] = 0.0
print(y)
print(y.grad_fn)
y.sum().backward()
print(x.grad)

x.grad = None
y = x * 1
y[1:3] *= 10
print(y)
(y * y).sum().backward()
print(x.grad)

a = torch.ones(2, 3, requires_grad=True)
b = a.clone()
b[:, 0] = torch.tensor([5.0, 6.0])
b[1].mul_(2)
print(b)
b.sum().backward()
print(a.grad)

m = torch.zeros(2, 2, requires_grad=True)
n = m + 1
v = n.view(4)
v.add_(torch.arange(4.0))
print(n, v)
(n * n).sum().backward()
print(m.grad)
k = torch.tensor([1.0, 2.0], requires_grad=True)
s = torch.zeros(3)
s[0:2] = k * 3
print(s, s.requires_grad)
s.sum().backward()
print(k.grad)
