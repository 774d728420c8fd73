# PyTorch forums, "Inplace operation changes is_leaf attribute"
# (discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297), with the answer of
# "Leaf variable was used in an inplace operation" (discuss.pytorch.org/t/
# leaf-variable-was-used-in-an-inplace-operation/308): which in-place writes on a leaf that
# requires grad PyTorch refuses, with its messages, and why `c[:] += 1` makes c a non-leaf.
import torch

torch.manual_seed(0)
c = torch.randn(2, 3, requires_grad=True)
print(c.is_leaf)
try:
    c += 1
except RuntimeError as e:
    print("operation 1:", e)
try:
    c.add_(1)
except RuntimeError as e:
    print("operation 3:", e)
try:
    c.mul_(2)
except RuntimeError as e:
    print("mul_:", e)

d = c.detach()
d += 1  # no error: d shares c's data but is outside the graph
print("after d += 1:", c.is_leaf, c.requires_grad, c.grad_fn)
print(c)

# The answer's two ways out: clone first, or leave autograd out with no_grad.
w = torch.tensor([1.0, 2.0, 3.0])
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x + 1
print(w.is_leaf, x.is_leaf, y.is_leaf)
x2 = x.clone()
x2 += 1
print(x2)
print(x2.is_leaf, x2.grad_fn)
with torch.no_grad():
    x += 1
print(x, x.is_leaf, x.requires_grad)

# Operation 6: through a view the write is allowed only for a non-leaf; on the leaf it fails too.
try:
    c[:] += 1
except RuntimeError as e:
    print("operation 6:", e)
e = c * 1
e[:] += 1
print(e.is_leaf, e.grad_fn)
e.sum().backward()
print(c.grad)
