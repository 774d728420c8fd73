# Newton's method with autograd derivatives (numerical-methods course exercises in PyTorch):
# a root of x^3 - 2x - 5, and the minimum of a 2-d function with the Hessian and solve.
import torch


def f(x):
    return x ** 3 - 2 * x - 5


x = torch.tensor(2.0, requires_grad=True)
for i in range(6):
    y = f(x)
    dy, = torch.autograd.grad(y, x)
    with torch.no_grad():
        x -= y / dy
    print(i, f'{x.item():.8f}')
A = torch.tensor([[3.0, 1.0], [1.0, 2.0]], dtype=torch.float64)
b = torch.tensor([1.0, -1.0], dtype=torch.float64)
p = torch.zeros(2, dtype=torch.float64, requires_grad=True)
for i in range(3):
    q = 0.5 * p @ A @ p - b @ p + 0.1 * (p ** 4).sum()
    g, = torch.autograd.grad(q, p, create_graph=True)
    H = torch.stack([torch.autograd.grad(g[k], p, retain_graph=True)[0] for k in range(2)])
    with torch.no_grad():
        p -= torch.linalg.solve(H, g)
    print(i, p, H.diagonal())
print(torch.inverse(A) @ b, torch.linalg.solve(A, b))
M = torch.tensor([[2.0, 1.0], [0.5, 3.0]], requires_grad=True)
torch.linalg.inv(M).sum().backward()
print(M.grad)
rhs = torch.tensor([[1.0], [2.0]], requires_grad=True)
torch.linalg.solve(M, rhs).pow(2).sum().backward()
print(M.grad, rhs.grad)
