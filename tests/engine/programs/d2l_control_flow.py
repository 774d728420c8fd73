# d2l.ai: the gradient of a Python function with loops and branches.
import torch


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


for seed in (0, 3, 7):
    torch.manual_seed(seed)
    a = torch.randn(size=(), requires_grad=True)
    d = f(a)
    d.backward()
    print(a, d)
    print(a.grad, a.grad == d / a)

torch.manual_seed(5)
a = torch.randn(size=(3,), requires_grad=True)
d = f(a)
d.sum().backward()
print(a.grad)
print(d.grad_fn)
