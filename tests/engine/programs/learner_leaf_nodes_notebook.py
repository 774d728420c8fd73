# A learner's notebook on leaf and intermediate nodes (github.com/baihuaxie/dl-initial):
# "leaf nodes & intermediate nodes", "autograd on a tensor", "autograd on the output tensor of
# a layer" and ".retain_grad() vs requires_grad=True", with the errors its comments mention
# caught and printed; seeded.
# ruff: noqa: PLR0402 - the source's own style
import torch
import torch.nn as nn

torch.manual_seed(0)

""" leaf nodes & intermediate nodes """
# leaf node A
a = torch.tensor(1.0, requires_grad=True)
# leaf node B
b = torch.tensor(2.0, requires_grad=True)
# intermediate node C
c = a*b
c.backward()
print(c.grad)
print(a.grad)
print(b.grad)
print(a.is_leaf, b.is_leaf, c.is_leaf, c.grad_fn)

""" autograd on a tensor """
x1 = torch.randn((2, 4), requires_grad=True)
x2 = torch.randn((2, 4), requires_grad=True)
y = x1 + x2
y.backward(y)
print(x1.grad)
print(torch.equal(x1.grad, x2.grad), torch.allclose(x1.grad, (x1 + x2).detach()))

""" autograd on the output tensor of a layer. """
model = nn.Sequential(
    nn.Linear(10, 20),
)
x = torch.randn((2, 10), requires_grad=True)
out = model(x)
out.backward(out)
print(x.grad)
print(out.grad)

""" .retain_grad() vs requires_grad=True """
model = nn.Sequential(
    nn.Linear(10, 20),
)

# 1. gradients are not populated for both leaf tensor x and intermediate tensor out
x = torch.randn((2, 10))
out = model(x)
out.backward(out)
print(x.grad)       # None
print(out.grad)     # None

# 2. gradients are populated for intermediate tensor out by declaring out.retain_grad()
x1 = torch.randn((2, 10))
out1 = model(x1)
out1.retain_grad()
try:
    out1.requires_grad = False
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x1.retain_grad()
except RuntimeError as e:
    print("RuntimeError:", e)
out1.backward(out1)
print(x1.grad)      # None
print(out1.grad[0, :5])
print(torch.equal(out1.grad, out1.detach()), out1.retains_grad, x1.retains_grad)

# 3. gradients are populated for leaf tensor x2 by declaring requires_grad=True
x2 = torch.randn((2, 10), requires_grad=True)
out2 = model(x2)
out2.backward(out2)
print(x2.grad[:, :4])
print(out2.grad)
print(model[0].weight.grad.shape, model[0].weight.grad[0, :3])
