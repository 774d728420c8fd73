# Tensor methods textbook code reaches for, with their gradients: new_*, where, masked_fill,
# gather, prod, repeat, chunk, bmm, log1p.
import torch

x = torch.tensor([[1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]], requires_grad=True)
print(x.new_ones(2), x.new_zeros((1, 2)), x.new_full((2,), 7.0), x.new_tensor([1, 2]))
y = torch.where(x > 0, x, torch.zeros_like(x))
y.sum().backward()
print(y, y.grad_fn, x.grad)
x.grad = None
m = x.masked_fill(x < 0, 0.0)
(m * 2).sum().backward()
print(m, m.grad_fn, x.grad)
x.grad = None
idx = torch.tensor([[2, 0], [1, 1]])
gth = x.gather(1, idx)
gth.sum().backward()
print(gth, gth.grad_fn, x.grad)
x.grad = None
p = x.prod()
p.backward()
print(p, p.grad_fn, x.grad)
x.grad = None
pd = x.prod(dim=1)
pd.sum().backward()
print(pd, x.grad)
x.grad = None
r = x.repeat(2, 1)
(r * torch.arange(12.0).view(4, 3)).sum().backward()
print(r.shape, r.grad_fn, x.grad)
x.grad = None
a, b = x.chunk(2, dim=0)
(a * 2 + b * 3).sum().backward()
print(a, b, a.grad_fn, x.grad)
A = torch.arange(12.0).view(2, 2, 3).requires_grad_()
B = torch.ones(2, 3, 2, requires_grad=True)
C = torch.bmm(A, B)
C.sum().backward()
print(C, C.grad_fn, A.grad, B.grad)
z = torch.tensor([0.5, 1.0], requires_grad=True)
l = torch.log1p(z) + torch.expm1(z)
l.sum().backward()
print(l, l.grad_fn, z.grad)
print(torch.clamp(x, min=0).grad_fn, x.clamp(max=1).grad_fn, x.clamp(-1, 1).grad_fn)
