# In the style of d2l.ai's "Automatic Differentiation" and PyTorch's autograd notes: gradients
# by .backward(), by torch.autograd.grad (twice, for a second derivative) and by
# torch.autograd.backward.
import torch

x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)

t = torch.tensor(2.0, requires_grad=True)
cube = t ** 3
dcube, = torch.autograd.grad(cube, t, create_graph=True)
d2cube, = torch.autograd.grad(dcube, t)
print(dcube, d2cube)

s = (x * x).sum()
torch.autograd.backward([s])
print(x.grad)
