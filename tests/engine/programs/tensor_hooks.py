# register_hook on leaves and intermediate tensors: seeing and changing gradients.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
y.register_hook(lambda g: print("grad of y:", g))
h = x.register_hook(lambda g: g * 10)
z = (y ** 2).sum()
z.backward()
print(x.grad)
h.remove()
x.grad = None
z = (x * 2).pow(2).sum()
z.backward()
print(x.grad)
seen = []
a = torch.tensor(2.0, requires_grad=True)
b = a * a
b.register_hook(lambda g: seen.append(g.item()))
c = b * 3 + b
c.backward()
print(seen, a.grad)
