# PyTorch docs, torch.hstack / vstack / dstack / tile / repeat_interleave / movedim / diff /
# tensordot / cartesian_prod: the documented examples and a gradient through stack and tile.
import torch

a = torch.tensor([1, 2, 3])
b = torch.tensor([4, 5, 6])
print(torch.hstack((a, b)))
print(torch.vstack((a, b)))
print(torch.dstack((a, b)))
print(torch.tile(torch.tensor([1, 2, 3]), (2,)))
print(torch.tile(torch.tensor([[1, 2], [3, 4]]), (2, 2)))
x = torch.tensor([1, 2, 3])
print(x.repeat_interleave(2))
y = torch.tensor([[1, 2], [3, 4]])
print(torch.repeat_interleave(y, 2))
print(torch.repeat_interleave(y, 3, dim=1))
print(torch.repeat_interleave(y, torch.tensor([1, 2]), dim=0))
t = torch.randn(3, 2, 1)
print(torch.movedim(t, 1, 0).shape, torch.movedim(t, (1, 2), (0, 1)).shape)
print(torch.diff(torch.tensor([1, 3, 2])))
print(torch.diff(torch.tensor([[1, 2, 3], [3, 4, 5]]), dim=0))
print(torch.tensordot(torch.arange(60.).reshape(3, 4, 5), torch.arange(24.).reshape(4, 3, 2),
                      dims=([1, 0], [0, 1])))
print(torch.cartesian_prod(torch.tensor([1, 2, 3]), torch.tensor([4, 5])))
w = torch.tensor([1.0, 2.0], requires_grad=True)
(torch.tile(w, (3,)) * torch.arange(6.0)).sum().backward()
print(w.grad)
print(torch.tril_indices(3, 3), torch.var_mean(torch.tensor([1.0, 2.0, 4.0])))
