# `.data`: the same storage, outside the graph; old-style SGD updates through it.
import torch

w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
d = w.data
print(d, d.requires_grad, d.is_leaf, d.grad_fn)
d[0] = 10.0
print(w)
w.data.mul_(2)
print(w, w.requires_grad, w.is_leaf)
loss = (w * w).sum()
loss.backward()
print(w.grad)
w.data -= 0.1 * w.grad.data
print(w)
w.grad.data.zero_()
print(w.grad)
w.data = torch.tensor([0.5, 0.5, 0.5])
print(w, w.requires_grad)
(w ** 2).sum().backward()
print(w.grad)
y = w * 3
print(y.data, y.data.grad_fn, y.grad_fn is not None)
y.data.fill_(1.0)
print(y)
lr = 0.5
x = torch.tensor([3.0], requires_grad=True)
for step in range(3):
    loss = (x - 1) ** 2
    loss.backward()
    x.data = x.data - lr * x.grad.data
    x.grad.data.zero_()
    print(step, x, loss.item())
