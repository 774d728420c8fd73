# Five Stack Overflow questions about autograd, each with the code of its question and the
# answers' explanation run: "Why do we need to call zero_grad()?" (stackoverflow.com/q/48001598),
# "What does retain_graph mean?" (/q/46774641), "Pytorch, what are the gradient arguments"
# (/q/43451125), "Difference between detach() and with torch.no_grad()" (/q/56816241), and
# "Why does autograd not produce gradient for intermediate variables?" (/q/45988168).
import torch

print("--- zero_grad: gradients accumulate")
w = torch.tensor([1.0, 2.0], requires_grad=True)
x = torch.tensor([3.0, 4.0])
for step in range(3):
    loss = (w * x).sum()
    loss.backward()
    print(step, w.grad)
w.grad.zero_()
loss = (w * x).sum()
loss.backward()
print('after zero_', w.grad)

print("--- retain_graph")
a = torch.tensor(2.0, requires_grad=True)
b = a ** 2
c = b * 3
d = b * 5
c.backward(retain_graph=True)
print(a.grad)
d.backward()
print(a.grad)
e = a ** 3
e.backward()
try:
    e.backward()
except RuntimeError as err:
    print('RuntimeError:', str(err).split('.')[0])

print("--- the gradient argument of backward")
x = torch.randn(3, requires_grad=True, generator=torch.Generator().manual_seed(0))
y = x * 2
while y.data.norm() < 1000:
    y = y * 2
gradients = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(gradients)
print(x.grad)
x = torch.ones(2, 2, requires_grad=True)
z = 2 * x * x
try:
    z.backward()
except RuntimeError as err:
    print('RuntimeError:', err)
z.backward(torch.ones(2, 2))
print(x.grad)
x.grad = None
z = 2 * x * x
z.sum().backward()
print(x.grad)

print("--- detach() and no_grad()")
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y_detached = y.detach()
with torch.no_grad():
    y_nograd = x * 2
print(y_detached.requires_grad, y_nograd.requires_grad, y.requires_grad)
print(y_detached.grad_fn, y_nograd.grad_fn, y.grad_fn)
y_detached[0] = 10.0  # shares storage with y
print(y)
z = (x * y_nograd).sum() + (x ** 2).sum()
z.backward()
print(x.grad)

print("--- gradients of intermediate variables")
x = torch.ones(2, requires_grad=True)
y = x * 3
z = y.pow(2).sum()
z.backward()
print(x.grad, y.grad, y.is_leaf)

x = torch.ones(2, requires_grad=True)
y = x * 3
y.retain_grad()
z = y.pow(2).sum()
z.backward()
print(x.grad, y.grad, y.retains_grad)

grads = {}


def save_grad(name):
    def hook(grad):
        grads[name] = grad
    return hook


x = torch.ones(2, requires_grad=True)
y = x * 3
y.register_hook(save_grad('y'))
z = y.pow(2).sum()
z.backward()
print(grads['y'])
