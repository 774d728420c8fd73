# Hessian-vector products by double backward (PyTorch forums / "Fast exact multiplication by
# the Hessian"), checked against autograd.functional.hessian and hvp.
import torch
from torch.autograd.functional import hessian, hvp

torch.manual_seed(0)
A = torch.randn(3, 3, dtype=torch.float64)
A = A @ A.t()
b = torch.randn(3, dtype=torch.float64)


def f(x):
    return 0.5 * x @ A @ x + b @ x + (x ** 4).sum()


x = torch.randn(3, dtype=torch.float64, requires_grad=True)
v = torch.tensor([1.0, 0.0, -1.0], dtype=torch.float64)
grad, = torch.autograd.grad(f(x), x, create_graph=True)
Hv, = torch.autograd.grad(grad @ v, x)
print(Hv)
H = hessian(f, x.detach())
print(H)
print(torch.allclose(H @ v, Hv))
print(hvp(f, x.detach(), v)[1])
print(torch.autograd.functional.jacobian(lambda t: t ** 2, x.detach()))
