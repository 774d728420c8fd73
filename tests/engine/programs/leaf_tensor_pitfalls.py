# Leaf-tensor pitfalls learners post about (forums: "grad is None", "a leaf Variable that
# requires grad is being used in an in-place operation"): the usual mistakes and fixes.
import warnings

import torch

warnings.simplefilter('ignore')
w = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(0)) * 2
print(w.is_leaf, w.grad_fn.name())
w.sum().backward()
print(w.grad)
w = torch.randn(3, generator=torch.Generator().manual_seed(0)).mul(2).requires_grad_()
w.sum().backward()
print(w.is_leaf, w.grad)
try:
    w += 1
except RuntimeError as e:
    print(e)
with torch.no_grad():
    w += 1
print(w.requires_grad, w.is_leaf)
w.data.zero_()
print(w)
x = torch.ones(2, requires_grad=True)
y = x.cuda() if torch.cuda.is_available() else x.float()
print(y is x, y.is_leaf)
z = x.to(torch.float64)
print(z.is_leaf, z.grad_fn.name())
try:
    torch.ones(2).sum().backward()
except RuntimeError as e:
    print(e)
