# The version counter error (forums: "one of the variables needed for gradient computation
# has been modified by an inplace operation"): when it happens and how clone() avoids it.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = a.sigmoid()
c = b * 2
b.mul_(2)
try:
    c.sum().backward()
    print('c ok', a.grad)
except RuntimeError:
    print('c failed')
b2 = a.sigmoid()
d = b2 ** 2
b2.add_(1)
try:
    d.sum().backward()
except RuntimeError as e:
    print(str(e).split('.')[0])
a.grad = None
b3 = a + 0
d3 = b3.clone() ** 2
b3.add_(1)
d3.sum().backward()
print(a.grad)
x = torch.ones(2, requires_grad=True)
y = x.exp()
print(y._version)
y.add_(1)
print(y._version)
