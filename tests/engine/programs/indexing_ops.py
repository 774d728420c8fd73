# Indexing and gathering (PyTorch API examples for gather, index_select, masked_fill, and
# fancy indexing), with the gradients each sends back.
import torch

t = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
g = torch.gather(t, 1, torch.tensor([[0, 0], [1, 0]]))
print(g)
g.sum().backward()
print(t.grad)
x = torch.randn(3, 4, generator=torch.Generator().manual_seed(0))
indices = torch.tensor([0, 2])
print(torch.index_select(x, 0, indices))
print(torch.index_select(x, 1, indices))
print(x[[0, 2], [1, 3]], x[x > 0], x[:, -1], x[1:, ::2])
y = x.masked_fill(x < 0, 0.0)
print(y)
w = torch.zeros(5, requires_grad=True)
idx = torch.tensor([0, 1, 1, 4])
w[idx].sum().backward()
print(w.grad)
z = torch.arange(10)
z[z % 2 == 0] = -1
print(z)
m = torch.zeros(3, 3)
m[torch.arange(3), torch.arange(3)] = 1
print(m)
print(torch.nonzero(m), m.nonzero(as_tuple=True))
