# A learner's blog notes on the gradients of special functions (kwhou.blogspot.com/2020/03/
# pytorch.html, "PyTorch 梯度"): max / min send 1 to the winning element, abs gives -1, 1 and 0
# at zero, where routes each position's gradient to the chosen operand, sign and ceil have zero
# gradient, and comparisons / argmax have none at all.
import torch

a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
b = torch.max(a)
b.backward()
print(a.grad)
a.grad = None
torch.min(a).backward()
print(a.grad)

a = torch.tensor([-1.0, -2.0, 3.0, 0.0], requires_grad=True)
b = torch.abs(a)
b.backward(torch.ones_like(b))
print(a.grad)

a = torch.tensor([True, False, False, True, True])
b = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0], requires_grad=True)
c = torch.tensor([2.0, 4.0, 6.0, 8.0, 10.0], requires_grad=True)
d = torch.where(a, b, c)
print(d)
d.backward(torch.ones_like(d))
print(b.grad)
print(c.grad)

# Functions whose derivative is zero: the gradient flows, and is zero.
x = torch.tensor([-1.5, 0.3, 2.7], requires_grad=True)
for name, fn in [("sign", torch.sign), ("ceil", torch.ceil), ("floor", torch.floor),
                 ("round", torch.round), ("trunc", torch.trunc), ("frac", torch.frac)]:
    x.grad = None
    y = fn(x)
    y.sum().backward()
    print(name, y, x.grad)

# Functions with no gradient at all: the result does not require grad.
for name, fn in [("argmax", lambda t: t.argmax()), ("gt", lambda t: t > 0),
                 ("eq", lambda t: t == 0.3), ("argsort", lambda t: t.argsort())]:
    y = fn(x)
    print(name, y, y.requires_grad, y.grad_fn)
try:
    (x > 0).sum().backward()
except RuntimeError as e:
    print(e)
