# Backward twice: the error without retain_graph, accumulation with it, and the saved tensors.
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
print(x.grad)
y.backward()
print(x.grad)
try:
    y.backward()
except RuntimeError as e:
    print(type(e).__name__, e)

z = x.exp().sum()
z.backward()
try:
    z.backward()
except RuntimeError as e:
    print(type(e).__name__, e)

w = x * 3
s = w.sum()
s.backward()
s2 = (w * 2).sum()
try:
    s2.backward()
except RuntimeError as e:
    print(type(e).__name__, e)
print(x.grad)

y = x * x
torch.autograd.grad(y.sum(), x)
try:
    torch.autograd.grad(y.sum(), x)
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    print(y.grad_fn._saved_self)
except RuntimeError as e:
    print(type(e).__name__, e)
