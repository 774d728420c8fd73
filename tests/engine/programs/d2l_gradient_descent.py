# d2l.ai, "Gradient Descent" (d2l.ai/chapter_optimization/gd.html): one-dimensional gradient
# descent with several learning rates, local minima, multivariate descent and Newton's method;
# here the derivatives the book writes by hand are checked against autograd.
import torch


def f(x):  # Objective function
    return x ** 2


def f_grad(x):  # Gradient (derivative) of the objective function
    return 2 * x


def gd(eta, f_grad):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x)
        results.append(float(x))
    print(f'epoch 10, x: {x:f}')
    return results


results = gd(0.2, f_grad)
print([round(r, 4) for r in results[:4]])
gd(0.05, f_grad)
gd(1.1, f_grad)

c = torch.tensor(0.15 * torch.pi)


def f(x):  # noqa: F811 - the book redefines it
    return x * torch.cos(c * x)


def f_grad(x):  # Gradient of the objective function
    return torch.cos(c * x) - c * x * torch.sin(c * x)


x = torch.tensor(10.0)
for i in range(10):
    x -= 2 * f_grad(x)
print(f'epoch 10, x: {x:f}')

# The hand-written derivative against autograd.
x = torch.tensor(3.0, requires_grad=True)
f(x).backward()
print(x.grad, f_grad(torch.tensor(3.0)))


def f_2d(x1, x2):  # Objective function
    return x1 ** 2 + 2 * x2 ** 2


def f_2d_grad(x1, x2):  # Gradient of the objective function
    return (2 * x1, 4 * x2)


def gd_2d(x1, x2, s1, s2, f_grad):
    g1, g2 = f_grad(x1, x2)
    return (x1 - eta * g1, x2 - eta * g2, 0, 0)


def train_2d(trainer, steps=20, f_grad=None):
    """Optimize a 2D objective function with a customized trainer."""
    # `s1` and `s2` are internal state variables that will be used in Momentum, adagrad, RMSProp
    x1, x2, s1, s2 = -5, -2, 0, 0
    results = [(x1, x2)]
    for i in range(steps):
        if f_grad:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2, f_grad)
        else:
            x1, x2, s1, s2 = trainer(x1, x2, s1, s2)
        results.append((x1, x2))
    print(f'epoch {i + 1}, x1: {float(x1):f}, x2: {float(x2):f}')
    return results


eta = 0.1
train_2d(gd_2d, f_grad=f_2d_grad)

xy = torch.tensor([-5.0, -2.0], requires_grad=True)
for i in range(20):
    loss = f_2d(xy[0], xy[1])
    grad, = torch.autograd.grad(loss, xy)
    with torch.no_grad():
        xy -= eta * grad
print(xy.detach())

c = torch.tensor(0.5)


def f(x):  # Objective function
    return torch.cosh(c * x)


def f_grad(x):  # Gradient of the objective function
    return c * torch.sinh(c * x)


def f_hess(x):  # Hessian of the objective function
    return c**2 * torch.cosh(c * x)


def newton(eta=1):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x) / f_hess(x)
        results.append(float(x))
    print('epoch 10, x:', x)
    return results


newton()

c = torch.tensor(0.15 * torch.pi)


def f(x):  # Objective function
    return x * torch.cos(c * x)


def f_grad(x):  # Gradient of the objective function
    return torch.cos(c * x) - c * x * torch.sin(c * x)


def f_hess(x):  # noqa: F811 - the book redefines it
    return - 2 * c * torch.sin(c * x) - x * c**2 * torch.cos(c * x)


newton()
newton(0.5)

# The Hessian by double backward.
x = torch.tensor(2.0, requires_grad=True)
g, = torch.autograd.grad(f(x), x, create_graph=True)
h, = torch.autograd.grad(g, x)
print(g.item(), f_grad(torch.tensor(2.0)).item())
print(h.item(), f_hess(torch.tensor(2.0)).item())
