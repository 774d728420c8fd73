# Derivatives of the common functions, including the values PyTorch picks at kinks.
import torch

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
for name in ("relu", "abs", "sigmoid", "tanh", "exp", "sin", "cos", "square", "sign"):
    x.grad = None
    getattr(torch, name)(x).sum().backward()
    print(name, x.grad)
x.grad = None
x.clamp(-1, 1).sum().backward()
print("clamp", x.grad)
p = torch.tensor([0.25, 1.0, 4.0], requires_grad=True)
for name in ("sqrt", "log", "rsqrt", "reciprocal"):
    p.grad = None
    getattr(p, name)().sum().backward()
    print(name, p.grad)
m = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
m.max().backward()
print("max", m.grad)
m.grad = None
m.min().backward()
print("min", m.grad)
m.grad = None
m.norm().backward()
print("norm", m.grad)
z = torch.zeros(3, requires_grad=True)
z.norm().backward()
print("norm at 0", z.grad)
m.grad = None
values, indices = m.max(dim=0)
print(values, indices)
torch.maximum(m, torch.tensor(2.5)).sum().backward()
print("maximum", m.grad)
q = torch.tensor([[1.0, 5.0], [7.0, 2.0]], requires_grad=True)
v, i = q.max(dim=1)
v.sum().backward()
print(v, i, q.grad)
