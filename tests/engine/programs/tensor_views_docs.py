# PyTorch docs, "Tensor Views" (pytorch.org/docs/stable/tensor_view.html): views share data,
# contiguity after transpose, and what view() refuses.
import torch

t = torch.rand(4, 4, generator=torch.Generator().manual_seed(0))
b = t.view(2, 8)
print(t.data_ptr() == b.data_ptr(), t[1:].data_ptr() == t.data_ptr())
b[0][0] = 3.14
print(t[0][0])
base = torch.tensor([[0, 1], [2, 3]])
print(base.is_contiguous())
t = base.transpose(0, 1)
print(t.is_contiguous())
c = t.contiguous()
print(c.is_contiguous(), c)
try:
    t.view(4)
except RuntimeError as e:
    print(e)
print(t.reshape(4))
x = torch.arange(6.)
y = x[1:4]
y += 10
print(x)
z = x.unsqueeze(0).expand(3, 6)
print(z.shape, z.stride())
print(x.view(2, 3).t().shape, x.view(-1, 2).shape, x.flatten().shape)
