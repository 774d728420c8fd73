# Cosine similarity and normalisation (embedding tutorials): by hand, with F.normalize, and
# the gradient of a similarity with respect to one vector.
import torch
import torch.nn.functional as F

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.tensor([2.0, 0.0, 1.0])
cos = (a @ b) / (a.norm() * b.norm())
print(cos)
print(F.normalize(a.detach(), dim=0) @ F.normalize(b, dim=0))
cos.backward()
print(a.grad)
M = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 2.0]])
Mn = F.normalize(M, dim=1)
print(Mn @ Mn.t())
print(torch.linalg.vector_norm(M, dim=1), M.norm(p=1, dim=1))
