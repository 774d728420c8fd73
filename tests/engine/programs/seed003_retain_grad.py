# Seed tutorial 003: backward from a leaf and from a non-leaf that retains its gradient.
import torch

torch.manual_seed(2024)
tensor_requires_grad = torch.rand(2, 3, requires_grad=True)
print(tensor_requires_grad)
tensor_grad_result = tensor_requires_grad * 2
print(tensor_grad_result)
tensor_requires_grad.backward(torch.ones_like(tensor_requires_grad))
print(tensor_requires_grad.grad)
tensor_grad_result.retain_grad()
print(tensor_grad_result.retains_grad, tensor_requires_grad.retains_grad)
tensor_grad_result.backward(torch.ones_like(tensor_grad_result))
print(tensor_grad_result.grad)
print(tensor_requires_grad.grad)
