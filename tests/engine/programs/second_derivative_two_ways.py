# A learner's notebook on keeping the graph of a gradient (github.com/FromEssence/AI_Pytorch,
# "Pytorch梯度计算图保留"): the second derivative of y = 2x^3 at x = 2, once with autograd.grad
# (create_graph=True) and once with backward(create_graph=True) reading x.grad, clearing it in
# between (otherwise 24 + 24 = 48); then gradient descent on the first derivative.
import torch
from torch.optim import SGD

x = torch.ones(1)
x[0] = 2
x.requires_grad = True
y = 2 * x * x * x

d1 = torch.autograd.grad(y, x, create_graph=True)[0]
print(d1.grad)
print("dy/dx:", d1)
d2 = torch.autograd.grad(d1, x)[0]
print("d2y/dx2:", d2)

x = torch.ones(1)
x[0] = 2
x.requires_grad = True
y = 2 * x * x * x
y.backward(create_graph=True, retain_graph=True)
d1 = x.grad
print("dy/dx:", d1)
x.grad = None
d1.backward(create_graph=True)
print("d2y/dx2:", x.grad)
print(y.grad)

# Without clearing x.grad the two gradients add up.
x = torch.tensor([2.0], requires_grad=True)
y = 2 * x ** 3
y.backward(create_graph=True)
x.grad.backward()
print("accumulated:", x.grad)

# Minimise the first derivative 6x^2 by SGD, its gradient being the second derivative.
x = torch.tensor([2.0], requires_grad=True)
opt = SGD([x], lr=0.05)
for step in range(5):
    y = 2 * x ** 3
    d1 = torch.autograd.grad(y, x, create_graph=True)[0]
    opt.zero_grad()
    d1.backward()
    opt.step()
    print(step, d1.item(), x.grad.item(), x.item())
