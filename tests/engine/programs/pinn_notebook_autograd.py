# A learner's PINN notebook, "How to compute grad using pytorch" (github.com/zhuyekun/
# pytorch-PINN): requires_grad, the grad_fn chain of sin(sum(sin(b))**2) walked through
# next_functions, autograd.grad with and without grad_outputs, then the second derivative a
# PINN residual needs.
import torch
from torch.autograd import grad

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)

print("sin(a):", torch.sin(a))
print("sin(b):", torch.sin(b))

c = torch.sin(torch.sin(b).sum() ** 2)
print("c:", c)

print("c:")
print(c.grad_fn)
print(c.grad_fn.next_functions)
print(c.grad_fn.next_functions[0][0].next_functions)
print(c.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
print(c.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].next_functions)
print(c.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0]
      .next_functions[0][0].next_functions)
print("b.grad_fn:", b.grad_fn)

d = torch.sum(b ** 2)
print(grad(d, b))
e = b ** 2
print(grad(e, b, grad_outputs=torch.ones_like(e)))
try:
    grad(e, b)
except RuntimeError as err:
    print(err)

# Second derivative: u = sin(x) * x, u_x and u_xx at a few points, as a PINN residual uses.
x = torch.linspace(0, 1, 5, requires_grad=True)
u = torch.sin(x) * x
u_x = grad(u, x, grad_outputs=torch.ones_like(u), create_graph=True)[0]
u_xx = grad(u_x, x, grad_outputs=torch.ones_like(u_x), create_graph=True)[0]
print(u_x)
print(u_xx)
print(u_xx.grad_fn is not None, u_x.requires_grad)
residual = u_xx + u
print(residual)
loss = (residual ** 2).mean()
loss.backward()
print(x.grad)
