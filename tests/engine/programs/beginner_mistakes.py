# Mistakes beginners make, and what PyTorch says: non-leaf weights, updates outside no_grad,
# forgetting to zero gradients, numpy() on a tensor that requires grad, int tensors.
import warnings

import torch

w = torch.randn(3, requires_grad=True) * 0.01
print(w.is_leaf, w.grad_fn)
loss = (w * 2).sum()
loss.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(w.grad)
print(len(caught), caught[0].category.__name__ if caught else None)

torch.manual_seed(0)
w = torch.randn(3, requires_grad=True)
for step in range(2):
    loss = (w ** 2).sum()
    loss.backward()
    print(step, w.grad)
try:
    w -= 0.1 * w.grad
except RuntimeError as e:
    print(type(e).__name__, e)
w = w - 0.1 * w.grad
print(w.is_leaf, w.requires_grad)
loss = (w ** 2).sum()
loss.backward()
try:
    w = w - 0.1 * w.grad
except TypeError as e:
    print(type(e).__name__, e)
try:
    torch.ones(2, requires_grad=True).numpy()
except RuntimeError as e:
    print(type(e).__name__, e)
print(torch.ones(2, requires_grad=True).detach().numpy())
try:
    torch.arange(3, requires_grad=True)
except RuntimeError as e:
    print(type(e).__name__, e)
x = torch.tensor([1, 2, 3])
try:
    x.requires_grad_()
except RuntimeError as e:
    print(type(e).__name__, e)
x = x.float().requires_grad_()
print(x, x.mean())
try:
    x.mean().backward()
    x.mean().item().backward()
except AttributeError as e:
    print(type(e).__name__, e)
try:
    print(x.grad.item())
except RuntimeError as e:
    print(type(e).__name__, e)
