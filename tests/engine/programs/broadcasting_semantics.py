# PyTorch docs, "Broadcasting semantics" (pytorch.org/docs/stable/notes/broadcasting.html):
# which shapes broadcast, in-place restrictions, and gradients summed back to each input.
import torch

x = torch.empty(5, 7, 3)
y = torch.empty(5, 7, 3)
print((x + y).size())
x = torch.empty((0,))
y = torch.empty(2, 2)
try:
    x + y
except RuntimeError as e:
    print(e)
x = torch.empty(5, 3, 4, 1)
y = torch.empty(3, 1, 1)
print((x + y).size())
x = torch.empty(1)
y = torch.empty(3, 1, 7)
print((x + y).size())
x = torch.empty(5, 2, 4, 1)
y = torch.empty(3, 1, 1)
try:
    (x + y).size()
except RuntimeError as e:
    print(e)
x = torch.empty(5, 3, 4, 1)
y = torch.empty(3, 1, 1)
print(x.add_(y).size())
x = torch.empty(1, 3, 1)
y = torch.empty(3, 1, 7)
try:
    x.add_(y)
except RuntimeError as e:
    print(e)
a = torch.ones(3, 1, requires_grad=True)
b = torch.ones(1, 4, requires_grad=True)
(a * b * torch.arange(12.).reshape(3, 4)).sum().backward()
print(a.grad, b.grad)
print(torch.broadcast_shapes((2, 1), (1, 3)), torch.ones(2, 1).expand(2, 3).shape)
