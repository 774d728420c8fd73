# Second and third derivatives with autograd.grad(create_graph=True) and
# backward(create_graph=True).
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy, = torch.autograd.grad(y, x, create_graph=True)
print(dy)
d2y, = torch.autograd.grad(dy, x, create_graph=True)
print(d2y)
d3y, = torch.autograd.grad(d2y, x)
print(d3y)

x = torch.tensor([0.5, 1.0, 2.0], requires_grad=True)
y = torch.sin(x)
g = x
for order in range(1, 5):
    (g,) = torch.autograd.grad(g.sum() if order > 1 else y.sum(), x, create_graph=True)
    print(order, g)

x = torch.tensor(3.0, requires_grad=True)
y = x * x * x
y.backward(create_graph=True)
print(x.grad)
grad_x = x.grad
x.grad = None
grad_x.backward()
print(x.grad)

w = torch.tensor([1.0, -2.0], requires_grad=True)
loss = (w ** 2).sum() * (w.exp()).sum()
g, = torch.autograd.grad(loss, w, create_graph=True)
hessian_rows = [torch.autograd.grad(g[i], w, retain_graph=True)[0] for i in range(2)]
print(torch.stack(hessian_rows))
penalty = g.pow(2).sum()
penalty.backward()
print(g)
print(w.grad)
