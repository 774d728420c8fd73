# Three androidkt.com posts learners find when searching these errors: "Difference between
# clone vs detach, copy, deepcopy in PyTorch" (androidkt.com/difference-between-clone-vs-detach-
# copy-deepcopy-in-pytorch/), "How to copy PyTorch tensor using clone, detach and deepcopy"
# (androidkt.com/how-to-copy-pytorch-tensor-using-clone-detach-and-deepcopy/) and "One of the
# variables needed for gradient computation has been modified by an inplace operation"
# (androidkt.com/one-of-the-variables-needed-for-gradient-computation-has-been-modified-by-an-
# inplace-operation/): their examples, with the errors they describe caught and printed.
import copy
import warnings

import torch

x = torch.tensor(([1.0]), requires_grad=True)
y = x.detach()
print(y.requires_grad)  # False
y[0] = 2.0
print(x)  # tensor([2.], requires_grad=True)

x = torch.tensor(([1.0]), requires_grad=True)
y = x**2
z = 2*y
w = z**3
p = z
q = torch.tensor(([2.0]), requires_grad=True)
pq = p*q
pq.backward(retain_graph=True)
w.backward()
print(x.grad)  # tensor([56.])

x = torch.tensor(([1.0]), requires_grad=True)
y = x**2
z = 2*y
w = z**3
# detach it, so the gradient w.r.t `p` does not effect `z`!
p = z.detach()
q = torch.tensor(([2.0]), requires_grad=True)
pq = p*q
pq.backward(retain_graph=True)
w.backward()
print(x.grad)
print(q.grad, p.requires_grad, p.grad_fn)

x = torch.ones(5, requires_grad=True)
y = x.clone()
print(x, 'x')
print(y, 'clone of x')

x = torch.ones(5, requires_grad=True)
y = x.clone()*2
z = x.clone()*3
sum = (y+z).sum()
sum.backward()
print(x.grad)  # tensor([5., 5., 5., 5., 5.])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(y.grad)
print([str(w.message)[:70] for w in caught])

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = copy.deepcopy(a)
print(b, b.is_leaf, b is a, b.data_ptr() == a.data_ptr())
c = a.clone().detach()
d = a.detach().clone()
print(c.requires_grad, d.requires_grad, c.data_ptr() == a.data_ptr())
c.add_(10)
print(a, c)

# In-place operation: exp() saves its output for the backward
x = torch.tensor([0.5, 1.0], requires_grad=True)
out = x.exp()
out.add_(1)
try:
    out.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(";")[0])

x = torch.tensor([0.5, 1.0], requires_grad=True)
out = x.exp()
out = out + 1  # out-of-place: a new tensor, the saved one untouched
out.sum().backward()
print(x.grad)

x = torch.tensor([0.5, 1.0], requires_grad=True)
y = x.sigmoid()
y.detach().zero_()  # hidden from autograd, but it is the saved output all the same
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(";")[0])
print(y._version)
