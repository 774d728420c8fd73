# Derivatives of tanh to third order (the "higher-order gradients" example in JAX/PyTorch
# comparisons), against the closed forms 1 - t^2, -2t(1 - t^2), (6t^2 - 2)(1 - t^2).
import torch

x = torch.tensor([-1.0, 0.0, 0.5, 2.0], requires_grad=True)
t = torch.tanh(x)
d1, = torch.autograd.grad(t.sum(), x, create_graph=True)
d2, = torch.autograd.grad(d1.sum(), x, create_graph=True)
d3, = torch.autograd.grad(d2.sum(), x)
tt = t.detach()
print(d1, 1 - tt ** 2)
print(d2, -2 * tt * (1 - tt ** 2))
print(d3, (6 * tt ** 2 - 2) * (1 - tt ** 2))
