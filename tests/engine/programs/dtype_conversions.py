# dtypes and conversions (PyTorch "Tensor Attributes" docs and type promotion examples):
# default dtypes, promotion of mixed operations, casts, and the legacy type strings.
import torch

print(torch.tensor([1, 2]).dtype, torch.tensor([1.0, 2]).dtype, torch.tensor([True]).dtype)
print(torch.get_default_dtype())
print((torch.tensor([1, 2]) + 1.5).dtype, (torch.tensor([1, 2]) / 2).dtype)
print((torch.tensor([1.0]) + torch.tensor([1.0], dtype=torch.float64)).dtype)
print((torch.tensor([1], dtype=torch.int32) + torch.tensor([1])).dtype)
print(torch.tensor([1, 2]).float(), torch.tensor([1.7, -1.7]).long(), torch.tensor([0, 2]).bool())
x = torch.tensor([1.5, 2.5])
print(x.type(), x.double().type(), x.to(torch.int32), x.type(torch.int64))
print(torch.promote_types(torch.int32, torch.float32), torch.result_type(x, 5))
print(torch.zeros(2, dtype=torch.float16).dtype, torch.ones(2).half().dtype)
print(x.is_floating_point(), torch.tensor([1]).is_floating_point())
torch.set_default_dtype(torch.float64)
print(torch.tensor([1.0]).dtype, torch.zeros(1).dtype)
torch.set_default_dtype(torch.float32)
print(torch.finfo(torch.float32).eps, torch.finfo(torch.float64).max, torch.iinfo(torch.int32).max)
print(torch.finfo(torch.float32))
