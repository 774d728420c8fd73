# Backtracking line search with the Armijo condition (numerical optimisation notebook), the
# gradient and directional derivative from autograd.
import torch


def f(x):
    return (x[0] - 1) ** 2 + 5 * (x[1] - x[0] ** 2) ** 2


x = torch.tensor([-1.0, 1.0], requires_grad=True)
for it in range(5):
    fx = f(x)
    g, = torch.autograd.grad(fx, x)
    d = -g
    step = 1.0
    with torch.no_grad():
        while f(x + step * d) > fx + 1e-4 * step * (g @ d):
            step *= 0.5
        x += step * d
    print(it, round(fx.item(), 5), step, x.detach())
