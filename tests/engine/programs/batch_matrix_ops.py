# Batched matrix products (PyTorch API examples for bmm, matmul broadcasting, einsum-free
# attention scores): shapes and gradients.
import torch

torch.manual_seed(0)
input = torch.randn(10, 3, 4)
mat2 = torch.randn(10, 4, 5)
res = torch.bmm(input, mat2)
print(res.size())
tensor1 = torch.randn(3)
tensor2 = torch.randn(3)
print(torch.matmul(tensor1, tensor2).size())
tensor1 = torch.randn(3, 4)
tensor2 = torch.randn(4)
print(torch.matmul(tensor1, tensor2).size())
tensor1 = torch.randn(10, 3, 4)
tensor2 = torch.randn(4)
print(torch.matmul(tensor1, tensor2).size())
tensor2 = torch.randn(10, 4, 5)
print(torch.matmul(tensor1, tensor2).size())
tensor2 = torch.randn(4, 5)
print(torch.matmul(tensor1, tensor2).size())
q = torch.randn(2, 3, 4, requires_grad=True)
k = torch.randn(2, 3, 4, requires_grad=True)
v = torch.randn(2, 3, 4, requires_grad=True)
scores = q @ k.transpose(-2, -1) / 4 ** 0.5
attn = torch.softmax(scores, dim=-1)
out = attn @ v
out.sum().backward()
print(out.shape, attn.sum(-1))
print(q.grad.abs().sum(), k.grad.abs().sum(), v.grad.abs().sum())
