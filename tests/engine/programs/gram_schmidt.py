# Gram-Schmidt orthogonalisation (linear algebra course exercise) with tensor ops, checked
# against Q^T Q = I, and a gradient through the procedure.
import torch


def gram_schmidt(A):
    qs = []
    for j in range(A.shape[1]):
        v = A[:, j]
        for q in qs:
            v = v - (q @ v) * q
        qs.append(v / v.norm())
    return torch.stack(qs, dim=1)


A = torch.tensor([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], requires_grad=True)
Q = gram_schmidt(A)
print(Q)
print(torch.allclose(Q.t() @ Q, torch.eye(3), atol=1e-6))
R = Q.t() @ A
print(R.triu().round(decimals=4))
Q[:, 2].sum().backward()
print(A.grad)
