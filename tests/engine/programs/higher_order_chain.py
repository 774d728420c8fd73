# Higher derivatives with create_graph (PyTorch forums "third derivative", and the autograd
# docs): repeated torch.autograd.grad keeps the graph, for polynomials, sin, exp and relu.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 2
g, = torch.autograd.grad(y, x, create_graph=True)
h, = torch.autograd.grad(g, x, create_graph=True)
print(g, h, h.requires_grad)
k, = torch.autograd.grad(h, x, allow_unused=True)
print(k)
x = torch.tensor(1.5, requires_grad=True)
y = x ** 4
ders = []
cur = y
for n in range(4):
    cur, = torch.autograd.grad(cur, x, create_graph=True)
    ders.append(cur.item())
print(ders)
x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
f = torch.sin(x) * torch.exp(x)
d1, = torch.autograd.grad(f.sum(), x, create_graph=True)
d2, = torch.autograd.grad(d1.sum(), x, create_graph=True)
d3, = torch.autograd.grad(d2.sum(), x)
print(d1, d2, d3, sep='\n')
z = torch.relu(x * 3 - 2)
dz, = torch.autograd.grad(z.sum(), x, create_graph=True)
print(dz, dz.requires_grad)
ddz, = torch.autograd.grad(dz.sum(), x)
print(ddz)
x = torch.tensor(3.0, requires_grad=True)
y = x ** 3
y.backward(create_graph=True)
gx = x.grad
x.grad = None
gx.backward()
print(gx, x.grad)
