# Two learners' questions about retain_grad: the PyTorch forums thread "loss.grad is constant 1"
# (discuss.pytorch.org/t/loss-grad-is-constant-1/130964), whose poster wrote a mini-tutorial in
# code (a leaf without and with requires_grad, then retain_grad on the loss), and the Stack
# Overflow question retold at openillumi.com/en/en-pytorch-retain-grad-inplace-error-fix: where
# y.retain_grad() is called around the in-place writes y[0] = a; y[1] = y[0] * 2 changes y.grad.
# ruff: noqa: FURB105, UP034 - the source's own style
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(1, 1)
print("#"*7)
print("Case 1")
print("#"*7)
# Case 1: No tensor has the grad attribute, none of the learnt gradients
# is saved
# This is a leaf, but has no grad attribute
x = torch.randn(1, 1)
print(x)
print(x.is_leaf)  # True
print(x.grad)  # None
# Forward pass, compute loss
out = model(x)
loss = out**2
# The following will print None, since we haven't computed any gradients
# yet. (Also because neither variable has a grad attribute!)
print(loss.grad)  # None
print(x.grad)  # None
loss.backward()
print(loss.grad)  # None
print(x.grad)  # None
print("")
print("*"*7)
print("Case 2")
print("*"*7)
# Case 2: The one leaf tensor has the grad attribute, so its
# learnt gradient is saved
y = torch.randn(1, 1, requires_grad=True)
print(y)
print(y.is_leaf)  # True
print(y.grad)  # None
out = model(y)
loss = out**2
print(loss.grad)  # None
print(y.grad)  # None
loss.backward()
print(loss.grad)  # None
print(y.grad)
print("")
print("*"*7)
print("Case 3")
print("*"*7)
# Case 3: retain_grad on the (non-leaf) loss
z = torch.randn(1, 1, requires_grad=True)
out = model(z)
loss = out**2
loss.retain_grad()
print(loss.is_leaf, loss.retains_grad, loss.grad)
loss.backward()
print(loss.grad)  # tensor([[1.]])
print(z.grad)
print(model.weight.grad, model.bias.grad)

print("--- retain_grad after the in-place writes")
a = torch.tensor([1.], requires_grad=True)
y = torch.zeros((10))
gt = torch.zeros((10))
y[0] = a
y[1] = y[0] * 2
loss = torch.sum((y-gt) ** 2)
y.retain_grad()  # Call after computation
loss.backward()
print(y.grad)
print(a.grad)

print("--- retain_grad between them")
a = torch.tensor([1.], requires_grad=True)
y = torch.zeros((10))
gt = torch.zeros((10))
y[0] = a
y.retain_grad()
y[1] = y[0] * 2
loss = torch.sum((y-gt) ** 2)
loss.backward()
print(y.grad)
print(a.grad)
print(y.grad_fn, y.is_leaf, y.retains_grad)

print("--- retain_grad before them")
a = torch.tensor([1.], requires_grad=True)
y = torch.zeros((10))
y.requires_grad_()
y.retain_grad()
y2 = y.clone()
y2[0] = a
y2[1] = y2[0] * 2
y2.retain_grad()
loss = torch.sum(y2 ** 2)
loss.backward()
print(y.grad, y.is_leaf)
print(y2.grad)
print(a.grad)
