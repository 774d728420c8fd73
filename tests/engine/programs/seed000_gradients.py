# Seed tutorial 000: gradients of y = x**2 + 1, y = w*x + b and z = x**y.
import torch

x = torch.tensor(2.0, requires_grad=True)
print("x:", x)
y = x**2 + 1
print("y:", y)
y.backward()
dx = x.grad
print("x.grad :", dx)

x = torch.tensor(3)
w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(5.0, requires_grad=True)
print("x:", x)
print("w:", w)
print("b:", b)
y = w * x + b
print("y:", y)
y.backward()
print("x.grad :", x.grad)
print("w.grad :", w.grad)
print("b.grad :", b.grad)

x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(4.0, requires_grad=True)
z = x**y
print("z:", z)
z.backward()
print("x.grad :", x.grad)
print("y.grad :", y.grad)
print(z.grad_fn, (x ** 2).grad_fn, (2 ** x).grad_fn)
