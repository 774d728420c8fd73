# Vector-Jacobian products: backward(v), autograd.grad with grad_outputs, a Jacobian row by row.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] ** 2, x.sum(), x[2].exp()])
print(y)
v = torch.tensor([1.0, 0.5, -1.0, 0.1])
y.backward(v, retain_graph=True)
print(x.grad)
vjp, = torch.autograd.grad(y, x, grad_outputs=v, retain_graph=True)
print(vjp)
rows = []
for i in range(4):
    e = torch.zeros(4)
    e[i] = 1.0
    rows.append(torch.autograd.grad(y, x, grad_outputs=e, retain_graph=True)[0])
J = torch.stack(rows)
print(J)
print(v @ J)
A = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
z = torch.tensor([1.0, -1.0], requires_grad=True)
out = A @ z
out.backward(torch.ones(3))
print(out, z.grad)
print(A.t() @ torch.ones(3))
