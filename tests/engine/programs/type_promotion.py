# Type promotion: int and float tensors, Python scalars, 0-dim tensors, division, comparisons.
import torch

i = torch.tensor([1, 2, 3])
f = torch.tensor([0.5, 1.5, 2.5])
d = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
b = torch.tensor([True, False, True])
print(i + f, (i + f).dtype)
print(i * 2.5, (i * 2.5).dtype)
print(i / 2, (i / 2).dtype)
print(i // 2, i % 2)
print(i + 1, (i + 1).dtype)
print(f + d, (f + d).dtype)
print(b + 1, (b + 1).dtype)
print(b + b, (b * 1.5).dtype)
print(i + torch.tensor(1.5), (i + torch.tensor(1.5)).dtype)
print(f + torch.tensor(1.0, dtype=torch.float64),
      (f + torch.tensor(1.0, dtype=torch.float64)).dtype)
print(i.float(), i.double().dtype, f.long(), f.int().dtype, f.bool())
print(i > 1, (i > 1).dtype, (f == 1.5).any())
print(torch.result_type(i, 2.0), torch.promote_types(torch.int64, torch.float32))
print(i.to(torch.float64), f.to(torch.int64))
print(torch.tensor([1, 2]) ** 2, torch.tensor([1, 2]) ** 0.5, 2 ** torch.tensor([1, 2]))
print(torch.tensor(3) * torch.tensor([1.5]),
      torch.tensor([3]) * torch.tensor(1.5, dtype=torch.float64))
print(torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2]))
print(torch.arange(5), torch.arange(0, 1, 0.25), torch.arange(5).dtype)
print(torch.zeros(2).dtype, torch.tensor(2).dtype, torch.tensor(2.).dtype,
      torch.tensor([1, 2.]).dtype)
print(i.sum(), i.mean(dtype=torch.float32), f.sum().dtype, b.sum())
