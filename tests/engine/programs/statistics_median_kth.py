# Order statistics (PyTorch API reference examples for median, kthvalue, sort, topk) and the
# gradients that flow to the chosen elements.
import torch

torch.manual_seed(0)
a = torch.randn(4, 5)
print(a)
print(torch.median(a))
print(torch.median(a, 1))
print(a.median(dim=0, keepdim=True))
print(torch.kthvalue(a, 2, 0))
print(a.kthvalue(4, dim=1, keepdim=True))
x = torch.tensor([1.0, 3.0, 2.0, 5.0, 4.0], requires_grad=True)
m = x.median()
m.backward()
print(m, x.grad)
x.grad = None
values, indices = x.kthvalue(2)
(values * 10).backward()
print(values, indices, x.grad)
print(torch.median(torch.tensor([1.0, 2.0, 3.0, 4.0])))
print(torch.topk(a, 2).values)
