# torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp of small functions.
import torch
from torch.autograd.functional import hessian, hvp, jacobian, jvp, vjp


def f(x):
    return torch.stack([x[0] * x[1], x[0].sin(), x.pow(3).sum()])


def g(x):
    return (x ** 2).sum() * x.prod() if False else (x ** 2 * x.flip(0)).sum()


x = torch.tensor([1.0, 2.0])
print(jacobian(f, x))
print(hessian(g, x))
out, v = vjp(f, x, torch.tensor([1.0, 0.0, 1.0]))
print(out, v)
out, jv = jvp(f, x, torch.tensor([1.0, 1.0]))
print(out, jv)
val, hv = hvp(g, x, torch.tensor([1.0, -1.0]))
print(val, hv)


def two_inputs(a, b):
    return a * b + a.exp()


a = torch.tensor([0.5, 1.0])
b = torch.tensor([2.0, 3.0])
ja, jb = jacobian(two_inputs, (a, b))
print(ja)
print(jb)
print(jacobian(lambda t: t.sum(), torch.ones(3)))
print(jacobian(lambda t: t * 2, torch.ones(2), create_graph=True).requires_grad)
