# The chain rule checked by hand (calculus course notebooks): derivatives autograd gives for
# composite functions against the formulas written out.
import math

import torch

x = torch.tensor(0.7, requires_grad=True)
y = torch.sin(x ** 2)
y.backward()
print(x.grad.item(), math.cos(0.7 ** 2) * 2 * 0.7)
x.grad = None
y = torch.exp(torch.cos(3 * x))
y.backward()
print(x.grad.item(), math.exp(math.cos(2.1)) * -math.sin(2.1) * 3)
x.grad = None
y = torch.log(1 + x ** 2) / x
y.backward()
print(x.grad.item(), (2 * 0.7 ** 2 / (1 + 0.7 ** 2) - math.log(1 + 0.7 ** 2)) / 0.7 ** 2)
u = torch.tensor(2.0, requires_grad=True)
v = torch.tensor(3.0, requires_grad=True)
f = u ** 2 * v + torch.sqrt(u * v)
f.backward()
print(u.grad, v.grad, 2 * 2 * 3 + 0.5 * 3 / math.sqrt(6), 4 + 0.5 * 2 / math.sqrt(6))
