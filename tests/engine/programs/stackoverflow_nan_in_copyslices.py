# Stack Overflow, "PyTorch backward() on a tensor element affected by nan in other elements"
# (the question's two examples and its answer): assigning into a tensor with indexing records
# CopySlices over the whole tensor, so a nan in one element reaches another element's gradient
# (0 * nan = nan); kept as separate tensors, or with the nan masked, it does not.
import torch

x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(0.0, requires_grad=True)
z = torch.full((2,), float("nan"))
z0 = x * y / y
z1 = x + y
print(z0, z1)
z1.backward()
print(x.grad)

x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(0.0, requires_grad=True)
z = torch.full((2,), float("nan"))
z[0] = x * y / y
z[1] = x + y
print(z)
z[1].backward()
print(x.grad)
print(y.grad)

# The answer's way out: mask the nan before it enters the graph (torch.where on the safe value).
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(0.0, requires_grad=True)
safe_y = torch.where(y == 0, torch.ones_like(y), y)
ratio = torch.where(y == 0, torch.zeros_like(y), x * y / safe_y)
z = torch.stack([ratio, x + y])
print(z)
z[1].backward()
print(x.grad, y.grad)

# And the where-gradient trap the masking avoids: where selects the value, not the gradient.
y = torch.tensor([0.0, 2.0], requires_grad=True)
bad = torch.where(y == 0, torch.zeros_like(y), 1 / y)
bad.sum().backward()
print(bad, y.grad)
