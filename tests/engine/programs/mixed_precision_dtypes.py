# Mixing float32 and float64 in autograd (forum questions "expected Double but found Float"):
# promotion in arithmetic, the error in matmul, gradients keep each leaf's dtype.
import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
c = (a * b).sum()
print(c.dtype)
c.backward()
print(a.grad.dtype, b.grad.dtype, a.grad, b.grad)
try:
    torch.ones(2, 2) @ torch.ones(2, 2, dtype=torch.float64)
except RuntimeError as e:
    print(e)
m = torch.ones(2, 2, dtype=torch.float64) @ torch.ones(2, 2).double()
print(m.dtype)
lin = torch.nn.Linear(2, 1).double()
print(lin.weight.dtype, lin(torch.ones(1, 2, dtype=torch.float64)).dtype)
