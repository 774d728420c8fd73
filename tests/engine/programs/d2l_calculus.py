# d2l.ai, "Calculus": a numerical limit of the difference quotient next to autograd's answer.
import torch


def f(x):
    return 3 * x ** 2 - 4 * x


def numerical_lim(f, x, h):
    return (f(x + h) - f(x)) / h


h = 0.1
for i in range(5):
    print(f'h={h:.5f}, numerical limit={numerical_lim(f, 1, h):.5f}')
    h *= 0.1
x = torch.tensor(1.0, requires_grad=True)
f(x).backward()
print(x.grad)
x = torch.arange(-2.0, 2.5, 0.5, requires_grad=True)
y = f(x)
y.sum().backward()
print(x.grad)
print(6 * x - 4 == x.grad)
x = torch.linspace(-3, 3, 7, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))
print(x.grad)
x.grad.data.zero_()
y = torch.relu(x)
y.sum().backward()
print(x.grad)
x.grad.zero_()
torch.tanh(x).sum().backward()
print(x.grad)
