# Reductions (d2l.ai "Linear Algebra" reduction section, PyTorch API examples): sum, mean,
# prod, max/min with indices, argmax, std/var, norms, cumsum, along dims with keepdim.
import torch

A = torch.arange(20, dtype=torch.float32).reshape(5, 4)
print(A.sum(), A.sum(axis=0), A.sum(axis=1), A.sum(axis=[0, 1]))
print(A.mean(), A.sum() / A.numel(), A.mean(axis=0))
sum_A = A.sum(axis=1, keepdims=True)
print(sum_A, A / sum_A)
print(A.cumsum(axis=0))
print(A.max(), A.max(dim=1), A.argmax(), A.argmin(dim=0))
print(A.std(), A.var(dim=0), A.std(dim=1, unbiased=False))
print(A.norm(), torch.abs(A).sum(), A.prod(dim=1))
print(torch.tensor([1.0, 2.0, 3.0]).prod(), A.amax(dim=0), A.amin(dim=1))
print(A.all(), (A > 3).any(dim=1), A.logsumexp(dim=1))
