# Torque as a cross product, and its gradient (a physics course exercise in PyTorch):
# torch.linalg.cross and torch.cross, batched, with backward.
import torch

r = torch.tensor([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]], requires_grad=True)
F = torch.tensor([[0.0, 1.0, 0.0], [3.0, 0.0, 1.0]])
tau = torch.linalg.cross(r, F)
print(tau)
print(torch.cross(r, F, dim=1))
tau.norm().backward()
print(r.grad)
a = torch.randn(4, 3, generator=torch.Generator().manual_seed(0))
b = torch.randn(4, 3, generator=torch.Generator().manual_seed(1))
c = torch.linalg.cross(a, b)
print((c * a).sum(1).abs().max() < 1e-5, (c * b).sum(1).abs().max() < 1e-5)
print(torch.linalg.cross(torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 1.0, 0.0])))
