# A learner's notes on "a leaf Variable that requires grad is being used in an in-place
# operation" (github.com/lhycms/Deep_Learning_Notes): which tensors are leaves, the error for
# x += 1, the two fixes the notes give (clone, or torch.no_grad), and the notes' section on
# no_grad taking precedence over requires_grad; seeded (the notes used torch.rand).
import torch

torch.manual_seed(0)
# For example

# leaf variable
w = torch.tensor([1.0, 2.0, 3.0])

# also leaf variable
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)

# not a leaf variable
y = x + 1
print(w.is_leaf, x.is_leaf, y.is_leaf)

try:
    x += 1  # in-place
except RuntimeError as e:
    print("RuntimeError:", e)
y = x + 1  # not in place

x2 = x.clone()  # clone the variable
x2 += 1  # in-place operation
print(x2)
print(x2.is_leaf, x2.grad_fn, x2.grad_fn.next_functions[0][0])
x2.sum().backward()
print(x.grad)

x = torch.rand(3, requires_grad=True)
with torch.no_grad():
    x += 1
    print(x)
    print(x.requires_grad)
print(x)
print(x.requires_grad, x.is_leaf, x._version)

# no_grad wins over requires_grad: results computed inside it do not require grad
a = torch.tensor([2.0], requires_grad=True)
with torch.no_grad():
    b = a * 2
print(b.requires_grad, b.grad_fn)
c = a * 2
print(c.requires_grad, c.grad_fn)
with torch.no_grad():
    d = torch.ones(1, requires_grad=True)
print(d.requires_grad, d.is_leaf)
(c + d * a).backward()
print(a.grad, d.grad)
