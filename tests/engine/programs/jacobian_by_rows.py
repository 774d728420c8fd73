# Jacobians three ways (PyTorch forums "how to compute the Jacobian"): backward row by row
# with grad_outputs of unit vectors, autograd.functional.jacobian, and vectorised vjp.
import torch
from torch.autograd.functional import jacobian, vjp


def f(x):
    return torch.stack([x[0] * x[1], torch.sin(x[1]), x[0] ** 2 + x[2]])


x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = f(x)
rows = []
for i in range(3):
    grad_out = torch.zeros(3)
    grad_out[i] = 1.0
    g, = torch.autograd.grad(y, x, grad_outputs=grad_out, retain_graph=True)
    rows.append(g)
J = torch.stack(rows)
print(J)
print(jacobian(f, x.detach()))
print(vjp(f, x.detach(), torch.ones(3)))
print(torch.allclose(J, jacobian(f, x.detach())))
