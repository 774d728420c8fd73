# PyTorch docs, torch.einsum: trace, diagonal, outer product, batch matrix multiplication,
# ellipsis broadcasting and a bilinear form, each checked against the usual op.
import torch

torch.manual_seed(0)
print(torch.einsum('ii', torch.randn(4, 4)).shape)
A = torch.randn(4, 4)
print(torch.allclose(torch.einsum('ii->i', A), torch.diagonal(A)))
x = torch.randn(5)
y = torch.randn(4)
print(torch.allclose(torch.einsum('i,j->ij', x, y), torch.outer(x, y)))
As = torch.randn(3, 2, 5)
Bs = torch.randn(3, 5, 4)
print(torch.allclose(torch.einsum('bij,bjk->bik', As, Bs), torch.bmm(As, Bs), atol=1e-6))
A = torch.randn(2, 3, 4, 5)
print(torch.einsum('...ij->...ji', A).shape)
A = torch.randn(3, 5, 4)
l = torch.randn(2, 5)
r = torch.randn(2, 4)
print(torch.einsum('bn,anm,bm->ba', l, A, r))
print(torch.einsum('ij,jk', torch.ones(2, 3), torch.ones(3, 2)))
