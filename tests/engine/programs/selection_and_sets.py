# Picking elements (PyTorch API reference examples for masked_select, take, unique and the
# bitwise ops), with gradients through masked_select and take.
import torch

x = torch.tensor([[0.3, -1.2, 2.0], [1.5, -0.4, 0.0]], requires_grad=True)
mask = x.ge(0.5)
print(mask)
picked = torch.masked_select(x, mask)
print(picked)
picked.sum().backward()
print(x.grad)
src = torch.tensor([[4, 3, 5], [6, 7, 8]])
print(torch.take(src, torch.tensor([0, 2, 5])))
x.grad = None
torch.take(x, torch.tensor([[0, 0], [5, 1]])).sum().backward()
print(x.grad)
output = torch.unique(torch.tensor([1, 3, 2, 3], dtype=torch.long))
print(output)
output, inverse_indices = torch.unique(torch.tensor([1, 3, 2, 3], dtype=torch.long),
                                       sorted=True, return_inverse=True)
print(output, inverse_indices)
output, counts = torch.unique(torch.tensor([[2, 3], [2, 3], [1, 1]]), dim=0, return_counts=True)
print(output, counts)
print(torch.bitwise_and(torch.tensor([-1, -2, 3], dtype=torch.int8),
                        torch.tensor([1, 0, 3], dtype=torch.int8)))
print(torch.bitwise_or(torch.tensor([True, True, False]), torch.tensor([False, True, False])))
print(torch.bitwise_xor(torch.tensor([-1, -2, 3]), torch.tensor([1, 0, 3])))
print(torch.bitwise_not(torch.tensor([-1, -2, 3], dtype=torch.int8)))
print(torch.bitwise_left_shift(torch.tensor([-1, -2, 3]), torch.tensor([1, 0, 3])))
print(torch.tensor([16, 8]) >> 2, torch.tensor([1, 2]) << 3, torch.tensor([6]) & 3,
      5 | torch.tensor([2]))
print(torch.frac(torch.tensor([1, 2.5, -3.2])))
