# The vector-Jacobian product (PyTorch tutorial "Automatic Differentiation with torch.autograd",
# optional reading on tensor gradients): backward with a gradient argument, accumulation,
# and zeroing between calls.
import torch

inp = torch.eye(4, 5, requires_grad=True)
out = (inp + 1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nCall after zeroing gradients\n{inp.grad}")
x = torch.ones(5)
y = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True, generator=torch.Generator().manual_seed(0))
b = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(1))
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print(f"Gradient function for z = {z.grad_fn.name()}")
print(f"Gradient function for loss = {loss.grad_fn.name()}")
loss.backward()
print(w.grad)
print(b.grad)
z_det = z.detach()
print(z_det.requires_grad)
