# Leaves collect gradients from every path and across calls; is_leaf and requires_grad rules.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x * x + 3 * x
y.backward()
print(x.grad)
y = x * x + 3 * x
y.backward()
print(x.grad)
x.grad = None
a = x * 2
b = a * a
c = a + b
c.backward()
print(x.grad)
print(x.is_leaf, a.is_leaf, torch.tensor(1.0).is_leaf)
print(x.requires_grad, a.requires_grad, torch.tensor(1.0).requires_grad)
l = torch.tensor([1.0, 2.0], requires_grad=True)
l.backward(torch.tensor([3.0, 4.0]))
print(l.grad)
k = torch.ones(2, requires_grad=True)
k.sum().backward()
k.sum().backward()
(k * 3).sum().backward()
print(k.grad)
try:
    a.requires_grad = False
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    torch.tensor([1, 2]).requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
n = torch.ones(2)
n.requires_grad = True
print(n, n.is_leaf)
d = a.detach().requires_grad_()
print(d.is_leaf, d.requires_grad, d.grad_fn)
