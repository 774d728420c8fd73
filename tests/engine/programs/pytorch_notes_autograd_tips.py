# A learner's PyTorch notes on autograd (github.com/elsieyin/PyTorch-Notes, the autograd
# notebook): torch.add and torch.mul graphs, backward with retain_graph, gradient= weights
# for a concatenated output, first and second derivatives with autograd.grad, gradients that
# accumulate until zero_(), requires_grad propagation, and what in-place ops do to a tensor's
# identity and to a leaf. (The notebook prints id(a); here whether the id changed.)
import torch

w = torch.tensor([1.], requires_grad=True)
x = torch.tensor([2.], requires_grad=True)

a = torch.add(w, x)
b = torch.add(w, 1)
y = torch.mul(a, b)

y.backward(retain_graph=True)
print(w.grad)
y.backward()
print(w.grad)

w = torch.tensor([1.], requires_grad=True)
x = torch.tensor([2.], requires_grad=True)

a = torch.add(w, x)     # retain_grad()
b = torch.add(w, 1)

y0 = torch.mul(a, b)    # y0 = (x+w) * (w+1)
y1 = torch.add(a, b)    # y1 = (x+w) + (w+1)    dy1/dw = 2

loss = torch.cat([y0, y1], dim=0)       # [y0, y1]
grad_tensors = torch.tensor([1., 2.])

# gradient 传入 torch.autograd.backward()中的grad_tensors
loss.backward(gradient=grad_tensors)

print(w.grad)

x = torch.tensor([3.], requires_grad=True)
y = torch.pow(x, 2)     # y = x**2

# grad_1 = dy/dx = 2x = 2 * 3 = 6
grad_1 = torch.autograd.grad(y, x, create_graph=True)
print("grad_1: ", grad_1)

# grad_2 = d(dy/dx)/dx = d(2x)/dx = 2
grad_2 = torch.autograd.grad(grad_1[0], x)
print("grad_2: ", grad_2)

w = torch.tensor([1.], requires_grad=True)
x = torch.tensor([2.], requires_grad=True)

for i in range(4):
    a = torch.add(w, x)
    b = torch.add(w, 1)
    y = torch.mul(a, b)

    y.backward()
    print(w.grad)

    w.grad.zero_()

w = torch.tensor([1.], requires_grad=True)
x = torch.tensor([2.], requires_grad=True)

a = torch.add(w, x)
b = torch.add(w, 1)
y = torch.mul(a, b)

print(a.requires_grad, b.requires_grad, y.requires_grad)

a = torch.ones((1, ))
before = id(a)
print(a)
a = a + torch.ones((1, ))
print(id(a) == before, a)

before = id(a)
a += torch.ones((1, ))
print(id(a) == before, a)

w = torch.tensor([1.], requires_grad=True)
x = torch.tensor([2.], requires_grad=True)

a = torch.add(w, x)
b = torch.add(w, 1)
y = torch.mul(a, b)

try:
    w.add_(1)
except RuntimeError as e:
    print("RuntimeError:", e)

y.backward()
print(w.grad, x.grad)
