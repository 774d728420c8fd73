# Low-rank approximation with the SVD (linear algebra course notebooks in PyTorch): the
# factors, the rank-1 reconstruction error, and a gradient through the singular values.
import torch

A = torch.tensor([[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]])
U, S, Vh = torch.linalg.svd(A, full_matrices=False)
print(S)
print(torch.dist(U @ torch.diag(S) @ Vh, A) < 1e-5)
A1 = S[0] * torch.outer(U[:, 0], Vh[0])
print(A1)
print(torch.linalg.norm(A - A1), S[1])
U2, S2, V2 = torch.svd(A)
print(torch.allclose(S, S2), V2.shape)
print(torch.linalg.svd(A).U.shape, torch.linalg.svd(A).Vh.shape)
W = torch.tensor([[2.0, 0.5], [0.5, 1.0], [0.0, 1.0]], requires_grad=True)
nuclear = torch.linalg.svdvals(W).sum()
nuclear.backward()
print(nuclear, W.grad)
