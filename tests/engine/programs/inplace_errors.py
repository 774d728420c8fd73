# In-place operations: PyTorch's leaf check, the version counter, in-place on non-leaves.
import torch

w = torch.ones(3, requires_grad=True)
try:
    w += 1
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    w.add_(1)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    w[0] = 5.0
except RuntimeError as e:
    print(type(e).__name__, e)
with torch.no_grad():
    w += 1
print(w, w._version)

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.sigmoid()
c = b * 2
b.mul_(3)
print(b, b._version, b.grad_fn)
try:
    c.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

a.grad = None
y = a * 2
y.add_(1)
print(y, y.grad_fn, y._version)
y.sum().backward(retain_graph=True)
print(a.grad)
y.mul_(y)
print(y, y.grad_fn)
try:
    y.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)

x = torch.tensor([1.0, 2.0], requires_grad=True)
p = x ** 2
q = p.exp()
p.zero_()
try:
    q.sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
d = x.detach()
d.zero_()
print(x, x._version)
try:
    x.requires_grad = False
    print(x.requires_grad)
    (x * 2).sum().backward()
except RuntimeError as e:
    print(type(e).__name__, e)
